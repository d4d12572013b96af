// A results file is written at <path>.part and only replaces <path> when complete; a run that
// stops part-way (an exception, or the process killed) leaves a .part file that opens and says
// it is incomplete; blocks that do not match the layout are refused.
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <optional>

#include "detsim/error.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/io/results_writer.hpp"
#include "io_test_support.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

// The writer's temporary file beside `path` ("results.h5.XXXXXX.part"), or an empty path.
std::filesystem::path part_of(const std::filesystem::path& path) {
  const std::string prefix = path.filename().string() + ".";
  for (const auto& entry : std::filesystem::directory_iterator(path.parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && entry.path().extension() == ".part") return entry.path();
  }
  return {};
}

std::string contents(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("the file is written at a temporary .part and an existing file survives until close") {
  TempDir dir;
  const auto path = dir / "results.h5";
  { std::ofstream(path) << "the previous results"; }

  std::optional<ResultsWriter> writer;
  writer.emplace(path, test_metadata(), test_experiments(), test_layout(), test_path_variables(),
                 test_months);
  CHECK(std::filesystem::exists(part_of(path)));
  CHECK(part_of(path) == writer->temporary_path());
  writer->append_trials(test_trials(0, 5));
  CHECK(contents(path) == "the previous results");

  writer->close(test_summary(), true, 5);
  CHECK(part_of(path).empty());
  CHECK(read_results_info(path).complete);
  writer.reset();
  CHECK(read_results_info(path).trials_completed == 5);
}

TEST_CASE("a writer destroyed without close leaves a .part file holding the trials so far") {
  TempDir dir;
  const auto path = dir / "results.h5";
  { std::ofstream(path) << "the previous results"; }
  try {
    ResultsWriter writer = open_test_writer(path);
    writer.append_trials(test_trials(0, 6));
    writer.append_paths(test_paths(0, 2));
    writer.append_trials(test_trials(6, 3));
    throw std::runtime_error("the run failed");  // unwinds through the writer's destructor
  } catch (const std::runtime_error&) {
  }
  CHECK(contents(path) == "the previous results");
  const auto part = part_of(path);
  const ResultsFileInfo info = read_results_info(part);
  CHECK_FALSE(info.complete);
  CHECK(info.trials_completed == 9);
  CHECK(read_table(part, "trials").rows() == 9);
  CHECK(read_table(part, "paths").rows() == 2);
  CHECK_THROWS_WITH(read_table(part, "summary"), Catch::Contains("/summary: no such group"));
}

TEST_CASE("a process killed after an append leaves a .part file that opens") {
  TempDir dir;
  const auto path = dir / "results.h5";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child writes two blocks and dies without closing anything, as a killed run would.
    try {
      ResultsWriter writer = open_test_writer(path);
      writer.flush_every(std::chrono::seconds(0));  // every append reaches the disk
      writer.append_trials(test_trials(0, 4));
      writer.append_trials(test_trials(4, 3));
      ::_exit(0);
    } catch (...) {
      ::_exit(1);
    }
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  CHECK_FALSE(std::filesystem::exists(path));
  const ResultsFileInfo info = read_results_info(part_of(path));
  CHECK_FALSE(info.complete);
  CHECK(info.trials_completed == 7);
  const ColumnBlock trials = read_table(part_of(path), "trials");
  REQUIRE(trials.rows() == 7);
  CHECK(trials.str(trials.index_of("note"))[6] == note_of(6));
}

TEST_CASE("appending a block that does not match the layout is a logic error") {
  TempDir dir;
  ResultsWriter writer = open_test_writer(dir / "results.h5");

  SECTION("too few columns") {
    std::vector<ColumnInfo> columns = test_layout().columns;
    columns.pop_back();
    ColumnBlock block(columns);
    block.resize(2);
    CHECK_THROWS_AS(writer.append_trials(block), std::logic_error);
  }
  SECTION("a column of another type") {
    std::vector<ColumnInfo> columns = test_layout().columns;
    columns[3].type = ColumnType::i32;
    ColumnBlock block(columns);
    block.resize(2);
    CHECK_THROWS_AS(writer.append_trials(block), std::logic_error);
  }
  SECTION("a column of another name") {
    std::vector<ColumnInfo> columns = test_layout().columns;
    columns[0].name = "experiments";
    ColumnBlock block(columns);
    block.resize(2);
    CHECK_THROWS_AS(writer.append_trials(block), std::logic_error);
  }
  SECTION("a column shorter than the block") {
    ColumnBlock block = test_trials(0, 3);
    block.f64(3).pop_back();
    CHECK_THROWS_AS(writer.append_trials(block), std::logic_error);
  }
  SECTION("paths of the wrong length") {
    PathBlock block = test_paths(0, 2);
    block.values[1].pop_back();
    CHECK_THROWS_AS(writer.append_paths(block), std::logic_error);
  }
  SECTION("paths with other months") {
    PathBlock block = test_paths(0, 2);
    block.months = test_months - 1;
    CHECK_THROWS_AS(writer.append_paths(block), std::logic_error);
  }
  // A refused block leaves the file as it was.
  writer.append_trials(test_trials(0, 2));
  writer.close(test_summary(), true, 2);
  CHECK(read_table(dir / "results.h5", "trials").rows() == 2);
}

TEST_CASE("using a writer after close, or paths it does not record, is a logic error") {
  TempDir dir;
  ResultsWriter writer = open_test_writer(dir / "results.h5", false);
  CHECK_THROWS_AS(writer.append_paths(test_paths(0, 1)), std::logic_error);
  writer.close(test_summary(), true, 0);
  CHECK_THROWS_AS(writer.append_trials(test_trials(0, 1)), std::logic_error);
  CHECK_THROWS_AS(writer.close(test_summary(), true, 0), std::logic_error);
}

TEST_CASE("a layout whose names cannot be HDF5 links is a logic error") {
  TempDir dir;
  TrialTableLayout slash = test_layout();
  slash.columns[0].name = "a/b";
  CHECK_THROWS_AS(ResultsWriter(dir / "a.h5", test_metadata(), ColumnBlock(), slash, {}, 0),
                  std::logic_error);
  TrialTableLayout twice = test_layout();
  twice.columns[1].name = twice.columns[0].name;
  CHECK_THROWS_AS(ResultsWriter(dir / "b.h5", test_metadata(), ColumnBlock(), twice, {}, 0),
                  std::logic_error);
  const std::vector<ColumnInfo> clash{{"trial", ColumnType::f64, "clashes with /paths/trial", ""}};
  CHECK_THROWS_AS(
      ResultsWriter(dir / "c.h5", test_metadata(), ColumnBlock(), test_layout(), clash, 3),
      std::logic_error);
}

TEST_CASE("a results file that cannot be created is a RunError naming it") {
  TempDir dir;
  const auto path = dir / "no-such-directory" / "results.h5";
  CHECK_THROWS_AS(open_test_writer(path), RunError);
  CHECK_THROWS_WITH(open_test_writer(path), Catch::Contains("results.h5"));
}
