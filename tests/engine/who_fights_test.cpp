// Wars that depend on who fights, and clashes that need a guarantor engaged (issue 10): paired
// runs of the default scenario (trial t of both experiments draws the same numbers), each
// difference beyond 4 standard errors of the paired difference, fixed seeds.
#include <catch2/catch.hpp>
#include <cmath>

#include "detsim/model/submodels.hpp"
#include "support/paired_difference.hpp"
#include "support/ukraine_run.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

constexpr double kChallengerGains = 3;

CollectingSink run(const std::string& structure, std::vector<std::string> overrides,
                   std::int64_t trials) {
  return run_ukraine(structure, std::move(overrides), trials);
}

// The bilateral pact with a United States that always fights for the target (resolve 1) or
// never does (resolve 0.05; its aid still flows until it backs down). Everything before the
// attack is the same in both: no probes (a probe would reveal the difference), no change of
// administration, and the same belief, so the challenger attacks in the same month of the same
// trials, and the two wars draw the same front, clash and settlement numbers.
std::vector<std::string> pact_with_us_resolve(const char* resolve) {
  return {"actors.russia.can_probe=false", "actors.united_states.elections=null",
          std::string("actors.united_states.resolve=") + resolve};
}

}  // namespace

TEST_CASE("each side's war losses follow the force it faces") {
  const WarLosses flat = war_losses(0.0, 0.4, 2.0);
  CHECK(flat.challenger == 1.0);
  CHECK(flat.target == 1.0);
  // Target alone: what k and c_Tw were priced for, whatever the weight.
  const WarLosses alone = war_losses(0.7, 0.4, 0.4);
  CHECK(alone.challenger == Approx(1.0));
  CHECK(alone.target == Approx(1.0));
  // Facing four times the target's force: four times the losses, a quarter for the target.
  const WarLosses full = war_losses(1.0, 0.5, 2.0);
  CHECK(full.challenger == Approx(4.0));
  CHECK(full.target == Approx(0.25));
  const WarLosses half = war_losses(0.5, 0.5, 2.0);
  CHECK(half.challenger == Approx(2.5));
  CHECK(half.target == Approx(0.625));
}

TEST_CASE("a guarantor that fights makes wars shorter and challenger gains rarer") {
  const CollectingSink fights = run("bilateral_pact", pact_with_us_resolve("1"), 3000);
  const CollectingSink stays_out = run("bilateral_pact", pact_with_us_resolve("0.05"), 3000);
  const auto months_fights = fights.column_by_trial("war_months");
  const auto months_out = stays_out.column_by_trial("war_months");
  std::vector<bool> both_at_war(months_fights.size());
  for (std::size_t i = 0; i < both_at_war.size(); ++i) {
    // Paired: the same trials go to war in both, in the same month.
    REQUIRE((months_fights[i] > 0) == (months_out[i] > 0));
    both_at_war[i] = months_fights[i] > 0;
  }
  const auto honored = fights.column_by_trial("honored.united_states");
  const auto backed = stays_out.column_by_trial("honored.united_states");
  for (std::size_t i = 0; i < both_at_war.size(); ++i) {
    if (both_at_war[i]) CHECK((honored[i] == 1 && backed[i] == 0));
  }
  check_below_zero(paired(months_fights, months_out, both_at_war));
  const auto gains = [](const CollectingSink& r) {
    auto outcome = r.column_by_trial("outcome");
    for (double& x : outcome) x = x == kChallengerGains ? 1.0 : 0.0;
    return outcome;
  };
  check_below_zero(paired(gains(fights), gains(stays_out), both_at_war));
}

TEST_CASE("the target does not capitulate while it holds more than 90% of its territory") {
  // Every structure, so that wars with and without guarantors, aid and sanctions all appear.
  // Capitulations in a war (war_months > 0) are counted apart from a target that folded at the
  // attack (war_months = 0, abandoned and unwilling to fight: no war was fought).
  const auto capitulations_above = [](const std::vector<std::string>& overrides) {
    std::size_t capitulated = 0, above = 0;
    for (const char* structure : {"none", "nato_article5", "bilateral_pact", "security_assistance",
                                  "economic_diplomatic"}) {
      const CollectingSink r = run(structure, overrides, 2000);
      const auto outcome = r.column_by_trial("outcome");
      const auto months = r.column_by_trial("war_months");
      const auto territory = r.column_by_trial("territory");
      for (std::size_t i = 0; i < outcome.size(); ++i) {
        if (outcome[i] != kChallengerGains || months[i] == 0) continue;
        ++capitulated;
        if (territory[i] > 0.9) ++above;
      }
    }
    return std::pair{capitulated, above};
  };
  const auto [capitulated, above] = capitulations_above({});
  INFO(capitulated << " capitulations in a war");
  REQUIRE(capitulated > 100);
  CHECK(above == 0);
  // The check can fail: with a flat cost budget (the mechanism off) the supported target gives
  // up while it holds more than 90%.
  const auto [flat_capitulated, flat_above] =
      capitulations_above({"dynamics.lanchester_weight=0", "dynamics.capitulation_balance=0"});
  INFO(flat_capitulated << " capitulations in a war with flat costs");
  CHECK(flat_above > 10);
}

TEST_CASE("no clash with a guarantor when no guarantor is engaged") {
  // A background clash rate high enough that a war with a guarantor engaged would reach level 2
  // almost surely within a few months. A non-nuclear challenger, so that level 2 or more means a
  // clash (a nuclear challenger may reach level 3 from a war with the target alone, 7.12).
  const std::vector<std::string> clashes{"dynamics.clash_base=0.5", "actors.russia.nuclear=false"};
  const CollectingSink none = run("none", clashes, 2000);
  const auto level = none.column_by_trial("max_escalation");
  const auto months = none.column_by_trial("war_months");
  std::size_t wars = 0, clashed = 0;
  for (std::size_t i = 0; i < level.size(); ++i) {
    wars += months[i] > 0;
    clashed += level[i] >= 2;
  }
  REQUIRE(wars > 100);
  CHECK(clashed == 0);
  // The same rate with guarantors engaged (sanctions only, no forces) does give clashes.
  const CollectingSink sanctions = run("economic_diplomatic", clashes, 2000);
  const auto engaged_level = sanctions.column_by_trial("max_escalation");
  const auto honored = sanctions.column_by_trial("honored.united_states");
  std::size_t engaged = 0, engaged_clashed = 0;
  for (std::size_t i = 0; i < engaged_level.size(); ++i) {
    if (honored[i] != 1) continue;
    ++engaged;
    engaged_clashed += engaged_level[i] >= 2;
  }
  REQUIRE(engaged > 100);
  CHECK(engaged_clashed > engaged / 2);
}
