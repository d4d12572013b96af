// What built this detsim (version, source revision, compiler, libraries) and what a results file
// records of the run that wrote it. Private to sim/cli.
#pragma once

#include <cstdint>
#include <string>

#include "detsim/io/results_writer.hpp"

namespace detsim::cli {

// "0.1.0 (git 0123456789ab, modified)" for --version and messages.
std::string version_line();

// The root attributes of a results file, filled in from the build and the run's settings.
RunMetadata run_metadata(const std::string& command_line, int threads, std::int64_t block_size,
                         std::uint64_t seed, std::string scenario_yaml);

// argv as one line a POSIX shell reads back into the same words: a word of plain characters
// as is, any other in single quotes (a ' inside as '\'').
std::string quoted_command_line(int argc, char** argv);

}  // namespace detsim::cli
