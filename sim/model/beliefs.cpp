// Keeping the challenger's believed honoring chances current whenever a belief changes, and
// reading them as the decision weighs them.
#include <cmath>

#include "detsim/model/submodels.hpp"

namespace detsim {

void refresh_believed_honoring(TrialState& s) {
  for (GuarantorState& g : s.guarantors) {
    // A revoked commitment is public: nobody expects it to be honored.
    g.p_probe = g.revoked ? 0.0 : g.belief.honor_probability(g.honor_probe);
    g.p_war = g.revoked ? 0.0 : g.belief.honor_probability(g.honor_war);
  }
  if (s.pooled) {
    s.pooled_p_probe = believed_pooled_honoring(s, Test::probe);
    s.pooled_p_war = believed_pooled_honoring(s, Test::attack);
  }
}

double believed_war_honoring(const TrialState& s, const GuarantorState& g) {
  if (!g.committed) return NAN;
  if (g.revoked) return 0.0;
  // The chance g is among those that honor, P(g in H), of the decision's sets (decision.cpp):
  // alone with p^w_g, or with the alliance acting as one.
  if (!s.pooled) return g.p_war;
  return (1.0 - s.cohesion) * g.p_war + s.cohesion * s.pooled_p_war;
}

}  // namespace detsim
