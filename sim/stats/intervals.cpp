// Wilson, normal-theory, Newcombe and Welch intervals.
#include "detsim/stats/intervals.hpp"

#include <cmath>

namespace detsim {

Interval wilson_interval(std::int64_t successes, std::int64_t n, double z) {
  if (n <= 0) return {NAN, NAN};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z / (1 + z2 / nn) * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  // At the extremes the score interval ends exactly at 0 or 1; rounding would otherwise put the
  // end a hair inside and exclude the estimate itself.
  return {successes == 0 ? 0.0 : std::max(0.0, centre - half),
          successes == n ? 1.0 : std::min(1.0, centre + half)};
}

void RunningMean::add(double x) {
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
}

double RunningMean::variance() const { return n_ >= 2 ? m2_ / static_cast<double>(n_ - 1) : NAN; }

Interval RunningMean::interval(double z) const {
  if (n_ < 2) return {NAN, NAN};
  const double half = z * std::sqrt(variance() / static_cast<double>(n_));
  return {mean_ - half, mean_ + half};
}

Interval newcombe_interval(std::int64_t k1, std::int64_t n1, std::int64_t k2, std::int64_t n2,
                           double z) {
  if (n1 <= 0 || n2 <= 0) return {NAN, NAN};
  const double p1 = static_cast<double>(k1) / static_cast<double>(n1);
  const double p2 = static_cast<double>(k2) / static_cast<double>(n2);
  const Interval a = wilson_interval(k1, n1, z), b = wilson_interval(k2, n2, z);
  const double d = p1 - p2;
  return {d - std::hypot(p1 - a.low, b.high - p2), d + std::hypot(a.high - p1, p2 - b.low)};
}

Interval welch_interval(const RunningMean& first, const RunningMean& second, double z) {
  if (first.count() < 2 || second.count() < 2) return {NAN, NAN};
  const double d = first.mean() - second.mean();
  const double half = z * std::sqrt(first.variance() / static_cast<double>(first.count()) +
                                    second.variance() / static_cast<double>(second.count()));
  return {d - half, d + half};
}

}  // namespace detsim
