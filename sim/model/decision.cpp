// The challenger's choice at peace: wait, probe or attack, by expected utility over the sets of
// guarantors it believes would honor; argmax at infinite rationality, logit choice otherwise.
#include <array>
#include <cmath>
#include <limits>

#include "detsim/model/submodels.hpp"

namespace detsim {

double defending_capability(const TrialState& s, unsigned honoring_set) {
  return s.target_capability + s.aid_stock + s.subset_capability[honoring_set];
}

namespace {

// The committed guarantors' believed chances of honoring a war (or a probe) alone, in the order
// of s.committed; the alliance's acting as one, and who would then honor (every member that has
// not revoked its commitment).
struct BelievedHonoring {
  std::array<double, kMaxGuarantors> alone;  // the first `count`
  std::size_t count = 0;
  double together = 0;
  unsigned members = 0;
  std::span<const double> honors() const { return std::span(alone).first(count); }
};

BelievedHonoring believed_honoring(const TrialState& s, bool war) {
  BelievedHonoring h;
  h.count = s.committed.size();
  for (std::size_t b = 0; b < h.count; ++b) {
    const GuarantorState& g = s.guarantors[static_cast<std::size_t>(s.committed[b])];
    h.alone[b] = war ? g.p_war : g.p_probe;
    if (!g.revoked) h.members |= 1U << b;
  }
  h.together = war ? s.pooled_p_war : s.pooled_p_probe;
  return h;
}

}  // namespace

void believed_subset_probabilities(const TrialParameters& /*p*/, TrialState& s, bool war) {
  const BelievedHonoring h = believed_honoring(s, war);
  independent_set_chances(h.honors(), s.subset_probability);
  if (!s.pooled) return;
  // With probability cohesion the alliance acts as one, on its pooled resolve and audience cost
  // (pooling.cpp): every member that has not revoked its commitment honors, or none does.
  for (double& q : s.subset_probability) q *= 1.0 - s.cohesion;
  s.subset_probability[h.members] += s.cohesion * h.together;
  s.subset_probability[0] += s.cohesion * (1.0 - h.together);
}

double believed_nobody_honors(const TrialState& s, bool war) {
  // believed_subset_probabilities's chance of the empty set, alone.
  const BelievedHonoring h = believed_honoring(s, war);
  double q = independent_set_chance(h.honors(), 0);
  if (!s.pooled) return q;
  q *= 1.0 - s.cohesion;
  if (h.members == 0) q += s.cohesion * h.together;
  return q + s.cohesion * (1.0 - h.together);
}

namespace {

// The stake's value this month: stake * exp(x sd - sd^2 / 2), x the opportunity shock.
double stake_at(const TrialParameters& p, const TrialState& s, double opportunity) {
  const double volatility = value_of(s, p.opportunity_volatility);
  const double shock =
      volatility > 0 ? std::exp(volatility * opportunity - 0.5 * volatility * volatility) : 1.0;
  return s.stake * shock;
}

double attack_utility(const TrialParameters& p, TrialState& s, double stake) {
  const double forecast = value_of(s, p.forecast_months);
  const bool target_folds = target_folds_when_abandoned(p, s);
  believed_subset_probabilities(p, s, true);
  double attack = 0.0;
  const std::size_t subsets = s.subset_probability.size();
  for (std::size_t set = 0; set < subsets; ++set) {
    attack += s.subset_probability[set] * attack_payoff(s, static_cast<unsigned>(set), stake,
                                                        s.aid_stock, target_folds, forecast);
  }
  // A window closing: forces promised but not yet binding make striking now worth more.
  return attack + preventive_value(p, s, stake);
}

bool probe_available(const TrialParameters& p, const TrialState& s) {
  return p.can_probe && s.month - s.last_probe_month >= p.probe_interval_months;
}

// A probe's own payoff, before what it teaches: its gain if nobody answers, its cost if anyone
// does.
double probe_own(const TrialParameters& p, TrialState& s, double stake) {
  const double unanswered = believed_nobody_honors(s, false);
  return unanswered * value_of(s, p.probe_gain) * stake -
         (1.0 - unanswered) * value_of(s, p.probe_cost);
}

}  // namespace

ChoiceValues expected_utilities(const TrialParameters& p, TrialState& s, double opportunity) {
  ChoiceValues u;
  const double stake = stake_at(p, s, opportunity);
  u.attack = attack_utility(p, s, stake);
  // Waiting keeps the chance to attack later (foresight.cpp); a probe does too, so it adds
  // its own gain and what its answers would teach (lesson.cpp) to the same value.
  u.wait = value_of_waiting(p, s);
  u.probe_available = probe_available(p, s);
  if (u.probe_available) {
    const double own = probe_own(p, s, stake);
    u.probe = u.wait + own + probe_lesson(p, s, stake, -own);
  }
  return u;
}

Choice decide(const TrialParameters& p, TrialState& s, double opportunity, double rationality,
              double uniform) {
  // The same values in the same order as expected_utilities, but the plan's value of waiting
  // only when the choice may depend on it: its backward induction is most of a month's cost.
  ChoiceValues u;
  const double stake = stake_at(p, s, opportunity);
  u.attack = attack_utility(p, s, stake);
  const bool planning = keep_plan_current(p, s);
  u.probe_available = probe_available(p, s);
  double own = 0.0, lesson = 0.0;
  if (u.probe_available) {
    own = probe_own(p, s, stake);
    lesson = probe_lesson(p, s, stake, -own);
  }
  // Waiting is worth W >= 0 (the plan's values are maxima with the status quo's 0 in the last
  // month). At infinite rationality, attacking worth no more than 0 never beats it (ties keep
  // the status quo), and a probe, worth W + own + lesson, beats it only if own or lesson is
  // positive: otherwise waiting is chosen whatever W is, and W is not needed.
  if (std::isinf(rationality) && u.attack <= 0 &&
      !(u.probe_available && (own > 0 || lesson != 0))) {
    return Choice::wait;
  }
  u.wait = planning ? planned_waiting(p, s, s.month) : 0.0;
  if (u.probe_available) u.probe = u.wait + own + lesson;
  return choose(u, rationality, uniform);
}

Choice choose(const ChoiceValues& u, double rationality, double uniform) {
  if (std::isinf(rationality)) {
    // Strict improvement needed: ties keep the status quo, as the canonical game's "attack iff >
    // 0".
    Choice best = Choice::wait;
    double best_value = u.wait;
    if (u.probe_available && u.probe > best_value) best = Choice::probe, best_value = u.probe;
    if (u.attack > best_value) best = Choice::attack;
    return best;
  }
  const double top = std::max({u.wait, u.attack, u.probe_available ? u.probe : u.wait});
  const double w_wait = std::exp(rationality * (u.wait - top));
  const double w_probe = u.probe_available ? std::exp(rationality * (u.probe - top)) : 0.0;
  const double w_attack = std::exp(rationality * (u.attack - top));
  const double x = uniform * (w_wait + w_probe + w_attack);
  if (x < w_wait) return Choice::wait;
  if (x < w_wait + w_probe) return Choice::probe;
  return Choice::attack;
}

}  // namespace detsim
