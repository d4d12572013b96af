// `detsim run STUDY.yaml`: the design's points, each checked as --set would check it, crossed with
// the study's structures, run as experiments of one results file with the design in /design.
#include "study_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <set>
#include <span>
#include <unordered_map>

#include "detsim/design/design.hpp"
#include "detsim/error.hpp"
#include "detsim/model/distribution.hpp"
#include "detsim/scenario/load.hpp"
#include "detsim/scenario/study.hpp"
#include "experiment_run.hpp"
#include "run_checks.hpp"

namespace detsim::cli {

namespace {

// A study of more experiments than this prints no tables: a column per experiment would not fit.
constexpr std::size_t kTablesUpTo = 6;

// Morris's grid includes 0 and 1, where a quantile is infinite or undefined: a distribution
// factor takes the middles of p equal strata instead, (u (p - 1) + 1/2) / p.
double continuous_value(const DesignFactor& f, double u, const DesignShape& shape) {
  switch (f.kind) {
    case DesignFactor::Kind::levels: {
      const auto n = static_cast<double>(f.levels.size());
      return f.levels[std::min(f.levels.size() - 1, static_cast<std::size_t>(u * n))];
    }
    case DesignFactor::Kind::range: return f.lo + u * (f.hi - f.lo);
    case DesignFactor::Kind::distribution: {
      if (shape.method == DesignMethod::morris) {
        const auto p = static_cast<double>(shape.morris_levels);
        u = (u * (p - 1) + 0.5) / p;
      }
      std::vector<double> args;
      for (const Quantity& a : f.distribution.args) args.push_back(a.value);
      return quantile(f.distribution.kind, args, u);
    }
  }
  return NAN;
}

// A whole-number key takes the nearest whole number; levels are written as the user wants them
// (a fractional level of an integer key is refused by the loader, where it is written).
double factor_value(const DesignFactor& f, double u, const DesignShape& shape) {
  const double value = continuous_value(f, u, shape);
  return f.integer && f.kind != DesignFactor::Kind::levels ? std::round(value) : value;
}

// Where a message about the factor's value at u points: the level itself, else the factor.
const std::string& value_where(const DesignFactor& f, double u) {
  if (f.kind == DesignFactor::Kind::levels) {
    const auto n = static_cast<double>(f.levels.size());
    return f.value_where[std::min(f.levels.size() - 1, static_cast<std::size_t>(u * n))];
  }
  return f.where;
}

std::string setting(const DesignFactor& f, double value) {
  return fmt::format("{}={}", f.path, value);
}

// What a point sets, as --set would: the study's precision, then each factor that passed alone
// at its value there. The one list of a point's settings, for its check and whenever its
// experiments are made again.
std::vector<PointSetting> point_settings(const Study& study, std::span<const double> u,
                                         const std::vector<bool>& factor_ok) {
  std::vector<PointSetting> settings;
  if (!study.precision.empty()) settings.push_back({study.precision, study.precision_where});
  for (std::size_t f = 0; f < study.factors.size(); ++f) {
    const DesignFactor& factor = study.factors[f];
    if (factor_ok[f]) {
      settings.push_back(
          {setting(factor, factor_value(factor, u[f], study.shape)), value_where(factor, u[f])});
    }
  }
  return settings;
}

// A study's experiments, point p under structure s being experiment p * structures + s, made
// from the point's coordinates when the run needs one (to compile it, build its model or write
// its resolved YAML): the run holds each point's coordinates and, per experiment, which of the
// distinct structure labels it has, not a Scenario or a name per experiment. The labels are few
// unless the design varies the guarantee itself (a term, collective, the lead): the label then
// says how each point departs from its preset, one label a point.
class StudyExperiments : public ExperimentSource {
 public:
  // `label_of[e]`: experiment e's structure label (Scenario::guarantee.structure), of `labels`.
  StudyExperiments(Study study, const std::vector<DesignPoint>& points,
                   std::vector<std::optional<std::string>> structures,
                   std::vector<std::string> labels, std::vector<std::uint32_t> label_of,
                   std::unique_ptr<const ScenarioPoints> scenario,
                   std::shared_ptr<const Posterior> posterior)
      : study_(std::move(study)),
        structures_(std::move(structures)),
        labels_(std::move(labels)),
        label_of_(std::move(label_of)),
        scenario_(std::move(scenario)),
        posterior_(std::move(posterior)),
        all_factors_(study_.factors.size(), true) {
    coordinates_.reserve(points.size() * study_.factors.size());
    for (const DesignPoint& point : points) {
      coordinates_.insert(coordinates_.end(), point.u.begin(), point.u.end());
    }
  }

  std::size_t size() const override { return label_of_.size(); }

  ExperimentSpec experiment(std::size_t e) const override {
    const std::size_t factors = study_.factors.size();
    const std::span<const double> u(coordinates_.data() + e / structures_.size() * factors,
                                    factors);
    Scenario scenario = scenario_->scenario(point_settings(study_, u, all_factors_),
                                            structures_[e % structures_.size()]);
    std::string experiment_name = name(e);
    scenario.guarantee.structure = experiment_name;
    return {std::move(experiment_name), std::move(scenario), posterior_};
  }

