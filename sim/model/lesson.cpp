// What a probe would teach the forward-looking challenger: its answers move the believed
// chances that the guarantors would honor a war, and a choice made with better-informed chances
// is worth more (the value of information, read one month ahead from the plan already solved).
#include <algorithm>
#include <array>
#include <cmath>

#include "detsim/model/submodels.hpp"

namespace detsim {

namespace {

// Guarantors whose answers the lesson enumerates (2^n patterns of answers, each over 2^n
// honoring sets); beyond them a probe is valued for its immediate payoff alone. More than any
// shipped structure commits.
constexpr std::size_t kMaxLessonGuarantors = 4;

// What one committed guarantor's answer would teach: the believed chance that it answers, and
// the believed chance that it would honor a war after it answered and after it did not. The
// two tests share the guarantor's resolve; their noise draws are independent, so the joint
// chance is the belief's expectation of P(answer | r) P(honor war | r).
struct Answer {
  double answers = 0, war_if_answered = 0, war_if_not = 0;
};

Answer answer_of(GuarantorState& g) {
  if (g.revoked) return {};  // a revoked promise is answered by nobody and believed by nobody
  // The joint chance is taken again only when a believed chance or the war's rule has moved.
  if (g.lesson_p_war != g.p_war || g.lesson_p_probe != g.p_probe ||
      g.lesson_severity != g.honor_war.severity()) {
    const Belief& b = g.belief;
    g.lesson_both = b.atom_weight() * g.honor_probe.at(b.atom_at()) * g.honor_war.at(b.atom_at()) +
                    b.masses().dot(g.honor_probe.cells().cwiseProduct(g.honor_war.cells()));
    g.lesson_p_war = g.p_war;
    g.lesson_p_probe = g.p_probe;
    g.lesson_severity = g.honor_war.severity();
  }
  const double both = g.lesson_both;
  Answer a;
  a.answers = g.p_probe;
  a.war_if_answered = a.answers > 0 ? both / a.answers : g.p_war;
  a.war_if_not = a.answers < 1 ? std::max(0.0, g.p_war - both) / (1.0 - a.answers) : g.p_war;
  return a;
}

// The challenger's expected payoff from attacking when it believes each committed guarantor
// would honor with chance war[b], independently (the alliance's acting as one and the
// preventive motive are left out here and in the comparison it enters, alike), against the
// set's payoffs.
double attack_value(std::span<const double> war, std::span<const double> payoff) {
  double value = 0.0;
  for (std::size_t set = 0; set < payoff.size(); ++set) {
    value += independent_set_chance(war, set) * payoff[set];
  }
  return value;
}

}  // namespace

double probe_lesson(const TrialParameters& p, TrialState& s, double stake, double needed) {
  const int next = s.month + 1;
  const double discount = value_of(s, p.challenger_discount);
  const std::size_t m = s.committed.size();
  if (next > p.horizon_months || !(discount > 0) || m == 0 || m > kMaxLessonGuarantors) {
    return 0.0;
  }
  const bool folds = target_folds_when_abandoned(p, s);
  const double forecast = value_of(s, p.forecast_months);
  const double aid = s.plan.aid[static_cast<std::size_t>(next)];
  const double rationality = value_of(s, p.rationality);
  // A lesson is worth at most delta (best payoff - W)+: no answer makes attacking worth more than
  // with nobody honoring. When even that would not lift the probe above waiting, the argmax
  // choice is the same whatever the probe teaches, and the lesson is not taken (most months).
  // W >= 0, so delta (best payoff)+ bounds it too, before the plan's induction need run.
  const double best_case = attack_payoff(s, 0U, stake, aid, folds, forecast);
  const bool argmax = std::isinf(rationality);
  if (argmax && discount * std::max(0.0, best_case) <= needed) return 0.0;

  // Left unset (these run in most months): only the first m entries, or the first 2^m, are ever
  // written and read, each written before it is read.
  std::array<Answer, kMaxLessonGuarantors> answer;
  std::array<double, kMaxLessonGuarantors> now, after;
  for (std::size_t b = 0; b < m; ++b) {
    GuarantorState& g = s.guarantors[static_cast<std::size_t>(s.committed[b])];
    answer[b] = answer_of(g);
    now[b] = g.p_war;
  }
  // Next month's payoff of attacking with each honoring set, at this month's stake (the shock
  // persists) and the aid the plan projects for then.
  constexpr std::size_t kMaxSubsets = std::size_t{1} << kMaxLessonGuarantors;
  std::array<double, kMaxSubsets> payoff;
  const std::size_t subsets = std::size_t{1} << m;
  for (std::size_t set = 0; set < subsets; ++set) {
    payoff[set] = attack_payoff(s, static_cast<unsigned>(set), stake, aid, folds, forecast);
  }
  const std::span<const double> payoffs(payoff.data(), subsets);

  // Each pattern of answers (bit b: committed[b] answered), by its believed chance, and what
  // attacking would be worth after it.
  std::array<double, kMaxSubsets> chance, attack_after;
  for (std::size_t pattern = 0; pattern < subsets; ++pattern) {
    double c = 1.0;
    for (std::size_t b = 0; b < m; ++b) {
      const bool answered = (pattern >> b) & 1U;
      c *= answered ? answer[b].answers : 1.0 - answer[b].answers;
      after[b] = answered ? answer[b].war_if_answered : answer[b].war_if_not;
    }
    chance[pattern] = c;
    attack_after[pattern] = c > 0 ? attack_value(std::span(after).first(m), payoffs) : 0.0;
  }
  const double attack_now = attack_value(std::span(now).first(m), payoffs);
  if (argmax) {
    // For any W >= 0, max(a, W) - max(b, W) <= (max(a, 0) - max(b, 0))+: a bound on the lesson
    // that needs no value of waiting, so the plan's induction need not run for it. It settles
    // most months where answers cannot make attacking worth anything; the margin, far above
    // rounding, keeps the choice exactly what the lesson computed in full would make it.
    double bound = 0.0;
    for (std::size_t pattern = 0; pattern < subsets; ++pattern) {
      if (chance[pattern] <= 0) continue;
      bound += chance[pattern] *
               std::max(0.0, std::max(attack_after[pattern], 0.0) - std::max(attack_now, 0.0));
    }
    const double margin = 1e-9 * (std::abs(needed) + std::abs(stake) + 1.0);
    if (discount * bound <= needed - margin) return 0.0;
  }
  const double wait = planned_waiting(p, s, next);
  if (argmax && discount * std::max(0.0, best_case - wait) <= needed) return 0.0;
  double informed = 0.0;
  for (std::size_t pattern = 0; pattern < subsets; ++pattern) {
    if (chance[pattern] <= 0) continue;
    informed += chance[pattern] * best_of(attack_after[pattern], wait, rationality);
  }
  const double uninformed = best_of(attack_now, wait, rationality);
  return discount * (informed - uninformed);
}

}  // namespace detsim
