// A cohesive alliance acting as one: its members' resolve and audience costs pooled, weighted by
// their capability, so that a weak lead is carried by resolute partners and every member's
// reputation is at stake; and the challenger's belief about that pooled decision.
#include <cmath>

#include "detsim/model/submodels.hpp"

namespace detsim {

namespace {

const HonorLikelihood& rule_in(const GuarantorState& g, Test test) {
  return test == Test::probe ? g.honor_probe : g.honor_war;
}

// The members that pool (committed, not revoked), with their weights summing to 1.
template <class Visit>
void for_each_member(const TrialState& s, Visit visit) {
  double total = 0;
  for (const int i : s.committed) {
    const GuarantorState& g = s.guarantors[static_cast<std::size_t>(i)];
    if (!g.revoked) total += g.capability;
  }
  if (total <= 0) return;
  for (std::size_t b = 0; b < s.committed.size(); ++b) {
    const GuarantorState& g = s.guarantors[static_cast<std::size_t>(s.committed[b])];
    if (!g.revoked) visit(b, g, g.capability / total);
  }
}

}  // namespace

bool pooled_honors(const TrialState& s, Test test, std::span<const double> eps) {
  bool any = false;
  double held = 0, asked = 0;
  for_each_member(s, [&](std::size_t b, const GuarantorState& g, double w) {
    const HonorLikelihood& rule = rule_in(g, test);
    any = true;
    held += w * (g.resolve + rule.audience_cost());
    asked += w * (rule.severity() + eps[b]);
  });
  return any && held >= asked;
}

double believed_pooled_honoring(const TrialState& s, Test test) {
  bool any = false;
  double mean = 0, variance = 0;
  for_each_member(s, [&](std::size_t, const GuarantorState& g, double w) {
    const HonorLikelihood& rule = rule_in(g, test);
    any = true;
    mean += w * (g.belief.mean() + rule.audience_cost() - rule.severity());
    variance += w * w * (g.belief.variance() + rule.noise() * rule.noise());
  });
  if (!any) return 0.0;
  if (variance <= 0) return mean >= 0 ? 1.0 : 0.0;
  return 0.5 * std::erfc(-mean / std::sqrt(2.0 * variance));
}

}  // namespace detsim
