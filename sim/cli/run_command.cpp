// `detsim run`: the scenario read once, resolved under each structure asked for, run as one
// experiment each into one results file.
#include <fmt/format.h>

#include <filesystem>

#include "commands.hpp"
#include "detsim/scenario/load.hpp"
#include "detsim/scenario/preset.hpp"
#include "detsim/scenario/study.hpp"
#include "experiment_run.hpp"
#include "run_checks.hpp"
#include "study_run.hpp"

namespace detsim::cli {

namespace {

// One experiment per structure asked for, or the scenario itself when none is; each goes by its
// resolved guarantee's name. The root /scenario is the file as read with the overrides.
ExperimentRun load_experiments(const RunArguments& a, const LoadOptions& options) {
  std::vector<std::optional<std::string>> structures{std::nullopt};
  for (const std::string& s : a.structures) {
    if (s == "all") {
      const auto shipped = shipped_preset_names();
      structures.insert(structures.end(), shipped.begin(), shipped.end());
    } else {
      structures.push_back(s);
    }
  }
  ScenarioStructures loaded = load_scenario_structures(a.scenario, structures, options);
  ExperimentRun run;
  run.scenario_yaml = std::move(loaded.as_read);
  run.seed = loaded.scenarios.front().seed;
  // With structures asked for, the file's own preset is only checked, not run.
  const std::size_t first = structures.size() == 1 ? 0 : 1;
  for (std::size_t i = first; i < loaded.scenarios.size(); ++i) {
    Scenario& scenario = loaded.scenarios[i];
    std::string name = scenario.guarantee.structure;
    run.experiments.push_back({std::move(name), std::move(scenario)});
  }
  return run;
}

}  // namespace

int run_command(const RunArguments& a) {
  if (is_study_file(a.scenario)) return run_study(a);
  LoadOptions options;
  options.overrides = a.overrides;
  if (a.trials) options.overrides.push_back(fmt::format("trials={}", *a.trials));
  if (a.seed) options.overrides.push_back(fmt::format("seed={}", *a.seed));
  ExperimentRun run = load_experiments(a, options);
  run.source = a.scenario;
  run.inputs = run_inputs(a.scenario, run.experiments);
  if (!a.posterior.empty()) {
    run.posterior = read_posterior_input(a.posterior);
    check_overrides(run.posterior, a.overrides);
    attach_posterior(run.posterior, run.experiments);
    run.inputs.push_back(a.posterior);
  }
  run.baseline = a.baseline;
  run.output =
      a.execution.output.empty()
          ? std::filesystem::path(std::filesystem::path(a.scenario).stem().string() + ".h5")
          : std::filesystem::path(a.execution.output);
  return run_experiments(std::move(run), a.execution);
}

}  // namespace detsim::cli
