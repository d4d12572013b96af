// Shared by the command-line tests: a scratch directory per test, running detsim, and reading
// results files back through the library's reader.
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "detsim/table/column_block.hpp"

#include "support/temp_dir.hpp"

namespace detsim::test {

inline const std::filesystem::path kSourceDir{DETSIM_SOURCE_DIR};
inline const std::filesystem::path kUkraine = kSourceDir / "scenarios" / "ukraine.yaml";
inline const std::filesystem::path kInterfaceExample =
    kSourceDir / "tests" / "data" / "interface_example.yaml";

// The five shipped presets, in the order `--structure all` runs them.
inline const std::vector<std::string> kShippedPresets{"none", "nato_article5", "bilateral_pact",
                                                      "security_assistance", "economic_diplomatic"};

using testing::TempDir;

// Runs the detsim binary under test with these arguments, in dir.
inline CommandResult run_detsim(const std::vector<std::string>& args, const TempDir& dir) {
  std::vector<std::string> argv{DETSIM_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, dir.path());
}

// run_detsim, requiring that it exits with `status` (its output shown if not).
CommandResult run_with_status(const std::vector<std::string>& args, const TempDir& dir, int status);
// run_with_status with status 0.
CommandResult run_ok(const std::vector<std::string>& args, const TempDir& dir);

void write_text_file(const std::filesystem::path& path, const std::string& text);

// The files a run writing `out` keeps beside it while it runs: its temporary "OUT.XXXXXX.part"
// files and its "OUT.lock", in name order.
std::vector<std::filesystem::path> files_beside(const std::filesystem::path& out);

// The one temporary file of a run writing `out`, or an empty path while there is none.
std::filesystem::path part_file(const std::filesystem::path& out);

// Waits (up to 30 s) until a run writing `out` has created its temporary file; returns it, or
// an empty path (and fails the test) if none appeared.
std::filesystem::path wait_for_part_file(const std::filesystem::path& out);

// Length of a column of whatever type, from the vector that holds it.
std::size_t column_length(const ColumnBlock& block, std::size_t column);

// Column names in schema order.
std::vector<std::string> column_names(const ColumnBlock& block);

// The rows of a /trials table ordered by (experiment, trial).
ColumnBlock sorted_by_trial(const ColumnBlock& trials);

// The rows of one experiment of a /trials table, in trial order, without the experiment column.
ColumnBlock experiment_trials(const ColumnBlock& trials, std::int32_t experiment);

// Whether two blocks hold the same columns with bit-identical values (doubles compared by their
// bit patterns, so NaNs must sit in the same places); `difference` says where they first differ.
bool identical_columns(const ColumnBlock& a, const ColumnBlock& b, std::string& difference);

// The lines of text, without their newlines.
std::vector<std::string> lines_of(const std::string& text);

// The lines of a summary table from its header ("measure ...") to the end of the text.
std::vector<std::string> summary_table_lines(const std::string& text);

// `text` with the first occurrence of `from` replaced by `to`; fails the test if absent.
std::string replaced(const std::string& text, const std::string& from, const std::string& to);

// One line of `detsim run --progress` in a log: where the run was when it was written.
struct ProgressLine {
  std::int64_t trials_done = 0;
  std::int64_t trials_total = 0;
  double elapsed_s = 0;
};

// The progress lines of a run's stderr, complete lines only (the child may be writing the last
// one); fails the test on a line that starts like a progress line and does not parse.
std::vector<ProgressLine> progress_lines(const std::string& text);

// Waits until the child's stderr holds `count` progress lines or the child ends, at most
// `limit` (generous: a busy machine may run a sanitizer build ten times slower than usual).
std::vector<ProgressLine> wait_for_progress_lines(
    const ChildProcess& child, const std::filesystem::path& stderr_file, std::size_t count,
    std::chrono::seconds limit = std::chrono::seconds(300));

}  // namespace detsim::test
