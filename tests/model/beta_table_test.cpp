// The tabulated beta quantile: its stated accuracy |F(x) - u| <= 1e-12 against Boost's ibeta (at
// its default, long double, precision) for every law a scenario may plausibly give, tails
// included, and against scipy at reference points; tables shared and released.
#include <catch2/catch.hpp>

#include <boost/math/special_functions/beta.hpp>
#include <cmath>

#include "detsim/model/beta_table.hpp"
#include "detsim/model/distribution.hpp"
#include "detsim/model/random_stream.hpp"

using namespace detsim;

namespace {

// True when x is within the table's accuracy of the exact quantile of u: |F(x) - u| <= 1e-12,
// or, where the density is so steep that neighbouring doubles differ by more in F (next to an
// infinite density), u lies between F at x's two neighbours, give or take 1e-12.
bool accurate(double alpha, double beta, double u, double x) {
  const double tolerance = BetaQuantileTable::kAccuracy;
  const auto F = [&](double y) { return boost::math::ibeta(alpha, beta, y); };
  if (std::abs(F(x) - u) <= tolerance) return true;
  return F(std::nextafter(x, 0.0)) <= u + tolerance && F(std::nextafter(x, 1.0)) >= u - tolerance;
}

}  // namespace

TEST_CASE("a beta table's quantile is within 1e-12 of the exact one, for u across (0, 1)") {
  // {mean, concentration}: the shipped scenario's laws, then shapes from flat to peaked, from
  // both sides, and shapes below 1 (infinite densities at an end).
  const double laws[][2] = {{0.65, 20},  {0.55, 10}, {0.5, 10},  {0.35, 10}, {0.5, 8},
                            {0.5, 2},    {0.2, 2},   {0.9, 3},   {0.02, 50}, {0.98, 50},
                            {0.5, 1000}, {0.5, 1},   {0.3, 0.2}, {0.7, 2.5}};
  RandomStream rng(20261130, 0, StreamPurpose::parameter, 0, 0);
  for (const auto& law : laws) {
    const BetaQuantileTable table(law[0], law[1]);
    const double alpha = law[0] * law[1], beta = (1 - law[0]) * law[1];
    int misses = 0;
    for (int i = 0; i < 3000; ++i) {
      // Uniform u, then u spread evenly in log10 over the lower and the upper tail to 1e-16.
      const double v = rng.uniform();
      const double u = i < 1000   ? v
                       : i < 2000 ? std::pow(10.0, -16 * v)
                                  : 1 - std::pow(10.0, -16 * v);
      if (u <= 0 || u >= 1) continue;
      misses += !accurate(alpha, beta, u, table.quantile(u));
    }
    INFO("beta mean " << law[0] << " concentration " << law[1] << ", " << table.cells()
                      << " cells");
    CHECK(misses == 0);
  }
}

TEST_CASE("a beta table agrees with scipy.stats and with the exact quantile") {
  // stats.beta.ppf(0.3, 6.5, 3.5) = 0.5773994273881657; ppf(1e-10, 13, 7) = 0.08040226805256843
  CHECK(BetaQuantileTable(0.65, 10).quantile(0.3) == Approx(0.5773994273881657).epsilon(1e-11));
  // So far in a tail the density is small (1.6e-8): 1e-12 in F allows a relative 1e-5 in x.
  const double tail = BetaQuantileTable(0.65, 20).quantile(1e-10);
  CHECK(tail == Approx(0.08040226805256843).epsilon(1e-5));
  CHECK(accurate(13, 7, 1e-10, tail));
  const BetaQuantileTable table(0.55, 10);
  const double args[] = {0.55, 10};
  for (int i = 1; i < 100; ++i) {
    const double u = i / 100.0;
    CHECK(table.quantile(u) == Approx(quantile(DistributionKind::beta, args, u)).epsilon(1e-11));
  }
  // Typical laws need a few hundred cells and no exact ones.
  CHECK(table.cells() < 1000);
  CHECK(table.exact_cells() == 0);
}

TEST_CASE("a beta table keeps the beta's vanishing-concentration limit: a coin with P(1) = mean") {
  const BetaQuantileTable table(0.6, 1e-6);
  CHECK(table.quantile(0.3) < 1e-100);
  CHECK(table.quantile(0.39) < 1e-100);
  CHECK(table.quantile(0.41) > 1 - 1e-12);
  CHECK(table.quantile(0.9) > 1 - 1e-12);
}

TEST_CASE("experiments share a table for the same arguments, and it goes when none holds it") {
  BetaTables tables;
  auto a = tables.get(0.65, 20);
  auto b = tables.get(0.65, 20);
  const auto c = tables.get(0.55, 10);
  CHECK(a.get() == b.get());
  CHECK(a.get() != c.get());
  const std::weak_ptr<const BetaQuantileTable> watch = a;
  a.reset();
  CHECK(!watch.expired());  // b still holds it
  b.reset();
  CHECK(watch.expired());  // the cache itself keeps nothing alive
}