  std::string name(std::size_t e) const override {
    return fmt::format("{}@{}", labels_[label_of_.at(e)], e / structures_.size());
  }

 private:
  Study study_;
  std::vector<double> coordinates_;  // [point * factors + factor]: the points' unit-cube values
  std::vector<std::optional<std::string>> structures_;
  std::vector<std::string> labels_;
  std::vector<std::uint32_t> label_of_;  // per experiment
  std::unique_ptr<const ScenarioPoints> scenario_;
  std::shared_ptr<const Posterior> posterior_;  // every experiment's, or none
  std::vector<bool> all_factors_;               // every factor passed, or the study was refused
};

// /design: a row per point, its role and its unit-cube coordinates; the attributes say the rest.
ColumnBlock design_table(const Study& study, const std::vector<DesignPoint>& points) {
  std::vector<ColumnInfo> schema{
      {"point", ColumnType::i32, "design point index, as in /experiments point", ""},
      {"role", ColumnType::str,
       "the point's part in the design: grid, lhs, A, B, AB_<i> (sobol), morris", ""},
      {"base_row", ColumnType::i32,
       "sobol: the row j of A and B the point belongs to; otherwise the point's index", ""},
      {"trajectory", ColumnType::i32, "morris: the trajectory; -1 otherwise", ""},
      {"step", ColumnType::i32, "morris: the step in the trajectory (0 its start); -1 otherwise",
       ""},
      {"moved_factor", ColumnType::i32,
       "morris: the factor (index in the attribute factors) the step moved; -1 at a start and "
       "otherwise",
       ""}};
  for (const DesignFactor& f : study.factors) {
    schema.push_back(
        {"u." + f.path, ColumnType::f64, "the point's unit-cube coordinate for the factor", ""});
  }
  ColumnBlock table(schema);
  table.resize(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    const DesignPoint& point = points[p];
    table.i32(0)[p] = static_cast<std::int32_t>(p);
    table.str(1)[p] = point.role;
    table.i32(2)[p] = point.base_row;
    table.i32(3)[p] = point.trajectory;
    table.i32(4)[p] = point.step;
    table.i32(5)[p] = point.moved_factor;
    for (std::size_t f = 0; f < study.factors.size(); ++f) table.f64(6 + f)[p] = point.u[f];
  }
  return table;
}

GroupAttributes design_attributes(const Study& study, const std::vector<std::string>& structures,
                                  std::int64_t trials) {
  GroupAttributes a;
  std::vector<std::string> paths, specs;
  for (const DesignFactor& f : study.factors) {
    paths.push_back(f.path);
    specs.push_back(f.spec);
  }
  a.text = {{"method", design_method_name(study.shape.method)},
            {"seed_decimal", std::to_string(study.shape.seed)},
            {"scenario", study.scenario.string()},
            {"study_yaml", study.text}};
  a.lists = {{"factors", paths}, {"factor_specs", specs}, {"structures", structures}};
  a.integers = {
      {"n", study.shape.method == DesignMethod::grid ? 0 : study.shape.n},
      {"morris_levels", study.shape.method == DesignMethod::morris ? study.shape.morris_levels : 0},
      {"trials", trials}};
  a.unsigned_integers = {{"seed", study.shape.seed}};
  return a;
}

}  // namespace

ExperimentRun prepare_study(const RunArguments& a) {
  Study study = load_study(a.scenario);
  if (!a.structures.empty()) {
    throw InputError(fmt::format(
        "{}: --structure: a study names its structures in design.structures", a.scenario));
  }
  const std::filesystem::path scenario = study.file.parent_path() / study.scenario;
  std::vector<DesignPoint> points = expand_design(study.shape, study.factors.size());

  LoadOptions options;
  options.overrides = a.overrides;
  if (a.trials || study.trials) {
    options.overrides.push_back(fmt::format("trials={}", a.trials ? *a.trials : *study.trials));
  }
  if (a.seed) options.overrides.push_back(fmt::format("seed={}", *a.seed));
  std::vector<std::optional<std::string>> structures;
  for (const std::string& s : study.structures) structures.push_back(s);
  if (structures.empty()) structures.push_back(std::nullopt);

  // Each factor alone first, at each of its levels (or the ends of its range), each value named
  // by where it is written; then the points, with the factors that passed. Every error of both
  // is reported at once, and nothing runs.
  std::vector<std::string> errors;
  std::vector<bool> factor_ok(study.factors.size(), true);
  for (std::size_t f = 0; f < study.factors.size(); ++f) {
    const DesignFactor& factor = study.factors[f];
    std::vector<double> alone = factor.levels;
    if (factor.kind == DesignFactor::Kind::range) {
      alone = {factor.lo, factor.hi};
      if (factor.integer) alone = {std::round(factor.lo), std::round(factor.hi)};
    }
    std::vector<std::vector<PointSetting>> checks;
    for (std::size_t i = 0; i < alone.size(); ++i) {
      checks.push_back({{setting(factor, alone[i]), factor.value_where[i]}});
    }
    if (checks.empty()) continue;
    try {
      load_scenario_points(scenario, {structures.front()}, options, checks,
                           [](std::size_t, std::vector<Scenario>&) {});
    } catch (const InputError& e) {
      errors.push_back(e.what());
      factor_ok[f] = false;
    }
  }

  std::vector<std::vector<PointSetting>> settings(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    settings[p] = point_settings(study, points[p].u, factor_ok);
  }
  // Each point's scenarios are checked, and dropped once the run knows what it needs of them
  // (their structure labels, the presets they read, the first's seed and trials): the run makes
  // them again from the points when it needs them (StudyExperiments).
  std::vector<std::string> labels;
  std::unordered_map<std::string, std::uint32_t> label_index;
  std::vector<std::uint32_t> label_of;
  label_of.reserve(points.size() * structures.size());
  std::set<std::string> presets;
  std::uint64_t seed = 0;
  std::int64_t trials = 0;
  try {
    load_scenario_points(scenario, structures, options, settings,
                         [&](std::size_t, std::vector<Scenario>& scenarios) {
                           if (label_of.empty()) {
                             seed = scenarios.front().seed;
                             trials = scenarios.front().trials;
                           }
                           for (const Scenario& s : scenarios) {
                             const auto [at, added] = label_index.try_emplace(
                                 s.guarantee.structure, static_cast<std::uint32_t>(labels.size()));
                             if (added) labels.push_back(s.guarantee.structure);
                             label_of.push_back(at->second);
                             presets.insert(s.guarantee.preset);
                           }
                         });
  } catch (const InputError& e) {
    errors.push_back(e.what());
  }
  throw_if_any(errors);
  settings = {};
  ExperimentRun run;
  // The root /scenario: the scenario as read with the run's overrides, as for any run.
  ScenarioStructures as_read = load_scenario_structures(scenario, {std::nullopt}, options);
  run.scenario_yaml = std::move(as_read.as_read);
  run.seed = seed;

  std::vector<ColumnInfo> schema{
      {"point", ColumnType::i32, "the experiment's design point (row of /design)", ""},
      {"role", ColumnType::str, "the point's part in the design, as in /design role", ""}};
  for (const DesignFactor& f : study.factors) {
    schema.push_back({"factor." + f.path, ColumnType::f64,
                      "the factor's value at the experiment's design point", ""});
  }
  ColumnBlock columns(schema);
  columns.resize(label_of.size());
  for (std::size_t e = 0; e < label_of.size(); ++e) {
    const DesignPoint& point = points[e / structures.size()];
    columns.i32(0)[e] = static_cast<std::int32_t>(e / structures.size());
    columns.str(1)[e] = point.role;
    for (std::size_t f = 0; f < study.factors.size(); ++f) {
      columns.f64(2 + f)[e] = factor_value(study.factors[f], point.u[f], study.shape);
    }
  }
  run.experiment_columns = std::move(columns);
  run.design = design_table(study, points);
  run.design_attributes = design_attributes(study, study.structures, trials);
  run.source = a.scenario;
  run.inputs = run_inputs(scenario, presets);
  run.inputs.push_back(study.file);
  if (!a.posterior.empty()) {
    run.posterior = read_posterior_input(a.posterior);
    check_overrides(run.posterior, a.overrides);
    // A path both would set has no one value: the design's would be silently lost.
    for (const DesignFactor& f : study.factors) {
      if (posterior_sets(run.posterior, f.path)) {
        throw InputError(
            fmt::format("{}: factor {}: {} sets this path too (--posterior); a "
                        "study varies a path the posterior does not set",
                        f.where, f.path, a.posterior));
      }
    }
    run.inputs.push_back(a.posterior);
  }
  run.baseline = a.baseline;
  run.output =
      a.execution.output.empty()
          ? std::filesystem::path(std::filesystem::path(a.scenario).stem().string() + ".h5")
          : std::filesystem::path(a.execution.output);
  run.quiet_tables = label_of.size() > kTablesUpTo;
  auto made = std::make_unique<const ScenarioPoints>(scenario, options);
  auto generated = std::make_unique<const StudyExperiments>(
      std::move(study), points, std::move(structures), std::move(labels), std::move(label_of),
      std::move(made), run.posterior.posterior);
  // Every point is made once more for the check: only with a posterior, and before any trial.
  check_posterior(run.posterior, generated->size(),
                  [&](std::size_t e) { return generated->experiment(e); });
  run.generated = std::move(generated);
  return run;
}

int run_study(const RunArguments& a) {
  ExperimentRun run = prepare_study(a);
  if (run.quiet_tables && !a.execution.quiet) {
    std::cerr << fmt::format(
        "detsim: {} experiments: the tables are not printed (detsim summarize {} prints them)\n",
        run.generated->size(), run.output.string());
  }
  return run_experiments(std::move(run), a.execution);
}

}  // namespace detsim::cli
