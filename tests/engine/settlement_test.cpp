// Settlement as bargaining (issue 10): a credible guarantee of the post-war order, offered for a
// settlement, shortens wars. Paired runs of the default scenario (trial t of both draws the same
// numbers; the offer does not change whether or when the challenger attacks), the difference
// beyond 4 standard errors of the paired difference.
#include <catch2/catch.hpp>

#include "support/paired_difference.hpp"
#include "support/ukraine_run.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

CollectingSink pact_with_offer(const char* offer, std::vector<std::string> overrides) {
  overrides.push_back(std::string("guarantee.terms.united_states.postwar_guarantee=") + offer);
  overrides.push_back("guarantee.terms.european_allies.postwar_guarantee=0");
  return run_ukraine("bilateral_pact", std::move(overrides), 3000);
}

}  // namespace

TEST_CASE("a credible guarantee of the post-war order shortens wars") {
  const CollectingSink offered = pact_with_offer("0.1", {});
  const CollectingSink not_offered = pact_with_offer("0", {});
  const auto months_offered = offered.column_by_trial("war_months");
  const auto months_not = not_offered.column_by_trial("war_months");
  const auto attack_offered = offered.column_by_trial("attack_month");
  const auto attack_not = not_offered.column_by_trial("attack_month");
  std::vector<bool> at_war(months_offered.size());
  for (std::size_t i = 0; i < at_war.size(); ++i) {
    REQUIRE(attack_offered[i] == attack_not[i]);  // paired: the same attacks
    at_war[i] = months_not[i] > 0;
  }
  check_below_zero(paired(months_offered, months_not, at_war));

  // The same offer from a guarantor the challenger is sure would never fight, and that never
  // does (so no test refutes the belief), guards nothing: every war lasts exactly as long as
  // without it.
  const std::vector<std::string> incredible{"actors.united_states.credibility=0",
                                            "actors.united_states.resolve=0",
                                            "actors.united_states.elections=null"};
  CHECK(pact_with_offer("0.1", incredible).column_by_trial("war_months") ==
        pact_with_offer("0", incredible).column_by_trial("war_months"));
}
