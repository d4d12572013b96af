// The alliance side of the debate's arguments (issue 10): cohesion that binds, reversal risk by
// legal form, ambiguity, the allies' burden. Paired runs of the default scenario (trial t of
// both draws the same numbers), each difference beyond 4 standard errors of the paired
// difference, fixed seeds.
#include <catch2/catch.hpp>
#include <cmath>

#include "detsim/model/submodels.hpp"
#include "detsim/model/trial_model.hpp"
#include "detsim/scenario/load.hpp"
#include "support/paired_difference.hpp"
#include "support/ukraine_run.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

CollectingSink run(const std::string& structure, std::vector<std::string> overrides,
                   std::int64_t trials = 3000) {
  return run_ukraine(structure, std::move(overrides), trials);
}

std::vector<double> column(const CollectingSink& r, const std::string& name) {
  return r.column_by_trial(name);
}

// Both guarantors' value of one term.
std::vector<std::string> both(const std::string& term, const std::string& value) {
  return {"guarantee.terms.united_states." + term + "=" + value,
          "guarantee.terms.european_allies." + term + "=" + value};
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// The exact believed chance that a two-member alliance acting as one honors an attack: the
// double sum over both beliefs' cells (midpoints) of P(pooled margin >= pooled noise).
double exact_pooled(const TrialState& s) {
  const GuarantorState& a = s.guarantors[static_cast<std::size_t>(s.committed[0])];
  const GuarantorState& b = s.guarantors[static_cast<std::size_t>(s.committed[1])];
  const double wa = a.capability / (a.capability + b.capability), wb = 1 - wa;
  const double sd = std::hypot(wa * a.honor_war.noise(), wb * b.honor_war.noise());
  const int n = a.belief.cells();
  double p = 0;
  for (int i = 0; i < n; ++i) {
    const double ma = wa * ((i + 0.5) / n + a.honor_war.audience_cost() - a.honor_war.severity());
    for (int j = 0; j < n; ++j) {
      const double mb = wb * ((j + 0.5) / n + b.honor_war.audience_cost() - b.honor_war.severity());
      p += a.belief.masses()[i] * b.belief.masses()[j] * normal_cdf((ma + mb) / sd);
    }
  }
  return p;
}

}  // namespace

// The cohesion tests pin the challenger of before issue 9 (myopic, a fresh opportunity shock
// each month): the forward-looking one attacks Article 5 so rarely (about 4% of trials) that the
// effect would need far more trials than a unit test should run; the mechanism, cohesion moving
// the believed chance of honoring, is the same for both.
TEST_CASE("Article 5 deters more as its starting cohesion rises") {
  const auto loose = run("nato_article5",
                         {"dynamics.cohesion_initial=0.3", "dynamics.challenger_discount=0",
                          "dynamics.opportunity_persistence=0"},
                         4000);
  const auto tight = run("nato_article5",
                         {"dynamics.cohesion_initial=0.9", "dynamics.challenger_discount=0",
                          "dynamics.opportunity_persistence=0"},
                         4000);
  check_below_zero(paired(column(tight, "attacked"), column(loose, "attacked")));
}

TEST_CASE("an erosion shock to cohesion raises Article 5's chance of attack") {
  const auto steady =
      run("nato_article5", {"dynamics.challenger_discount=0", "dynamics.opportunity_persistence=0"},
          4000);
  const auto eroded = run("nato_article5",
                          {"guarantee.cohesion_shift=-0.3", "dynamics.challenger_discount=0",
                           "dynamics.opportunity_persistence=0"},
                          4000);
  check_above_zero(paired(column(eroded, "attacked"), column(steady, "attacked")));
}

