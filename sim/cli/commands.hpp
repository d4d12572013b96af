// The subcommands of the command line, each in its own source file. Private to sim/cli.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "progress.hpp"

namespace detsim::cli {

struct RunArguments {
  std::string scenario;
  std::string output;  // empty: <scenario file stem>.h5 in the working directory
  std::optional<std::int64_t> trials;
  std::optional<std::uint64_t> seed;
  int threads = 0;  // 0: every hardware thread
  std::int64_t block_size = 1000;
  std::vector<std::string> overrides;
  std::vector<std::string> structures;  // names, paths, or "all"
  std::string baseline;  // the experiment differences are taken from; empty: the first
  bool quiet = false;    // no progress (`--progress` is refused with it) and no table
  ProgressMode progress = ProgressMode::automatic;
  double progress_interval = 30;  // seconds between progress lines
  std::string command_line;
};

int run_command(const RunArguments& args);
int validate_command(const std::vector<std::string>& files,
                     const std::vector<std::string>& overrides);
int summarize_command(const std::string& results_file);
int presets_command();

}  // namespace detsim::cli
