// CalibrationRuns: candidates times arms as the experiments of one Simulation, and their
// /summary rows read back.
#include "calibration_runs.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "detsim/error.hpp"
#include "detsim/model/distribution.hpp"
#include "detsim/stats/summary.hpp"
#include "run_checks.hpp"

namespace detsim::cli {

namespace {

// Every block to the summary, in block order; nothing is kept of the trials themselves.
class SummarySink : public BlockSink {
 public:
  explicit SummarySink(SummaryAccumulator& summary) : summary_(summary) {}
  void consume(const TrialBlock&, const ColumnBlock& trials, const PathBlock&) override {
    summary_.add(trials);
  }

 private:
  SummaryAccumulator& summary_;
};

}  // namespace

double prior_value(const DesignFactor& f, double u) {
  if (f.kind == DesignFactor::Kind::range) return f.lo + u * (f.hi - f.lo);
  std::vector<double> args;
  for (const Quantity& a : f.distribution.args) args.push_back(a.value);
  return quantile(f.distribution.kind, args, u);
}

bool CalibrationArm::same_as(const CalibrationArm& other) const {
  if (settings.size() != other.settings.size()) return false;
  for (std::size_t i = 0; i < settings.size(); ++i) {
    if (settings[i].text != other.settings[i].text) return false;
  }
  std::error_code error;
  return scenario == other.scenario || std::filesystem::equivalent(scenario, other.scenario, error);
}

std::string fitted_setting(const std::string& path, double value) {
  return fmt::format("{}={}", path, value);
}

CalibrationRuns::CalibrationRuns(std::vector<CalibrationArm> arms, std::vector<FittedValue> fitted,
                                 std::vector<std::string> measures, LoadOptions options,
                                 int threads)
    : arms_(std::move(arms)),
      fitted_(std::move(fitted)),
      measures_(std::move(measures)),
      options_(std::move(options)),
      threads_(threads) {}

std::vector<ExperimentSpec> CalibrationRuns::experiments(
    const std::vector<std::vector<double>>& values) const {
  const std::size_t arms = arms_.size();
  std::vector<ExperimentSpec> out(values.size() * arms);
  std::vector<std::string> errors;
  for (std::size_t a = 0; a < arms; ++a) {
    std::vector<std::vector<PointSetting>> points(values.size());
    for (std::size_t c = 0; c < values.size(); ++c) {
      for (std::size_t f = 0; f < fitted_.size(); ++f) {
        points[c].push_back(
            {fitted_setting(fitted_[f].prior.path, values[c][f]), fitted_[f].prior.where});
      }
      for (const PointSetting& s : arms_[a].settings) points[c].push_back(s);
    }
    try {
      load_scenario_points(arms_[a].scenario, {std::nullopt}, options_, points,
                           [&](std::size_t c, std::vector<Scenario>& scenarios) {
                             Scenario& s = scenarios.front();
                             s.guarantee.structure = fmt::format("candidate {} arm {}", c, a);
                             out[c * arms + a] = {s.guarantee.structure, std::move(s)};
                           });
    } catch (const InputError& e) {
      errors.push_back(e.what());
    }
  }
  throw_if_any(errors);
  // One run's experiments share actors and horizon (one /trials layout).
  const Scenario& first = out.front().scenario;
  for (std::size_t a = 1; a < arms; ++a) {
    const Scenario& s = out[a].scenario;
    bool same = s.horizon_months == first.horizon_months && s.actors.size() == first.actors.size();
    for (std::size_t i = 0; same && i < s.actors.size(); ++i) {
      same = s.actors[i].id == first.actors[i].id && s.actors[i].role == first.actors[i].role;
    }
    if (!same) {
      throw InputError(
          fmt::format("{}: the targets' scenarios must share actors (ids and roles, in order) and "
                      "horizon_months with {}: one calibration runs them together, paired",
                      arms_[a].scenario.string(), arms_[0].scenario.string()));
    }
  }
  return out;
}

void CalibrationRuns::check(const std::vector<std::string>& measure_where) const {
  std::vector<std::vector<double>> values;
  std::vector<double> middle;
  for (const FittedValue& f : fitted_) middle.push_back(prior_value(f.prior, 0.5));
  values.push_back(middle);
  // Each fitted value alone at its range's ends, the others at their middles.
  for (std::size_t f = 0; f < fitted_.size(); ++f) {
    if (fitted_[f].prior.kind != DesignFactor::Kind::range) continue;
    for (const double end : {fitted_[f].prior.lo, fitted_[f].prior.hi}) {
      values.push_back(middle);
      values.back()[f] = end;
    }
  }
  const Simulation simulation(experiments(values));
  const std::vector<Measure> all =
      standard_measures(simulation.trial_columns(), TrialModel::outcome_labels());
  std::vector<std::string> names;
  for (const Measure& m : all) names.push_back(m.name);
  std::vector<std::string> errors;
  for (std::size_t i = 0; i < measures_.size(); ++i) {
    if (std::find(names.begin(), names.end(), measures_[i]) != names.end()) continue;
    errors.push_back(fmt::format("{} = {}: not a /summary measure of the scenario; it has {}",
                                 measure_where[i], measures_[i], fmt::join(names, ", ")));
  }
  throw_if_any(errors);
}

std::vector<std::vector<std::vector<MeasureValue>>> CalibrationRuns::evaluate(
    const std::vector<std::vector<double>>& values) const {
  const Simulation simulation(experiments(values));
  const std::vector<Measure> all =
      standard_measures(simulation.trial_columns(), TrialModel::outcome_labels());
  std::vector<Measure> used;
  for (const std::string& name : measures_) {
    for (const Measure& m : all) {
      if (m.name == name) used.push_back(m);
    }
  }
  std::vector<std::int64_t> trials;
  for (std::size_t e = 0; e < simulation.experiment_count(); ++e) {
    trials.push_back(simulation.trials(e));
  }
  SummaryAccumulator summary(used, trials, 0, false);
  SummarySink sink(summary);
  RunOptions options;
  options.threads = threads_;
  options.block_size = 1000;
  options.seed = simulation.experiment(0).scenario.seed;
  const RunResult result = simulation.run(options, sink);
  if (!result.experiment_errors.empty()) {
    throw RunError("a calibration trial failed: " + result.experiment_errors.begin()->second);
  }
  if (!result.complete) throw RunError("the calibration's run was stopped");

  const ColumnBlock table = summary.table();
  const auto& experiment = table.i32(table.index_of("experiment"));
  const auto& outcome = table.str(table.index_of("outcome"));
  const auto& mean = table.f64(table.index_of("mean"));
  const auto& n = table.i32(table.index_of("n"));
  const std::size_t arms = arms_.size();
  std::vector<std::vector<std::vector<MeasureValue>>> out(
      values.size(),
      std::vector<std::vector<MeasureValue>>(arms, std::vector<MeasureValue>(measures_.size())));
  for (std::size_t r = 0; r < table.rows(); ++r) {
    const auto e = static_cast<std::size_t>(experiment[r]);
    for (std::size_t m = 0; m < measures_.size(); ++m) {
      if (outcome[r] == measures_[m]) out[e / arms][e % arms][m] = {mean[r], n[r]};
    }
  }
  return out;
}

}  // namespace detsim::cli
