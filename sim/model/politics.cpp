// Elections: at each one due, a new administration takes office with the flip probability and
// brings a resolve drawn from the other administration's law; the challenger sees the change
// with the transparency weight, and may revoke the commitment (its reversal risk).
#include "detsim/model/submodels.hpp"

namespace detsim {

void hold_elections(const TrialParameters& p, TrialState& s, const TrialStreams& streams) {
  bool beliefs_changed = false;
  for (std::size_t i = 0; i < p.guarantors.size(); ++i) {
    const GuarantorSlots& slots = p.guarantors[i];
    if (!slots.has_elections || s.month < slots.first_month ||
        (s.month - slots.first_month) % slots.every_months != 0) {
      continue;
    }
    GuarantorState& g = s.guarantors[i];
    RandomStream draws =
        streams.open(StreamPurpose::election, slots.stream, static_cast<std::uint64_t>(s.month));
    if (draws.uniform() >= value_of(s, slots.flip_probability)) continue;
    g.alternate_administration = !g.alternate_administration;
    ++g.flips;
    g.aid_seen = false;  // the new administration's aid decision is news
    const DistributionSlots& law =
        g.alternate_administration ? slots.resolve_after_flip : slots.resolve_law;
    g.resolve = ParameterPlan::quantile_of(law, draws.uniform(), s.values);
    // Reversal risk by legal form: the incoming administration may revoke the commitment. Drawn
    // at every flip, committed or not, so structures stay paired.
    const double keep = draws.uniform();
    if (g.committed && !g.revoked && keep < g.terms[Term::reversal_risk]) {
      g.revoked = true;  // for good: a later administration does not restore it
      g.aid_flowing = false;
      s.cohesion = std::clamp(s.cohesion - value_of(s, p.cohesion_renege_penalty), 0.0, 1.0);
    }
    g.belief.mix(g.alternate_administration ? g.belief_alternate : g.belief_original,
                 value_of(s, slots.transparency));
    beliefs_changed = true;
  }
  if (beliefs_changed) refresh_believed_honoring(s);
}

}  // namespace detsim
