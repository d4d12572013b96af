// `detsim rerun`: one experiment of a results file run again alone, from the resolved scenario the
// file stored for it (/experiments/resolved_yaml), into a new file whose /trials equal the
// experiment's own bit for bit.
#include <fmt/format.h>

#include <algorithm>

#include "commands.hpp"
#include "crash_guard.hpp"
#include "detsim/error.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/scenario/load.hpp"
#include "experiment_run.hpp"
#include "stored_experiments.hpp"

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
StoredExperiment find_stored_experiment(const std::string& file, const std::string& wanted) {
  ColumnBlock table;
  try {
    table = read_table(file, "experiments",
                       {{"experiment", ColumnType::i32},
                        {"structure", ColumnType::str},
                        {"resolved_yaml", ColumnType::str}});
  } catch (const RunError& e) {
    throw InputError(e.what());
  }
  const std::vector<std::string> names = experiment_names(file, table);
  const auto e = static_cast<std::int32_t>(find_experiment(file, names, wanted, "--experiment"));
  const auto& index = table.i32(table.index_of("experiment"));
  const std::size_t row =
      static_cast<std::size_t>(std::find(index.begin(), index.end(), e) - index.begin());
  const std::string& yaml = table.str(table.index_of("resolved_yaml"))[row];
  if (yaml.empty()) {
    throw InputError(
        fmt::format("{}: experiment {} ({}) has no resolved scenario to run", file, e, names[e]));
  }
  const bool has_preset = table.has_column("preset", ColumnType::str);
  return {e, names[e], has_preset ? table.str(table.index_of("preset"))[row] : "", yaml};
}

}  // namespace

int rerun_command(const RerunArguments& a) {
  // Read once in a child first: libhdf5 crashes or loops on some damaged files (see crash_guard),
  // and a file that reads there reads here.
  const int status = run_guarded(a.results, read_deadline(a.results), [&] {
    find_stored_experiment(a.results, a.experiment);
    return 0;
  });
  if (status != 0) return status;
  const StoredExperiment stored = find_stored_experiment(a.results, a.experiment);

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
  for (const std::string& name : read_member_names(a.results, "trials")) {
    if (name.starts_with("param.")) run.recorded_parameters.push_back(name);
  }
  run.rerun_of = fmt::format("{} experiment {} ({})", a.results, stored.index, stored.name);
  // A run with a posterior copied it whole into its file: the same particles are drawn from it.
  if (has_group(a.results, "posterior")) {
    run.posterior = read_posterior_input(a.results);
    attach_posterior(run.posterior, run.experiments);
  }
  return run_experiments(std::move(run), a.execution);
}

}  // namespace detsim::cli
