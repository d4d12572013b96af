// Each submodel of the month on its own, from a state set up by initialise_trial.
// Statistical checks use 5 Monte Carlo standard errors with fixed seeds.
#include <catch2/catch.hpp>
#include <cmath>

#include "detsim/model/submodels.hpp"
#include "detsim/model/trial_model.hpp"
#include "support/canonical_game.hpp"
#include "support/single_trial.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

// A trial of `scenario`, initialised at month 0.
struct Fixture {
  explicit Fixture(Scenario scenario) : model(scenario), state(model.make_state()) {
    initialise_trial(model.parameters(), state, streams);
  }
  const TrialParameters& p() const { return model.parameters(); }
  GuarantorState& guarantor() { return state.guarantors.at(0); }

  TrialModel model;
  TrialState state;
  TrialStreams streams{1, 0};
};

Scenario base_scenario() {
  CanonicalGame g;
  g.guarantor_resolve = Quantity::constant(0.6);
  g.challenger_resolve = Quantity::constant(0.6);
  g.credibility = beta(0.5, 8);
  Scenario s = canonical_scenario(g, 1, 1);
  s.horizon_months = 120;
  s.dynamics.cohesion_volatility = Quantity::constant(0.0);
  s.dynamics.front_noise = Quantity::constant(0.0);
  return s;
}

void within_five_se(double hits, double n, double p) {
  const double se = std::sqrt(p * (1 - p) / n);
  INFO("frequency " << hits / n << " expected " << p);
  CHECK(std::abs(hits / n - p) <= 5 * se + 1e-12);
}

}  // namespace

TEST_CASE("aid accumulates with wear and costs the guarantor only while its resolve holds") {
  Scenario s = base_scenario();
  s.actors[2].terms[Term::aid_per_month] = Quantity::constant(0.01);
  s.dynamics.aid_depreciation = Quantity::constant(0.02);
  Fixture f(s);
  for (int m = 0; m < 10; ++m) deliver_aid(f.p(), f.state);
  double expected = 0;
  for (int m = 0; m < 10; ++m) expected = expected * 0.98 + 0.01;
  CHECK(f.state.aid_stock == Approx(expected).epsilon(1e-12));
  CHECK(f.guarantor().cost == Approx(0.1).epsilon(1e-12));

  f.guarantor().resolve = 0.1;  // 0.1 + 0 < severity.aid 0.2: the aid stops
  f.guarantor().terms[Term::audience_cost] = 0.0;
  deliver_aid(f.p(), f.state);
  CHECK(f.guarantor().cost == Approx(0.1).epsilon(1e-12));
  f.guarantor().resolve = 0.9;
  f.guarantor().tested = true;
  f.guarantor().honored = false;
  f.guarantor().reneged = true;  // backed down in the war (the first crisis's or a later one's)
  deliver_aid(f.p(), f.state);
  CHECK(f.guarantor().cost == Approx(0.1).epsilon(1e-12));
}

TEST_CASE("cohesion drifts by the yearly shift over twelve months and stays in [0, 1]") {
  Scenario s = base_scenario();
  s.guarantee.cohesion_shift = Quantity::constant(-0.12);
  Fixture f(s);
  const double start = f.state.cohesion;
  for (int m = 1; m <= 12; ++m) drift_cohesion(f.p(), f.state, draw_month(f.streams, m).cohesion);
  CHECK(f.state.cohesion == Approx(start - 0.12).epsilon(1e-12));
  for (int m = 13; m <= 132; ++m) {
    drift_cohesion(f.p(), f.state, draw_month(f.streams, m).cohesion);
  }
  CHECK(f.state.cohesion == 0.0);
}

