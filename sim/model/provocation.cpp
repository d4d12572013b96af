// A promise to fight that binds only from a later month (after ratification, say): until then
// its forces count for nothing, and a challenger that looks ahead sees a window closing, the
// larger the forces the more it pays to strike before they bind (the preventive motive).
#include "detsim/model/submodels.hpp"

namespace detsim {

void bind_pending_forces(const TrialParameters& p, TrialState& s) {
  // Honoring is decided at the attack: a promise that had not bound by then stays unbound for
  // the rest of the trial.
  if (s.phase != Phase::peace) {
    s.forces_pending = false;
    return;
  }
  bool still_pending = false, bound = false;
  for (GuarantorState& g : s.guarantors) {
    if (g.forces_promised <= g.terms[Term::defend]) continue;
    if (s.month >= g.terms[Term::in_force_month]) {
      g.terms[Term::defend] = g.forces_promised;
      set_honoring_rules(p, s, g);  // now tested at the war severity, its costs weighed anew
      bound = true;
    } else {
      still_pending = true;
    }
  }
  s.forces_pending = still_pending;
  if (!bound) return;
  tabulate_subsets(s);
  refresh_believed_honoring(s);
}

double preventive_value(const TrialParameters& p, const TrialState& s, double stake) {
  if (!s.forces_pending) return 0.0;
  const double weight = value_of(s, p.preventive_weight);
  if (weight <= 0) return 0.0;
  // What the coming forces will take from the value of war: for each set of guarantors the
  // challenger believes would honor (s.subset_probability, the attack's), the fall in its share
  // of power once their pending forces bind. A set with none pending, the empty set among them,
  // loses nothing.
  const double c = s.challenger_capability;
  double loss = 0.0;
  for (std::size_t set = 0; set < s.subset_pending.size(); ++set) {
    const double pending = s.subset_pending[set];
    if (pending <= 0) continue;
    const double defence = defending_capability(s, static_cast<unsigned>(set));
    loss += s.subset_probability[set] * (c / (c + defence) - c / (c + defence + pending));
  }
  return weight * stake * loss;
}

}  // namespace detsim