TEST_CASE("a weak lead acting as one with resolute partners honors") {
  // Cohesion 1 and no noise: the alliance always acts as one. The United States alone would back
  // down (0.2 + 0.35 < 0.7); pooled with Europe (capability-weighted: 0.735 and 0.265) the
  // margin is 0.735 (0.2 + 0.35) + 0.265 (1 + 0.3) = 0.749 >= 0.7. A challenger that believes
  // neither would fight attacks at once (a myopic one facing a fresh shock each month: a
  // forward-looking challenger may wait for a window of opportunity, and meanwhile aid and
  // cohesion move what is tested).
  const auto r =
      run("nato_article5",
          {"dynamics.cohesion_initial=1", "dynamics.cohesion_volatility=0", "honor_noise=0",
           "dynamics.challenger_discount=0", "dynamics.opportunity_persistence=0",
           "actors.united_states.resolve=0.2", "actors.european_allies.resolve=1",
           "actors.united_states.credibility=0.1", "actors.european_allies.credibility=0.1"},
          500);
  const auto tested = column(r, "tested.united_states");
  const auto honored = column(r, "honored.united_states");
  std::size_t tests = 0, kept = 0;
  for (std::size_t i = 0; i < tested.size(); ++i) {
    tests += tested[i] == 1;
    kept += tested[i] == 1 && honored[i] == 1;
  }
  REQUIRE(tests > 100);
  CHECK(kept == tests);
  // The check can fail: a Europe that is itself weak does not carry the lead.
  const auto weak =
      run("nato_article5",
          {"dynamics.cohesion_initial=1", "dynamics.cohesion_volatility=0", "honor_noise=0",
           "dynamics.challenger_discount=0", "dynamics.opportunity_persistence=0",
           "actors.united_states.resolve=0.2", "actors.european_allies.resolve=0.3",
           "actors.united_states.credibility=0.1", "actors.european_allies.credibility=0.1"},
          500);
  const auto weak_honored = column(weak, "honored.united_states");
  CHECK(mean_of(weak_honored) == 0.0);
}

TEST_CASE("the challenger's belief about a pooled decision is close to the exact convolution") {
  // Moments and a normal CDF instead of the n^2 double sum (MODEL.md 7.8): measured 0.009 off on
  // the default scenario's priors at month 0 and 0.019 after an election has mixed in the
  // alternate administration's law (a bimodal belief); 0.03 allowed.
  LoadOptions options;
  options.structure = "nato_article5";
  const Scenario scenario = load_scenario(kUkraineScenario, options);
  TrialModel model(scenario);
  TrialState s = model.make_state();
  initialise_trial(model.parameters(), s, TrialStreams{20261126, 0});
  REQUIRE(s.pooled);
  const double month0 = exact_pooled(s);
  INFO("exact " << month0 << ", approximation " << s.pooled_p_war);
  CHECK(std::abs(s.pooled_p_war - month0) < 0.03);
  GuarantorState& us = s.guarantors[static_cast<std::size_t>(s.committed[0])];
  us.belief.mix(us.belief_alternate, 0.5);
  refresh_believed_honoring(s);
  const double flipped = exact_pooled(s);
  INFO("after a flip: exact " << flipped << ", approximation " << s.pooled_p_war);
  CHECK(flipped < month0);
  CHECK(std::abs(s.pooled_p_war - flipped) < 0.03);
}

TEST_CASE("a pact outside the alliance lowers cohesion through the mechanism") {
  LoadOptions options;
  options.structure = "bilateral_pact";
  const Scenario pact = load_scenario(kUkraineScenario, options);
  // No hand-set drift: the preset pushes cohesion neither way.
  REQUIRE(pact.guarantee.cohesion_shift.kind == DistributionKind::constant);
  REQUIRE(pact.guarantee.cohesion_shift.value == 0.0);
  const auto with = run("bilateral_pact", {});
  const auto without = run("bilateral_pact", {"dynamics.cohesion_outside_erosion=0"});
  check_below_zero(paired(column(with, "cohesion"), column(without, "cohesion")));
  // The same erosion rate leaves a collective alliance untouched: it is the pact's terms (a
  // promise to fight the others are not bound to) that erode, not a drift.
  const auto nato = run("nato_article5", {}, 1000);
  const auto nato_without = run("nato_article5", {"dynamics.cohesion_outside_erosion=0"}, 1000);
  CHECK(column(nato, "cohesion") == column(nato_without, "cohesion"));
}

TEST_CASE("allies that send less aid than they promised erode cohesion") {
  const auto riding = run("bilateral_pact", {});
  const auto tolerated = run("bilateral_pact", {"dynamics.cohesion_free_riding=0"});
  check_below_zero(paired(column(riding, "cohesion"), column(tolerated, "cohesion")));
}

