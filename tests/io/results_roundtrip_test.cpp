// Everything ResultsWriter writes reads back unchanged: root attributes, every column of every
// type in several blocks, descriptions and units, outcome labels and monthly paths.
#include <catch2/catch.hpp>

#include <regex>

#include "../../sim/io/hdf5_attribute.hpp"
#include "../../sim/io/hdf5_handle.hpp"
#include "../../sim/io/hdf5_object.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/io/results_writer.hpp"
#include "io_test_support.hpp"

using namespace detsim;
using namespace detsim::test;
using detail::checked;
using detail::Handle;
using detail::HandleKind;

namespace {

// The rows of a 2-D f64 dataset, row-major, read with the plain HDF5 API.
std::vector<double> read_matrix(const std::filesystem::path& file, const char* dataset,
                                hsize_t (&dims)[2]) {
  const Handle h5 = checked(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), HandleKind::file,
                            file.string(), "open");
  const Handle data =
      checked(H5Dopen2(h5.get(), dataset, H5P_DEFAULT), HandleKind::dataset, dataset, "open");
  const Handle space =
      checked(H5Dget_space(data.get()), HandleKind::dataspace, dataset, "get space");
  REQUIRE(H5Sget_simple_extent_ndims(space.get()) == 2);
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  std::vector<double> values(dims[0] * dims[1]);
  REQUIRE(H5Dread(data.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >=
          0);
  return values;
}

void check_trial_rows(const ColumnBlock& trials, std::size_t rows) {
  REQUIRE(trials.rows() == rows);
  const std::size_t experiment = trials.index_of("experiment");
  const std::size_t trial = trials.index_of("trial");
  const std::size_t attacked = trials.index_of("attacked");
  const std::size_t territory = trials.index_of("territory");
  const std::size_t outcome = trials.index_of("outcome");
  const std::size_t note = trials.index_of("note");
  for (std::size_t r = 0; r < rows; ++r) {
    INFO("row " << r);
    CHECK(trials.i32(experiment)[r] == experiment_of(r));
    CHECK(trials.i32(trial)[r] == trial_of(r));
    CHECK(trials.i8(attacked)[r] == attacked_of(r));
    CHECK(trials.f64(territory)[r] == territory_of(r));  // bit for bit: stored as IEEE double
    CHECK(trials.i32(outcome)[r] == outcome_of(r));
    CHECK(trials.str(note)[r] == note_of(r));
  }
}

// Row r of test_summary(), alone: a slice as /summary is written.
ColumnBlock row_of(std::size_t r) {
  const ColumnBlock whole = test_summary();
  ColumnBlock one(whole.schema());
  one.resize(1);
  one.i32(0)[0] = whole.i32(0)[r];
  one.str(1)[0] = whole.str(1)[r];
  one.f64(2)[0] = whole.f64(2)[r];
  one.i32(3)[0] = whole.i32(3)[r];
  return one;
}

std::int64_t summary_rows_written(const std::filesystem::path& file) {
  const detail::Object h5 = detail::open_file_read_only(file);
  std::int64_t rows = -1;
  detail::read_attribute(detail::open_group(h5, "summary_so_far"), "rows_written", rows);
  return rows;
}

}  // namespace

