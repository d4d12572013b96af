// Draws keyed by what they are: an actor added to a scenario, anywhere in its file, changes no
// other actor's draws, so a trial of the two scenarios differs only where the new actor acts.
#include <catch2/catch.hpp>

#include <cmath>

#include "support/canonical_game.hpp"
#include "support/single_trial.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

// Every submodel that draws is active: random parameters, logit choice, opportunity and
// cohesion shocks, honoring noise, elections, war with front noise, clash and settlement.
Scenario busy_scenario() {
  CanonicalGame game;
  game.challenger_resolve = beta(0.65, 20);
  game.guarantor_resolve = beta(0.55, 10);
  game.credibility = beta(0.5, 8);
  Scenario s = canonical_scenario(game, 1, 1);
  s.horizon_months = 120;
  s.rationality = Quantity::constant(30.0);
  s.honor_noise = Quantity::constant(0.05);
  s.severity.war = uniform(0.6, 0.8);
  s.dynamics.opportunity_volatility = Quantity::constant(0.25);
  s.dynamics.cohesion_volatility = Quantity::constant(0.02);
  s.dynamics.clash_base = Quantity::constant(0.02);
  s.actors[0].can_probe = true;
  s.actors[1].resolve = Quantity::constant(0.9);  // fights when abandoned: wars happen
  Elections e;
  e.every_months = 24;
  e.first_month = 10;
  e.resolve_after_flip = beta(0.35, 10);
  s.actors[2].elections = e;
  return s;
}

}  // namespace

TEST_CASE("an actor added before the others leaves every draw and every column of theirs alone") {
  const Scenario before = busy_scenario();
  // An uncommitted guarantor, with drawn parameters and elections of its own, placed in the file
  // before the guarantor that was there: position-keyed streams would shift every draw after it.
  Scenario after = before;
  Actor observer = after.actors[2];
  observer.id = "observer";
  observer.lead = false;
  observer.resolve = beta(0.5, 5);
  observer.credibility = uniform(0.2, 0.8);
  for (const TermInfo& term : kTerms) observer.terms[term.term] = Quantity::constant(0.0);
  after.actors.insert(after.actors.begin() + 2, observer);

  SingleTrial a(before), b(after);
  int attacks = 0, flips = 0, observer_flips = 0;
  for (int trial = 0; trial < 300; ++trial) {
    a.run(trial, false, 20261130);
    b.run(trial, false, 20261130);
    attacks += a.state.attack_month >= 0;
    flips += a.state.guarantors[0].flips;
    observer_flips += b.state.guarantors[0].flips;  // it comes first in the file
    for (std::size_t c = 0; c < a.out.columns(); ++c) {
      const std::string& name = a.out.schema()[c].name;
      if (name == "policy_flips") continue;  // a total over guarantors: counts the observer's
      const double x = a.out.number(c, 0), y = b.out.number(b.out.index_of(name), 0);
      INFO("trial " << trial << ", column " << name);
      CHECK((x == y || (std::isnan(x) && std::isnan(y))));
    }
  }
  // The comparison covered wars and elections, not only quiet trials.
  CHECK(attacks > 10);
  CHECK(flips > 10);
  CHECK(observer_flips > 10);
}
