// ABC-PMC's weights, covariances and predictive quantiles (include/detsim/stats/abc.hpp).
#include "detsim/stats/abc.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <boost/math/distributions/binomial.hpp>

namespace detsim::abc {

double effective_sample_size(std::span<const double> weights) {
  double sum = 0, squares = 0;
  for (const double w : weights) {
    sum += w;
    squares += w * w;
  }
  return squares > 0 ? sum * sum / squares : 0;
}

Eigen::MatrixXd weighted_covariance(const Eigen::MatrixXd& points,
                                    std::span<const double> weights) {
  const auto n = points.rows();
  const auto d = points.cols();
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(d);
  double squares = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double w = weights[static_cast<std::size_t>(i)] / total;
    mean += w * points.row(i).transpose();
    squares += w * w;
  }
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(d, d);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double w = weights[static_cast<std::size_t>(i)] / total;
    const Eigen::VectorXd x = points.row(i).transpose() - mean;
    cov += w * x * x.transpose();
  }
  return squares < 1 ? Eigen::MatrixXd(cov / (1 - squares)) : Eigen::MatrixXd(cov * 0);
}

std::vector<double> pmc_weights(const Eigen::MatrixXd& new_points,
                                const Eigen::MatrixXd& old_points,
                                std::span<const double> old_weights,
                                const Eigen::MatrixXd& kernel) {
  const Eigen::LLT<Eigen::MatrixXd> llt(kernel);
  if (llt.info() != Eigen::Success) throw std::invalid_argument("kernel is not positive definite");
  const Eigen::MatrixXd l = llt.matrixL();
  std::vector<double> out(static_cast<std::size_t>(new_points.rows()));
  double total = 0;
  for (Eigen::Index i = 0; i < new_points.rows(); ++i) {
    // The kernel's constant factor is the same in every term: it cancels in the normalisation.
    double density = 0;
    for (Eigen::Index j = 0; j < old_points.rows(); ++j) {
      const Eigen::VectorXd x = (new_points.row(i) - old_points.row(j)).transpose();
      const Eigen::VectorXd z = l.triangularView<Eigen::Lower>().solve(x);
      density += old_weights[static_cast<std::size_t>(j)] * std::exp(-0.5 * z.squaredNorm());
    }
    out[static_cast<std::size_t>(i)] = density > 0 ? 1 / density : 0;
    total += out[static_cast<std::size_t>(i)];
  }
  for (double& w : out) w /= total;
  return out;
}

double weighted_quantile(std::span<const double> values, std::span<const double> weights,
                         double q) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double cumulative = 0;
  for (const std::size_t i : order) {
    cumulative += weights[i] / total;
    if (cumulative >= q * (1 - 1e-12)) return values[i];
  }
  return values[order.back()];
}

std::int64_t binomial_quantile(std::int64_t n, double p, double u) {
  double cdf = 0;
  for (std::int64_t k = 0; k < n; ++k) {
    cdf += boost::math::pdf(boost::math::binomial_distribution<double>(static_cast<double>(n), p),
                            static_cast<double>(k));
    if (cdf >= u) return k;
  }
  return n;
}

double binomial_mixture_quantile(std::span<const double> p, std::span<const double> weights,
                                 std::int64_t n, double q) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> mass(static_cast<std::size_t>(n) + 1, 0.0);
  for (std::size_t j = 0; j < p.size(); ++j) {
    const boost::math::binomial_distribution<double> b(static_cast<double>(n), p[j]);
    for (std::int64_t k = 0; k <= n; ++k) {
      mass[static_cast<std::size_t>(k)] +=
          weights[j] / total * boost::math::pdf(b, static_cast<double>(k));
    }
  }
  double cdf = 0;
  for (std::int64_t k = 0; k <= n; ++k) {
    cdf += mass[static_cast<std::size_t>(k)];
    if (cdf >= q * (1 - 1e-12)) return static_cast<double>(k) / static_cast<double>(n);
  }
  return 1.0;
}

double count_distance(std::int64_t simulated, std::int64_t observed, std::int64_t n) {
  const double p = (static_cast<double>(observed) + 0.5) / (static_cast<double>(n) + 1);
  return std::abs(static_cast<double>(simulated - observed)) /
         std::sqrt(static_cast<double>(n) * p * (1 - p));
}

}  // namespace detsim::abc