TEST_CASE("elections flip the administration when due and the challenger sees the new law") {
  Scenario s = base_scenario();
  Elections e;
  e.every_months = 12;
  e.first_month = 3;
  e.flip_probability = Quantity::constant(1.0);
  e.transparency = Quantity::constant(1.0);
  e.resolve_after_flip = beta(0.3, 10);
  s.actors[2].elections = e;
  Fixture f(s);
  f.state.month = 2;
  hold_elections(f.p(), f.state, f.streams);
  CHECK(f.guarantor().flips == 0);
  f.state.month = 3;
  hold_elections(f.p(), f.state, f.streams);
  CHECK(f.guarantor().flips == 1);
  CHECK(f.guarantor().alternate_administration);
  CHECK(f.guarantor().belief.mean() == Approx(0.3).margin(1e-3));  // fully transparent
  f.state.month = 15;
  hold_elections(f.p(), f.state, f.streams);
  CHECK(f.guarantor().flips == 2);
  CHECK(!f.guarantor().alternate_administration);
  CHECK(f.guarantor().resolve == 0.6);  // the original law is a constant
}

TEST_CASE("the expected utility of attack is the canonical game's for one guarantor") {
  Fixture f(base_scenario());
  const ChoiceValues u = expected_utilities(f.p(), f.state, 0.0);  // no opportunity shock
  // p = P(r >= 0.7 - 0.2) under Beta(4,4) = 0.5; pi = 1 / (1 + 0.4 + 0.6 * 2.5);
  // k = 1 * (1 - 0.6). Target resolve 0: it folds when abandoned.
  const double p = 0.5, pi = 1.0 / 2.9, k = 0.4;
  CHECK(u.attack == Approx((1 - p) * 1.0 + p * (pi - k)).margin(1e-3));
  CHECK(u.wait == 0.0);
  CHECK(!u.probe_available);
}

TEST_CASE("logit choice picks each option with its softmax probability") {
  ChoiceValues u;
  u.wait = 0.0;
  u.probe = 0.05;
  u.attack = -0.1;
  u.probe_available = true;
  const double lambda = 10;
  const double z = 1 + std::exp(lambda * 0.05) + std::exp(lambda * -0.1);
  const TrialStreams streams{11, 0};
  const int n = 20000;
  double waits = 0, probes = 0;
  for (int i = 0; i < n; ++i) {
    const Choice c = choose(u, lambda, draw_month(streams, i).choice);
    waits += c == Choice::wait;
    probes += c == Choice::probe;
  }
  within_five_se(waits, n, 1 / z);
  within_five_se(probes, n, std::exp(lambda * 0.05) / z);
  CHECK(choose(u, INFINITY, 0.0) == Choice::probe);
}

TEST_CASE("backing down costs the audience cost and cohesion, honoring does not") {
  Scenario s = base_scenario();
  s.actors[2].resolve = Quantity::constant(0.3);  // 0.3 + 0.2 < 0.7: backs down
  Fixture f(s);
  const double cohesion = f.state.cohesion;
  attack(f.p(), f.state, f.streams);
  CHECK(f.guarantor().tested);
  CHECK(!f.guarantor().honored);
  CHECK(f.guarantor().cost == Approx(0.2));
  CHECK(f.state.cohesion == Approx(cohesion - 0.1));
  CHECK(f.guarantor().belief.mean() < 0.5);             // the challenger learned
  CHECK(f.state.outcome == Outcome::challenger_gains);  // the target folds

  Fixture g(base_scenario());  // resolve 0.6 + 0.2 >= 0.7: honors
  attack(g.p(), g.state, g.streams);
  CHECK(g.guarantor().honored);
  CHECK(g.guarantor().cost == 0.0);
  CHECK(g.state.phase == Phase::war);
}

