// Provenance in the file: the command line a shell reads back into the same words, the working
// directory, the source revision and whether the tree was modified, the compiler and the library
// versions, threads and block size; `detsim summarize` shows them.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <CLI/Version.hpp>
#include <Eigen/Core>
#include <boost/version.hpp>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;
using Catch::Contains;

namespace {

// What a command prints on stdout, without its last newline; fails the test if it fails.
std::string output_of(const std::vector<std::string>& argv, const TempDir& dir) {
  const CommandResult r = run_command(argv, dir.path());
  INFO(argv.front() << " stderr: " << r.err);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == 0);
  std::string out = r.out;
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// The compiler that built this test, which CMake also used for detsim, from its own macros.
std::string this_compiler() {
#if defined(__clang__)
  return fmt::format("Clang {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  return fmt::format("GNU {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  return "unknown compiler";
#endif
}

}  // namespace

TEST_CASE("provenance attributes: argv quoted, directory, revision, build, threads and block size",
          "[cli][provenance]") {
  const TempDir dir;
  std::filesystem::create_directories(dir / "out dir");
  const auto out = dir / "out dir" / "it's here.h5";
  // Words a shell would split, expand or glob, and a quote inside a quoted word.
  const std::vector<std::string> argv{
      DETSIM_BINARY, "run",          kInterfaceExample.string(),
      "--trials",    "20",           "--threads",
      "2",           "--block-size", "7",
      "--quiet",     "--set",        "description=it's $HOME, \"quoted\" and * `ls`",
      "-o",          out.string()};
  const CommandResult r = run_command(argv, dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit.status == 0);
  const ResultsFileInfo info = read_results_info(out);

  SECTION("command_line, pasted into a shell, gives back every word") {
    INFO("command_line: " << info.command_line);
    const std::string words =
        output_of({"/bin/bash", "-c", "printf '%s\\n' " + info.command_line}, dir);
    std::string expected;
    for (const std::string& word : argv) expected += (expected.empty() ? "" : "\n") + word;
    CHECK(words == expected);
  }

  SECTION("working directory, threads and block size") {
    CHECK(std::filesystem::equivalent(info.working_directory, dir.path()));
    CHECK(info.threads == 2);
    CHECK(info.block_size == 7);
  }

  SECTION("the git revision and the dirty flag of the tree the binary was built from") {
    // Taken at build time; the tests run right after the build, on the same tree.
    const CommandResult head = run_command(
        {"/usr/bin/git", "-C", DETSIM_SOURCE_DIR, "rev-parse", "--short=12", "HEAD"}, dir.path());
    if (head.exit.exited && head.exit.status == 0) {
      CHECK(info.git_revision + "\n" == head.out);
      const std::string changes =
          output_of({"/usr/bin/git", "-C", DETSIM_SOURCE_DIR, "status", "--porcelain"}, dir);
      INFO("git status --porcelain:\n" << changes);
      CHECK(info.git_dirty == (changes.empty() ? 0 : 1));
    } else {
      CHECK(info.git_revision == "unknown");
      CHECK(info.git_dirty == -1);
    }
  }

  SECTION("compiler and library versions, each from a source of its own") {
    CHECK(info.compiler == this_compiler());
    const std::string expected =
        fmt::format("Boost {}.{}.{}, HDF5 {}, yaml-cpp {}, Eigen {}.{}.{}, fmt {}.{}.{}, CLI11 {}",
                    BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100,
                    output_of({"/usr/bin/pkg-config", "--modversion", "hdf5"}, dir),
                    output_of({"/usr/bin/pkg-config", "--modversion", "yaml-cpp"}, dir),
                    EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION,
                    FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100, CLI11_VERSION);
    CHECK(info.library_versions == expected);
  }

  SECTION("detsim summarize shows them") {
    const std::string shown = output_of({DETSIM_BINARY, "summarize", out.string()}, dir);
    CHECK_THAT(shown, Contains("  command:    " + info.command_line + "\n"));
    CHECK_THAT(shown, Contains("  directory:  " + info.working_directory + "\n"));
    CHECK_THAT(shown, Contains("  built with: " + info.compiler + "; " + info.library_versions));
    CHECK_THAT(shown, Contains("  threads 2, block size 7\n"));
    CHECK_THAT(shown, Contains("(git " + info.git_revision));
  }
}
