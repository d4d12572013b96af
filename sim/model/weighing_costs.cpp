// What a guarantor free to weigh costs sets against its stake and audience cost when an attack
// tests it: the expected cost of fighting, escalation and nuclear risk included.
#include <cmath>

#include "detsim/model/submodels.hpp"

namespace detsim {

double expected_cost_of_fighting(const TrialParameters& p, const TrialState& s,
                                 const GuarantorState& g) {
  // The guarantor prices the same horizon of war as the challenger: its forces and its share of
  // the sanctions it would impose, month after month.
  const double months = value_of(s, p.forecast_months);
  const double defend = g.terms[Term::defend];
  const double monthly = value_of(s, p.guarantor_war_cost) * defend * g.capability +
                         value_of(s, p.sanctions_cost_share) * g.terms[Term::sanctions];
  // Against a nuclear challenger, the chance of a direct clash over those months, at the rates
  // the ladder uses for a guarantor engaged (and fighting, if it committed forces), priced at
  // what it puts on such a clash.
  double escalation = 0.0;
  if (p.nuclear) {
    const double clash =
        std::min(1.0, value_of(s, p.clash_base) + (defend > 0 ? value_of(s, p.clash_direct) : 0.0));
    escalation = value_of(s, p.escalation_cost) * (1.0 - std::pow(1.0 - clash, months));
  }
  return months * monthly + escalation;
}

double cost_weighing_shift(const TrialParameters& p, const TrialState& s, const GuarantorState& g) {
  const double weighed = value_of(s, p.cost_weight) * g.terms[Term::flexibility];
  return weighed > 0 ? weighed * expected_cost_of_fighting(p, s, g) : 0.0;
}

}  // namespace detsim