TEST_CASE("an Article 5 alliance at full cohesion acts as one, on its pooled resolve") {
  // Two members of equal capability (weights 1/2), audience cost 0.2, war severity 0.7. The lead
  // alone would back down (0.3 + 0.2 < 0.7); the pooled margin decides for both.
  const auto alliance = [](double ally_resolve) {
    Scenario s = base_scenario();
    Actor ally = s.actors[2];
    ally.id = "ally";
    ally.lead = false;
    ally.resolve = Quantity::constant(ally_resolve);
    s.actors.push_back(ally);
    s.actors[2].resolve = Quantity::constant(0.3);
    s.guarantee.collective = true;
    s.dynamics.cohesion_initial = Quantity::constant(1.0);
    return s;
  };
  // A resolute ally carries the lead: (0.5 + 1.1) / 2 = 0.8 >= 0.7.
  Fixture carried(alliance(0.9));
  REQUIRE(carried.state.pooled);
  attack(carried.p(), carried.state, carried.streams);
  CHECK(carried.state.guarantors[0].honored);
  CHECK(carried.state.guarantors[1].honored);
  // An ally that would honor alone (0.6 + 0.2 >= 0.7) but not enough to carry the lead:
  // (0.5 + 0.8) / 2 = 0.65 < 0.7, so neither honors, and both pay their audience cost.
  Fixture dragged(alliance(0.6));
  attack(dragged.p(), dragged.state, dragged.streams);
  CHECK(!dragged.state.guarantors[0].honored);
  CHECK(!dragged.state.guarantors[1].honored);
  CHECK(dragged.state.guarantors[0].cost == Approx(0.2));
  CHECK(dragged.state.guarantors[1].cost == Approx(0.2));
}

TEST_CASE("a revoked commitment is neither honored nor believed and stops its aid") {
  Scenario s = base_scenario();
  s.actors[2].terms[Term::aid_per_month] = Quantity::constant(0.01);
  s.actors[2].terms[Term::reversal_risk] = Quantity::constant(1.0);
  s.actors[2].resolve = Quantity::constant(1.0);  // would always honor
  Elections e;
  e.every_months = 12;
  e.first_month = 1;
  e.flip_probability = Quantity::constant(1.0);
  e.resolve_after_flip = Quantity::constant(1.0);
  s.actors[2].elections = e;
  Fixture f(s);
  REQUIRE(f.guarantor().committed);  // by its promises; reversal risk is none
  REQUIRE(f.guarantor().p_war > 0);
  f.state.month = 1;
  hold_elections(f.p(), f.state, f.streams);
  CHECK(f.guarantor().revoked);
  CHECK(f.guarantor().p_war == 0.0);
  CHECK(f.state.cohesion == Approx(0.8 - 0.1));  // the renege penalty
  deliver_aid(f.p(), f.state);
  CHECK(f.state.aid_stock == 0.0);
  attack(f.p(), f.state, f.streams);
  CHECK(f.guarantor().tested);
  CHECK(!f.guarantor().honored);
  CHECK(f.guarantor().cost == 0.0);  // no audience cost: its administration never promised
}

TEST_CASE("a vague promise changes what the challenger believes, not what the guarantor does") {
  // Threshold 0.7 - 0.35 = 0.35 against a belief of mean 0.5: believed likelier than not.
  Scenario clear = base_scenario();
  clear.actors[2].terms[Term::audience_cost] = Quantity::constant(0.35);
  Scenario vague = clear;
  vague.actors[2].terms[Term::vagueness] = Quantity::constant(0.3);
  Fixture c(clear), v(vague);
  CHECK(c.guarantor().committed);
  // Vagueness alone is no promise.
  Scenario only_vague = base_scenario();
  for (const TermInfo& term : kTerms) only_vague.actors[2].terms[term.term] = Quantity::constant(0);
  only_vague.actors[2].terms[Term::vagueness] = Quantity::constant(0.3);
  CHECK(!Fixture(only_vague).guarantor().committed);
  // The believed chance moves toward one half; the true decision is the same.
  CHECK(std::abs(v.guarantor().p_war - 0.5) < std::abs(c.guarantor().p_war - 0.5));
  attack(c.p(), c.state, c.streams);
  attack(v.p(), v.state, v.streams);
  CHECK(c.guarantor().honored == v.guarantor().honored);
}

