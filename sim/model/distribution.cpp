// CDFs and quantile functions of the distribution forms, from closed forms and Boost.Math.
#include "detsim/model/distribution.hpp"

#include <algorithm>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <stdexcept>

#include "beta_functions.hpp"

namespace detsim {

namespace {

constexpr double kSqrt2 = 1.4142135623730951;

double normal_cdf(double z) { return 0.5 * std::erfc(-z / kSqrt2); }
double normal_upper(double z) { return 0.5 * std::erfc(z / kSqrt2); }
// Phi^-1(p) for p in (0, 1), in double arithmetic (as the beta's functions: beta_functions.hpp).
double normal_quantile(double p) {
  return -kSqrt2 *
         boost::math::erfc_inv(
             2.0 * p,
             boost::math::policies::policy<boost::math::policies::promote_double<false>>());
}

// The window [lo, hi] of a normal, in probabilities of the tail that keeps their precision: a
// window above the mean is measured by upper tails, where erfc is exact to the last bits; below,
// by lower tails. Phi would round both ends of a far upper window to 1.
struct NormalWindow {
  double mean, sd, lo, hi;
  bool upper;            // measured by upper tails
  double start, finish;  // the tail probabilities at lo and hi (start > finish when upper)

  NormalWindow(double m, double s, double a, double b) : mean(m), sd(s), lo(a), hi(b) {
    const double z_lo = (lo - mean) / sd, z_hi = (hi - mean) / sd;
    upper = z_lo > 0;
    start = upper ? normal_upper(z_lo) : normal_cdf(z_lo);
    finish = upper ? normal_upper(z_hi) : normal_cdf(z_hi);
  }
  // False when the window lies beyond double precision's reach, tens of sds from the mean.
  bool has_mass() const { return upper ? start > finish : finish > start; }
  // Where the mass of a window without representable mass sits: its end nearest the mean.
  double nearest_mean() const { return std::clamp(mean, lo, hi); }
};

double truncated_normal_cdf(double mean, double sd, double lo, double hi, double x) {
  if (x < lo) return 0.0;
  if (x >= hi) return 1.0;
  const NormalWindow w(mean, sd, lo, hi);
  if (!w.has_mass()) return x >= w.nearest_mean() ? 1.0 : 0.0;
  const double z = (x - mean) / sd;
  if (w.upper) return (w.start - normal_upper(z)) / (w.start - w.finish);
  return (normal_cdf(z) - w.start) / (w.finish - w.start);
}

double truncated_normal_quantile(double mean, double sd, double lo, double hi, double u) {
  const NormalWindow w(mean, sd, lo, hi);
  if (!w.has_mass()) return w.nearest_mean();
  // p is a tail probability strictly inside (0, 1) unless it underflows at the window's edge.
  const double p = w.start + u * (w.finish - w.start);
  double z;
  if (p <= 0.0) {
    z = w.upper ? INFINITY : -INFINITY;
  } else if (p >= 1.0) {
    z = w.upper ? -INFINITY : INFINITY;
  } else {
    z = w.upper ? -normal_quantile(p) : normal_quantile(p);
  }
  return std::clamp(mean + sd * z, lo, hi);
}

double beta_quantile(double mean, double concentration, double u) {
  const double a = mean * concentration, b = (1.0 - mean) * concentration;
  try {
    const double x = detail::beta_inverse(a, b, u);
    if (std::isfinite(x)) return x;
  } catch (const std::exception&) {
    // Boost gave up; only arguments at the edge of double range get here.
  }
  // The beta's limit as the concentration vanishes: a coin with P(1) = mean.
  return u < 1.0 - mean ? 0.0 : 1.0;
}

}  // namespace

double cdf(DistributionKind kind, std::span<const double> v, double x) {
  switch (kind) {
    case DistributionKind::constant: return x >= v[0] ? 1.0 : 0.0;
    case DistributionKind::uniform:
      if (v[1] == v[0]) return x >= v[0] ? 1.0 : 0.0;
      return std::clamp((x - v[0]) / (v[1] - v[0]), 0.0, 1.0);
    case DistributionKind::beta:
      if (x <= 0.0) return 0.0;
      if (x >= 1.0) return 1.0;
      return detail::beta_cdf(v[0] * v[1], (1.0 - v[0]) * v[1], x);
    case DistributionKind::normal: return truncated_normal_cdf(v[0], v[1], v[2], v[3], x);
    case DistributionKind::triangular: {
      const double a = v[0], c = v[1], b = v[2];
      if (x >= b) return 1.0;
      if (x <= a) return 0.0;
      if (x <= c) return (x - a) * (x - a) / ((b - a) * (c - a));
      return 1.0 - (b - x) * (b - x) / ((b - a) * (b - c));
    }
  }
  throw std::logic_error("unknown distribution kind");
}

double quantile(DistributionKind kind, std::span<const double> v, double u) {
  switch (kind) {
    case DistributionKind::constant: return v[0];
    case DistributionKind::uniform: return v[0] + (v[1] - v[0]) * u;
    case DistributionKind::beta: return beta_quantile(v[0], v[1], u);
    case DistributionKind::normal: return truncated_normal_quantile(v[0], v[1], v[2], v[3], u);
    case DistributionKind::triangular: {
      const double a = v[0], c = v[1], b = v[2];
      if (b == a) return a;
      if (u * (b - a) < c - a) return a + std::sqrt(u * (b - a) * (c - a));
      return b - std::sqrt((1.0 - u) * (b - a) * (b - c));
    }
  }
  throw std::logic_error("unknown distribution kind");
}

}  // namespace detsim
