// What the challenger's moves set in motion: a probe's test, an attack's test and the war; and,
// once a war has ended, the return to peace after a cooldown, so that crises repeat.
#include <algorithm>
#include <array>

#include "detsim/model/submodels.hpp"

namespace detsim {

namespace {

// The attack's test of the committed guarantors. An experimenter may force the acts of the
// first one (TrialState::first_test_forced): each committed guarantor's resolve is moved far
// past its threshold for that test alone, so it honors (or backs down) whatever its noise
// draw, and what the challenger learns, the audience cost and cohesion follow as they would
// after the same act chosen freely.
unsigned test_attack(const TrialParameters& p, TrialState& s, const TrialStreams& streams) {
  if (s.crises != 1 || s.first_test_forced < 0) {
    return test_guarantors(p, s, Test::attack, streams);
  }
  constexpr double kFar = 1e6;  // beyond any severity, audience cost or noise draw
  std::array<double, kMaxGuarantors> resolve{};
  for (std::size_t i = 0; i < s.guarantors.size(); ++i) {
    resolve[i] = s.guarantors[i].resolve;
    s.guarantors[i].resolve = s.first_test_forced == 1 ? kFar : -kFar;
  }
  const unsigned honored = test_guarantors(p, s, Test::attack, streams);
  for (std::size_t i = 0; i < s.guarantors.size(); ++i) s.guarantors[i].resolve = resolve[i];
  return honored;
}

// A crisis has ended (in `outcome`) this month: the trial is at peace again after the cooldown,
// unless crises do not repeat (cooldown 0) or the ladder reached nuclear use, after which the
// model does not go on.
void end_crisis(const TrialParameters& p, TrialState& s, Outcome outcome) {
  if (s.crises == 1) s.outcome = outcome;
  s.phase = Phase::after_war;
  const int cooldown = p.crisis_cooldown_months;
  s.peace_month = cooldown > 0 && outcome != Outcome::nuclear_use ? s.month + cooldown : -1;
}

}  // namespace

void probe(const TrialParameters& p, TrialState& s, const TrialStreams& streams) {
  ++s.probes;
  s.last_probe_month = s.month;
  const unsigned answered = test_guarantors(p, s, Test::probe, streams);
  if (answered == 0) {
    // Unanswered, the probe takes a slice of the contested territory.
    const double slice = value_of(s, p.probe_gain) * value_of(s, p.contested_territory);
    s.territory = std::max(0.0, s.territory - slice);
  } else {
    s.challenger_cost += value_of(s, p.probe_cost);
  }
}

bool target_folds_when_abandoned(const TrialParameters& p, const TrialState& s) {
  return s.target_resolve < value_of(s, p.severity_war);
}

void attack(const TrialParameters& p, TrialState& s, const TrialStreams& streams) {
  ++s.crises;
  const bool first = s.crises == 1;
  if (first) s.attack_month = s.month;
  if (s.crises == 2) s.second_attack_month = s.month;
  s.challenger_war_cost = s.crisis_target_cost = 0.0;  // each war is weighed on its own
  const unsigned honored = test_attack(p, s, streams);
  for (std::size_t b = 0; b < s.committed.size(); ++b) {
    GuarantorState& g = s.guarantors[static_cast<std::size_t>(s.committed[b])];
    g.fighting = (honored >> b) & 1U;
    g.reneged = g.reneged || !g.fighting;
    if (first) g.tested = true, g.honored = g.fighting;
  }
  if (honored == 0 && target_folds_when_abandoned(p, s)) {
    // Abandoned and unwilling to fight alone, the target concedes: no war is fought.
    s.territory = std::max(0.0, s.territory - value_of(s, p.contested_territory));
    end_crisis(p, s, Outcome::challenger_gains);
    return;
  }
  s.phase = Phase::war;
  s.escalation = Escalation::war;
  if (first) {
    s.max_escalation = std::max(s.max_escalation, s.escalation);
    s.outcome = Outcome::stalemate_or_ceasefire;  // until the war ends otherwise
  }
}

void end_war(const TrialParameters& p, TrialState& s, Outcome outcome) {
  end_crisis(p, s, outcome);
  for (GuarantorState& g : s.guarantors) g.fighting = false;
}

void return_to_peace(TrialState& s) {
  if (s.phase != Phase::after_war || s.month != s.peace_month) return;
  s.phase = Phase::peace;
  s.peace_month = -1;
  if (s.crises == 1) s.territory_after_first = s.territory;
  // The challenger plans afresh with what the crisis taught it (its beliefs, the aid flowing).
  s.plan.solved_month = -1;
}

}  // namespace detsim
