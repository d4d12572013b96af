// The escalation ladder: 1 war with the target, 2 direct clash with a guarantor, 3 nuclear use.
// A clash needs a guarantor engaged and is likelier when one fights directly; nuclear use needs
// a nuclear challenger and grows with its desperation (how much of what it can bear it has
// already spent).
#include "detsim/model/submodels.hpp"

namespace detsim {

bool climb_ladder(const TrialParameters& p, TrialState& s, double u_clash, double u_nuclear) {
  // A clash with a guarantor needs a guarantor in the war: one honoring its promise (its arms,
  // sanctions or forces engaged: accidents and spill-over, q_0), more so with its forces
  // fighting (q_d). With no guarantor engaged there is nobody to clash with.
  bool engaged = false, direct = false;
  for (const GuarantorState& g : s.guarantors) {
    engaged = engaged || g.fighting;
    direct = direct || (g.fighting && g.terms[Term::defend] > 0);
  }
  if (s.escalation == Escalation::war && engaged) {
    const double clash = value_of(s, p.clash_base) + (direct ? value_of(s, p.clash_direct) : 0.0);
    if (u_clash < clash) s.escalation = Escalation::direct_clash;
  }
  if (p.nuclear) {
    const double bearable = value_of(s, p.exhaustion) * s.stake;
    const double desperation = bearable > 0 ? std::min(1.0, s.challenger_war_cost / bearable) : 1.0;
    const double base = s.escalation == Escalation::direct_clash ? value_of(s, p.nuclear_from_clash)
                                                                 : value_of(s, p.nuclear_from_war);
    const double chance = base * (1.0 + value_of(s, p.desperation_weight) * desperation);
    if (u_nuclear < chance) s.escalation = Escalation::nuclear_use;
  }
  if (s.crises == 1) s.max_escalation = std::max(s.max_escalation, s.escalation);
  return s.escalation == Escalation::nuclear_use;
}

}  // namespace detsim
