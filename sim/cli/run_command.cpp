// `detsim run`: every input is read and checked before the results file is created, so bad
// input never leaves a file behind; a run stopped by a signal leaves one marked incomplete.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "detsim/engine/cancellation.hpp"
#include "detsim/engine/simulation.hpp"
#include "detsim/error.hpp"
#include "detsim/io/output_file.hpp"
#include "detsim/io/results_writer.hpp"
#include "detsim/scenario/load.hpp"
#include "detsim/scenario/preset.hpp"
#include "detsim/stats/summary.hpp"
#include "detsim/version.hpp"
#include "results_sink.hpp"
#include "run_checks.hpp"

namespace detsim::cli {

namespace {

// The name an experiment goes by: the preset's name, a preset file's stem, or "custom".
std::string structure_label(const std::string& preset) {
  if (preset.empty()) return "custom";
  const std::filesystem::path p(preset);
  return p.has_extension() || preset.find('/') != std::string::npos ? p.stem().string() : preset;
}

// The scenario as given (its own preset: the run's /scenario) and one experiment per structure
// asked for, or the scenario itself when none is; the file is read and parsed once for all.
struct Experiments {
  Scenario base;
  std::vector<ExperimentSpec> specs;
};

Experiments load_experiments(const RunArguments& a, const LoadOptions& options) {
  std::vector<std::optional<std::string>> structures{std::nullopt};
  for (const std::string& s : a.structures) {
    if (s == "all") {
      const auto shipped = shipped_preset_names();
      structures.insert(structures.end(), shipped.begin(), shipped.end());
    } else {
      structures.push_back(s);
    }
  }
  std::vector<Scenario> scenarios = load_scenario_structures(a.scenario, structures, options);
  Experiments experiments{scenarios.front(), {}};
  if (structures.size() == 1) {
    const std::string label = structure_label(experiments.base.guarantee.preset);
    experiments.specs.push_back({label, std::move(scenarios.front())});
    return experiments;
  }
  for (std::size_t i = 1; i < structures.size(); ++i) {
    experiments.specs.push_back({structure_label(*structures[i]), std::move(scenarios[i])});
  }
  return experiments;
}

// The experiment named by --baseline (default: the first).
std::size_t baseline_index(const RunArguments& a, const std::vector<ExperimentSpec>& experiments) {
  if (a.baseline.empty()) return 0;
  std::string names;
  for (std::size_t e = 0; e < experiments.size(); ++e) {
    if (experiments[e].structure == a.baseline) return e;
    names += (e ? ", " : "") + experiments[e].structure;
  }
  throw InputError(fmt::format(
      "--baseline {}: not an experiment of this run; its experiments are {}", a.baseline, names));
}

std::filesystem::path output_path(const RunArguments& a) {
  if (!a.output.empty()) return a.output;
  return std::filesystem::path(a.scenario).stem().string() + ".h5";
}

}  // namespace

int run_command(const RunArguments& a) {
  LoadOptions options;
  options.overrides = a.overrides;
  if (a.trials) options.overrides.push_back(fmt::format("trials={}", *a.trials));
  if (a.seed) options.overrides.push_back(fmt::format("seed={}", *a.seed));
  Experiments loaded = load_experiments(a, options);
  const Scenario& base = loaded.base;

  const Simulation simulation(std::move(loaded.specs));
  const std::vector<ExperimentSpec>& experiments = simulation.experiments();
  std::vector<std::string> resolved, names;
  std::int64_t recorded = 0;
  for (const ExperimentSpec& e : experiments) {
    resolved.push_back(emit_scenario_yaml(e.scenario));
    names.push_back(e.structure);
    recorded = std::max(recorded, e.scenario.record_paths);
  }

  check_distinct_structures(experiments);
  const std::size_t baseline = baseline_index(a, experiments);
  RunOptions run_options;
  run_options.threads = a.threads;
  run_options.block_size = a.block_size;
  run_options.seed = base.seed;
  check_memory(a.scenario, simulation, run_options);
  const std::filesystem::path out = output_path(a);
  check_output_path(out, run_inputs(a, experiments));
  if (out.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(out.parent_path(), ec);
    if (ec)
      throw RunError(
          fmt::format("{}: cannot create directory: {}", out.parent_path().string(), ec.message()));
  }
  // From here until the file is closed, SIGINT and SIGTERM only ask the run to stop, so no
  // signal can leave a half-made file behind.
  CancellationFlag cancel;
  const SignalScope signals(cancel);
  const RunMetadata metadata{version, git_revision, a.command_line, base.seed,
                             emit_scenario_yaml(base)};
  const TrialTableLayout layout{simulation.trial_columns(), TrialModel::outcome_labels()};
  ResultsWriter writer(out, metadata, simulation.experiments_table(resolved), layout,
                       recorded > 0 ? simulation.path_variables() : std::vector<ColumnInfo>{},
                       recorded > 0 ? simulation.path_months() : 0);
  const std::vector<Measure> measures = standard_measures(layout.columns, layout.outcome_labels);
  writer.write_table("measures", measures_table(measures));
  std::vector<std::int64_t> trials;
  for (const ExperimentSpec& e : experiments) trials.push_back(e.scenario.trials);
  SummaryAccumulator summary(measures, trials, baseline);

  ProgressReport progress(
      progress_style(a.quiet ? ProgressMode::none : a.progress, isatty(STDERR_FILENO)),
      a.progress_interval, stderr);
  RunResult result;
  {
    ResultsSink sink(writer, summary, progress);
    run_options.cancel = &cancel;
    result = simulation.run(run_options, sink);
  }
  progress.finish();
  const ColumnBlock table = summary.table();
  writer.close(table, result.complete, result.trials_completed);

  if (!a.quiet) std::cout << format_summary_table(table, names) << std::flush;
  if (!result.complete) {
    std::cerr << fmt::format(
        "detsim: stopped by signal {}: {} of {} trials written to {} (marked incomplete)\n",
        cancel.signal(), result.trials_completed, simulation.total_trials(), out.string());
    return 128 + cancel.signal();
  }
  if (!a.quiet) {
    std::cerr << fmt::format("detsim: {} trials in {:.1f} s ({:.0f} trials/s) written to {}\n",
                             result.trials_completed, result.seconds,
                             result.seconds > 0 ? result.trials_completed / result.seconds : 0.0,
                             out.string());
  }
  return 0;
}

}  // namespace detsim::cli
