// `detsim calibrate SCENARIO TARGETS`: ABC by population Monte Carlo (Beaumont et al. 2009) with
// tolerances adapted from each generation's distances, over the judgment values TARGETS fits;
// the weighted posterior, the generations' diagnostics and each target's posterior predictive
// to an HDF5 file (docs/RESULTS.md, "Calibration files"; docs/MODEL.md 6.5).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>

#include "build_info.hpp"
#include "calibration_runs.hpp"
#include "commands.hpp"
#include "detsim/error.hpp"
#include "detsim/io/output_file.hpp"
#include "detsim/io/table_file.hpp"
#include "detsim/model/random_stream.hpp"
#include "detsim/scenario/targets.hpp"
#include "detsim/stats/abc.hpp"
#include "run_checks.hpp"

namespace detsim::cli {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Batches of candidates a generation may simulate before it ends with the particles it has: a
// bound on the time a tolerance too tight for the model can take.
constexpr int kMaxBatches = 40;
// A batch is sized to the previous generation's acceptance rate, never below this floor (so at a
// low rate it does not become a run of a hundred thousand candidates at once).
constexpr double kLowestRateForSizing = 0.05;

struct Particles {
  Eigen::MatrixXd u;  // rows: particles; columns: fitted values, in the prior's unit cube
  std::vector<double> weights;
  std::vector<double> distances;
};

struct GenerationRow {
  int generation = 0;
  double tolerance = kInfinity;
  double acceptance_rate = 0;
  double ess = 0;
  std::int64_t simulations = 0;
  std::int64_t accepted = 0;
};

// Where each target is measured: its arm (and, for a direction, its comparison's) and measure.
struct TargetSite {
  std::size_t arm = 0;
  std::size_t versus_arm = 0;
  std::size_t measure = 0;
};

std::size_t arm_index(std::vector<CalibrationArm>& arms, const CalibrationArm& arm) {
  for (std::size_t a = 0; a < arms.size(); ++a) {
    if (arms[a].same_as(arm)) return a;
  }
  arms.push_back(arm);
  return arms.size() - 1;
}

std::size_t measure_index(std::vector<std::string>& measures, std::vector<std::string>& where,
                          const CalibrationTarget& t) {
  for (std::size_t m = 0; m < measures.size(); ++m) {
    if (measures[m] == t.measure) return m;
  }
  measures.push_back(t.measure);
  where.push_back(t.measure_where + ": targets." + t.name + ".measure");
  return measures.size() - 1;
}

std::vector<std::vector<double>> values_of(const std::vector<FittedValue>& fitted,
                                           const Eigen::MatrixXd& u) {
  std::vector<std::vector<double>> values(static_cast<std::size_t>(u.rows()));
  for (Eigen::Index i = 0; i < u.rows(); ++i) {
    for (std::size_t f = 0; f < fitted.size(); ++f) {
      values[static_cast<std::size_t>(i)].push_back(
          prior_value(fitted[f].prior, u(i, static_cast<Eigen::Index>(f))));
    }
  }
  return values;
}

// The next tolerance: the median of the last generation's distances, or, where the distances
// are discrete and the median is the last tolerance itself, the largest distance below it.
double next_tolerance(const std::vector<double>& distances, double last) {
  std::vector<double> sorted = distances;
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted[(sorted.size() - 1) / 2];
  if (median < last) return median;
  double below = 0;
  for (const double d : sorted) below = d < last ? d : below;
  return below;
}

class Calibration {
 public:
  Calibration(const CalibrationTargets& targets, std::vector<std::size_t> fit_targets,
              std::vector<TargetSite> sites, const CalibrationRuns& runs, std::uint64_t seed,
              std::int64_t particles)
      : targets_(targets),
        fit_(std::move(fit_targets)),
        sites_(std::move(sites)),
        runs_(runs),
        seed_(seed),
        particles_(particles),
        dims_(static_cast<Eigen::Index>(targets.fitted.size())) {}

