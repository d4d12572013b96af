// `detsim summarize` on damaged or unfinished results files: a clear message and status 2,
// never a crash or a hang, whatever the bytes (libhdf5 itself crashes on some: see crash_guard).
#include <catch2/catch.hpp>

#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>

#include "cli_test_support.hpp"

using namespace detsim;
using namespace detsim::test;
using Catch::Contains;

namespace {

std::filesystem::path example_results(const TempDir& dir) {
  const auto out = dir / "example.h5";
  const CommandResult r = run_detsim(
      {"run", kInterfaceExample.string(), "--quiet", "--trials", "300", "-o", out.string()}, dir);
  REQUIRE(r.exit.status == 0);
  return out;
}

// Rewrites one dataset of a results file with h5py, as another tool (or a bad edit) might.
void rewrite_with_python(const TempDir& dir, const std::filesystem::path& file,
                         const std::string& statements) {
  const CommandResult r =
      run_command({DETSIM_PYTHON, "-c",
                   "import sys, h5py, numpy as np\nf = h5py.File(sys.argv[1], 'r+')\n" +
                       statements + "\nf.close()",
                   file.string()},
                  dir.path());
  INFO("python: " << r.err);
  REQUIRE(r.exit.status == 0);
}

// `detsim summarize FILE`, waiting up to two minutes. In a sanitizer build, AddressSanitizer
// reports libhdf5's over-reads on damaged files and exits with status 1; made to abort instead,
// the report is the crash it stands for, which the summarize child process must contain.
CommandResult summarize(const std::filesystem::path& file, const TempDir& dir) {
  const char* options = std::getenv("ASAN_OPTIONS");
  const std::string aborting = std::string(options ? options : "") + ":abort_on_error=1";
  ::setenv("ASAN_OPTIONS", aborting.c_str(), 1);
  CommandResult r = run_command({DETSIM_BINARY, "summarize", file.string()}, dir.path(),
                                std::chrono::seconds(120));
  if (options) {
    ::setenv("ASAN_OPTIONS", options, 1);
  } else {
    ::unsetenv("ASAN_OPTIONS");
  }
  return r;
}

void check_refused(const CommandResult& r, const std::string& says) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 2);
  CHECK_THAT(r.err, Contains(says));
  CHECK(r.out.empty());
}

}  // namespace

TEST_CASE("summarize refuses columns of another type instead of crashing", "[cli][summarize]") {
  const TempDir dir;
  const auto file = example_results(dir);
  SECTION("summary means stored as integers") {
    rewrite_with_python(dir, file,
                        "d = f['summary/mean'][...]\ndel f['summary/mean']\n"
                        "f['summary/mean'] = d.astype(np.int32)");
    check_refused(run_detsim({"summarize", file.string()}, dir),
                  "/summary/mean: holds i32 values, not f64");
  }
  SECTION("structure names stored as numbers") {
    rewrite_with_python(dir, file,
                        "n = len(f['experiments/structure'])\ndel f['experiments/structure']\n"
                        "f['experiments/structure'] = np.zeros(n)");
    check_refused(run_detsim({"summarize", file.string()}, dir),
                  "/experiments/structure: holds f64 values, not str");
  }
  SECTION("an experiment number that names no experiment") {
    rewrite_with_python(dir, file, "f['summary/experiment'][0] = 7");
    check_refused(run_detsim({"summarize", file.string()}, dir),
                  "/summary/experiment: row 0 holds 7");
  }
}

TEST_CASE("summarize refuses a truncated file, saying so", "[cli][summarize]") {
  const TempDir dir;
  const auto file = example_results(dir);
  std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
  check_refused(run_detsim({"summarize", file.string()}, dir), "truncated");
}

TEST_CASE("summarize of a killed run's .part file explains that it has no summary yet",
          "[cli][summarize]") {
  const TempDir dir;
  const auto out = dir / "killed.h5";
  ChildProcess child({DETSIM_BINARY, "run", kUkraine.string(), "--trials", "2000000", "--threads",
                      "1", "--quiet", "-o", out.string()},
                     dir.path(), dir / "stdout.txt", dir / "stderr.txt");
  const auto part = wait_for_part_file(out);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // a flush or two of trials
  child.send_signal(SIGKILL);
  REQUIRE(child.wait_for(std::chrono::seconds(30)).has_value());
  check_refused(run_detsim({"summarize", part.string()}, dir), "no /summary yet");
}

TEST_CASE("summarize never crashes or hangs on 150 random corruptions of a results file",
          "[cli][summarize]") {
  const TempDir dir;
  const auto file = example_results(dir);
  const std::string original = read_text_file(file);
  std::mt19937_64 random(20261130);  // fixed: the same 150 files every run
  const auto below = [&](std::size_t n) {
    return static_cast<std::size_t>(std::uniform_int_distribution<std::size_t>(0, n - 1)(random));
  };
  int read = 0, refused = 0;
  for (int i = 0; i < 150; ++i) {
    std::string bytes = original;
    const std::size_t kind = below(20);
    if (kind < 14) {  // flip 1 to 8 bits
      for (std::size_t f = 0, flips = 1 + below(8); f < flips; ++f) {
        bytes[below(bytes.size())] ^= static_cast<char>(1 << below(8));
      }
    } else if (kind < 17) {  // cut the file short
      bytes.resize(below(bytes.size()));
    } else {  // overwrite a run of up to 64 bytes with noise
      const std::size_t at = below(bytes.size());
      for (std::size_t k = at; k < std::min(bytes.size(), at + 1 + below(64)); ++k) {
        bytes[k] = static_cast<char>(below(256));
      }
    }
    const auto damaged = dir / ("damaged" + std::to_string(i) + ".h5");
    write_text_file(damaged, bytes);
    const CommandResult r = summarize(damaged, dir);
    INFO("corruption " << i << ": stderr " << r.err);
    REQUIRE(r.exit.exited);  // neither killed by a signal nor by the 120 s timeout
    REQUIRE((r.exit.status == 0 || r.exit.status == 2));
    (r.exit.status == 0 ? read : refused) += 1;
    std::filesystem::remove(damaged);
  }
  CHECK(read + refused == 150);
  CHECK(refused > 10);  // most damage lands in /trials, which summarize does not read
}

TEST_CASE("inputs kept from fuzzing the results reader are summarized or refused, never a crash",
          "[cli][summarize]") {
  const TempDir dir;
  std::size_t replayed = 0;
  for (const char* set : {"regressions/results", "corpus/results"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(kSourceDir / "tests" / "fuzz" / set)) {
      const CommandResult r = summarize(entry.path(), dir);
      INFO(entry.path().string() << ": stderr " << r.err);
      REQUIRE(r.exit.exited);
      CHECK((r.exit.status == 0 || r.exit.status == 2));
      ++replayed;
    }
  }
  CHECK(replayed >= 2);
}
