// The paired difference of two runs of one scenario (trial t of both draws the same numbers):
// its mean and standard error, and the directional checks of 4 standard errors.
#pragma once

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

namespace detsim::testing {

struct PairedDifference {
  double mean = 0, se = 0;
  std::size_t n = 0;
};

// Mean and standard error of a - b over the rows where `use` holds (all rows if it is empty)
// and neither value is NaN.
inline PairedDifference paired(const std::vector<double>& a, const std::vector<double>& b,
                               const std::vector<bool>& use = {}) {
  double sum = 0, sum2 = 0;
  PairedDifference d;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if ((!use.empty() && !use[i]) || std::isnan(a[i]) || std::isnan(b[i])) continue;
    const double x = a[i] - b[i];
    sum += x, sum2 += x * x, ++d.n;
  }
  const double n = static_cast<double>(d.n);
  d.mean = sum / n;
  d.se = std::sqrt(std::max(sum2 / n - d.mean * d.mean, 0.0) / (n - 1));
  return d;
}

inline void check_below_zero(const PairedDifference& d) {
  INFO("paired difference " << d.mean << " (se " << d.se << ", n " << d.n << ")");
  REQUIRE(d.n > 100);
  CHECK(d.mean < -4 * d.se);
}

inline void check_above_zero(const PairedDifference& d) {
  INFO("paired difference " << d.mean << " (se " << d.se << ", n " << d.n << ")");
  REQUIRE(d.n > 100);
  CHECK(d.mean > 4 * d.se);
}

}  // namespace detsim::testing
