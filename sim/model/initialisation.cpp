// The state of a trial at month 0: drawn parameters, priors, commitments.
#include <cmath>

#include "detsim/model/submodels.hpp"

namespace detsim {

namespace {

// A promise to fight outside a collective alliance that the other guarantors are not bound to
// (a pact outside the alliance): the mean share of the lead's defend term each other guarantor
// does not match. 0 in a collective alliance, without a lead's promise to fight, or alone.
double outside_commitment(const TrialParameters& p, const TrialState& s) {
  if (p.collective || s.guarantors.size() < 2 || s.committed.empty()) return 0.0;
  const GuarantorState* lead = &s.guarantors[static_cast<std::size_t>(s.committed[0])];
  const double promise = lead->terms[Term::defend];
  if (promise <= 0) return 0.0;
  double unshared = 0;
  for (const GuarantorState& g : s.guarantors) {
    if (&g != lead) unshared += std::max(0.0, promise - g.terms[Term::defend]) / promise;
  }
  return unshared / static_cast<double>(s.guarantors.size() - 1);
}

}  // namespace

void set_honoring_rules(const TrialParameters& p, TrialState& s, GuarantorState& g) {
  const auto v = [&](int slot) { return value_of(s, slot); };
  // An attack tests a promise to fight at the war severity; a promise only of aid or
  // sanctions at the probe severity: keeping arms and sanctions flowing through a war costs
  // about what answering a probe does, and far less than sending forces. A guarantor free to
  // weigh costs needs that much more resolve to honor an attack.
  const double audience_cost = g.terms[Term::audience_cost];
  const double war_severity =
      (g.terms[Term::defend] > 0 ? v(p.severity_war) : v(p.severity_probe)) +
      cost_weighing_shift(p, s, g);
  // The challenger reads the rule with the honoring noise and, for a vague promise, its
  // uncertainty about the threshold the promise sets (independent, so the sds add in squares);
  // the guarantor's own decision draws only the honoring noise (honoring.cpp).
  const double vagueness = g.terms[Term::vagueness];
  const double believed_noise =
      std::sqrt(v(p.honor_noise) * v(p.honor_noise) + vagueness * vagueness);
  g.honor_probe.set(p.belief_cells, audience_cost, v(p.severity_probe), believed_noise);
  g.honor_war.set(p.belief_cells, audience_cost, war_severity, believed_noise);
  // Aid flows iff r + a >= theta_a, with no noise of its own (7.5); the challenger reads that
  // rule with the vagueness of the promise alone.
  g.aid_rule.set(p.belief_cells, audience_cost, v(p.severity_aid), vagueness);
}

void tabulate_subsets(TrialState& s) {
  const std::size_t subsets = std::size_t{1} << s.committed.size();
  s.subset_capability.assign(subsets, 0.0);
  s.subset_sanctions.assign(subsets, 0.0);
  s.subset_pending.assign(subsets, 0.0);
  s.subset_probability.assign(subsets, 0.0);
  for (std::size_t set = 0; set < subsets; ++set) {
    for (std::size_t b = 0; b < s.committed.size(); ++b) {
      if ((set >> b) & 1U) {
        const GuarantorState& g = s.guarantors[static_cast<std::size_t>(s.committed[b])];
        s.subset_capability[set] += g.terms[Term::defend] * g.capability;
        s.subset_sanctions[set] += g.terms[Term::sanctions];
        s.subset_pending[set] += (g.forces_promised - g.terms[Term::defend]) * g.capability;
      }
    }
  }
}

void initialise_trial(const TrialParameters& p, TrialState& s, const TrialStreams& streams) {
  p.plan.draw(streams, s.values);
  const auto v = [&](int slot) { return value_of(s, slot); };

  s.challenger_capability = v(p.challenger_capability);
  s.challenger_resolve = v(p.challenger_resolve);
  s.stake = v(p.stake);
  s.war_cost = v(p.war_cost) * (1.0 - s.challenger_resolve);  // k = w (1 - r)
  s.challenger_cost = s.challenger_war_cost = 0.0;
  s.target_capability = v(p.target_capability);
  s.target_resolve = v(p.target_resolve);
  s.territory = s.territory_start = v(p.territory);
  s.aid_stock = s.target_cost = s.aid_inflow = 0.0;
  // A window of opportunity may already be open at month 0: the persistent shock starts from its
  // stationary law (a fresh draw of its own, so nothing else moves with persistence).
  s.opportunity = v(p.opportunity_persistence) > 0 ? draw_month(streams, 0).opportunity : 0.0;
  s.plan.solved_month = -1;
  s.cohesion = v(p.cohesion_initial);

  s.committed.clear();  // capacity kept: no allocation after the first trial
  s.forces_pending = false;
  for (std::size_t i = 0; i < p.guarantors.size(); ++i) {
    const GuarantorSlots& slots = p.guarantors[i];
    GuarantorState& g = s.guarantors[i];
    g.capability = v(slots.capability);
    g.resolve = v(slots.resolve);
    g.committed = false;
    for (const TermInfo& term : kTerms) {
      g.terms[term.term] = v(slots.terms[term.term]);
      // Promised something; how a promise is worded or enacted is no promise by itself.
      g.committed = g.committed || (term.promise && g.terms[term.term] > 0);
    }
    // A promise to fight that binds only later (after ratification, say) counts for nothing
    // until then: no forces, and an attack tests the rest of the promise (bind_pending_forces).
    g.forces_promised = g.terms[Term::defend];
    if (g.forces_promised > 0 && g.terms[Term::in_force_month] > 0) {
      g.terms[Term::defend] = 0.0;
      s.forces_pending = true;
    }
    g.lead = slots.lead;
    set_honoring_rules(p, s, g);
    g.alternate_administration = false;
    g.belief = g.credibility_cache.prior(slots.credibility, s.values, p.belief_cells);
    if (slots.has_elections) {
      g.belief_original = g.original_cache.prior(slots.resolve_law, s.values, p.belief_cells);
      g.belief_alternate =
          g.alternate_cache.prior(slots.resolve_after_flip, s.values, p.belief_cells);
    }
    g.tested = g.honored = g.fighting = g.aid_flowing = g.revoked = g.aid_seen = false;
    g.reneged = false;
    g.lesson_p_war = NAN;  // a new trial's beliefs and rules: the lesson is taken afresh
    g.cost = 0.0;
    g.flips = 0;
    if (g.committed) s.committed.push_back(static_cast<int>(i));
  }
  // Lead first among the committed, so that bit 0 of a subset is the one that leads.
  for (std::size_t i = 1; i < s.committed.size(); ++i) {
    if (s.guarantors[static_cast<std::size_t>(s.committed[i])].lead) {
      std::swap(s.committed[0], s.committed[i]);
    }
  }
  tabulate_subsets(s);

  s.phase = Phase::peace;
  s.month = 0;
  s.attack_month = -1;
  s.war_months = s.probes = s.crises = 0;
  s.second_attack_month = s.peace_month = -1;
  s.crisis_target_cost = 0.0;
  s.territory_after_first = NAN;
  s.last_probe_month = -1000000;
  s.escalation = s.max_escalation = Escalation::peace;
  s.outcome = Outcome::deterred;
  s.pooled = p.collective && s.committed.size() >= 2;
  s.outside_commitment = outside_commitment(p, s);  // after the lead is first
  s.aid_shortfall = 0.0;
  refresh_believed_honoring(s);
  // Ambiguity: how far the challenger's believed chance that a committed guarantor honors an
  // attack is from the true chance, given its resolve (none without a promise).
  const double noise = v(p.honor_noise);
  for (GuarantorState& g : s.guarantors) {
    if (!g.committed) {
      g.ambiguity = NAN;
      continue;
    }
    const double margin = g.resolve + g.terms[Term::audience_cost] - g.honor_war.severity();
    const double truth = noise > 0 ? 0.5 * std::erfc(-margin / (noise * std::sqrt(2.0)))
                                   : (g.honor_war.honors(g.resolve, 0.0) ? 1.0 : 0.0);
    g.ambiguity = g.p_war - truth;
  }
}

}  // namespace detsim
