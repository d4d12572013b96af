// `detsim summarize`: the summary table of an existing results file.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "crash_guard.hpp"
#include "detsim/error.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/stats/summary.hpp"
#include "stored_experiments.hpp"

namespace detsim::cli {

namespace {

// How the file was made, as far as it says (a file written before provenance was recorded has
// only its command line).
std::string provenance_lines(const ResultsFileInfo& info) {
  std::string lines = fmt::format("  command:    {}\n", info.command_line);
  if (!info.working_directory.empty()) {
    lines += fmt::format("  directory:  {}\n", info.working_directory);
  }
  if (!info.compiler.empty()) {
    lines += fmt::format("  built with: {}; {}\n", info.compiler, info.library_versions);
  }
  if (info.threads > 0) {
    lines += fmt::format("  threads {}, block size {}\n", info.threads, info.block_size);
  }
  if (!info.rerun_of.empty()) lines += fmt::format("  rerun of:   {}\n", info.rerun_of);
  if (!info.posterior.empty()) lines += fmt::format("  posterior:  {}\n", info.posterior);
  return lines;
}

// Reads everything first and prints only at the end (see run_guarded). Every failure is about the
// file the user named, so it is bad input: InputError, status 2.
int summarize(const std::string& results_file) {
  try {
    const ResultsFileInfo info = read_results_info(results_file);
    if (!has_group(results_file, "summary")) {
      throw InputError(fmt::format(
          "{}: no /summary yet: the run writing this file stopped or is still running ({} trials "
          "so far; a run renames /summary_so_far, the rows of the experiments it had finished, "
          "to /summary when it ends). Its trials are in /trials: detsim_results.load_trials "
          "reads them",
          results_file, info.trials_completed));
    }
    const ColumnBlock experiments =
        read_table(results_file, "experiments",
                   {{"experiment", ColumnType::i32}, {"structure", ColumnType::str}});
    const ColumnBlock summary = read_table(results_file, "summary",
                                           {{"experiment", ColumnType::i32},
                                            {"outcome", ColumnType::str},
                                            {"mean", ColumnType::f64},
                                            {"ci_low", ColumnType::f64},
                                            {"ci_high", ColumnType::f64}});
    const std::vector<std::string> names = experiment_names(results_file, experiments);
    const std::size_t summary_experiment = summary.index_of("experiment");
    for (std::size_t r = 0; r < summary.rows(); ++r) {
      const std::int32_t e = summary.i32(summary_experiment)[r];
      if (e < 0 || static_cast<std::size_t>(e) >= names.size()) {
        throw InputError(
            fmt::format("{}: /summary/experiment: row {} holds {}, not an experiment "
                        "of /experiments (0 to {})",
                        results_file, r, e, names.size() - 1));
      }
    }
    const std::string table = format_summary_table(summary, names);
    std::cout << fmt::format(
        "{}: detsim {} (git {}{}), seed {}, {} trials{}\n", results_file, info.detsim_version,
        info.git_revision, info.git_dirty == 1 ? ", modified" : "", info.seed,
        info.trials_completed, info.complete ? "" : " -- INCOMPLETE: the run was stopped part-way");
    std::cout << provenance_lines(info) << format_structures_table(experiments) << '\n' << table;
    return 0;
  } catch (const RunError& e) {
    throw InputError(e.what());
  }
}

}  // namespace

int summarize_command(const std::string& results_file) {
  // The file is read in a child process: libhdf5 crashes or loops on some damaged files, and
  // that must end in a message about the file, not in a crash of detsim.
  return run_guarded(results_file, read_deadline(results_file),
                     [&] { return summarize(results_file); });
}

}  // namespace detsim::cli