  // Generation g's particles and its row of diagnostics; `last` is generation g - 1's.
  Particles generation(int g, const Particles* last, double tolerance, double expected_rate,
                       GenerationRow& row) const {
    Particles out;
    std::vector<Eigen::RowVectorXd> accepted;
    Eigen::MatrixXd kernel, factor;
    std::vector<double> cumulative;
    if (last) {
      kernel = 2 * abc::weighted_covariance(last->u, last->weights);
      // A posterior collapsed onto one point in some direction keeps a small step there.
      kernel += 1e-10 * Eigen::MatrixXd::Identity(dims_, dims_);
      factor = Eigen::LLT<Eigen::MatrixXd>(kernel).matrixL();
      double sum = 0;
      for (const double w : last->weights) cumulative.push_back(sum += w);
    }
    std::int64_t next = 0;
    for (int batch = 0; batch < kMaxBatches && std::ssize(accepted) < particles_; ++batch) {
      const auto missing = static_cast<double>(particles_ - std::ssize(accepted));
      const auto size = static_cast<std::int64_t>(
          g == 0 ? missing : std::ceil(missing / std::max(expected_rate, kLowestRateForSizing)));
      Eigen::MatrixXd u(size, dims_);
      for (std::int64_t c = 0; c < size; ++c) {
        u.row(c) = last ? propose(g, next + c, *last, cumulative, factor) : from_prior(next + c);
      }
      const auto outcomes = runs_.evaluate(values_of(targets_.fitted, u));
      for (std::int64_t c = 0; c < size; ++c) {
        const double d = distance(g, next + c, outcomes[static_cast<std::size_t>(c)]);
        if (d <= tolerance && std::ssize(accepted) < particles_) {
          accepted.push_back(u.row(c));
          out.distances.push_back(d);
        }
      }
      next += size;
    }
    if (accepted.size() < 2) {
      throw RunError(fmt::format(
          "generation {}: {} of {} candidates came within the tolerance {:.4g}: too few to go "
          "on (a model that cannot reach the targets, or priors that miss them)",
          g, accepted.size(), next, tolerance));
    }
    out.u.resize(static_cast<Eigen::Index>(accepted.size()), dims_);
    for (std::size_t i = 0; i < accepted.size(); ++i) {
      out.u.row(static_cast<Eigen::Index>(i)) = accepted[i];
    }
    out.weights = last ? abc::pmc_weights(out.u, last->u, last->weights, kernel)
                       : std::vector<double>(accepted.size(), 1.0 / double(accepted.size()));
    row = {g,
           tolerance,
           double(accepted.size()) / double(next),
           abc::effective_sample_size(out.weights),
           next,
           static_cast<std::int64_t>(accepted.size())};
    return out;
  }

 private:
  RandomStream stream(int g, const std::string& what, std::int64_t candidate) const {
    return RandomStream(seed_, static_cast<std::uint64_t>(g), StreamPurpose::calibration,
                        stream_key(what), static_cast<std::uint64_t>(candidate));
  }

  Eigen::RowVectorXd from_prior(std::int64_t candidate) const {
    RandomStream s = stream(0, "prior", candidate);
    Eigen::RowVectorXd u(dims_);
    for (Eigen::Index f = 0; f < dims_; ++f) u(f) = s.uniform();
    return u;
  }

  // A parent drawn by weight and moved by the kernel, both drawn again until the point is inside
  // the prior's cube (so every point's proposal density has the same normalising constant).
  Eigen::RowVectorXd propose(int g, std::int64_t candidate, const Particles& last,
                             const std::vector<double>& cumulative,
                             const Eigen::MatrixXd& factor) const {
    RandomStream s = stream(g, "proposal", candidate);
    for (int attempt = 0; attempt < 100000; ++attempt) {
      const double pick = s.uniform() * cumulative.back();
      const auto parent = std::min<std::size_t>(
          cumulative.size() - 1,
          static_cast<std::size_t>(std::lower_bound(cumulative.begin(), cumulative.end(), pick) -
                                   cumulative.begin()));
      Eigen::VectorXd z(dims_);
      for (Eigen::Index f = 0; f < dims_; ++f) z(f) = s.normal();
      const Eigen::RowVectorXd u =
          last.u.row(static_cast<Eigen::Index>(parent)) + (factor * z).transpose();
      if ((u.array() > 0).all() && (u.array() < 1).all()) return u;
    }
    throw RunError(fmt::format("generation {}: no proposal inside the priors' ranges", g));
  }

