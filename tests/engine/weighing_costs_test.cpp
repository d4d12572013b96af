// Guarantors that weigh costs (issue 10): flexibility, a guarantor's freedom to weigh the
// expected cost of fighting when an attack tests it, has a value (it costs the guarantor less)
// and a price (it deters less). Paired runs of the default scenario (trial t of both draws the
// same numbers), each difference beyond 4 standard errors of the paired difference.
#include <catch2/catch.hpp>

#include "support/paired_difference.hpp"
#include "support/ukraine_run.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

// The bilateral pact with the United States' flexibility set, its forces binding from the
// start (a pending promise is tested as one of arms and sanctions, which costs little to keep),
// and costs weighed as the Ukraine scenario weighs them (written here, so that the test does not
// move when the scenario's judgment does).
CollectingSink pact_with_flexibility(const char* flexibility, std::vector<std::string> overrides,
                                     std::int64_t trials) {
  overrides.push_back(std::string("guarantee.terms.united_states.flexibility=") + flexibility);
  overrides.push_back("guarantee.terms.united_states.in_force_month=0");
  overrides.push_back("dynamics.cost_weight=0.05");
  overrides.push_back("dynamics.escalation_cost=2");
  return run_ukraine("bilateral_pact", std::move(overrides), trials);
}

}  // namespace

TEST_CASE("flexibility lowers what an attack costs the guarantor") {
  // The same attack in both runs, so the difference is what the guarantor does when tested:
  // a myopic challenger that pays nothing for a war attacks in month 1 whatever it believes (a
  // forward-looking one may wait for a better window).
  const std::vector<std::string> always_attacks{"actors.russia.war_cost=0",
                                                "actors.russia.can_probe=false",
                                                "dynamics.challenger_discount=0"};
  const CollectingSink flexible = pact_with_flexibility("1", always_attacks, 2000);
  const CollectingSink automatic = pact_with_flexibility("0", always_attacks, 2000);
  const auto month_flexible = flexible.column_by_trial("attack_month");
  const auto month_automatic = automatic.column_by_trial("attack_month");
  std::vector<bool> same_attack(month_flexible.size());
  std::size_t same = 0;
  for (std::size_t i = 0; i < same_attack.size(); ++i) {
    same_attack[i] = month_flexible[i] == 1 && month_automatic[i] == 1;
    same += same_attack[i];
  }
  REQUIRE(same > 1980);
  // Free to weigh a year of war against its stake and audience cost, the United States backs
  // down more often...
  const auto honored_flexible = flexible.column_by_trial("honored.united_states");
  const auto honored_automatic = automatic.column_by_trial("honored.united_states");
  check_below_zero(paired(honored_flexible, honored_automatic, same_attack));
  // ...and pays less: an audience cost and its aid stopped, instead of its forces and sanctions
  // through the war and its aid after it.
  check_below_zero(paired(flexible.column_by_trial("cost.united_states"),
                          automatic.column_by_trial("cost.united_states"), same_attack));
}

TEST_CASE("flexibility deters less") {
  // The challenger, who knows the terms and the costs, reads the same higher threshold, believes
  // the United States less likely to fight, and attacks more often.
  const CollectingSink flexible = pact_with_flexibility("1", {}, 3000);
  const CollectingSink automatic = pact_with_flexibility("0", {}, 3000);
  check_above_zero(
      paired(flexible.column_by_trial("attacked"), automatic.column_by_trial("attacked")));
}
