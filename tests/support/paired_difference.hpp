// Paired differences between two runs of the same trials (same seed, so trial t of both draws
// the same numbers), and the directional checks of the product's standard: a difference beyond
// 4 standard errors of the paired difference.
#pragma once

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

namespace detsim::testing {

// Mean and standard error of the paired differences a - b over the rows where `use` holds.
struct PairedDifference {
  double mean = 0, se = 0;
  std::size_t n = 0;
};

inline PairedDifference paired(const std::vector<double>& a, const std::vector<double>& b,
                               const std::vector<bool>& use) {
  double sum = 0, sum2 = 0;
  PairedDifference d;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!use[i]) continue;
    const double x = a[i] - b[i];
    sum += x, sum2 += x * x, ++d.n;
  }
  const double n = static_cast<double>(d.n);
  d.mean = sum / n;
  d.se = std::sqrt(std::max(sum2 / n - d.mean * d.mean, 0.0) / (n - 1));
  return d;
}

// Over every row.
inline PairedDifference paired(const std::vector<double>& a, const std::vector<double>& b) {
  return paired(a, b, std::vector<bool>(a.size(), true));
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
