// What the challenger learns from a guarantor's visible acts: each is read by Bayes' rule against
// the rule that produced it, in full about the guarantor that acted and, by precedent, about the
// others.
#include "detsim/model/submodels.hpp"

namespace detsim {

void learn_from_act(TrialState& s, std::size_t actor, bool happened, const HonorLikelihood& rule,
                    double precedent) {
  // The chance the challenger gave the act before seeing it: the branch of the precedent model in
  // which another guarantor's resolve is not the actor's still had to produce it.
  const double marginal = s.guarantors[actor].belief.chance_of(happened, rule);
  for (std::size_t i = 0; i < s.guarantors.size(); ++i) {
    if (i == actor) {
      s.guarantors[i].belief.observe(happened, rule);
    } else if (precedent > 0) {  // with no transfer the likelihood is flat: nothing to learn
      s.guarantors[i].belief.observe_by_precedent(happened, rule, precedent, marginal);
    }
  }
}

void read_aid_as_evidence(const TrialParameters& p, TrialState& s) {
  if (!p.aid_observed) return;
  const double precedent = value_of(s, p.precedent_weight);
  bool learned = false;
  for (std::size_t i = 0; i < s.guarantors.size(); ++i) {
    GuarantorState& g = s.guarantors[i];
    // Aid that was never promised, or that stopped because the guarantor backed down in a
    // crisis or its commitment was revoked, follows from rules the challenger knows, not from
    // resolve. And the aid rule draws no noise: once this administration's aid has been seen
    // flowing or not, every later month repeats it and carries no news until an election brings
    // a new administration.
    if (g.aid_seen || g.terms[Term::aid_per_month] <= 0 || g.revoked || g.reneged) {
      continue;
    }
    g.aid_seen = true;
    learn_from_act(s, i, g.aid_flowing, g.aid_rule, precedent);
    learned = true;
  }
  if (learned) refresh_believed_honoring(s);
}

}  // namespace detsim
