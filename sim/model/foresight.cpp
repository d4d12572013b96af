// The forward-looking challenger (MODEL.md 7.7): the opportunity shock as a persistent process,
// and the value of waiting, solved by backward induction over the months to the horizon, the
// administrations the elections may bring and the shock on a Rouwenhorst grid.
#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "detsim/model/submodels.hpp"

namespace detsim {

namespace {

// Points of the shock's grid: enough for the value of waiting to follow the shock (its error is
// in the interpolation between points, not in the moments, which Rouwenhorst's method matches
// exactly), few enough to keep a plan cheap: its cost grows with the square of the points.
constexpr int kPoints = 5;
constexpr int kMaxElecting = ForesightPlan::kMaxElecting;
// The plan is solved again when a believed chance of honoring moves by more than this, or aid
// flows change by more than kInflowTolerance of their size: small drifts (cohesion's random
// walk moving the allies' aid) leave the value of waiting as it was.
constexpr double kBeliefTolerance = 1e-3;
constexpr double kInflowTolerance = 0.05;

// Rouwenhorst's discretization (Kopecky & Suen 2010) of an AR(1) with unit stationary
// variance: kPoints evenly spaced on +-sqrt(kPoints - 1); from point i, each of the i "on" bits
// of a binomial stays on with probability q = (1 + rho) / 2 and each of the others turns on
// with probability 1 - q, so the law of the next point from i is the convolution of two
// binomials. Stored by next point, P(i -> j) at [j * kPoints + i], so that the expectation over
// the next point runs along contiguous memory for every current point at once.
void rouwenhorst(double rho, ForesightPlan& plan) {
  if (plan.transition_rho == rho) return;  // the usual case: persistence is not drawn
  plan.transition_rho = rho;
  const int n = kPoints - 1;
  const double width = std::sqrt(static_cast<double>(n));
  const double q = 0.5 * (1.0 + rho);
  const auto binomial = [&](int m, int k, double on) {
    double c = 1.0;
    for (int i = 0; i < k; ++i) c = c * (m - i) / (i + 1);
    return c * std::pow(on, k) * std::pow(1.0 - on, m - k);
  };
  for (int i = 0; i <= n; ++i) {
    plan.grid[static_cast<std::size_t>(i)] = -width + 2.0 * width * i / n;
    for (int j = 0; j <= n; ++j) {
      double pij = 0.0;
      for (int stay = std::max(0, j - (n - i)); stay <= std::min(i, j); ++stay) {
        pij += binomial(i, stay, q) * binomial(n - i, j - stay, 1.0 - q);
      }
      plan.transition[static_cast<std::size_t>(j * kPoints + i)] = pij;
    }
  }
}

bool election_due(const GuarantorSlots& slots, int month) {
  return month >= slots.first_month && (month - slots.first_month) % slots.every_months == 0;
}

// What the plan depends on beyond the calendar: the committed guarantors' believed chances of
// honoring, administrations and revocations (an uncommitted guarantor's do not enter it), the
// pooled chance and aid inflow.
void note_known(const TrialState& s, ForesightPlan& plan) {
  std::size_t k = 0;
  for (const int b : s.committed) {
    const GuarantorState& g = s.guarantors[static_cast<std::size_t>(b)];
    plan.known[k++] = g.p_war;
    plan.known[k++] = g.alternate_administration ? 1.0 : 0.0;
    plan.known[k++] = g.revoked ? 1.0 : 0.0;
  }
  plan.known[k++] = s.pooled_p_war;
  plan.known[k] = s.aid_inflow;
}

bool known_changed(const TrialState& s, const ForesightPlan& plan) {
  std::size_t k = 0;
  for (const int b : s.committed) {
    const GuarantorState& g = s.guarantors[static_cast<std::size_t>(b)];
    if (std::abs(plan.known[k++] - g.p_war) > kBeliefTolerance) return true;
    if (plan.known[k++] != (g.alternate_administration ? 1.0 : 0.0)) return true;
    if (plan.known[k++] != (g.revoked ? 1.0 : 0.0)) return true;
  }
  if (std::abs(plan.known[k++] - s.pooled_p_war) > kBeliefTolerance) return true;
  const double inflow = plan.known[k];
  return (inflow > 0) != (s.aid_inflow > 0) ||
         std::abs(s.aid_inflow - inflow) > kInflowTolerance * inflow;
}

// The backward induction from the horizon to the month the plan was solved in, over
// (configuration of administrations, point of the shock's grid), from what solve() took into
// the plan. `Points` is a constant (1 without a shock) so that the loops over the grid unroll:
// this is most of a plan's cost. Arrays keep a stride of kPoints whatever `Points`.
template <int Points, bool Argmax>
void induct(const TrialParameters& p, ForesightPlan& plan) {
  const int horizon = p.horizon_months;
  const int start = plan.solved_month;
  const std::size_t configs = std::size_t{1} << plan.electing_count;
  const std::size_t subsets = plan.subsets;
  double* const value = plan.value.data();
  double* const expected = plan.expected.data();
  const double* const transition = plan.transition.data();
  const double* const factor = plan.stake_factor.data();
  const AttackForces forces{.challenger = plan.challenger_capability,
                            .target = plan.target_capability,
                            .war_cost = plan.war_cost,
                            .capability = std::span(plan.set_capability).first(subsets),
                            .sanctions = std::span(plan.set_sanctions).first(subsets)};
  for (int month = horizon; month >= start; --month) {
    // Waiting in `month`: the discounted value of month + 1, after its elections.
    for (std::size_t c = 0; c < configs; ++c) {
      double sum[Points] = {};
      if (month < horizon) {
        const double* v = value + c * kPoints;
        for (int k = 0; k < Points; ++k) {
          for (int j = 0; j < Points; ++j) sum[j] += transition[k * kPoints + j] * v[k];
        }
      }
      std::copy_n(sum, Points, expected + c * kPoints);
    }
    for (int k = 0; k < plan.electing_count && month < horizon; ++k) {
      const auto kk = static_cast<std::size_t>(k);
      if (!election_due(p.guarantors[static_cast<std::size_t>(plan.electing[kk])], month + 1)) {
        continue;
      }
      const double flip = plan.flip[kk];
      const std::size_t bit = std::size_t{1} << k;
      for (std::size_t c = 0; c < configs; ++c) {
        if (c & bit) continue;
        double* stay = expected + c * kPoints;
        double* moved = expected + (c | bit) * kPoints;
        for (int j = 0; j < Points; ++j) {
          const double a = stay[j], b = moved[j];
          stay[j] = (1.0 - flip) * a + flip * b;
          moved[j] = (1.0 - flip) * b + flip * a;
        }
      }
    }
    double* waiting = plan.waiting.data() + static_cast<std::size_t>(month) * kPoints;
    for (int j = 0; j < Points; ++j) waiting[j] = plan.discount * expected[j];
    if (month == start) break;

    // Attacking in `month`, in each configuration, at each point of the shock. Each honoring
    // set's payoff (decision.cpp's attack_terms) is linear in the stake, stake * gain - loss,
    // the same in every configuration: only the chances differ.
    const double aid = plan.aid[static_cast<std::size_t>(month)];
    const double cohesion = std::clamp(plan.cohesion_now + plan.drift * (month - start), 0.0, 1.0);
    for (std::size_t set = 0; set < subsets; ++set) {
      const AttackTerms terms =
          attack_terms(forces, static_cast<unsigned>(set), aid, plan.folds, plan.forecast);
      plan.set_gain[set] = terms.gain;
      plan.set_loss[set] = terms.loss;
    }
    for (std::size_t c = 0; c < configs; ++c) {
      double gain = 0.0, loss = 0.0;  // attacking is worth stake * factor * gain - loss
      const double* alone = plan.independent.data() + c * subsets;
      const double* together = plan.together.data() + c * subsets;
      for (std::size_t set = 0; set < subsets; ++set) {
        const double chance =
            plan.pooled ? (1.0 - cohesion) * alone[set] + cohesion * together[set] : alone[set];
        gain += chance * plan.set_gain[set];
        loss += chance * plan.set_loss[set];
      }
      const double* e = expected + c * kPoints;
      double* v = value + c * kPoints;
      for (int j = 0; j < Points; ++j) {
        const double attack = plan.stake * factor[j] * gain - loss;
        const double wait = plan.discount * e[j];
        v[j] = Argmax ? std::max(attack, wait) : best_of(attack, wait, plan.rationality);
      }
    }
  }
}

void induct_if_pending(const TrialParameters& p, ForesightPlan& plan) {
  if (plan.inducted) return;
  // The grid's size and the choice rule are constants of the loops: most of a plan's cost.
  const bool argmax = std::isinf(plan.rationality);
  if (plan.points == 1) {
    argmax ? induct<1, true>(p, plan) : induct<1, false>(p, plan);
  } else {
    argmax ? induct<kPoints, true>(p, plan) : induct<kPoints, false>(p, plan);
  }
  plan.inducted = true;
}

// Takes into the plan everything of the trial's state that its induction reads: the chances of
// each honoring set in each configuration of administrations, the aid and cohesion the
// challenger projects, the payoffs' constant parts. The induction itself waits for a decision
// that reads the plan (induct_if_pending).
void solve(const TrialParameters& p, TrialState& s) {
  ForesightPlan& plan = s.plan;
  const int horizon = p.horizon_months;
  const int start = s.month;
  const double volatility = value_of(s, p.opportunity_volatility);
  const int points = volatility > 0 ? kPoints : 1;

  // The shock's grid and the stake's factor at each point.
  if (points == 1) {
    plan.grid[0] = 0.0;
    plan.stake_factor[0] = plan.transition[0] = 1.0;
    plan.transition_rho = -1;
  } else {
    rouwenhorst(value_of(s, p.opportunity_persistence), plan);
    for (int j = 0; j < points; ++j) {
      const auto jj = static_cast<std::size_t>(j);
      plan.stake_factor[jj] = std::exp(volatility * plan.grid[jj] - 0.5 * volatility * volatility);
    }
  }

  // Administrations: bit k of a configuration is "electing[k] has changed hands since now".
  std::array<int, kMaxElecting>& electing = plan.electing;
  int electing_count = 0;
  for (int b : s.committed) {
    const auto i = static_cast<std::size_t>(b);
    if (!p.guarantors[i].has_elections || s.guarantors[i].revoked) continue;
    if (electing_count == kMaxElecting) break;
    const auto k = static_cast<std::size_t>(electing_count++);
    electing[k] = b;
    plan.flip[k] = value_of(s, p.guarantors[i].flip_probability);
    GuarantorState& g = s.guarantors[i];
    g.belief_flipped = g.belief;
    g.belief_flipped.mix(g.alternate_administration ? g.belief_original : g.belief_alternate,
                         value_of(s, p.guarantors[i].transparency));
  }
  const std::size_t configs = std::size_t{1} << electing_count;
  const std::size_t subsets = s.subset_probability.size();

  // Each configuration's believed chances of each honoring set, alone and acting as one (the
  // latter weighted by cohesion month by month, as believed_subset_probabilities does). A
  // configuration changes only the electing guarantors' beliefs and the plan reads only war
  // tests, so only those chances are recomputed, and today's are put back after.
  std::array<double, kMaxElecting> p_war_now{};
  for (int k = 0; k < electing_count; ++k) {
    p_war_now[static_cast<std::size_t>(k)] =
        s.guarantors[static_cast<std::size_t>(electing[static_cast<std::size_t>(k)])].p_war;
  }
  const double pooled_now = s.pooled_p_war;
  const double cohesion_now = s.cohesion;
  for (std::size_t c = 0; c < configs; ++c) {
    const auto swap_flipped = [&] {
      for (int k = 0; k < electing_count; ++k) {
        if ((c >> k) & 1U) {
          GuarantorState& g =
              s.guarantors[static_cast<std::size_t>(electing[static_cast<std::size_t>(k)])];
          std::swap(g.belief, g.belief_flipped);
        }
      }
    };
    swap_flipped();
    if (c != 0) {
      for (int k = 0; k < electing_count; ++k) {
        GuarantorState& g =
            s.guarantors[static_cast<std::size_t>(electing[static_cast<std::size_t>(k)])];
        g.p_war = g.belief.honor_probability(g.honor_war);  // electing: not revoked
      }
      if (s.pooled) s.pooled_p_war = believed_pooled_honoring(s, Test::attack);
    }
    s.cohesion = 0.0;
    believed_subset_probabilities(p, s, true);
    std::copy_n(s.subset_probability.begin(), subsets, plan.independent.begin() + c * subsets);
    s.cohesion = 1.0;
    believed_subset_probabilities(p, s, true);
    std::copy_n(s.subset_probability.begin(), subsets, plan.together.begin() + c * subsets);
    swap_flipped();
  }
  s.cohesion = cohesion_now;
  for (int k = 0; k < electing_count; ++k) {
    s.guarantors[static_cast<std::size_t>(electing[static_cast<std::size_t>(k)])].p_war =
        p_war_now[static_cast<std::size_t>(k)];
  }
  s.pooled_p_war = pooled_now;

  // What the challenger projects: aid at today's inflow, wearing out; cohesion at its drift.
  const double keep = 1.0 - value_of(s, p.aid_depreciation);
  plan.aid[static_cast<std::size_t>(start)] = s.aid_stock;
  for (int month = start + 1; month <= horizon; ++month) {
    const auto m = static_cast<std::size_t>(month);
    plan.aid[m] = plan.aid[m - 1] * keep + s.aid_inflow;
  }
  plan.drift = (value_of(s, p.cohesion_shift) -
                value_of(s, p.cohesion_outside_erosion) * s.outside_commitment -
                value_of(s, p.cohesion_free_riding) * s.aid_shortfall) /
               12.0;
  plan.cohesion_now = cohesion_now;

  // What the attack's payoff is made of (decision.cpp's attack_terms).
  plan.forecast = value_of(s, p.forecast_months);
  plan.folds = target_folds_when_abandoned(p, s);
  plan.war_cost = s.war_cost;
  std::copy_n(s.subset_capability.begin(), subsets, plan.set_capability.begin());
  std::copy_n(s.subset_sanctions.begin(), subsets, plan.set_sanctions.begin());

  plan.points = points;
  plan.electing_count = electing_count;
  plan.subsets = subsets;
  plan.discount = value_of(s, p.challenger_discount);
  plan.rationality = value_of(s, p.rationality);
  plan.stake = s.stake;
  plan.challenger_capability = s.challenger_capability;
  plan.target_capability = s.target_capability;
  plan.pooled = s.pooled;
  plan.solved_month = start;
  plan.inducted = false;
  note_known(s, plan);
}

}  // namespace

double best_of(double attack, double wait, double rationality) {
  if (std::isinf(rationality)) return std::max(attack, wait);
  const double chance = 1.0 / (1.0 + std::exp(-rationality * (attack - wait)));
  return chance * attack + (1.0 - chance) * wait;
}

void size_plan(ForesightPlan& plan, int horizon, std::size_t guarantors) {
  const std::size_t configs = std::size_t{1} << kMaxElecting;
  const std::size_t subsets = std::size_t{1} << guarantors;
  const auto fit = [](std::vector<double>& v, std::size_t n) { v.resize(std::max(v.size(), n)); };
  fit(plan.waiting, static_cast<std::size_t>(horizon + 1) * kPoints);
  fit(plan.grid, kPoints);
  fit(plan.stake_factor, kPoints);
  fit(plan.transition, kPoints * kPoints);
  fit(plan.value, configs * kPoints);
  fit(plan.expected, configs * kPoints);
  fit(plan.independent, configs * subsets);
  fit(plan.together, configs * subsets);
  fit(plan.set_gain, subsets);
  fit(plan.set_loss, subsets);
  fit(plan.set_capability, subsets);
  fit(plan.set_sanctions, subsets);
  fit(plan.known, 3 * guarantors + 2);
  fit(plan.aid, static_cast<std::size_t>(horizon + 1));
}

void advance_opportunity(const TrialParameters& p, TrialState& s, double shock) {
  const double rho = value_of(s, p.opportunity_persistence);
  s.opportunity = rho * s.opportunity + std::sqrt(1.0 - rho * rho) * shock;
}

bool keep_plan_current(const TrialParameters& p, TrialState& s) {
  if (s.month >= p.horizon_months || !(value_of(s, p.challenger_discount) > 0)) return false;
  ForesightPlan& plan = s.plan;
  if (plan.solved_month < 0 || known_changed(s, plan)) solve(p, s);
  return true;
}

double value_of_waiting(const TrialParameters& p, TrialState& s) {
  return keep_plan_current(p, s) ? planned_waiting(p, s, s.month) : 0.0;
}

double planned_waiting(const TrialParameters& p, TrialState& s, int month) {
  induct_if_pending(p, s.plan);
  const double* waiting = &s.plan.waiting[static_cast<std::size_t>(month * kPoints)];
  if (!(value_of(s, p.opportunity_volatility) > 0)) return waiting[0];
  // Between grid points, linear in the shock; beyond the grid's ends, its end values.
  const double width = std::sqrt(static_cast<double>(kPoints - 1));
  const double x = std::clamp(s.opportunity, -width, width);
  const double pos = (x + width) / (2.0 * width) * (kPoints - 1);
  const int i = std::min(static_cast<int>(pos), kPoints - 2);
  const double f = pos - i;
  return (1.0 - f) * waiting[i] + f * waiting[i + 1];
}

}  // namespace detsim
