// Wilson and normal-theory intervals.
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

}  // namespace detsim
