// `detsim summarize`: the summary table of an existing results file.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "detsim/error.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/stats/summary.hpp"

namespace detsim::cli {

int summarize_command(const std::string& results_file) {
  // A file the user names that cannot be read as results is bad input (status 2), as for run.
  ResultsFileInfo info;
  try {
    info = read_results_info(results_file);
  } catch (const RunError& e) {
    throw InputError(e.what());
  }
  const ColumnBlock experiments = read_table(results_file, "experiments");
  const ColumnBlock summary = read_table(results_file, "summary");
  const std::size_t index = experiments.index_of("experiment");
  const std::size_t structure = experiments.index_of("structure");
  std::vector<std::string> names(experiments.rows());
  for (std::size_t r = 0; r < experiments.rows(); ++r) {
    names.at(static_cast<std::size_t>(experiments.number(index, r))) =
        experiments.str(structure)[r];
  }
  std::cout << fmt::format("{}: detsim {} (git {}), seed {}, {} trials{}\n", results_file,
                           info.detsim_version, info.git_revision, info.seed, info.trials_completed,
                           info.complete ? "" : " -- INCOMPLETE: the run was stopped part-way");
  std::cout << format_summary_table(summary, names);
  return 0;
}

}  // namespace detsim::cli
