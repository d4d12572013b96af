// Wilson intervals, the running mean, and the intervals of a difference (Newcombe, Welch).
// Reference: scipy 1.10, stats.binomtest(40, 100).proportion_ci(method="wilson") =
// (0.3094012864, 0.4979974132), the score interval of Brown, Cai & DasGupta (2001).
#include <catch2/catch.hpp>
#include <cmath>

#include "detsim/stats/intervals.hpp"

using namespace detsim;

TEST_CASE("the Wilson interval matches the published form and contains its estimate") {
  const Interval ci = wilson_interval(40, 100);
  CHECK(ci.low == Approx(0.3094012864).margin(1e-9));
  CHECK(ci.high == Approx(0.4979974132).margin(1e-9));
  CHECK(wilson_interval(0, 300).low == 0.0);
  CHECK(wilson_interval(300, 300).high == 1.0);
  CHECK(wilson_interval(0, 300).high > 0.0);
  CHECK(std::isnan(wilson_interval(0, 0).low));
}

TEST_CASE("the running mean and its interval follow the textbook formulas") {
  RunningMean m;
  for (double x : {1.0, 2.0, 3.0, 4.0}) m.add(x);
  CHECK(m.mean() == 2.5);
  CHECK(m.variance() == Approx(5.0 / 3.0));
  const Interval ci = m.interval();
  CHECK(ci.high - ci.low == Approx(2 * kZ95 * std::sqrt(5.0 / 3.0 / 4.0)));
}

TEST_CASE("Newcombe's interval for a difference of proportions matches his published examples") {
  // Newcombe (1998), Statistics in Medicine 17: 873-890, Table II, method 10.
  const Interval a = newcombe_interval(56, 70, 48, 80);
  CHECK(a.low == Approx(0.0524).margin(5e-5));
  CHECK(a.high == Approx(0.3339).margin(5e-5));
  const Interval b = newcombe_interval(9, 10, 3, 10);
  CHECK(b.low == Approx(0.1705).margin(5e-5));
  CHECK(b.high == Approx(0.8090).margin(5e-5));
  CHECK(std::isnan(newcombe_interval(1, 0, 3, 10).low));
}

TEST_CASE("Welch's interval adds the two means' variances") {
  RunningMean a, b;
  for (double x : {1.0, 2.0, 3.0, 4.0}) a.add(x);  // mean 2.5, s^2 = 5/3
  for (double x : {0.0, 2.0, 4.0}) b.add(x);       // mean 2, s^2 = 4
  const Interval ci = welch_interval(a, b);
  const double half = kZ95 * std::sqrt(5.0 / 3.0 / 4.0 + 4.0 / 3.0);
  CHECK(ci.low == Approx(0.5 - half));
  CHECK(ci.high == Approx(0.5 + half));
  RunningMean one;
  one.add(1.0);
  CHECK(std::isnan(welch_interval(a, one).low));
}
