// Repeated crises (issue 9): after a war ends and its cooldown passes, the challenger may
// challenge again with what the first crisis taught it, so a guarantor that backs down invites
// the next crisis.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "detsim/scenario/load.hpp"
#include "support/paired_difference.hpp"
#include "support/single_trial.hpp"
#include "support/ukraine_run.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

Scenario ukraine(const std::string& structure, std::vector<std::string> overrides) {
  LoadOptions options;
  options.overrides = std::move(overrides);
  options.structure = structure;
  return load_scenario(kUkraineScenario, options);
}

}  // namespace

// A causal comparison, not one between types: the same trials (same streams, same drawn
// resolve) are run twice, the first attack's test forced to be honored in one run and backed
// down from in the other (TrialState::first_test_forced); everything before the test, the
// first attack included, is the same in both, so the paired difference in whether a second
// crisis comes is the effect of the act alone, read by the challenger through its beliefs.
// Two overrides keep the time at risk equal in both runs: every war settles in its first month
// (settlement_rate 1), so peace returns in the same month whoever fought, and the challenger
// has no nuclear weapons, so no war ends the trial's crises by nuclear use, which only a war
// with a guarantor engaged risks.
TEST_CASE("backing down in a first crisis raises the hazard of a second") {
  SingleTrial trials(
      ukraine("bilateral_pact", {"dynamics.settlement_rate=1", "actors.russia.nuclear=false"}));
  REQUIRE(trials.model.parameters().crisis_cooldown_months > 0);
  std::vector<double> after_backing_down, after_honoring;
  for (int trial = 0; trial < 6000; ++trial) {
    trials.state.first_test_forced = 0;
    trials.run(trial, false);
    const int attack_month = trials.state.attack_month;
    if (attack_month < 0) continue;
    after_backing_down.push_back(trials.state.second_attack_month >= 0);
    trials.state.first_test_forced = 1;
    trials.run(trial, false);
    REQUIRE(trials.state.attack_month == attack_month);  // the first crisis came all the same
    after_honoring.push_back(trials.state.second_attack_month >= 0);
  }
  check_above_zero(paired(after_backing_down, after_honoring));
}

// The default keeps a war absorbing, as before repeated crises: no second crisis, ever.
TEST_CASE("without a cooldown a war ends the trial's crises") {
  SingleTrial trials(ukraine("bilateral_pact", {"dynamics.crisis_cooldown_months=0"}));
  int attacked = 0;
  for (int trial = 0; trial < 500; ++trial) {
    trials.run(trial, false);
    attacked += trials.state.crises;
    CHECK(trials.state.crises <= 1);
    CHECK(trials.state.second_attack_month == -1);
  }
  CHECK(attacked > 0);
}
