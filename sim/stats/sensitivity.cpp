// Sobol indices (Saltelli 2010 first order, Jansen total), Morris statistics, their percentile
// bootstrap intervals, and the Monte Carlo noise check.
#include "detsim/stats/sensitivity.hpp"

#include <fmt/format.h>
#include <algorithm>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace detsim {

namespace {

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

// The (1 - level) / 2 and (1 + level) / 2 quantiles of values, interpolated between order
// statistics (Hyndman & Fan's type 7, R's and numpy's default). Sorts values.
Interval percentile_interval(std::vector<double>& values, double level) {
  std::sort(values.begin(), values.end());
  const auto quantile = [&](double p) {
    const double position = p * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    const double weight = position - static_cast<double>(below);
    return values[below] + weight * (values[above] - values[below]);
  };
  return {quantile((1 - level) / 2), quantile((1 + level) / 2)};
}

void require_bootstrap(const Bootstrap& bootstrap) {
  require(bootstrap.resamples >= 100, "a bootstrap needs at least 100 resamples");
  require(bootstrap.level > 0 && bootstrap.level < 1, "a bootstrap level is between 0 and 1");
}

// Draws of units 0..n-1 with replacement, one resample after another.
class Resampler {
 public:
  Resampler(std::uint64_t seed, std::size_t units) : engine_(seed), pick_(0, units - 1) {}
  void draw(std::vector<std::size_t>& rows) {
    for (std::size_t& row : rows) row = pick_(engine_);
  }

 private:
  boost::random::mt19937_64 engine_;
  boost::random::uniform_int_distribution<std::size_t> pick_;
};

// Sobol indices of the base rows `rows` (repeats allowed): first[i], total[i]; returns the
// variance they are divided by.
double sobol_point(const SaltelliOutputs& o, const std::vector<std::size_t>& rows,
                   std::vector<double>& first, std::vector<double>& total) {
  const auto n = static_cast<double>(rows.size());
  double sum = 0;
  for (const std::size_t j : rows) sum += o.a[j] + o.b[j];
  const double mean = sum / (2 * n);
  double squares = 0;
  for (const std::size_t j : rows) {
    squares += (o.a[j] - mean) * (o.a[j] - mean) + (o.b[j] - mean) * (o.b[j] - mean);
  }
  const double variance = squares / (2 * n - 1);
  for (Eigen::Index i = 0; i < o.ab.cols(); ++i) {
    double partial = 0, total_partial = 0;
    for (const std::size_t j : rows) {
      const double step = o.ab(static_cast<Eigen::Index>(j), i) - o.a[j];
      // Saltelli's f(B) (f(AB_i) - f(A)), with f(B) centred: the same expectation, but without
      // the output's mean in it, which otherwise swamps the estimate when the output varies
      // little around a large mean (territory near 0.8, say).
      partial += (o.b[j] - mean) * step;
      total_partial += step * step;
    }
    first[i] = partial / n / variance;
    total[i] = total_partial / (2 * n) / variance;
  }
  return variance;
}

double mean_absolute(const Eigen::MatrixXd& effects, Eigen::Index factor,
                     const std::vector<std::size_t>& rows) {
  double sum = 0;
  for (const std::size_t t : rows) sum += std::abs(effects(static_cast<Eigen::Index>(t), factor));
  return sum / static_cast<double>(rows.size());
}

double standard_deviation(const Eigen::MatrixXd& effects, Eigen::Index factor,
                          const std::vector<std::size_t>& rows) {
  double sum = 0;
  for (const std::size_t t : rows) sum += effects(static_cast<Eigen::Index>(t), factor);
  const double mean = sum / static_cast<double>(rows.size());
  double squares = 0;
  for (const std::size_t t : rows) {
    const double d = effects(static_cast<Eigen::Index>(t), factor) - mean;
    squares += d * d;
  }
  return std::sqrt(squares / static_cast<double>(rows.size() - 1));
}

std::vector<std::size_t> every_row(std::size_t n) {
  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j) rows[j] = j;
  return rows;
}

}  // namespace

