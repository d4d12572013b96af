// The subcommands of the command line, each in its own source file. Private to sim/cli.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "progress.hpp"

namespace detsim::cli {

// How trials are run and reported, for `run` and `rerun` alike; none of it changes a trial.
struct ExecutionArguments {
  std::string output;  // run: empty means <scenario file stem>.h5 in the working directory
  int threads = 0;     // 0: every hardware thread
  std::int64_t block_size = 1000;
  bool quiet = false;  // no progress (`--progress` is refused with it) and no table
  ProgressMode progress = ProgressMode::automatic;
  double progress_interval = 30;  // seconds between progress lines
  std::string command_line;       // argv, quoted for a POSIX shell
  bool resume = false;  // go on from the journal an interrupted run of the same command left
};

struct RunArguments {
  std::string scenario;
  std::optional<std::int64_t> trials;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> overrides;
  std::vector<std::string> structures;  // names, paths, or "all"
  std::string baseline;   // the experiment differences are taken from; empty: the first
  std::string posterior;  // a calibration's posterior file (/posterior) to draw values from
  ExecutionArguments execution;
};

struct RerunArguments {
  std::string results;     // the results file holding the experiment
  std::string experiment;  // its name (/experiments structure) or index
  ExecutionArguments execution;
};

struct CompareArguments {
  std::string first;     // results file
  std::string second;    // a second results file, or empty to compare within the first
  std::string baseline;  // an experiment of the first file (name or index); empty: see app.cpp
};

struct AnalyzeArguments {
  std::string results;                // a study's results file
  std::vector<std::string> measures;  // /summary measures; empty: the headline ones
  int resamples = 200;                // bootstrap resamples
  std::uint64_t seed = 0;             // bootstrap seed
};

struct CalibrateArguments {
  std::string scenario;  // the calibration scenario: the fitted targets are measured on it
  std::string targets;   // the targets file
  std::string output;
  std::optional<std::uint64_t> seed;   // default the scenario's; keys trials and the ABC alike
  int threads = 0;                     // 0: every hardware thread
  std::int64_t particles = 500;        // per generation
  int generations = 8;                 // at most; the fit stops once the tolerance reaches 0
  std::optional<std::int64_t> trials;  // per candidate and arm; default the scenario's
  bool quiet = false;
  std::string command_line;
};

int run_command(const RunArguments& args);
int calibrate_command(const CalibrateArguments& args);
int rerun_command(const RerunArguments& args);
int validate_command(const std::vector<std::string>& files,
                     const std::vector<std::string>& overrides);
int summarize_command(const std::string& results_file);
int compare_command(const CompareArguments& args);
int analyze_command(const AnalyzeArguments& args);
int presets_command();
// Prints the scenario schema (scenarios/detsim-scenario.schema.json is this output).
int schema_command();

}  // namespace detsim::cli
