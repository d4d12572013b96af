// Provenance: the build's revision (taken at every build), compiler and library versions, and
// the command line and directory of the run, for the results file's root attributes.
#include "build_info.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "detsim/build_revision.hpp"
#include "detsim/version.hpp"

namespace detsim::cli {

namespace {

std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789_@%+=:,./-") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (const char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

}  // namespace

std::string version_line() {
  return fmt::format("{} (git {}{})", version, build::git_revision,
                     build::git_dirty == 1 ? ", modified" : "");
}

RunMetadata run_metadata(const std::string& command_line, int threads, std::int64_t block_size,
                         std::uint64_t seed, std::string scenario_yaml) {
  RunMetadata metadata;
  metadata.detsim_version = version;
  metadata.git_revision = build::git_revision;
  metadata.git_dirty = static_cast<std::int8_t>(build::git_dirty);
  metadata.compiler = compiler;
  metadata.library_versions = library_versions;
  metadata.command_line = command_line;
  std::error_code ec;
  const std::filesystem::path here = std::filesystem::current_path(ec);
  metadata.working_directory = ec ? std::string() : here.string();
  metadata.threads = threads;
  metadata.block_size = block_size;
  metadata.seed = seed;
  metadata.scenario_yaml = std::move(scenario_yaml);
  return metadata;
}

std::string quoted_command_line(int argc, char** argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    if (i) line += ' ';
    line += shell_word(argv[i]);
  }
  return line;
}

}  // namespace detsim::cli