SobolIndices sobol_indices(const SaltelliOutputs& o, const Bootstrap& bootstrap) {
  require_bootstrap(bootstrap);
  const auto n = static_cast<std::size_t>(o.a.size());
  const auto k = static_cast<std::size_t>(o.ab.cols());
  require(n >= 2, "a Saltelli design needs at least 2 base rows");
  require(o.b.size() == o.a.size() && o.ab.rows() == o.a.size() && k >= 1,
          "f(A), f(B) and f(AB_i) must have one value per base row, and there must be a factor");
  require(o.a.allFinite() && o.b.allFinite() && o.ab.allFinite(),
          "a Saltelli design's outputs must be finite (a failed point cannot be used)");

  std::vector<double> first(k), total(k);
  SobolIndices result;
  result.variance = sobol_point(o, every_row(n), first, total);
  require(result.variance > 0, "the outputs do not vary: every index is undefined");

  std::vector<std::vector<double>> first_draws(k), total_draws(k);
  std::vector<double> f(k), t(k);
  std::vector<std::size_t> rows(n);
  Resampler resampler(bootstrap.seed, n);
  for (int r = 0; r < bootstrap.resamples; ++r) {
    resampler.draw(rows);
    // A resample of identical rows has no variance; it says nothing and is left out.
    if (!(sobol_point(o, rows, f, t) > 0)) continue;
    for (std::size_t i = 0; i < k; ++i) {
      first_draws[i].push_back(f[i]);
      total_draws[i].push_back(t[i]);
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    result.first.push_back({first[i], percentile_interval(first_draws[i], bootstrap.level)});
    result.total.push_back({total[i], percentile_interval(total_draws[i], bootstrap.level)});
  }
  return result;
}

Eigen::MatrixXd elementary_effects(const Eigen::MatrixXd& points, const Eigen::VectorXd& outputs) {
  const Eigen::Index k = points.cols();
  require(k >= 1 && points.rows() % (k + 1) == 0 && points.rows() > 0,
          "Morris trajectories are blocks of k + 1 points of k factors");
  require(outputs.size() == points.rows(), "one output per trajectory point");
  const Eigen::Index r = points.rows() / (k + 1);
  Eigen::MatrixXd effects =
      Eigen::MatrixXd::Constant(r, k, std::numeric_limits<double>::quiet_NaN());
  for (Eigen::Index t = 0; t < r; ++t) {
    for (Eigen::Index s = 1; s <= k; ++s) {
      const Eigen::Index row = t * (k + 1) + s;
      const Eigen::RowVectorXd step = points.row(row) - points.row(row - 1);
      Eigen::Index moved = -1;
      for (Eigen::Index i = 0; i < k; ++i) {
        if (step[i] == 0) continue;
        require(moved < 0, fmt::format("trajectory {}, step {} moves more than one factor", t, s));
        moved = i;
      }
      require(moved >= 0, fmt::format("trajectory {}, step {} moves no factor", t, s));
      require(std::isnan(effects(t, moved)),
              fmt::format("trajectory {} moves factor {} twice", t, moved));
      effects(t, moved) = (outputs[row] - outputs[row - 1]) / step[moved];
    }
  }
  return effects;
}

MorrisIndices morris_indices(const Eigen::MatrixXd& effects, const Bootstrap& bootstrap) {
  require_bootstrap(bootstrap);
  const auto r = static_cast<std::size_t>(effects.rows());
  require(r >= 2, "Morris statistics need at least 2 trajectories");
  require(effects.allFinite(), "elementary effects must be finite (a failed point cannot be used)");
  MorrisIndices result;
  const std::vector<std::size_t> all = every_row(r);
  std::vector<std::size_t> rows(r);
  for (Eigen::Index i = 0; i < effects.cols(); ++i) {
    std::vector<double> mu_star_draws, sigma_draws;
    Resampler resampler(bootstrap.seed, r);  // the same resamples for every factor
    for (int b = 0; b < bootstrap.resamples; ++b) {
      resampler.draw(rows);
      mu_star_draws.push_back(mean_absolute(effects, i, rows));
      sigma_draws.push_back(standard_deviation(effects, i, rows));
    }
    result.mu_star.push_back(
        {mean_absolute(effects, i, all), percentile_interval(mu_star_draws, bootstrap.level)});
    result.sigma.push_back(
        {standard_deviation(effects, i, all), percentile_interval(sigma_draws, bootstrap.level)});
    result.mu.push_back(effects.col(i).mean());
  }
  return result;
}

NoiseCheck monte_carlo_noise(const Eigen::VectorXd& point_means,
                             const Eigen::VectorXd& squared_standard_errors,
                             double trials_per_point, double target_share) {
  require(point_means.size() >= 2 && squared_standard_errors.size() == point_means.size(),
          "the noise check needs a mean and a squared standard error for each of 2+ points");
  require(target_share > 0 && target_share < 1, "the target noise share is between 0 and 1");
  const double n = static_cast<double>(point_means.size());
  const double observed = (point_means.array() - point_means.mean()).square().sum() / (n - 1);
  const double noise = squared_standard_errors.mean();
  NoiseCheck check;
  const double infinity = std::numeric_limits<double>::infinity();
  check.share = observed > 0 ? noise / observed : (noise > 0 ? infinity : 0.0);
  check.large = check.share > target_share;
  // share(n') = (s^2 / n') / (true + s^2 / n') with s^2 = noise * n per trial; solved for n'.
  const double true_variance = observed - noise;
  check.trials_needed = true_variance > 0 ? (1 - target_share) / target_share * noise *
                                                trials_per_point / true_variance
                                          : infinity;
  return check;
}

}  // namespace detsim