TEST_CASE("the front moves by front_speed (1 - 2 pi) and a stronger challenger advances") {
  Fixture f(base_scenario());
  attack(f.p(), f.state, f.streams);  // the guarantor honors
  REQUIRE(f.state.phase == Phase::war);
  const double pi = 1.0 / 2.9;
  fight_month(f.p(), f.state, f.streams);
  if (f.state.phase == Phase::war) {                         // unless the war ended this month
    CHECK(f.state.territory == Approx(1.0).epsilon(1e-12));  // clamped at 1: defence ahead
  }
  Scenario weak = base_scenario();
  weak.actors[2].terms[Term::defend] = Quantity::constant(0.0);
  weak.actors[2].terms[Term::sanctions] = Quantity::constant(0.01);  // committed without forces
  weak.actors[1].resolve = Quantity::constant(0.9);                  // fights alone
  weak.actors[1].territory = Quantity::constant(0.8);
  weak.dynamics.settlement_rate = Quantity::constant(0.0);
  Fixture w(weak);
  attack(w.p(), w.state, w.streams);
  REQUIRE(w.state.phase == Phase::war);
  fight_month(w.p(), w.state, w.streams);
  const double share = 1.0 / 1.4;
  CHECK(w.state.territory == Approx(0.8 + 0.02 * (1 - 2 * share)).epsilon(1e-12));
  CHECK(pi < 0.5);
}

TEST_CASE("a war ends by exhaustion, capitulation or settlement, in that order") {
  Scenario s = base_scenario();
  s.dynamics.settlement_rate = Quantity::constant(1.0);
  s.actors[1].resolve = Quantity::constant(0.9);  // a target that can bear a month of war
  Fixture settle(s);
  attack(settle.p(), settle.state, settle.streams);
  fight_month(settle.p(), settle.state, settle.streams);
  CHECK(settle.state.outcome == Outcome::stalemate_or_ceasefire);
  CHECK(settle.state.phase == Phase::after_war);

  s.actors[1].resolve = Quantity::constant(0.0);  // a target that breaks at once...
  Fixture broken(s);
  attack(broken.p(), broken.state, broken.streams);
  fight_month(broken.p(), broken.state, broken.streams);
  CHECK(broken.state.outcome == Outcome::challenger_gains);  // ...before any settlement

  s.dynamics.exhaustion = Quantity::constant(0.0);  // any cost exhausts the challenger...
  Fixture exhausted(s);
  attack(exhausted.p(), exhausted.state, exhausted.streams);
  fight_month(exhausted.p(), exhausted.state, exhausted.streams);
  CHECK(exhausted.state.outcome == Outcome::target_holds);  // ...before the target breaks
}

TEST_CASE(
    "a direct clash needs a guarantor engaged, is likelier with its forces fighting, and nuclear "
    "use needs a nuclear state") {
  Scenario s = base_scenario();
  s.dynamics.clash_base = Quantity::constant(0.01);
  s.dynamics.clash_direct = Quantity::constant(0.1);
  Fixture f(s);
  attack(f.p(), f.state, f.streams);
  REQUIRE(f.guarantor().fighting);
  const double defend = f.guarantor().terms[Term::defend];
  REQUIRE(defend > 0);
  const int n = 20000;
  double direct_clashes = 0, engaged_clashes = 0, unengaged_clashes = 0;
  const auto at_war_with = [&](bool fighting, double promised) {
    f.state.escalation = Escalation::war;
    f.guarantor().fighting = fighting;
    f.guarantor().terms[Term::defend] = promised;
  };
  for (int i = 0; i < n; ++i) {
    RandomStream draws = f.streams.open(StreamPurpose::war, 0, static_cast<std::uint64_t>(i));
    at_war_with(true, defend);  // its forces fight
    climb_ladder(f.p(), f.state, draws.uniform(), draws.uniform());
    direct_clashes += f.state.escalation == Escalation::direct_clash;
    at_war_with(true, 0.0);  // it honors with arms or sanctions only
    climb_ladder(f.p(), f.state, draws.uniform(), draws.uniform());
    engaged_clashes += f.state.escalation == Escalation::direct_clash;
    at_war_with(false, defend);  // it stays out: nobody to clash with
    climb_ladder(f.p(), f.state, draws.uniform(), draws.uniform());
    unengaged_clashes += f.state.escalation == Escalation::direct_clash;
  }
  within_five_se(direct_clashes, n, 0.11);
  within_five_se(engaged_clashes, n, 0.01);
  CHECK(unengaged_clashes == 0);
  CHECK(f.state.max_escalation == Escalation::direct_clash);  // never 3: not nuclear
}

