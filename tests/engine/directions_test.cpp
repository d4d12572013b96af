// Directions the model must show with all else fixed (issue 3), on the default scenario or a
// variation of it. Each compares two estimates: the difference must exceed 4 standard errors
// of the difference (fixed seeds, so the outcome is repeatable).
#include <catch2/catch.hpp>
#include <cmath>

#include "support/ukraine_run.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

CollectingSink run(const std::string& structure, std::vector<std::string> overrides,
                   std::int64_t trials = 3000, int threads = 2) {
  return run_ukraine(structure, std::move(overrides), trials, threads);
}

struct Estimate {
  double mean, se;
};

Estimate estimate(const std::vector<double>& xs) {
  double sum = 0, sum2 = 0;
  for (double x : xs) sum += x, sum2 += x * x;
  const double n = static_cast<double>(xs.size());
  const double mean = sum / n;
  return {mean, std::sqrt(std::max(sum2 / n - mean * mean, 0.0) / n)};
}

// a is larger than b by more than 4 standard errors of the difference.
void check_larger(const Estimate& a, const Estimate& b) {
  INFO("larger " << a.mean << " (se " << a.se << ") vs " << b.mean << " (se " << b.se << ")");
  CHECK(a.mean - b.mean > 4 * std::sqrt(a.se * a.se + b.se * b.se));
}

std::vector<double> where(const std::vector<double>& xs, const std::vector<double>& mask) {
  std::vector<double> out;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (mask[i] != 0) out.push_back(xs[i]);
  }
  return out;
}

}  // namespace

TEST_CASE("Article 5 deters more than no guarantee in the default scenario") {
  const auto none = run("none", {}).column("attacked");
  const auto nato = run("nato_article5", {}).column("attacked");
  check_larger(estimate(none), estimate(nato));
}

TEST_CASE("a bilateral pact leaves cohesion lower than Article 5 in the default scenario") {
  check_larger(estimate(run("nato_article5", {}).column("cohesion")),
               estimate(run("bilateral_pact", {}).column("cohesion")));
}

TEST_CASE("more audience cost, fewer attacks") {
  const auto low = run("bilateral_pact", {"guarantee.terms.united_states.audience_cost=0.1"});
  const auto high = run("bilateral_pact", {"guarantee.terms.united_states.audience_cost=0.5"});
  check_larger(estimate(low.column("attacked")), estimate(high.column("attacked")));
}

TEST_CASE("assistance raises the target's capability and the guarantor's cost without a war") {
  // An unattractive war (war_cost 20) keeps the peace, so all the effect is aid's.
  const std::vector<std::string> peace{"actors.russia.war_cost=20",
                                       "actors.russia.can_probe=false"};
  const auto aid = run("security_assistance", peace, 500);
  const auto none = run("none", peace, 500);
  CHECK(estimate(aid.column("war_months")).mean == 0.0);
  check_larger(estimate(aid.column("cost.united_states")),
               estimate(none.column("cost.united_states")));
  // Delivered aid (capability) at the horizon, from the recorded monthly paths.
  const PathBlock& paths = aid.path_blocks.front();
  REQUIRE(paths.rows() > 0);
  std::size_t stock = 0;
  while (paths.variables[stock].name != "aid_stock") ++stock;
  CHECK(paths.values[stock][paths.months - 1] > 0.1);
  CHECK(paths.values[stock][0] == 0.0);
}

TEST_CASE("a guarantor that backs down loses credibility") {
  // No elections, so the only changes of belief come from tests; one crisis, so the last test
  // is the back-down (with repeated crises a later one honored may restore what it cost).
  const auto sink = run("bilateral_pact", {"actors.united_states.elections=null",
                                           "dynamics.crisis_cooldown_months=0"});
  const auto backed_down = [&] {
    const auto tested = sink.column("tested.united_states");
    const auto honored = sink.column("honored.united_states");
    std::vector<double> mask(tested.size());
    for (std::size_t i = 0; i < mask.size(); ++i) mask[i] = tested[i] * (1 - honored[i]);
    return mask;
  }();
  const auto credibility = where(sink.column("credibility.united_states"), backed_down);
  REQUIRE(credibility.size() > 20);
  for (double c : credibility) CHECK(c < 0.5);  // the prior mean is 0.5
}

TEST_CASE("direct intervention against a nuclear challenger raises the chance of escalation >= 2") {
  // The same pact with and without a promise to fight; compare among wars.
  const auto direct = run("bilateral_pact", {}, 6000);
  const auto indirect = run("bilateral_pact", {"guarantee.terms.united_states.defend=0"}, 6000);
  const auto level2 = [](const CollectingSink& s) {
    auto level = s.column("max_escalation");
    for (double& x : level) x = x >= 2 ? 1.0 : 0.0;
    return where(level, s.column("war_months"));
  };
  check_larger(estimate(level2(direct)), estimate(level2(indirect)));
}

TEST_CASE("the same seed gives bit-identical trials whatever the thread count and block size") {
  LoadOptions options;
  options.overrides = {"trials=700"};
  const Scenario scenario = load_scenario(kUkraineScenario, options);
  const auto columns_with = [&](int threads, std::int64_t block) {
    Simulation simulation({{"none", scenario}});
    CollectingSink sink;
    RunOptions o;
    o.threads = threads;
    o.block_size = block;
    o.seed = scenario.seed;
    simulation.run(o, sink);
    std::vector<std::vector<double>> columns;
    for (const ColumnInfo& c : simulation.trial_columns()) columns.push_back(sink.column(c.name));
    return columns;
  };
  const auto one = columns_with(1, 1000);
  const auto two = columns_with(2, 64);
  REQUIRE(one.size() == two.size());
  for (std::size_t c = 0; c < one.size(); ++c) {
    REQUIRE(one[c].size() == two[c].size());
    for (std::size_t r = 0; r < one[c].size(); ++r) {
      const bool same = one[c][r] == two[c][r] || (std::isnan(one[c][r]) && std::isnan(two[c][r]));
      if (!same) FAIL("column " << c << " row " << r << " differs");
    }
  }
}
