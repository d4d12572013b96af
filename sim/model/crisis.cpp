// What the challenger's moves set in motion: a probe's test, an attack's test and the war.
#include "detsim/model/submodels.hpp"

namespace detsim {

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
  s.attack_month = s.month;
  const unsigned honored = test_guarantors(p, s, Test::attack, streams);
  for (std::size_t b = 0; b < s.committed.size(); ++b) {
    GuarantorState& g = s.guarantors[static_cast<std::size_t>(s.committed[b])];
    g.tested = true;
    g.honored = g.fighting = (honored >> b) & 1U;
  }
  if (honored == 0 && target_folds_when_abandoned(p, s)) {
    // Abandoned and unwilling to fight alone, the target concedes: no war is fought.
    s.territory = std::max(0.0, s.territory - value_of(s, p.contested_territory));
    s.outcome = Outcome::challenger_gains;
    s.phase = Phase::after_war;
    return;
  }
  s.phase = Phase::war;
  s.escalation = Escalation::war;
  s.max_escalation = std::max(s.max_escalation, s.escalation);
  s.outcome = Outcome::stalemate_or_ceasefire;  // until the war ends otherwise
}

}  // namespace detsim
