// The horizon-1 model must be the canonical one-shot crisis game (MODEL.md, "Reduction"):
// P(attack), P(war) and P(back down) from Monte Carlo agree with the closed forms.
//
// Reference values: scripts/reduction_reference.py (scipy.stats, independent of this code),
// run with /usr/bin/python3 on Debian 12's scipy 1.10; the four points there are A-D below.
// Tolerance: 4 Monte Carlo standard errors sqrt(q (1 - q) / n) of the reference q, so a correct
// model fails a check with probability about 6e-5; the seeds are fixed, so the run is repeatable.
#include <catch2/catch.hpp>
#include <cmath>

#include "support/canonical_game.hpp"
#include "support/collecting_sink.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

struct Reference {
  double attack, war, back_down;
};

void check_against_closed_form(const CanonicalGame& game, const Reference& ref) {
  const std::int64_t n = 40000;
  Simulation simulation({{"", canonical_scenario(game, n, 20261126)}});
  CollectingSink sink;
  RunOptions options;
  options.threads = 2;
  options.seed = 20261126;
  const RunResult result = simulation.run(options, sink);
  REQUIRE(result.complete);

  const auto attacked = sink.column("attacked");
  const auto tested = sink.column("tested.guarantor");
  const auto honored = sink.column("honored.guarantor");
  REQUIRE(attacked.size() == static_cast<std::size_t>(n));
  double attacks = 0, wars = 0, back_downs = 0;
  for (std::size_t i = 0; i < attacked.size(); ++i) {
    attacks += attacked[i];
    wars += attacked[i] * honored[i];
    back_downs += attacked[i] * tested[i] * (1 - honored[i]);
  }
  const auto within = [n](double estimate_count, double q) {
    const double se = std::sqrt(q * (1 - q) / static_cast<double>(n));
    INFO("estimate " << estimate_count / n << " reference " << q << " 4 SE " << 4 * se);
    CHECK(std::abs(estimate_count / n - q) <= 4 * se + 1e-12);
  };
  within(attacks, ref.attack);
  within(wars, ref.war);
  within(back_downs, ref.back_down);
}

}  // namespace

TEST_CASE("reduction A: beta resolves and beta credibility match the closed form") {
  CanonicalGame g;
  g.war_cost = 1.5;
  g.challenger_resolve = beta(0.6, 20);
  g.guarantor_resolve = beta(0.55, 10);
  g.credibility = beta(0.6, 8);
  check_against_closed_form(g, {0.7768103401, 0.4888816799, 0.2879286602});
}

TEST_CASE(
    "reduction B: truncated normal challenger and uniform credibility match the closed form") {
  CanonicalGame g;
  g.war_cost = 2.0;
  g.target_capability = 0.5;
  g.guarantor_capability = 1.5;
  g.defend = 1.0;
  g.audience_cost = 0.0;
  g.war_severity = 0.6;
  g.challenger_resolve = truncated_normal(0.5, 0.2, 0.0, 1.0);
  g.guarantor_resolve = uniform(0.2, 0.9);
  g.credibility = uniform(0.3, 0.9);
  check_against_closed_form(g, {0.8014149915, 0.3434635678, 0.4579514237});
}

TEST_CASE("reduction C: a point-mass credibility and triangular challenger match the closed form") {
  CanonicalGame g;
  g.stake = 1.5;
  g.war_cost = 3.0;
  g.target_capability = 0.3;
  g.guarantor_capability = 2.0;
  g.defend = 0.5;
  g.audience_cost = 0.35;
  g.war_severity = 0.8;
  g.challenger_resolve = triangular(0.2, 0.5, 0.9);
  g.guarantor_resolve = beta(0.4, 6);
  g.credibility = Quantity::constant(0.5);
  check_against_closed_form(g, {0.0492168512, 0.0189244824, 0.0302923688});
}

TEST_CASE("reduction D: triangular credibility and guarantor resolve match the closed form") {
  CanonicalGame g;
  g.war_cost = 6.0;
  g.guarantor_capability = 3.0;
  g.defend = 0.3;
  g.audience_cost = 0.1;
  g.challenger_resolve = beta(0.7, 12);
  g.guarantor_resolve = triangular(0.3, 0.6, 1.0);
  g.credibility = triangular(0.2, 0.55, 0.95);
  check_against_closed_form(g, {0.5742936765, 0.3281678151, 0.2461258614});
}
