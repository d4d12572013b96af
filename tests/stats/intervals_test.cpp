// Wilson intervals and the running mean.
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
