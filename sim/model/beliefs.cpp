// Keeping the challenger's believed honoring chances current whenever a belief changes.
#include "detsim/model/submodels.hpp"

namespace detsim {

void refresh_believed_honoring(const TrialParameters& p, TrialState& s) {
  const double noise = value_of(s, p.honor_noise);
  const double probe = value_of(s, p.severity_probe);
  for (GuarantorState& g : s.guarantors) {
    g.p_probe = g.belief.honor_probability(g.audience_cost, probe, noise);
    g.p_war = g.belief.honor_probability(g.audience_cost, g.war_severity, noise);
  }
}

}  // namespace detsim
