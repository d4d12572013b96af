// Running a list of experiments into a results file, with the summary table and progress: what
// `run` and `rerun` share once they know their experiments. Private to sim/cli.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "detsim/engine/simulation.hpp"
#include "detsim/io/results_writer.hpp"
#include "posterior_input.hpp"

namespace detsim::cli {

struct ExperimentRun {
  std::vector<ExperimentSpec> experiments;
  // A study's experiments, made when the run needs them; when set, `experiments` is empty.
  std::unique_ptr<const ExperimentSource> generated;
  std::string scenario_yaml;                  // the root /scenario
  std::string source;                         // names the input in messages (memory check)
  std::vector<std::filesystem::path> inputs;  // files the run reads: -o may be none of them
  std::filesystem::path output;
  std::uint64_t seed = 0;
  std::string rerun_of;  // RunMetadata::rerun_of
  // The posterior the experiments draw from (attached to them already), copied to /posterior;
  // none when its posterior is null.
  PosteriorInput posterior;
  std::string baseline;  // the experiment /summary's differences are from; empty: the first
  // rerun: the parameter columns of the file it reruns (param.<path>), so a parameter another
  // experiment of that file drew is recorded here too, constant.
  std::vector<std::string> recorded_parameters;
  // A study's: columns added to /experiments (a row per experiment, in order) and the /design
  // group (a row per design point) with its attributes; empty (no columns) otherwise.
  ColumnBlock experiment_columns;
  bool quiet_tables = false;  // print neither table (too many experiments to read)
  ColumnBlock design;
  GroupAttributes design_attributes;
};

// The exit status of a run in which some experiments failed and the others completed.
inline constexpr int kSomeExperimentsFailed = 3;

// Checks the experiments (distinct names), the memory and the output path, runs, writes the file
// and prints the tables unless quiet. Returns the exit status (128 + signal when stopped,
// kSomeExperimentsFailed when an experiment failed).
int run_experiments(ExperimentRun run, const ExecutionArguments& execution);

}  // namespace detsim::cli
