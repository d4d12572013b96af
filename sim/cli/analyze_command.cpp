// `detsim analyze`: sensitivity indices of a study's file (a Sobol or Morris design): for every
// structure and headline measure, Sobol first-order and total indices or Morris mu* and sigma,
// with bootstrap intervals and the share of the variance that is Monte Carlo noise; printed, and
// written to the file's /sensitivity.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iostream>
#include <map>

#include "commands.hpp"
#include "crash_guard.hpp"
#include "detsim/error.hpp"
#include "detsim/io/results_annotation.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/stats/design_sensitivity.hpp"

namespace detsim::cli {

namespace {

// The measures the debate's questions turn on, by name or by prefix (one per guarantor or actor).
bool headline(const std::string& measure) {
  for (const char* name :
       {"attacked", "war_months_if_war", "escalation_ge_2", "cohesion", "territory"}) {
    if (measure == name) return true;
  }
  return measure.rfind("honored_when_tested.", 0) == 0 || measure.rfind("cost.", 0) == 0;
}

struct StudyFile {
  std::string method;
  std::vector<std::string> factors, structures;
  DesignRows design;
  ColumnBlock summary;
  std::vector<std::int32_t> point_of;  // by experiment
};

StudyFile read_study(const std::string& file) {
  try {
    read_results_info(file);
    if (!has_group(file, "design")) {
      throw InputError(
          fmt::format("{}: no /design: analyze reads the file of a study with a "
                      "sobol or morris design (detsim run STUDY.yaml)",
                      file));
    }
    if (!has_group(file, "summary")) {
      throw InputError(fmt::format("{}: no /summary: the run stopped before it ended", file));
    }
    StudyFile s;
    s.method = read_string_array_attribute(file, "design", "method").at(0);
    if (s.method != "sobol" && s.method != "morris") {
      throw InputError(
          fmt::format("{}: /design method is {}: sensitivity indices need a sobol "
                      "or morris design",
                      file, s.method));
    }
    s.factors = read_string_array_attribute(file, "design", "factors");
    s.structures = read_string_array_attribute(file, "design", "structures");
    if (s.structures.size() == 1 && s.structures[0].empty()) s.structures.clear();
    using C = ColumnType;
    std::vector<RequiredColumn> required{{"point", C::i32},
                                         {"role", C::str},
                                         {"base_row", C::i32},
                                         {"trajectory", C::i32},
                                         {"step", C::i32}};
    for (const std::string& f : s.factors) required.push_back({"u." + f, C::f64});
    const ColumnBlock design = read_table(file, "design", required);
    const auto& point = design.i32(design.index_of("point"));
    const auto n = static_cast<Eigen::Index>(design.rows());
    s.design.role.resize(design.rows());
    s.design.base_row.resize(design.rows());
    s.design.trajectory.resize(design.rows());
    s.design.step.resize(design.rows());
    s.design.u.resize(n, static_cast<Eigen::Index>(s.factors.size()));
    const auto& role = design.str(design.index_of("role"));
    const auto& base_row = design.i32(design.index_of("base_row"));
    const auto& trajectory = design.i32(design.index_of("trajectory"));
    const auto& step = design.i32(design.index_of("step"));
    std::vector<const std::vector<double>*> u;
    for (const std::string& f : s.factors) u.push_back(&design.f64(design.index_of("u." + f)));
    for (std::size_t r = 0; r < design.rows(); ++r) {
      const std::int32_t p = point[r];
      if (p < 0 || p >= n)
        throw InputError(fmt::format("{}: /design/point: row {} holds {}", file, r, p));
      s.design.role[p] = role[r];
      s.design.base_row[p] = base_row[r];
      s.design.trajectory[p] = trajectory[r];
      s.design.step[p] = step[r];
      for (std::size_t f = 0; f < u.size(); ++f) {
        s.design.u(p, static_cast<Eigen::Index>(f)) = (*u[f])[r];
      }
    }
    const ColumnBlock experiments =
        read_table(file, "experiments", {{"experiment", C::i32}, {"point", C::i32}});
    s.point_of.assign(experiments.rows(), -1);
    for (std::size_t r = 0; r < experiments.rows(); ++r) {
      const std::int32_t e = experiments.i32(experiments.index_of("experiment"))[r];
      if (e < 0 || static_cast<std::size_t>(e) >= s.point_of.size()) {
        throw InputError(fmt::format("{}: /experiments/experiment: row {} holds {}", file, r, e));
      }
      s.point_of[e] = experiments.i32(experiments.index_of("point"))[r];
    }
    s.summary = read_table(file, "summary",
                           {{"experiment", C::i32},
                            {"outcome", C::str},
                            {"kind", C::str},
                            {"mean", C::f64},
                            {"ci_low", C::f64},
                            {"ci_high", C::f64},
                            {"n", C::i32}});
    return s;
  } catch (const RunError& e) {
    throw InputError(e.what());  // about the file the user named
  }
}

// One structure's values of one measure at every design point, with their squared standard errors
// and trial counts.
struct PointValues {
  Eigen::VectorXd mean, squared_error;
  double trials = 0;  // per point, on average
};

std::string format_estimate(const Estimate& e) {
  return fmt::format("{:.3f} [{:.3f}, {:.3f}]", e.value, e.interval.low, e.interval.high);
}

}  // namespace

int analyze_command(const AnalyzeArguments& args) {
  const int status = run_guarded(args.results, read_deadline(args.results), [&] {
    read_study(args.results);
    return 0;
  });
  if (status != 0) return status;
  const StudyFile study = read_study(args.results);
  const auto points = static_cast<std::size_t>(study.design.u.rows());
  const std::size_t structures = std::max<std::size_t>(1, study.structures.size());

  // values[(structure, measure)] over the points, from /summary.
  std::map<std::pair<std::size_t, std::string>, PointValues> values;
  const auto& experiment = study.summary.i32(study.summary.index_of("experiment"));
  const auto& outcome = study.summary.str(study.summary.index_of("outcome"));
  const auto& kind_of = study.summary.str(study.summary.index_of("kind"));
  const auto& mean_of = study.summary.f64(study.summary.index_of("mean"));
  const auto& ci_low = study.summary.f64(study.summary.index_of("ci_low"));
  const auto& ci_high = study.summary.f64(study.summary.index_of("ci_high"));
  const auto& n_of = study.summary.i32(study.summary.index_of("n"));
  std::vector<std::string> measures;
  for (std::size_t r = 0; r < study.summary.rows(); ++r) {
    const std::string& m = outcome[r];
    const bool wanted =
        args.measures.empty()
            ? headline(m)
            : std::find(args.measures.begin(), args.measures.end(), m) != args.measures.end();
    if (!wanted) continue;
    const auto e = static_cast<std::size_t>(experiment[r]);
    if (e >= study.point_of.size() || study.point_of[e] < 0 ||
        static_cast<std::size_t>(study.point_of[e]) >= points) {
      throw InputError(fmt::format("{}: /summary row {} is of no design point", args.results, r));
    }
    const auto p = static_cast<Eigen::Index>(study.point_of[e]);
    PointValues& v = values[{e - static_cast<std::size_t>(p) * structures, m}];
    if (v.mean.size() == 0) {
      v.mean = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(points), NAN);
      v.squared_error = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(points), NAN);
    }
    const double mean = mean_of[r];
    const double n = n_of[r];
    const bool rate = kind_of[r] == "rate";
    const double half = (ci_high[r] - ci_low[r]) / 2;
    v.mean[p] = mean;
    v.squared_error[p] = rate ? mean * (1 - mean) / n : std::pow(half / kZ95, 2);
    v.trials += n / static_cast<double>(points);
    if (std::find(measures.begin(), measures.end(), m) == measures.end()) measures.push_back(m);
  }
  for (const std::string& wanted : args.measures) {
    if (std::find(measures.begin(), measures.end(), wanted) != measures.end()) continue;
    // The outcome column repeats every measure once per experiment: name each once.
    std::vector<std::string> held;
    for (const std::string& m : outcome) {
      if (std::find(held.begin(), held.end(), m) == held.end()) held.push_back(m);
    }
    throw InputError(fmt::format("{}: --measure {}: /summary holds no such measure (it holds {})",
                                 args.results, wanted, fmt::join(held, ", ")));
  }

  const Bootstrap bootstrap{args.resamples, args.seed, 0.95};
  const bool sobol = study.method == "sobol";
  ColumnBlock table({{"structure", ColumnType::str, "the study's structure", ""},
                     {"measure", ColumnType::str, "the /summary measure analysed", ""},
                     {"factor", ColumnType::str, "the factor's dotted path", ""},
                     {"index", ColumnType::str,
                      "S1 (Saltelli 2010), ST (Jansen), mu_star, sigma or mu (Morris)", ""},
                     {"estimate", ColumnType::f64, "the index", ""},
                     {"ci_low", ColumnType::f64, "95% percentile bootstrap interval, low", ""},
                     {"ci_high", ColumnType::f64, "95% percentile bootstrap interval, high", ""},
                     {"noise_share", ColumnType::f64,
                      "Monte Carlo noise's share of the measure's variance across points", ""},
                     {"trials_needed", ColumnType::f64,
                      "trials per point that would bring noise_share to 5%", ""}});
  std::vector<std::array<std::string, 4>> keys;
  std::vector<std::array<double, 5>> numbers;
  std::string report, warnings;
  for (std::size_t s = 0; s < structures; ++s) {
    const std::string structure = study.structures.empty() ? "" : study.structures[s];
    for (const std::string& m : measures) {
      const auto found = values.find({s, m});
      if (found == values.end()) continue;
      const PointValues& v = found->second;
      const std::string title = structure.empty() ? m : fmt::format("{} under {}", m, structure);
      if (!v.mean.allFinite()) {
        report += fmt::format(
            "\n{}: not analysed: undefined at some design points (no trial "
            "counted there, or the point failed)\n",
            title);
        continue;
      }
      const NoiseCheck noise =
          monte_carlo_noise(v.mean, v.squared_error.array().max(0.0).matrix(), v.trials, 0.05);
      std::vector<std::pair<std::string, std::vector<Estimate>>> columns;
      std::vector<double> mu;
      try {
        if (sobol) {
          const SobolIndices i = sobol_of_design(study.design, v.mean, bootstrap);
          columns = {{"S1", i.first}, {"ST", i.total}};
        } else {
          const MorrisIndices i = morris_of_design(study.design, v.mean, bootstrap);
          columns = {{"mu_star", i.mu_star}, {"sigma", i.sigma}};
          mu = i.mu;
        }
      } catch (const std::invalid_argument& e) {
        report += fmt::format("\n{}: not analysed: {}\n", title, e.what());
        continue;
      }
      report += fmt::format("\n{} (Monte Carlo noise {:.1f}% of its variance across points)\n",
                            title, 100 * noise.share);
      report += fmt::format("{:<50} {:<26} {:<26}\n", "factor", columns[0].first, columns[1].first);
      for (std::size_t f = 0; f < study.factors.size(); ++f) {
        report += fmt::format("{:<50} {:<26} {:<26}\n", study.factors[f],
                              format_estimate(columns[0].second[f]),
                              format_estimate(columns[1].second[f]));
        for (const auto& [index, estimates] : columns) {
          const Estimate& e = estimates[f];
          keys.push_back({structure, m, study.factors[f], index});
          numbers.push_back(
              {e.value, e.interval.low, e.interval.high, noise.share, noise.trials_needed});
        }
        if (!mu.empty()) {
          keys.push_back({structure, m, study.factors[f], "mu"});
          numbers.push_back({mu[f], NAN, NAN, noise.share, noise.trials_needed});
        }
      }
      if (noise.large) {
        warnings += fmt::format(
            "detsim analyze: warning: {}: Monte Carlo noise is {:.0f}% of the variance across "
            "design points ({:.0f} trials a point), enough to bias the indices ({}); about {:.0f} "
            "trials a point would bring it to 5%\n",
            title, 100 * noise.share, v.trials,
            sobol ? "S1 toward 0, ST toward 1" : "mu* and sigma upward",
            std::ceil(noise.trials_needed));
      }
    }
  }
  table.resize(keys.size());
  for (std::size_t r = 0; r < keys.size(); ++r) {
    for (std::size_t c = 0; c < 4; ++c) table.str(c)[r] = keys[r][c];
    for (std::size_t c = 0; c < 5; ++c) table.f64(4 + c)[r] = numbers[r][c];
  }
  try {
    add_results_table(args.results, "sensitivity", table,
                      {{"method", study.method},
                       {"resamples", std::to_string(args.resamples)},
                       {"bootstrap_seed", std::to_string(args.seed)},
                       {"level", "0.95"},
                       {"noise_target", "0.05"}});
  } catch (const RunError& e) {
    throw InputError(e.what());
  }
  std::cout << fmt::format(
                   "{}: {} design, {} points, {} factors; 95% intervals from {} "
                   "bootstrap resamples (seed {}); written to /sensitivity\n",
                   args.results, study.method, points, study.factors.size(), args.resamples,
                   args.seed)
            << report;
  std::cerr << warnings;
  return 0;
}

}  // namespace detsim::cli
