// What the challenger learns from visible acts (sim/model/evidence.cpp): precedent as the exact
// posterior of its mixture model, checked against a brute-force enumeration of that model's joint
// distribution written here from MODEL.md 7.3, and aid read once per administration by its rule.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "detsim/model/submodels.hpp"
#include "detsim/model/trial_model.hpp"
#include "support/belief_of.hpp"
#include "support/canonical_game.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

// The stated rule, P(honor | r) = P(r + a >= theta + eps), eps ~ N(0, noise), read at a cell's
// midpoint; with noise 0 an indicator (thresholds here lie on cell edges, so a cell is all in or
// all out).
double stated_rule(double r, double a, double theta, double noise) {
  if (noise <= 0) return r + a >= theta ? 1.0 : 0.0;
  return 0.5 * std::erfc(-(r + a - theta) / (noise * std::sqrt(2.0)));
}

// Enumerates the joint of (shared?, r_i, r_o, observation) on the cells: with probability w
// guarantor i's resolve is o's (the observation comes from r_i under o's rule), otherwise r_o is
// drawn from B_o independently. Returns the posterior cell masses of B_i.
std::vector<double> enumerate_precedent(const Belief& bi, const Belief& bo, bool honored, double a,
                                        double theta, double noise, double w) {
  const int n = bi.cells();
  const auto p_obs = [&](int cell) {
    const double h = stated_rule((cell + 0.5) / n, a, theta, noise);
    return honored ? h : 1.0 - h;
  };
  std::vector<double> joint(static_cast<std::size_t>(n), 0.0);
  double total = 0;
  for (int j = 0; j < n; ++j) {
    double cell = w * bi.masses()[j] * p_obs(j);  // shared resolve
    for (int k = 0; k < n; ++k) {                 // independent resolve of o
      cell += (1.0 - w) * bi.masses()[j] * bo.masses()[k] * p_obs(k);
    }
    joint[static_cast<std::size_t>(j)] = cell;
    total += cell;
  }
  for (double& x : joint) x /= total;
  return joint;
}

void check_precedent_against_enumeration(bool honored, double a, double theta, double noise,
                                         double w) {
  const int n = 16;
  TrialState s;
  s.guarantors.resize(2);
  s.guarantors[0].belief = belief_of(beta(0.45, 6), n);              // o, the one observed
  s.guarantors[1].belief = belief_of(triangular(0.1, 0.6, 0.9), n);  // i
  const Belief prior_o = s.guarantors[0].belief, prior_i = s.guarantors[1].belief;
  HonorLikelihood rule;
  rule.set(n, a, theta, noise);

  learn_from_act(s, 0, honored, rule, w);

  const std::vector<double> expected =
      enumerate_precedent(prior_i, prior_o, honored, a, theta, noise, w);
  for (int j = 0; j < n; ++j) {
    INFO("cell " << j);
    CHECK(s.guarantors[1].belief.masses()[j] ==
          Approx(expected[static_cast<std::size_t>(j)]).margin(1e-12));
  }
  // The observed guarantor's own belief: Bayes' rule in full (the enumeration with w = 1).
  const std::vector<double> own =
      enumerate_precedent(prior_o, prior_o, honored, a, theta, noise, 1);
  for (int k = 0; k < n; ++k) {
    CHECK(s.guarantors[0].belief.masses()[k] ==
          Approx(own[static_cast<std::size_t>(k)]).margin(1e-12));
  }
}

}  // namespace

TEST_CASE("the precedent posterior equals a brute-force enumeration of its mixture model") {
  SECTION("backing down, with honoring noise") {
    check_precedent_against_enumeration(false, 0.1, 0.6, 0.08, 0.3);
  }
  SECTION("honoring, with honoring noise and a strong transfer") {
    check_precedent_against_enumeration(true, 0.0, 0.55, 0.05, 0.8);
  }
  SECTION("backing down, a sharp rule whose threshold lies on a cell edge") {
    check_precedent_against_enumeration(false, 0.2, 0.7, 0.0, 0.3);
  }
}

namespace {

// One guarantor that promises aid, whose aid flows iff r + 0.1 >= 0.5 (r >= 0.4), and a
// challenger that believes its resolve Beta(4, 4).
Scenario aid_scenario(double resolve, int aid_observed) {
  CanonicalGame g;
  g.guarantor_resolve = Quantity::constant(resolve);
  g.credibility = beta(0.5, 8);
  g.audience_cost = 0.1;
  Scenario s = canonical_scenario(g, 1, 1);
  s.horizon_months = 24;
  s.severity.aid = Quantity::constant(0.5);
  s.actors[2].terms[Term::aid_per_month] = Quantity::constant(0.01);
  s.dynamics.aid_observed = aid_observed;
  return s;
}

struct AidFixture {
  explicit AidFixture(const Scenario& scenario) : model(scenario), state(model.make_state()) {
    initialise_trial(model.parameters(), state, streams);
  }
  double deliver_and_read_mean() {
    deliver_aid(model.parameters(), state);
    return state.guarantors[0].belief.mean();
  }
  TrialModel model;
  TrialState state;
  TrialStreams streams{1, 0};
};

}  // namespace

TEST_CASE("aid is read once per administration by its rule, and only when observed") {
  // E[r | r >= 0.4] and E[r | r < 0.4] for Beta(4, 4) (scipy.integrate.quad): 0.5818 and
  // 0.2996 (4 decimals; the grid's tolerance is 1e-3).
  AidFixture flowing(aid_scenario(0.7, 1));
  const double prior = flowing.state.guarantors[0].belief.mean();
  const double prior_war = flowing.state.guarantors[0].p_war;
  const double first = flowing.deliver_and_read_mean();
  CHECK(flowing.state.guarantors[0].aid_flowing);
  CHECK(first == Approx(0.5818).margin(1e-3));
  CHECK(flowing.state.guarantors[0].p_war > prior_war);  // refreshed with the belief
  // The same administration's aid again: no fresh noise, no news.
  CHECK(flowing.deliver_and_read_mean() == first);

  AidFixture stopped(aid_scenario(0.3, 1));
  CHECK(stopped.deliver_and_read_mean() == Approx(0.2996).margin(1e-3));
  CHECK_FALSE(stopped.state.guarantors[0].aid_flowing);

  AidFixture unseen(aid_scenario(0.7, 0));
  CHECK(unseen.deliver_and_read_mean() == prior);
  CHECK(unseen.state.aid_stock > 0);  // the aid itself still counts in the balance
}
