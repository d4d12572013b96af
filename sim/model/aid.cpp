// Aid: while a guarantor's resolve holds (and it has not backed down in the war), its monthly
// transfer adds to the target's delivered capability and to its own cost; delivered capability
// wears out. The allies send less than they promised when the lead carries the defence and the
// alliance is loose (burden shifting), which is free riding. The challenger sees whose aid flows.
#include "detsim/model/submodels.hpp"

namespace detsim {

void deliver_aid(const TrialParameters& p, TrialState& s) {
  s.aid_stock *= 1.0 - value_of(s, p.aid_depreciation);
  const double threshold = value_of(s, p.severity_aid);
  // Burden shifting (Olson & Zeckhauser 1966): the more of its forces the lead has promised,
  // and the less cohesive the alliance, the more of their promised aid the others withhold.
  const GuarantorState* lead =
      s.committed.empty() ? nullptr : &s.guarantors[static_cast<std::size_t>(s.committed[0])];
  const double shifted = lead == nullptr ? 0.0
                                         : value_of(s, p.burden_shifting) *
                                               lead->terms[Term::defend] * (1.0 - s.cohesion);
  s.aid_inflow = 0;
  double promised = 0, missing = 0;  // the allies' aid: promised, and not sent
  for (GuarantorState& g : s.guarantors) {
    const bool reneged = g.reneged || g.revoked;
    const double aid = g.terms[Term::aid_per_month];
    const bool ally = &g != lead;
    const double sent = ally ? aid * (1.0 - shifted) : aid;
    g.aid_flowing = aid > 0 && !reneged && g.resolve + g.terms[Term::audience_cost] >= threshold;
    if (ally) {
      promised += aid;
      missing += aid - (g.aid_flowing ? sent : 0.0);
    }
    if (!g.aid_flowing) continue;
    s.aid_stock += sent;
    s.aid_inflow += sent;
    g.cost += sent;
  }
  s.aid_shortfall = promised > 0 ? missing / promised : 0.0;
  read_aid_as_evidence(p, s);
}

}  // namespace detsim
