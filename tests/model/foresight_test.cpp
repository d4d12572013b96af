// The challenger's outlook on its own: the persistent opportunity shock's law, and the value of
// waiting where backward induction has a closed form. Statistical checks use 5 Monte Carlo
// standard errors with fixed seeds.
#include <catch2/catch.hpp>
#include <cmath>

#include "detsim/model/submodels.hpp"
#include "detsim/model/trial_model.hpp"
#include "support/canonical_game.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

Scenario outlook_scenario(double persistence, double discount) {
  CanonicalGame g;
  g.guarantor_resolve = Quantity::constant(0.6);
  g.challenger_resolve = Quantity::constant(0.6);
  g.credibility = beta(0.5, 8);
  Scenario s = canonical_scenario(g, 1, 1);
  s.horizon_months = 24;
  s.dynamics.cohesion_volatility = Quantity::constant(0.0);
  s.dynamics.opportunity_persistence = Quantity::constant(persistence);
  s.dynamics.challenger_discount = Quantity::constant(discount);
  return s;
}

}  // namespace

TEST_CASE("the opportunity shock is an AR(1) with unit stationary variance") {
  const double rho = 0.9;
  const TrialModel model(outlook_scenario(rho, 0.0));
  TrialState s = model.make_state();
  constexpr int kTrials = 20000, kMonths = 5;
  double sum0 = 0, sum = 0, sum2 = 0, cross = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const TrialStreams streams{7, static_cast<std::uint64_t>(trial)};
    initialise_trial(model.parameters(), s, streams);
    const double start = s.opportunity;
    for (int m = 1; m <= kMonths; ++m) {
      advance_opportunity(model.parameters(), s, draw_month(streams, m).opportunity);
    }
    sum0 += start, sum += s.opportunity, sum2 += s.opportunity * s.opportunity;
    cross += start * s.opportunity;
  }
  const double n = kTrials;
  // Stationary: mean 0 and variance 1 at month 5 (sd of the variance estimate sqrt(2 / n)).
  CHECK(std::abs(sum / n) <= 5 / std::sqrt(n));
  CHECK(std::abs(sum2 / n - 1.0) <= 5 * std::sqrt(2.0 / n));
  // corr(x_0, x_5) = rho^5; its estimate's sd is about (1 - rho^10) / sqrt(n).
  const double corr = cross / n - (sum0 / n) * (sum / n);
  const double expected = std::pow(rho, kMonths);
  CHECK(std::abs(corr - expected) <= 5 * (1 - expected * expected) / std::sqrt(n) + 0.01);
}

TEST_CASE("without persistence the shock is the month's fresh draw, bit for bit") {
  const TrialModel model(outlook_scenario(0.0, 0.0));
  TrialState s = model.make_state();
  const TrialStreams streams{7, 3};
  initialise_trial(model.parameters(), s, streams);
  CHECK(s.opportunity == 0.0);
  for (int m = 1; m <= 5; ++m) {
    const double z = draw_month(streams, m).opportunity;
    advance_opportunity(model.parameters(), s, z);
    CHECK(s.opportunity == z);
  }
}

TEST_CASE("in a world that does not change, waiting is worth the discounted attack") {
  // No shock, no elections, no aid, no drift: every month's attack is worth the same U, so
  // backward induction gives W_t = delta * max(U, 0) before the last month and 0 in it.
  const double delta = 0.9;
  const TrialModel model(outlook_scenario(0.0, delta));
  TrialState s = model.make_state();
  initialise_trial(model.parameters(), s, TrialStreams{1, 0});
  s.month = 1;
  const ChoiceValues u = expected_utilities(model.parameters(), s, 0.0);
  REQUIRE(u.attack > 0);
  CHECK(u.wait == Approx(delta * u.attack).epsilon(1e-12));
  s.month = 24;  // the last month
  CHECK(value_of_waiting(model.parameters(), s) == 0.0);
  // A myopic challenger: waiting is the status quo's 0 in every month.
  const TrialModel myopic(outlook_scenario(0.0, 0.0));
  TrialState m = myopic.make_state();
  initialise_trial(myopic.parameters(), m, TrialStreams{1, 0});
  m.month = 1;
  CHECK(value_of_waiting(myopic.parameters(), m) == 0.0);
}

TEST_CASE("waiting is worth more when an election soon is likely to weaken the guarantor") {
  const auto waiting = [](int election_month) {
    Scenario sc = outlook_scenario(0.0, 0.95);
    Elections e;
    e.every_months = 48;
    e.first_month = election_month;
    e.flip_probability = Quantity::constant(0.8);
    e.resolve_after_flip = beta(0.2, 10);
    e.transparency = Quantity::constant(1.0);
    sc.actors[2].elections = e;
    const TrialModel model(sc);
    TrialState s = model.make_state();
    initialise_trial(model.parameters(), s, TrialStreams{1, 0});
    s.month = 1;
    return value_of_waiting(model.parameters(), s);
  };
  CHECK(waiting(3) > waiting(20));
}