TEST_CASE("a results file reads back every value and attribute it was written with") {
  TempDir dir;
  const auto path = dir / "results.h5";
  {
    ResultsWriter writer = open_test_writer(path);
    writer.append_trials(test_trials(0, 6));
    writer.append_trials(test_trials(6, 0));  // an empty block changes nothing
    writer.append_trials(test_trials(6, 7));
    writer.append_paths(test_paths(0, 2));
    writer.append_trials(test_trials(13, 2));
    writer.append_paths(test_paths(2, 3));
    writer.close(test_summary(), true, 15);
  }

  const ResultsFileInfo info = read_results_info(path);
  const RunMetadata metadata = test_metadata();
  CHECK(info.detsim_version == metadata.detsim_version);
  CHECK(info.git_revision == metadata.git_revision);
  CHECK(info.schema_version == 1);
  CHECK(std::regex_match(info.created_utc, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  CHECK(info.command_line == metadata.command_line);
  CHECK(info.seed == metadata.seed);
  CHECK(info.complete);
  CHECK(info.trials_completed == 15);
  CHECK(info.scenario_yaml == metadata.scenario_yaml);
  CHECK(info.git_dirty == metadata.git_dirty);
  CHECK(info.compiler == metadata.compiler);
  CHECK(info.library_versions == metadata.library_versions);
  CHECK(info.working_directory == metadata.working_directory);
  CHECK(info.threads == metadata.threads);
  CHECK(info.block_size == metadata.block_size);
  CHECK(info.rerun_of == metadata.rerun_of);

  const ColumnBlock trials = read_table(path, "trials");
  std::vector<std::string> names;
  for (const ColumnInfo& column : trials.schema()) names.push_back(column.name);
  CHECK(names == std::vector<std::string>{"attacked", "experiment", "note", "outcome", "territory",
                                          "trial"});
  for (const ColumnInfo& written : test_layout().columns) {
    INFO("column " << written.name);
    const ColumnInfo& read = trials.schema()[trials.index_of(written.name)];
    CHECK(read.type == written.type);
    CHECK(read.description == written.description);
    CHECK(read.units == written.units);
  }
  check_trial_rows(trials, 15);
  CHECK(read_string_array_attribute(path, "/trials", "outcome_labels") ==
        test_layout().outcome_labels);

  const ColumnBlock experiments = read_table(path, "/experiments");
  const ColumnBlock expected_experiments = test_experiments();
  REQUIRE(experiments.rows() == 2);
  CHECK(experiments.str(experiments.index_of("structure")) == expected_experiments.str(0));
  CHECK(experiments.f64(experiments.index_of("resolve")) == expected_experiments.f64(1));
  CHECK(experiments.i32(experiments.index_of("trials")) == expected_experiments.i32(2));
  CHECK(experiments.schema()[experiments.index_of("resolve")].units == "probability");

  const ColumnBlock summary = read_table(path, "summary");
  const ColumnBlock expected_summary = test_summary();
  REQUIRE(summary.rows() == 3);
  CHECK(summary.i32(summary.index_of("experiment")) == expected_summary.i32(0));
  CHECK(summary.str(summary.index_of("outcome")) == expected_summary.str(1));
  CHECK(summary.f64(summary.index_of("mean")) == expected_summary.f64(2));
  CHECK(summary.i32(summary.index_of("n")) == expected_summary.i32(3));

  // /paths: the 1-D experiment and trial columns read as a table; the 2-D series directly.
  const ColumnBlock path_index = read_table(path, "paths");
  REQUIRE(path_index.columns() == 2);
  REQUIRE(path_index.rows() == 5);
  for (std::size_t r = 0; r < 5; ++r) {
    CHECK(path_index.i32(path_index.index_of("experiment"))[r] == experiment_of(r));
    CHECK(path_index.i32(path_index.index_of("trial"))[r] == trial_of(r));
  }
  const auto variables = test_path_variables();
  for (std::size_t v = 0; v < variables.size(); ++v) {
    INFO("variable " << variables[v].name);
    hsize_t dims[2] = {};
    const std::string dataset = "/paths/" + variables[v].name;
    const std::vector<double> values = read_matrix(path, dataset.c_str(), dims);
    REQUIRE(dims[0] == 5);
    REQUIRE(dims[1] == test_months);
    for (std::size_t r = 0; r < 5; ++r) {
      for (std::size_t m = 0; m < test_months; ++m) {
        CHECK(values[r * test_months + m] == path_value(v, r, m));
      }
    }
  }
  CHECK(read_string_array_attribute(path, "/paths/escalation", "units") ==
        std::vector<std::string>{"rungs"});
  CHECK(read_string_array_attribute(path, "/paths/escalation", "description") ==
        std::vector<std::string>{"Escalation level"});
  CHECK(read_string_array_attribute(path, "/", "file_type") ==
        std::vector<std::string>{"detsim results"});
}

TEST_CASE("an incomplete run is recorded as such when closed") {
  TempDir dir;
  const auto path = dir / "results.h5";
  {
    ResultsWriter writer = open_test_writer(path, false);
    writer.append_trials(test_trials(0, 4));
    writer.close(ColumnBlock(), false, 4);
  }
  const ResultsFileInfo info = read_results_info(path);
  CHECK_FALSE(info.complete);
  CHECK(info.trials_completed == 4);
  check_trial_rows(read_table(path, "trials"), 4);
  CHECK(read_table(path, "summary").columns() == 0);
}

TEST_CASE("an empty trial table and no outcome labels still make a readable file") {
  TempDir dir;
  const auto path = dir / "results.h5";
  {
    TrialTableLayout layout = test_layout();
    layout.outcome_labels.clear();
    ResultsWriter writer(path, test_metadata(), ColumnBlock(), layout, {}, 0);
    writer.close(ColumnBlock(), true, 0);
  }
  const ColumnBlock trials = read_table(path, "trials");
  CHECK(trials.columns() == 6);
  CHECK(trials.rows() == 0);
  CHECK(read_string_array_attribute(path, "trials", "outcome_labels").empty());
  CHECK(read_table(path, "experiments").columns() == 0);
}

TEST_CASE("a generated column of /experiments holds every row it was made with, past a slice") {
  // More rows than one slice of the writer (256), so rows made in several slices are checked.
  TempDir dir;
  const auto path = dir / "results.h5";
  const std::size_t rows = 600;
  ColumnBlock experiments({{"trials", ColumnType::i32, "Trials run", ""}});
  experiments.resize(rows);
  const auto text = [](std::size_t r) {
    return "experiment " + std::to_string(r) + ":\n" + std::string(r % 50, 'x');
  };
  {
    ResultsWriter writer(path, test_metadata(), experiments, test_layout(), {}, 0);
    writer.add_generated_column("experiments", {"resolved_yaml", ColumnType::str, "made", ""}, rows,
                                text);
    writer.close(test_summary(), true, 0);
  }
  const ColumnBlock read = read_table(path, "experiments");
  REQUIRE(read.rows() == rows);
  const auto& yaml = read.str(read.index_of("resolved_yaml"));
  for (std::size_t r = 0; r < rows; ++r) CHECK(yaml[r] == text(r));
  CHECK(read.schema()[read.index_of("resolved_yaml")].description == "made");
}

TEST_CASE("a /summary written in slices reads back as the table written whole") {
  TempDir dir;
  const ColumnBlock whole = test_summary();
  {
    ResultsWriter writer = open_test_writer(dir / "sliced.h5", false);
    writer.close(TableSlices{whole.rows(), whole.rows(), row_of}, true, 0);
  }
  {
    ResultsWriter writer = open_test_writer(dir / "whole.h5", false);
    writer.close(whole, true, 0);
  }
  const ColumnBlock sliced = read_table(dir / "sliced.h5", "summary");
  const ColumnBlock read = read_table(dir / "whole.h5", "summary");
  REQUIRE(sliced.rows() == whole.rows());
  REQUIRE(read.rows() == whole.rows());
  for (const std::string name : {"experiment", "mean", "n"}) {
    for (std::size_t r = 0; r < whole.rows(); ++r) {
      CHECK(sliced.number(sliced.index_of(name), r) == read.number(read.index_of(name), r));
    }
  }
  CHECK(sliced.str(sliced.index_of("outcome")) == whole.str(1));
}

TEST_CASE("/summary rows written during the run are /summary_so_far until the file is closed") {
  TempDir dir;
  const ColumnBlock whole = test_summary();
  REQUIRE(whole.rows() >= 3);
  std::filesystem::path killed;
  {
    // Left without close(), as a killed run leaves its file (its last flush).
    ResultsWriter writer = open_test_writer(dir / "killed.h5", false);
    writer.flush_every(std::chrono::seconds(0));
    writer.append_summary(row_of(0), whole.rows());
    writer.append_summary(row_of(1), whole.rows());
    killed = writer.temporary_path();
  }
  CHECK_FALSE(has_group(killed, "summary"));
  REQUIRE(has_group(killed, "summary_so_far"));
  CHECK(summary_rows_written(killed) == 2);
  const ColumnBlock so_far = read_table(killed, "summary_so_far");
  CHECK(so_far.str(so_far.index_of("outcome")) == std::vector<std::string>{"deterred", "war"});
  CHECK(so_far.i32(so_far.index_of("n")) == std::vector<std::int32_t>{10, 10});

  {
    ResultsWriter writer = open_test_writer(dir / "closed.h5", false);
    writer.flush_every(std::chrono::seconds(0));
    writer.append_summary(row_of(0), whole.rows());
    writer.append_summary(row_of(1), whole.rows());
    writer.close(TableSlices{whole.rows() - 2, whole.rows() - 2,
                             [](std::size_t i) { return row_of(2 + i); }},
                 true, 0);
  }
  CHECK_FALSE(has_group(dir / "closed.h5", "summary_so_far"));
  const ColumnBlock read = read_table(dir / "closed.h5", "summary");
  REQUIRE(read.rows() == whole.rows());
  CHECK(read.str(read.index_of("outcome")) == whole.str(1));
  CHECK(read.f64(read.index_of("mean")) == whole.f64(2));
  const detail::Object h5 = detail::open_file_read_only(dir / "closed.h5");
  CHECK_FALSE(detail::has_attribute(detail::open_group(h5, "summary"), "rows_written"));
}

TEST_CASE("a /summary whose slices do not add up to the rows announced is refused") {
  TempDir dir;
  ResultsWriter writer = open_test_writer(dir / "results.h5", false);
  CHECK_THROWS_AS(
      writer.close(TableSlices{5, 1, [](std::size_t) { return test_summary(); }}, true, 0),
      std::logic_error);
}

TEST_CASE("/summary appended under one row count and closed or appended under another is refused") {
  TempDir dir;
  const ColumnBlock whole = test_summary();
  REQUIRE(whole.rows() >= 3);
  ResultsWriter writer = open_test_writer(dir / "results.h5", false);
  writer.append_summary(row_of(0), whole.rows());
  CHECK_THROWS_AS(writer.append_summary(row_of(1), whole.rows() + 1), std::logic_error);
  // The rest announced as the whole table, not what is left of it.
  CHECK_THROWS_AS(writer.close(TableSlices{whole.rows(), whole.rows(), row_of}, true, 0),
                  std::logic_error);
}