TEST_CASE("precedent: a guarantor backing down lowers belief in another by its own test") {
  Scenario s = base_scenario();
  Actor ally = s.actors[2];
  ally.id = "ally";
  ally.lead = false;
  ally.terms[Term::audience_cost] = Quantity::constant(0.0);
  s.actors.push_back(ally);
  s.actors[2].resolve = Quantity::constant(0.3);  // the lead backs down: 0.3 + 0.2 < 0.7
  s.actors[3].resolve = Quantity::constant(0.9);  // the ally honors
  s.dynamics.precedent_weight = Quantity::constant(1.0);
  Fixture f(s);
  attack(f.p(), f.state, f.streams);
  // With weight 1 the ally's belief takes both guarantors' evidence in full, each at the
  // threshold of the one observed: r < 0.5 from the lead, r >= 0.7 from the ally. No resolve
  // satisfies both, so the belief restarts from uniform and keeps the last: r >= 0.7.
  CHECK(f.state.guarantors[1].belief.mean() == Approx(0.85).margin(2e-3));
  CHECK(std::isfinite(f.state.guarantors[0].belief.mean()));
}

TEST_CASE("the escalation path returns to peace the month after a war ends") {
  Scenario s = base_scenario();
  s.actors[1].resolve = Quantity::constant(0.9);
  s.dynamics.settlement_rate = Quantity::constant(1.0);  // every war ends in its first month
  s.horizon_months = 3;
  SingleTrial t(s);
  t.run(0);
  REQUIRE(t.state.attack_month == 1);
  const auto& escalation = t.path("escalation");
  CHECK(escalation[1] >= 1.0);  // the month of the war
  CHECK(escalation[2] == 0.0);
  CHECK(escalation[3] == 0.0);
}

TEST_CASE("a guarantor free to weigh costs needs more resolve, by the expected cost of fighting") {
  Scenario s = base_scenario();  // defend 0.6 of capability 2.5, audience cost 0.2, F = 12
  s.dynamics.cost_weight = Quantity::constant(0.1);
  s.dynamics.escalation_cost = Quantity::constant(2.0);
  s.dynamics.clash_base = Quantity::constant(0.001);
  s.dynamics.clash_direct = Quantity::constant(0.02);
  s.actors[0].nuclear = true;
  s.actors[2].terms[Term::sanctions] = Quantity::constant(0.02);
  Fixture automatic(s);
  // 12 months of forces (0.05 * 0.6 * 2.5) and sanctions (0.5 * 0.02), and a clash in 12
  // months at 0.021 a month priced at 2.
  const double expected = 12 * (0.05 * 0.6 * 2.5 + 0.5 * 0.02) + 2.0 * (1 - std::pow(0.979, 12));
  CHECK(expected_cost_of_fighting(automatic.p(), automatic.state, automatic.guarantor()) ==
        Approx(expected).epsilon(1e-12));
  // An automatic trigger (flexibility absent) weighs nothing.
  CHECK(cost_weighing_shift(automatic.p(), automatic.state, automatic.guarantor()) == 0.0);
  s.actors[2].terms[Term::flexibility] = Quantity::constant(1.0);
  Fixture flexible(s);
  const double shift = cost_weighing_shift(flexible.p(), flexible.state, flexible.guarantor());
  CHECK(shift == Approx(0.1 * expected).epsilon(1e-12));
  // The challenger reads the same threshold: resolve 0.55 + 0.2 honors 0.7 automatically, not
  // once the cost is weighed, and its believed chance of honoring falls with it.
  CHECK(automatic.guarantor().honor_war.honors(0.55, 0.0));
  CHECK(!flexible.guarantor().honor_war.honors(0.55, 0.0));
  CHECK(flexible.guarantor().honor_war.honors(0.5 + shift + 1e-9, 0.0));
  CHECK(flexible.guarantor().p_war < automatic.guarantor().p_war - 0.05);
  // A probe is not a war: its test is unchanged.
  CHECK(flexible.guarantor().p_probe == automatic.guarantor().p_probe);
  // Flexibility alone promises nothing.
  Scenario alone = base_scenario();
  for (const TermInfo& term : kTerms) alone.actors[2].terms[term.term] = Quantity::constant(0.0);
  alone.actors[2].terms[Term::flexibility] = Quantity::constant(1.0);
  Fixture uncommitted(alone);
  CHECK(!uncommitted.guarantor().committed);
}

