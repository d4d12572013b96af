// Keeping the challenger's believed honoring chances current whenever a belief changes.
#include "detsim/model/submodels.hpp"

namespace detsim {

void refresh_believed_honoring(TrialState& s) {
  for (GuarantorState& g : s.guarantors) {
    g.p_probe = g.belief.honor_probability(g.honor_probe);
    g.p_war = g.belief.honor_probability(g.honor_war);
  }
}

}  // namespace detsim
