// Shared by the io tests: a scratch directory, and small results files' worth of blocks whose
// every value follows from its row number, so a test can check what it reads back.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "detsim/io/results_writer.hpp"
#include "detsim/table/column_block.hpp"

#include "support/temp_dir.hpp"

namespace detsim::test {

using testing::TempDir;

inline RunMetadata test_metadata() {
  RunMetadata m;
  m.detsim_version = "0.1.0";
  m.git_revision = "abc123def456";
  m.git_dirty = 1;
  m.compiler = "GNU 12.2.0";
  m.library_versions = "Boost 1.74.0, HDF5 1.10.8";
  m.command_line = "detsim run pact.yaml --trials 15 --seed 42 --set 'name=a b'";
  m.working_directory = "/home/someone/study";
  m.threads = 3;
  m.block_size = 250;
  m.seed = 18446744073709551557ULL;  // above 2^63: the seed must survive as unsigned
  m.rerun_of = "all.h5 experiment 2 (bilateral_pact)";
  m.scenario_yaml = "actors:\n  united_states: {resolve: 0.7}\n";
  return m;
}

inline ColumnBlock test_experiments() {
  ColumnBlock block({{"structure", ColumnType::str, "Alliance structure", ""},
                     {"resolve", ColumnType::f64, "Varied resolve of the patron", "probability"},
                     {"trials", ColumnType::i32, "Trials run", ""}});
  block.resize(2);
  block.str(0) = {"bilateral", "multilateral"};
  block.f64(1) = {0.25, 0.75};
  block.i32(2) = {10, 5};
  return block;
}

inline TrialTableLayout test_layout() {
  return {{{"experiment", ColumnType::i32, "Experiment (row of /experiments)", ""},
           {"trial", ColumnType::i32, "Trial number within the experiment", ""},
           {"attacked", ColumnType::i8, "1 if the challenger attacked", ""},
           {"territory", ColumnType::f64, "Territory held at the end", "fraction"},
           {"outcome", ColumnType::i32, "Outcome code", ""},
           {"note", ColumnType::str, "Free text", ""}},
          {"deterred", "fait accompli", "war"}};
}

// Values of row r (counted over the whole table), column by column.
inline std::int32_t experiment_of(std::size_t r) { return r < 10 ? 0 : 1; }
inline std::int32_t trial_of(std::size_t r) {
  return static_cast<std::int32_t>(r < 10 ? r : r - 10);
}
inline std::int8_t attacked_of(std::size_t r) {
  return static_cast<std::int8_t>(r % 2 == 0 ? -1 : 1);
}
inline double territory_of(std::size_t r) { return 0.125 * static_cast<double>(r) - 1e-300; }
inline std::int32_t outcome_of(std::size_t r) { return static_cast<std::int32_t>(r % 3); }
inline std::string note_of(std::size_t r) {
  return r % 4 == 0 ? std::string() : "trial " + std::to_string(r) + " \xc3\xbc\xe2\x82\xac";
}

// Rows [first, first + rows) of the trial table in the layout of test_layout().
inline ColumnBlock test_trials(std::size_t first, std::size_t rows) {
  ColumnBlock block(test_layout().columns);
  block.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t r = first + i;
    block.i32(0)[i] = experiment_of(r);
    block.i32(1)[i] = trial_of(r);
    block.i8(2)[i] = attacked_of(r);
    block.f64(3)[i] = territory_of(r);
    block.i32(4)[i] = outcome_of(r);
    block.str(5)[i] = note_of(r);
  }
  return block;
}

inline std::vector<ColumnInfo> test_path_variables() {
  return {{"escalation", ColumnType::f64, "Escalation level", "rungs"},
          {"resolve", ColumnType::f64, "Believed resolve", ""}};
}

constexpr std::size_t test_months = 13;

inline double path_value(std::size_t variable, std::size_t row, std::size_t month) {
  return static_cast<double>(variable) * 1000.0 + static_cast<double>(row) +
         static_cast<double>(month) / 100.0;
}

// Recorded rows [first, first + rows), trial numbers equal to the row.
inline PathBlock test_paths(std::size_t first, std::size_t rows) {
  PathBlock block;
  block.variables = test_path_variables();
  block.months = test_months;
  block.values.resize(block.variables.size());
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t r = first + i;
    block.experiment.push_back(experiment_of(r));
    block.trial.push_back(trial_of(r));
    for (std::size_t v = 0; v < block.variables.size(); ++v) {
      for (std::size_t m = 0; m < test_months; ++m) block.values[v].push_back(path_value(v, r, m));
    }
  }
  return block;
}

inline ColumnBlock test_summary() {
  ColumnBlock block({{"experiment", ColumnType::i32, "Experiment", ""},
                     {"outcome", ColumnType::str, "Outcome label", ""},
                     {"mean", ColumnType::f64, "Share of trials", "probability"},
                     {"n", ColumnType::i32, "Trials", ""}});
  block.resize(3);
  block.i32(0) = {0, 0, 1};
  block.str(1) = {"deterred", "war", "deterred"};
  block.f64(2) = {0.5, 0.5, 1.0};
  block.i32(3) = {10, 10, 5};
  return block;
}

// A writer of the test layout; with_paths = false records no monthly paths.
inline ResultsWriter open_test_writer(const std::filesystem::path& path, bool with_paths = true) {
  return ResultsWriter(path, test_metadata(), test_experiments(), test_layout(),
                       with_paths ? test_path_variables() : std::vector<ColumnInfo>{},
                       with_paths ? test_months : 0);
}

}  // namespace detsim::test
