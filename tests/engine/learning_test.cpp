// Every visible act is evidence (issue 9): aid the challenger sees deters beyond what the aid
// adds to the balance, and a guarantor that backs down loses credibility, measured as the
// challenger's believed chance that it would honor a war test. Paired runs of the default
// scenario (trial t of both draws the same numbers), each difference beyond 4 standard errors.
#include <catch2/catch.hpp>

#include "support/paired_difference.hpp"
#include "support/ukraine_run.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

// The bilateral pact with aid that tells: the United States' aid flows iff its resolve r
// satisfies r + 0.25 >= 0.6 (r >= 0.35; at the shipped severity.aid every resolve keeps it
// flowing and it tells nothing). The allies send none, so that only the United States' aid is
// read. The aid is the same in both runs; only whether the challenger reads it differs.
CollectingSink pact_with_telling_aid(const char* observed, std::int64_t trials) {
  return run_ukraine("bilateral_pact",
                     {"severity.aid=0.6", "guarantee.terms.european_allies.aid_per_month=0",
                      std::string("dynamics.aid_observed=") + observed},
                     trials);
}

}  // namespace

TEST_CASE("aid the challenger can see lowers its later P(attack) beyond the capability effect") {
  const std::int64_t n = 10000;
  const CollectingSink seen = pact_with_telling_aid("1", n);
  const CollectingSink unseen = pact_with_telling_aid("0", n);
  const auto resolve = seen.column_by_trial("param.actors.united_states.resolve");
  std::vector<bool> flows(resolve.size()), stops(resolve.size());
  for (std::size_t i = 0; i < resolve.size(); ++i) {
    flows[i] = resolve[i] + 0.25 >= 0.6;
    stops[i] = !flows[i];
  }
  const auto attacked_seen = seen.column_by_trial("attacked");
  const auto attacked_unseen = unseen.column_by_trial("attacked");
  // Aid flowing from month 1 shows a resolve the challenger's prior doubted: it attacks less.
  check_below_zero(paired(attacked_seen, attacked_unseen, flows));
  // And aid that never starts tells it the United States would not fight: it attacks more.
  check_above_zero(paired(attacked_seen, attacked_unseen, stops));
}

namespace {

// The bilateral pact in which the United States, of a fixed resolve, either always honors a war
// test or always backs down, with nothing else about it telling the challenger which before the
// attack: no administration changes, its aid flows at either resolve and is not read. The
// challenger's prior is the same, so every trial runs alike until the attack.
CollectingSink pact_with_us_resolve(const char* resolve, std::int64_t trials) {
  return run_ukraine(
      "bilateral_pact",
      {std::string("actors.united_states.resolve=") + resolve,
       "actors.united_states.elections.flip_probability=0", "dynamics.aid_observed=0"},
      trials);
}

}  // namespace

TEST_CASE("backing down costs credibility: the believed chance of honoring falls") {
  const std::int64_t n = 3000;
  const CollectingSink honors = pact_with_us_resolve("0.95", n);
  const CollectingSink backs_down = pact_with_us_resolve("0.05", n);
  const auto month_honors = honors.column_by_trial("attack_month");
  const auto month_backs_down = backs_down.column_by_trial("attack_month");
  const auto kept = honors.column_by_trial("honored.united_states");
  const auto broke = backs_down.column_by_trial("honored.united_states");
  std::vector<bool> same_attack(month_honors.size());
  std::size_t tested = 0;
  for (std::size_t i = 0; i < same_attack.size(); ++i) {
    same_attack[i] = month_honors[i] >= 0 && month_honors[i] == month_backs_down[i];
    tested += same_attack[i];
    if (same_attack[i]) {
      REQUIRE(kept[i] == 1);
      REQUIRE(broke[i] == 0);
    }
  }
  REQUIRE(tested > 200);
  // The guarantor that backed down is believed less likely to honor the next war test...
  check_below_zero(paired(backs_down.column_by_trial("believed_honor.united_states"),
                          honors.column_by_trial("believed_honor.united_states"), same_attack));
  // ...and, by precedent, so are the allies, whose own record is the same in both runs.
  check_below_zero(paired(backs_down.column_by_trial("believed_honor.european_allies"),
                          honors.column_by_trial("believed_honor.european_allies"), same_attack));
}
