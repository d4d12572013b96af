// A results file goes only to a regular file that is not an input, through a temporary file
// created exclusively under an unpredictable name, one writer at a time.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <set>

#include "../../sim/io/hdf5_object.hpp"
#include "detsim/error.hpp"
#include "detsim/io/output_file.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/io/results_writer.hpp"
#include "io_test_support.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

std::string contents(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t entries_in(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("check_output_path refuses devices, directories and the run's inputs") {
  TempDir dir;
  const auto scenario = dir.write("scenario.yaml", "detsim: 1\n");
  CHECK_NOTHROW(check_output_path(dir / "new.h5", {scenario}));
  CHECK_NOTHROW(check_output_path(dir.write("old.h5", "x"), {scenario}));

  CHECK_THROWS_WITH(check_output_path("/dev/null", {}), Catch::Contains("/dev/null: is a device"));
  CHECK_THROWS_WITH(check_output_path(dir.path(), {}), Catch::Contains("is a directory"));
  CHECK_THROWS_WITH(check_output_path(dir.path().string() + "/newdir/", {}),
                    Catch::Contains("names a directory"));
  CHECK_THROWS_AS(check_output_path(dir.path().string() + "/newdir/", {}), InputError);

  // The scenario itself, under another spelling, through a symbolic link, or a hard link.
  CHECK_THROWS_WITH(check_output_path(scenario, {scenario}), Catch::Contains("is an input"));
  CHECK_THROWS_AS(check_output_path(dir / "." / "scenario.yaml", {scenario}), InputError);
  std::filesystem::create_symlink(scenario, dir / "link.h5");
  CHECK_THROWS_AS(check_output_path(dir / "link.h5", {scenario}), InputError);
  std::filesystem::create_hard_link(scenario, dir / "hard.h5");
  CHECK_THROWS_AS(check_output_path(dir / "hard.h5", {scenario}), InputError);
  // A link to a device is judged by the device.
  std::filesystem::create_symlink("/dev/null", dir / "null.h5");
  CHECK_THROWS_WITH(check_output_path(dir / "null.h5", {}), Catch::Contains("is a device"));
}

TEST_CASE("a writer refuses a device or a pipe, and leaves it as it was") {
  TempDir dir;
  // A null device of the test's own (as root; else only the pipe), never the system's /dev/null:
  // a writer that regressed would replace it with its file.
  const auto device = dir / "null", pipe = dir / "pipe";
  REQUIRE(::mkfifo(pipe.c_str(), 0666) == 0);
  CHECK_THROWS_WITH(open_test_writer(pipe), Catch::Contains("is a pipe"));
  struct stat st {};
  REQUIRE(::stat(pipe.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  if (::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
    CHECK_THROWS_AS(open_test_writer(device), InputError);
    REQUIRE(::stat(device.c_str(), &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
  }
}

TEST_CASE("temporary names are unpredictable and sit beside the file") {
  TempDir dir;
  std::set<std::string> names;
  for (int i = 0; i < 50; ++i) {
    const auto name = temporary_name(dir / "out.h5");
    CHECK(name.parent_path() == dir.path());
    const std::string file = name.filename().string();
    CHECK(file.rfind("out.h5.", 0) == 0);
    CHECK(file.size() == std::string("out.h5.XXXXXX.part").size());
    names.insert(file);
  }
  CHECK(names.size() == 50);  // 62^6 names: a repeat in 50 draws means they are not random
}

TEST_CASE("a file is created exclusively: a symbolic link at its name is never followed") {
  TempDir dir;
  const auto victim = dir.write("victim.txt", "keep me");
  std::filesystem::create_symlink(victim, dir / "planted.h5");
  CHECK_THROWS_AS(detail::create_file(dir / "planted.h5"), RunError);
  CHECK(contents(victim) == "keep me");
  // The name the writer used before, planted with a link, is no longer used at all.
  std::filesystem::create_symlink(victim, dir / "results.h5.part");
  {
    ResultsWriter writer = open_test_writer(dir / "results.h5");
    writer.append_trials(test_trials(0, 3));
    writer.close(test_summary(), true, 3);
  }
  CHECK(contents(victim) == "keep me");
  CHECK(read_results_info(dir / "results.h5").complete);
}

TEST_CASE("a second writer of the same file is refused until the first is gone") {
  TempDir dir;
  const auto path = dir / "results.h5";
  std::optional<ResultsWriter> first;
  first.emplace(path, test_metadata(), test_experiments(), test_layout(), test_path_variables(),
                test_months);
  CHECK(std::filesystem::exists(dir / "results.h5.lock"));
  CHECK_THROWS_AS(open_test_writer(path), InputError);
  CHECK_THROWS_WITH(open_test_writer(path), Catch::Contains("another detsim run is writing"));
  first->append_trials(test_trials(0, 2));
  first->close(test_summary(), true, 2);
  first.reset();
  CHECK_FALSE(std::filesystem::exists(dir / "results.h5.lock"));
  CHECK(read_results_info(path).trials_completed == 2);
  {
    ResultsWriter again = open_test_writer(path);  // free again
    again.close(test_summary(), true, 0);
  }
  CHECK(read_results_info(path).trials_completed == 0);
}

TEST_CASE("close refuses to rename over something that became a non-regular file") {
  TempDir dir;
  const auto path = dir / "results.h5";
  ResultsWriter writer = open_test_writer(path);
  REQUIRE(::mkfifo(path.c_str(), 0644) == 0);
  CHECK_THROWS_WITH(writer.close(test_summary(), true, 0), Catch::Contains("will not be replaced"));
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("a writer whose setup fails removes its temporary file and lock") {
  TempDir dir;
  ColumnBlock ragged({{"a", ColumnType::f64, "", ""}, {"b", ColumnType::f64, "", ""}});
  ragged.resize(3);
  ragged.f64(1).resize(1);  // column b is shorter than the table: write_table refuses it
  CHECK_THROWS_AS(ResultsWriter(dir / "results.h5", test_metadata(), ragged, test_layout(),
                                test_path_variables(), test_months),
                  std::logic_error);
  CHECK(entries_in(dir.path()) == 0);
}