TEST_CASE("a credible guarantee of the post-war order raises the settlement hazard") {
  Scenario s = base_scenario();
  s.dynamics.settlement_rate = Quantity::constant(0.03);
  Fixture without(s);
  CHECK(settlement_chance(without.p(), without.state) == 0.03);  // bit for bit, with no offer
  s.actors[2].terms[Term::postwar_guarantee] = Quantity::constant(0.1);
  Fixture offered(s);
  const double believed = offered.guarantor().p_war;
  REQUIRE(believed > 0.3);
  CHECK(settlement_chance(offered.p(), offered.state) ==
        Approx(1 - 0.97 * (1 - 0.1 * believed)).epsilon(1e-12));
  // Offered by a guarantor the challenger is sure would never fight, it is worth nothing.
  s.actors[2].credibility = Quantity::constant(0.0);
  Fixture incredible(s);
  REQUIRE(incredible.guarantor().p_war == 0.0);
  CHECK(settlement_chance(incredible.p(), incredible.state) == 0.03);
}

TEST_CASE("forces that bind later raise the value of attacking before, the more the larger") {
  const auto value_of_attack = [](double defend, double preventive_weight) {
    Scenario s = base_scenario();
    s.horizon_months = 24;
    s.dynamics.preventive_weight = Quantity::constant(preventive_weight);
    s.actors[2].terms[Term::defend] = Quantity::constant(defend);
    s.actors[2].terms[Term::in_force_month] = Quantity::constant(12);
    Fixture f(s);
    REQUIRE(f.state.forces_pending);
    REQUIRE(f.state.subset_capability[1] == 0.0);  // no forces before they bind
    REQUIRE(f.state.subset_pending[1] == Approx(defend * 2.5));
    return expected_utilities(f.p(), f.state, 0.0).attack;
  };
  // Without the preventive motive the size of a commitment not yet binding is worth nothing.
  CHECK(value_of_attack(0.2, 0.0) == value_of_attack(0.8, 0.0));
  // With it, striking first is worth more the larger the forces to come.
  CHECK(value_of_attack(0.2, 0.5) > value_of_attack(0.2, 0.0) + 0.01);
  CHECK(value_of_attack(0.8, 0.5) > value_of_attack(0.2, 0.5) + 0.01);

  // In month 12 the forces bind: they count, the attack tests the war severity, and nothing
  // is pending any more.
  Scenario s = base_scenario();
  s.dynamics.preventive_weight = Quantity::constant(0.5);
  s.actors[2].terms[Term::in_force_month] = Quantity::constant(12);
  Fixture f(s);
  const double p_before = f.guarantor().p_war;
  f.state.month = 11;
  bind_pending_forces(f.p(), f.state);
  CHECK(f.state.forces_pending);
  f.state.month = 12;
  bind_pending_forces(f.p(), f.state);
  CHECK(!f.state.forces_pending);
  CHECK(f.state.subset_capability[1] == Approx(0.6 * 2.5));
  CHECK(f.state.subset_pending[1] == 0.0);
  CHECK(f.guarantor().p_war < p_before);  // the war severity is harder than the probe's
  CHECK(preventive_value(f.p(), f.state, 1.0) == 0.0);
}