TEST_CASE("the allies' burden follows the lead's commitment and cohesion") {
  // Burden shifting: under the pact (the lead promises to fight) the allies withhold part of
  // their aid, the more so as cohesion falls, so their share of the cost falls.
  const auto shifting = run("bilateral_pact", {});
  const auto fixed = run("bilateral_pact", {"dynamics.burden_shifting=0"});
  check_below_zero(
      paired(column(shifting, "burden_share_allies"), column(fixed, "burden_share_allies")));
  const auto loose = run("bilateral_pact", {"dynamics.cohesion_initial=0.3"});
  const auto loose_fixed =
      run("bilateral_pact", {"dynamics.cohesion_initial=0.3", "dynamics.burden_shifting=0"});
  // The shift is larger in the looser alliance.
  const auto tight_shift =
      paired(column(shifting, "burden_share_allies"), column(fixed, "burden_share_allies"));
  const auto loose_shift =
      paired(column(loose, "burden_share_allies"), column(loose_fixed, "burden_share_allies"));
  INFO("shift at cohesion 0.8: " << tight_shift.mean << ", at 0.3: " << loose_shift.mean);
  CHECK(loose_shift.mean < tight_shift.mean - 4 * std::hypot(loose_shift.se, tight_shift.se));
  // Without a lead's promise to fight there is nothing to shift onto: assistance is unchanged.
  CHECK(column(run("security_assistance", {}, 1000), "burden_share_allies") ==
        column(run("security_assistance", {"dynamics.burden_shifting=0"}, 1000),
               "burden_share_allies"));
}

TEST_CASE("flip risk lowers deterrence under every committed structure") {
  for (const char* structure :
       {"nato_article5", "bilateral_pact", "security_assistance", "economic_diplomatic"}) {
    INFO(structure);
    const auto stable = run(structure, {"actors.united_states.elections.flip_probability=0"});
    const auto flipping = run(structure, {"actors.united_states.elections.flip_probability=1"});
    check_above_zero(paired(column(flipping, "attacked"), column(stable, "attacked")));
  }
}

TEST_CASE("flip risk lowers deterrence most under the least durable legal form") {
  // Every US administration changes; a policy statement (reversal risk 0.6) against a ratified
  // treaty (0.02), the same assistance otherwise.
  const std::vector<std::string> flips{"actors.united_states.elections.flip_probability=1"};
  auto policy = flips, treaty = flips;
  for (const auto& o : both("reversal_risk", "0.6")) policy.push_back(o);
  for (const auto& o : both("reversal_risk", "0.02")) treaty.push_back(o);
  const auto weak = run("security_assistance", policy);
  const auto durable = run("security_assistance", treaty);
  check_above_zero(paired(column(weak, "attacked"), column(durable, "attacked")));
  check_above_zero(
      paired(column(weak, "revoked.united_states"), column(durable, "revoked.united_states")));
}

TEST_CASE("a vaguer commitment deters less and leaves the challenger further from the truth") {
  // Schelling (1966): a clear commitment deters; Article 5's believed chance of honoring is well
  // above one half, so uncertainty about what was promised pulls it down.
  const auto clear = run("nato_article5", both("vagueness", "0"), 4000);
  const auto vague = run("nato_article5", both("vagueness", "0.3"), 4000);
  check_above_zero(paired(column(vague, "attacked"), column(clear, "attacked")));
  auto gap = [](const CollectingSink& r) {
    auto x = column(r, "ambiguity.united_states");
    for (double& v : x) v = std::abs(v);
    return x;
  };
  check_above_zero(paired(gap(vague), gap(clear)));
}

TEST_CASE("ambiguity differs by structure and is absent without a promise") {
  const auto nato = run("nato_article5", {}, 2000);
  const auto sanctions = run("economic_diplomatic", {}, 2000);
  const PairedDifference d =
      paired(column(nato, "ambiguity.united_states"), column(sanctions, "ambiguity.united_states"));
  INFO("Article 5 minus economic assurances: " << d.mean << " (se " << d.se << ")");
  CHECK(std::abs(d.mean) > 4 * d.se);
  for (double x : column(run("none", {}, 200), "ambiguity.united_states")) {
    CHECK(std::isnan(x));
  }
}
