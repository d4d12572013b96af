// The chance that a war month ends in a negotiated settlement: a base hazard, raised by every
// guarantee of the post-war order on the table, as far as it is believed.
#include "detsim/model/submodels.hpp"

namespace detsim {

double settlement_chance(const TrialParameters& p, const TrialState& s) {
  // Each offer is an independent way to a settlement: the target can accept the challenger's
  // terms once someone credible guards what it keeps (its post-war security no longer rests on
  // its own army alone). Credibility is the challenger's believed chance that the guarantor
  // would fight, the same belief that deters it: a guarantee it does not believe protects nothing
  // it must respect.
  double no_offer_works = 1.0;
  for (const GuarantorState& g : s.guarantors) {
    no_offer_works *= 1.0 - g.terms[Term::postwar_guarantee] * g.p_war;
  }
  const double base = value_of(s, p.settlement_rate);
  // With no offer the base hazard is returned as it is, bit for bit.
  return no_offer_works == 1.0 ? base : 1.0 - (1.0 - base) * no_offer_works;
}

}  // namespace detsim
