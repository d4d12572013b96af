// Keeping the challenger's believed honoring chances current whenever a belief changes.
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

}  // namespace detsim