  // The fitted targets' distance: each a count drawn from Binomial(n, the candidate's simulated
  // rate), its distance in binomial standard deviations from the observed count, combined as a
  // Euclidean norm. At tolerance 0 a candidate is kept with the binomial likelihood of the
  // observed count, so the ABC posterior is then the exact one.
  double distance(int g, std::int64_t candidate,
                  const std::vector<std::vector<MeasureValue>>& outcome) const {
    double squares = 0;
    for (const std::size_t t : fit_) {
      const CalibrationTarget& target = targets_.targets[t];
      const MeasureValue& v = outcome[sites_[t].arm][sites_[t].measure];
      if (v.n == 0 || !std::isfinite(v.mean)) return kInfinity;
      const std::int64_t simulated = abc::binomial_quantile(
          target.n, v.mean, stream(g, "count." + target.name, candidate).uniform());
      const double z = abc::count_distance(simulated, target.count, target.n);
      squares += z * z;
    }
    return std::sqrt(squares);
  }

  const CalibrationTargets& targets_;
  std::vector<std::size_t> fit_;
  std::vector<TargetSite> sites_;
  const CalibrationRuns& runs_;
  std::uint64_t seed_;
  std::int64_t particles_;
  Eigen::Index dims_;
};

// Each target's posterior predictive at the final particles.
ColumnBlock targets_table(const CalibrationTargets& targets, const std::vector<TargetSite>& sites,
                          const Particles& posterior,
                          const std::vector<std::vector<std::vector<MeasureValue>>>& outcomes,
                          std::vector<std::string>& printed) {
  ColumnBlock table({
      {"target", ColumnType::str, "the target's name in the targets file", ""},
      {"used_in_fit", ColumnType::i32, "1: fitted; 0: held out, predicted at the posterior", ""},
      {"source", ColumnType::str, "where the figure is published", ""},
      {"observed", ColumnType::f64, "the published rate (count / n); NaN for a direction", ""},
      {"count", ColumnType::i64, "the cases that count; -1 if none", ""},
      {"n", ColumnType::i64, "the cases observed; -1 if none", ""},
      {"predictive_mean", ColumnType::f64,
       "posterior mean of the statistic (the measure's rate; a direction's paired difference)", ""},
      {"predictive_lo", ColumnType::f64,
       "2.5% point of the posterior predictive (with binomial sampling at n where there is one)",
       ""},
      {"predictive_hi", ColumnType::f64, "97.5% point of the posterior predictive", ""},
      {"description", ColumnType::str, "the target, and for a direction whether it holds", ""},
      {"measure", ColumnType::str, "the /summary measure it is compared with", ""},
      {"scenario_file", ColumnType::str, "the scenario it is measured on, as the targets name it",
       ""},
      {"period", ColumnType::str, "the years the figure covers", ""},
      {"unit", ColumnType::str, "the unit of analysis", ""},
  });
  table.resize(targets.targets.size());
  for (std::size_t t = 0; t < targets.targets.size(); ++t) {
    const CalibrationTarget& target = targets.targets[t];
    const TargetSite& site = sites[t];
    std::vector<double> statistic, weights;
    for (std::size_t j = 0; j < outcomes.size(); ++j) {
      double value = outcomes[j][site.arm][site.measure].mean;
      if (target.kind == CalibrationTarget::Kind::direction) {
        value -= outcomes[j][site.versus_arm][site.measure].mean;
      }
      if (!std::isfinite(value)) continue;  // no trial tested the guarantor at this particle
      statistic.push_back(value);
      weights.push_back(posterior.weights[j]);
    }
    double mean = NAN, lo = NAN, hi = NAN;
    double total = 0;
    for (const double w : weights) total += w;
    if (!statistic.empty()) {
      mean = 0;
      for (std::size_t j = 0; j < statistic.size(); ++j) mean += weights[j] / total * statistic[j];
      if (target.kind == CalibrationTarget::Kind::count) {
        lo = abc::binomial_mixture_quantile(statistic, weights, target.n, 0.025);
        hi = abc::binomial_mixture_quantile(statistic, weights, target.n, 0.975);
      } else {
        lo = abc::weighted_quantile(statistic, weights, 0.025);
        hi = abc::weighted_quantile(statistic, weights, 0.975);
      }
    }
    std::string description = target.description;
    std::string verdict;
    if (target.kind == CalibrationTarget::Kind::direction) {
      double holding = 0;
      for (std::size_t j = 0; j < statistic.size(); ++j) {
        if (target.lower ? statistic[j] < 0 : statistic[j] > 0) holding += weights[j] / total;
      }
      const bool holds = target.lower ? hi < 0 : lo > 0;
      verdict = fmt::format("{} ({} at {:.0f}% of the posterior's weight)",
                            holds ? "holds" : "does not hold across the 95% interval",
                            target.lower ? "lower" : "higher", 100 * holding);
      description += (description.empty() ? "" : "; ") + verdict;
    } else if (!target.fit) {
      verdict = std::isfinite(lo) && target.rate >= lo && target.rate <= hi
                    ? "observed inside the 95% interval"
                    : "observed outside the 95% interval";
    }
    table.str(0)[t] = target.name;
    table.i32(1)[t] = target.fit ? 1 : 0;
    table.str(2)[t] = target.source;
    table.f64(3)[t] = target.rate;
    table.i64(4)[t] = target.count;
    table.i64(5)[t] = target.n;
    table.f64(6)[t] = mean;
    table.f64(7)[t] = lo;
    table.f64(8)[t] = hi;
    table.str(9)[t] = description;
    table.str(10)[t] = target.measure;
    table.str(11)[t] = target.scenario.filename().string();
    table.str(12)[t] = target.period;
    table.str(13)[t] = target.unit;
    const std::string observed =
        target.kind == CalibrationTarget::Kind::count
            ? fmt::format("{}/{} = {:.3f}", target.count, target.n, target.rate)
        : target.kind == CalibrationTarget::Kind::rate
            ? fmt::format("{:.3f}", target.rate)
            : std::string(target.lower ? "lower" : "higher");
    printed.push_back(fmt::format("  {:<28} {:<4} {:<16} {:>7.3f} [{:.3f}, {:.3f}]  {}",
                                  target.name, target.fit ? "fit" : "held", observed, mean, lo, hi,
                                  verdict));
  }
  return table;
}

}  // namespace

