// `detsim rerun`: one experiment of a results file run again alone, from the resolved scenario the
// file stored for it (/experiments/resolved_yaml), into a new file whose /trials equal the
// experiment's own bit for bit.
#include <fmt/format.h>

#include <charconv>

#include "commands.hpp"
#include "crash_guard.hpp"
#include "detsim/error.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/scenario/load.hpp"
#include "experiment_run.hpp"

namespace detsim::cli {

namespace {

struct StoredExperiment {
  std::int32_t index = 0;
  std::string name;
  std::string preset;  // empty in a file written before /experiments had the column
  std::string resolved_yaml;
};

// The experiment named `wanted` (its structure), or else numbered `wanted`. Every failure is about
// the file or the choice the user made: InputError.
StoredExperiment find_experiment(const std::string& file, const std::string& wanted) {
  ColumnBlock table;
  try {
    table = read_table(file, "experiments",
                       {{"experiment", ColumnType::i32},
                        {"structure", ColumnType::str},
                        {"resolved_yaml", ColumnType::str}});
  } catch (const RunError& e) {
    throw InputError(e.what());
  }
  const auto& index = table.i32(table.index_of("experiment"));
  const auto& name = table.str(table.index_of("structure"));
  const auto& yaml = table.str(table.index_of("resolved_yaml"));
  std::optional<std::size_t> row;
  for (std::size_t r = 0; r < table.rows() && !row; ++r) {
    if (name[r] == wanted) row = r;
  }
  std::int32_t number = -1;
  const char* end = wanted.data() + wanted.size();
  const auto [stop, error] = std::from_chars(wanted.data(), end, number);
  for (std::size_t r = 0; r < table.rows() && !row; ++r) {
    if (error == std::errc() && stop == end && index[r] == number) row = r;
  }
  if (!row) {
    std::string known;
    for (std::size_t r = 0; r < table.rows(); ++r) {
      known += fmt::format("{}{} {}", r ? ", " : "", index[r], name[r]);
    }
    throw InputError(
        fmt::format("{}: --experiment {}: no experiment of that name or index; the "
                    "file holds {}",
                    file, wanted, known.empty() ? "none" : known));
  }
  if (index[*row] < 0) {
    throw InputError(
        fmt::format("{}: /experiments/experiment: row {} holds {}; experiments are "
                    "numbered from 0 (the file is damaged)",
                    file, *row, index[*row]));
  }
  if (yaml[*row].empty()) {
    throw InputError(fmt::format("{}: experiment {} ({}) has no resolved scenario to run", file,
                                 index[*row], name[*row]));
  }
  const bool has_preset = table.has_column("preset", ColumnType::str);
  return {index[*row], name[*row], has_preset ? table.str(table.index_of("preset"))[*row] : "",
          yaml[*row]};
}

}  // namespace

int rerun_command(const RerunArguments& a) {
  // Read once in a child first: libhdf5 crashes or loops on some damaged files (see crash_guard),
  // and a file that reads there reads here.
  const int status = run_guarded(a.results, read_deadline(a.results), [&] {
    find_experiment(a.results, a.experiment);
    return 0;
  });
  if (status != 0) return status;
  const StoredExperiment stored = find_experiment(a.results, a.experiment);

  const std::string source =
      fmt::format("{}:/experiments/resolved_yaml[{}]", a.results, stored.index);
  // Every term, collective, cohesion_shift and the lead are written out in the resolved scenario,
  // so it runs without its preset file (which may have changed or gone since).
  LoadOptions options;
  options.structure = "";
  Scenario scenario = load_scenario_text(stored.resolved_yaml, source, options);
  // Recorded as before, so the new file's resolved scenario is the stored one, word for word.
  scenario.guarantee.preset = stored.preset;
  scenario.guarantee.structure = stored.name;

  ExperimentRun run;
  run.seed = scenario.seed;
  run.experiments.push_back({stored.name, std::move(scenario)});
  run.scenario_yaml = stored.resolved_yaml;
  run.source = source;
  run.inputs = {a.results};
  run.output = a.execution.output;
  run.rerun_of = fmt::format("{} experiment {} ({})", a.results, stored.index, stored.name);
  return run_experiments(std::move(run), a.execution);
}

}  // namespace detsim::cli
