// Aid: while a guarantor's resolve holds (and it has not backed down in the war), its monthly
// transfer adds to the target's delivered capability and to its own cost; delivered capability
// wears out.
#include "detsim/model/submodels.hpp"

namespace detsim {

void deliver_aid(const TrialParameters& p, TrialState& s) {
  s.aid_stock *= 1.0 - value_of(s, p.aid_depreciation);
  const double threshold = value_of(s, p.severity_aid);
  for (GuarantorState& g : s.guarantors) {
    const bool reneged = g.tested && !g.honored;
    const double aid = g.terms[Term::aid_per_month];
    g.aid_flowing = aid > 0 && !reneged && g.resolve + g.terms[Term::audience_cost] >= threshold;
    if (!g.aid_flowing) continue;
    s.aid_stock += aid;
    g.cost += aid;
  }
}

}  // namespace detsim