int calibrate_command(const CalibrateArguments& a) {
  const auto started = std::chrono::steady_clock::now();
  const CalibrationTargets targets = load_targets(a.targets);
  const std::filesystem::path scenario = a.scenario;
  std::error_code error;
  std::vector<std::string> errors;
  for (const CalibrationTarget& t : targets.targets) {
    if (t.fit && !std::filesystem::equivalent(t.scenario, scenario, error)) {
      errors.push_back(fmt::format(
          "{}: targets.{}.scenario = {}: a fitted target must be measured on the scenario "
          "being calibrated, {}",
          t.where, t.name, t.scenario.string(), scenario.string()));
    }
  }
  throw_if_any(errors);
  const Scenario base = load_scenario(scenario);
  const std::uint64_t seed = a.seed.value_or(base.seed);

  // The arms: the fitted targets' first (the generations run only these), then the held-out.
  std::vector<CalibrationArm> arms;
  std::vector<std::string> measures, measure_where;
  std::vector<TargetSite> sites(targets.targets.size());
  std::vector<std::size_t> fit_targets;
  for (const bool fitted : {true, false}) {
    for (std::size_t t = 0; t < targets.targets.size(); ++t) {
      const CalibrationTarget& target = targets.targets[t];
      if (target.fit != fitted) continue;
      if (fitted) fit_targets.push_back(t);
      sites[t].arm = arm_index(arms, {target.scenario, target.settings});
      sites[t].measure = measure_index(measures, measure_where, target);
      if (target.kind == CalibrationTarget::Kind::direction) {
        CalibrationArm versus{target.scenario, target.settings};
        for (const PointSetting& s : target.versus) versus.settings.push_back(s);
        sites[t].versus_arm = arm_index(arms, versus);
      }
    }
  }
  std::size_t fit_arms = 0;
  for (const std::size_t t : fit_targets) fit_arms = std::max(fit_arms, sites[t].arm + 1);

  LoadOptions options;
  options.overrides = {fmt::format("seed={}", seed), "output.record_paths=0"};
  if (a.trials) options.overrides.push_back(fmt::format("trials={}", *a.trials));
  const CalibrationRuns fit_runs({arms.begin(), arms.begin() + std::ptrdiff_t(fit_arms)},
                                 targets.fitted, measures, options, a.threads);
  const CalibrationRuns all_runs(arms, targets.fitted, measures, options, a.threads);
  all_runs.check(measure_where);
  std::vector<std::filesystem::path> inputs{scenario, a.targets};
  for (const CalibrationArm& arm : arms) inputs.push_back(arm.scenario);
  check_output_path(a.output, inputs);

  if (!a.quiet) {
    std::cerr << fmt::format(
        "detsim calibrate: {} value(s) fitted to {} target(s) ({} held out), {} particles, up to "
        "{} generations, {} trials per candidate, seed {}\n",
        targets.fitted.size(), fit_targets.size(), targets.targets.size() - fit_targets.size(),
        a.particles, a.generations, a.trials.value_or(base.trials), seed);
    std::cerr << "  generation  tolerance  accepted/simulated  acceptance    ESS  seconds\n";
  }
  const Calibration calibration(targets, fit_targets, sites, fit_runs, seed, a.particles);
  std::vector<GenerationRow> rows;
  Particles posterior;
  double tolerance = kInfinity, rate = 1;
  for (int g = 0; g < a.generations; ++g) {
    if (g > 0) tolerance = next_tolerance(posterior.distances, tolerance);
    GenerationRow row;
    Particles next = calibration.generation(g, g > 0 ? &posterior : nullptr, tolerance, rate, row);
    posterior = std::move(next);
    rate = row.acceptance_rate;
    rows.push_back(row);
    if (!a.quiet) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cerr << fmt::format("  {:>10}  {:>9.4g}  {:>18}  {:>10.3f}  {:>5.0f}  {:>7.1f}\n", g,
                               row.tolerance, fmt::format("{}/{}", row.accepted, row.simulations),
                               row.acceptance_rate, row.ess, seconds);
    }
    // At tolerance 0 the simulated counts equal the observed: the posterior is the exact one
    // under the binomial likelihood, and no further generation can tighten it.
    if (tolerance == 0) break;
  }

  // Every target (fitted and held out) at the posterior's particles, on the same trials.
  const std::vector<std::vector<double>> values = values_of(targets.fitted, posterior.u);
  const auto outcomes = all_runs.evaluate(values);
  std::vector<std::string> printed;
  ColumnBlock target_rows = targets_table(targets, sites, posterior, outcomes, printed);

  std::vector<ColumnInfo> schema{
      {"particle", ColumnType::i32, "the particle's index", ""},
      {"weight", ColumnType::f64, "its importance weight, the weights summing to 1", ""}};
  std::vector<std::string> parameters, applies_to;
  for (const FittedValue& f : targets.fitted) {
    schema.push_back({f.prior.path, ColumnType::f64,
                      "the fitted value at this particle (prior " + f.prior.spec + ")", ""});
    parameters.push_back(f.prior.path);
    applies_to.push_back(f.applies_to);
  }
  ColumnBlock posterior_table(schema);
  posterior_table.resize(values.size());
  for (std::size_t j = 0; j < values.size(); ++j) {
    posterior_table.i32(0)[j] = static_cast<std::int32_t>(j);
    posterior_table.f64(1)[j] = posterior.weights[j];
    for (std::size_t f = 0; f < values[j].size(); ++f) posterior_table.f64(2 + f)[j] = values[j][f];
  }
  ColumnBlock generations({
      {"generation", ColumnType::i32, "the generation, from 0 (the prior)", ""},
      {"tolerance", ColumnType::f64, "the distance a candidate had to come within (inf: any)", ""},
      {"acceptance_rate", ColumnType::f64, "candidates accepted / candidates simulated", ""},
      {"ess", ColumnType::f64, "Kish's effective sample size of the generation's weights", ""},
      {"simulations", ColumnType::i64, "candidates simulated (each its trials under every arm)",
       ""},
  });
  generations.resize(rows.size());
  for (std::size_t g = 0; g < rows.size(); ++g) {
    generations.i32(0)[g] = rows[g].generation;
    generations.f64(1)[g] = rows[g].tolerance;
    generations.f64(2)[g] = rows[g].acceptance_rate;
    generations.f64(3)[g] = rows[g].ess;
    generations.i64(4)[g] = rows[g].simulations;
  }

  std::string scenario_text;
  {
    std::ifstream in(scenario, std::ios::binary);
    scenario_text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string method =
      "ABC-PMC (Beaumont et al. 2009) in the priors' unit cube: Gaussian kernel of twice the "
      "weighted covariance, tolerance the median of the last generation's distances, distance "
      "the norm of binomial-standardized count differences";
  GroupAttributes posterior_attributes;
  posterior_attributes.lists = {{"parameters", parameters}, {"applies_to", applies_to}};
  posterior_attributes.text = {{"scenario", scenario_text},
                               {"scenario_file", scenario.string()},
                               {"targets_yaml", targets.text},
                               {"targets_file", a.targets},
                               {"seed_decimal", std::to_string(seed)},
                               {"method", method}};
  posterior_attributes.unsigned_integers = {{"seed", seed}};
  posterior_attributes.integers = {{"trials", a.trials.value_or(base.trials)},
                                   {"particles", a.particles},
                                   {"generations", static_cast<std::int64_t>(rows.size())}};

  const RunMetadata metadata = run_metadata(a.command_line, a.threads, 1000, seed, scenario_text);
  GroupAttributes root;
  root.text = {{"detsim_version", metadata.detsim_version},
               {"git_revision", metadata.git_revision},
               {"compiler", metadata.compiler},
               {"command_line", metadata.command_line},
               {"working_directory", metadata.working_directory},
               {"seed_decimal", std::to_string(seed)}};
  root.integers = {{"threads", a.threads}};
  root.unsigned_integers = {{"seed", seed}};
  write_table_file(a.output, inputs, root,
                   {{"posterior", std::move(posterior_table), posterior_attributes},
                    {"calibration/generations", std::move(generations), {}},
                    {"calibration/targets", std::move(target_rows), {}}});

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!a.quiet) {
    std::cout << "posterior (weighted mean [95% interval]):\n";
    for (std::size_t f = 0; f < targets.fitted.size(); ++f) {
      std::vector<double> column;
      double mean = 0;
      for (std::size_t j = 0; j < values.size(); ++j) {
        column.push_back(values[j][f]);
        mean += posterior.weights[j] * values[j][f];
      }
      std::cout << fmt::format(
          "  {:<40} {:.4f} [{:.4f}, {:.4f}]  prior {}\n", targets.fitted[f].prior.path, mean,
          abc::weighted_quantile(column, posterior.weights, 0.025),
          abc::weighted_quantile(column, posterior.weights, 0.975), targets.fitted[f].prior.spec);
    }
    std::cout << "targets (posterior predictive mean [95% interval]):\n";
    for (const std::string& line : printed) std::cout << line << '\n';
    std::cout << fmt::format("wrote {} in {:.1f} s ({} threads)\n", a.output, seconds, a.threads);
  }
  return 0;
}

}  // namespace detsim::cli
