// Quantile functions of the distribution forms: reference points from scipy.stats 1.10 (Debian
// 12), computed independently of this code and quoted beside each check; F(F^-1(u)) = u
// elsewhere; the edge cases a drawn parameter may meet.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "detsim/model/distribution.hpp"

using namespace detsim;

namespace {

double q(DistributionKind kind, std::vector<double> args, double u) {
  return quantile(kind, args, u);
}
double f(DistributionKind kind, std::vector<double> args, double x) { return cdf(kind, args, x); }

constexpr double inf = INFINITY;

}  // namespace

TEST_CASE("quantiles agree with scipy.stats at reference points") {
  using K = DistributionKind;
  // stats.beta.ppf(0.3, 6.5, 3.5) = 0.5773994273881657 (mean 0.65, concentration 10)
  CHECK(q(K::beta, {0.65, 10}, 0.3) == Approx(0.5773994273881657).epsilon(1e-12));
  // stats.beta.ppf(1e-10, 13, 7) = 0.08040226805256843
  CHECK(q(K::beta, {0.65, 20}, 1e-10) == Approx(0.08040226805256843).epsilon(1e-12));
  // stats.beta.ppf(1 - 1e-10, 5.5, 4.5) = 0.9979726340679308
  CHECK(q(K::beta, {0.55, 10}, 1 - 1e-10) == Approx(0.9979726340679308).epsilon(1e-12));
  // stats.beta.ppf(0.9, 0.5, 0.5) = 0.9755282581475768
  CHECK(q(K::beta, {0.5, 1}, 0.9) == Approx(0.9755282581475768).epsilon(1e-12));
  // stats.truncnorm.ppf(0.25, -2/3, 8/3, loc=0.6, scale=0.15) = 0.5767504373772909
  CHECK(q(K::normal, {0.6, 0.15, 0.5, 1.0}, 0.25) == Approx(0.5767504373772909).epsilon(1e-12));
  // The window [0.5, 0.6] lies 10 to 12 sds above the mean 0:
  // stats.truncnorm.ppf(0.5, 10, 12, loc=0, scale=0.05) = 0.5034205918029248
  CHECK(q(K::normal, {0.0, 0.05, 0.5, 0.6}, 0.5) == Approx(0.5034205918029248).epsilon(1e-10));
  // stats.triang.ppf(0.2, 0.3) = 0.2449489742783178, ppf(0.8, 0.3) = 0.625834261322606
  CHECK(q(K::triangular, {0, 0.3, 1}, 0.2) == Approx(0.2449489742783178).epsilon(1e-14));
  CHECK(q(K::triangular, {0, 0.3, 1}, 0.8) == Approx(0.625834261322606).epsilon(1e-14));
  CHECK(q(K::uniform, {0.2, 0.8}, 0.25) == Approx(0.35).epsilon(1e-15));
  CHECK(q(K::constant, {0.4}, 0.9) == 0.4);
}

TEST_CASE("each quantile inverts its CDF across (0, 1), tails included") {
  using K = DistributionKind;
  const std::vector<std::pair<K, std::vector<double>>> laws{
      {K::uniform, {-1, 3}},        {K::beta, {0.65, 20}},          {K::beta, {0.35, 10}},
      {K::beta, {0.5, 1}},          {K::normal, {0.6, 0.15, 0, 1}}, {K::normal, {0, 1, -inf, inf}},
      {K::normal, {-1, 0.1, 0, 1}}, {K::triangular, {0, 0.3, 1}},   {K::triangular, {0, 0, 1}},
      {K::triangular, {2, 5, 5}}};
  for (const auto& [kind, args] : laws) {
    for (const double u : {1e-12, 1e-6, 0.01, 0.2, 0.5, 0.7, 0.99, 1 - 1e-6, 1 - 1e-12}) {
      const double x = q(kind, args, u);
      INFO(distribution_name(kind) << " " << args[0] << " " << args[1] << " at u = " << u);
      CHECK(std::abs(f(kind, args, x) - u) < 1e-9);
    }
  }
}

TEST_CASE("quantile edge cases: a vanishing beta, a normal window out of reach, degenerate laws") {
  using K = DistributionKind;
  // Beta(m k, (1 - m) k) as k -> 0 is a coin with P(1) = m: below u = 1 - m it gives 0.
  CHECK(q(K::beta, {0.6, 1e-300}, 0.3) == 0.0);
  CHECK(q(K::beta, {0.6, 1e-300}, 0.5) == 1.0);
  CHECK(q(K::beta, {0.6, 1e-6}, 0.39) < 1e-100);
  CHECK(q(K::beta, {0.6, 1e-6}, 0.41) > 1 - 1e-12);
  // A normal 100 sds below its window: all mass at the window's end nearest the mean.
  CHECK(q(K::normal, {-1, 0.01, 0, 1}, 0.5) == 0.0);
  CHECK(f(K::normal, {-1, 0.01, 0, 1}, 0.0) == 1.0);
  // Within its window always, however extreme u.
  for (const double u : {1e-300, 0.5, 1 - 1e-16}) {
    const double x = q(K::normal, {0.0, 0.1, 0.5, 0.6}, u);
    CHECK(x >= 0.5);
    CHECK(x <= 0.6);
  }
  CHECK(q(K::uniform, {0.3, 0.3}, 0.7) == 0.3);
  CHECK(q(K::triangular, {0.3, 0.3, 0.3}, 0.7) == 0.3);
  // Monotone in u: two experiments' neighbouring u give ordered values.
  double previous = -inf;
  for (int i = 1; i < 1000; ++i) {
    const double x = q(K::beta, {0.55, 10}, i / 1000.0);
    CHECK(x > previous);
    previous = x;
  }
}
