// The submodels of one month, each defined in its own source file under sim/model/. They share
// the compiled parameters (read only) and the trial's state (read and written).
#pragma once

#include <span>

#include "detsim/model/random_stream.hpp"
#include "detsim/model/trial_parameters.hpp"
#include "detsim/model/trial_state.hpp"

namespace detsim {

// Reads a drawn parameter of the current trial.
inline double value_of(const TrialState& s, int slot) {
  return s.values[static_cast<std::size_t>(slot)];
}

// initialisation.cpp: draws the trial's parameters and sets the state at month 0.
void initialise_trial(const TrialParameters& p, TrialState& s, const TrialStreams& streams);

// initialisation.cpp: a guarantor's honoring likelihoods for a probe and an attack, from its
// terms in force (set at month 0 and again when a pending promise to fight binds).
void set_honoring_rules(const TrialParameters& p, TrialState& s, GuarantorState& g);
// initialisation.cpp: the per-subset tables of committed capability in force, sanctions and
// capability still pending, from the committed list and the terms in force.
void tabulate_subsets(TrialState& s);

// trial_model.cpp: the month's draws from stream (month, 0, m), in this order and all three
// every month, so none depends on the state or on which parameters are zero: the opportunity
// shock z_V and the cohesion shock z_C (standard normals), the logit choice's U.
struct MonthDraws {
  double opportunity = 0, cohesion = 0, choice = 0.5;
};
MonthDraws draw_month(const TrialStreams& streams, int month);

// beliefs.cpp: recomputes each guarantor's believed chances of honoring a probe and a war.
void refresh_believed_honoring(TrialState& s);

// beliefs.cpp: the believed chance that g honors a war test as the challenger's decision weighs
// it: alone with p^w_g, or, in a pooled alliance, acting as one with the cohesion's probability;
// 0 once revoked; NaN if g promised nothing (it is never tested).
double believed_war_honoring(const TrialState& s, const GuarantorState& g);

// evidence.cpp: the challenger sees guarantor `actor` act (honor a test, send aid: `happened`)
// or not, under `rule`, its likelihood P(act | resolve), and updates its belief about that
// guarantor by Bayes' rule and about every other by precedent (weight `precedent`, the exact
// posterior of the mixture, MODEL.md 7.3). The caller refreshes the believed chances.
void learn_from_act(TrialState& s, std::size_t actor, bool happened, const HonorLikelihood& rule,
                    double precedent);
// evidence.cpp: after this month's aid decisions, each guarantor whose aid the current
// administration decided by its aid rule for the first time is read as evidence (if
// dynamics.aid_observed); the believed chances are refreshed if anything was learned.
void read_aid_as_evidence(const TrialParameters& p, TrialState& s);

// politics.cpp: elections due this month, policy flips, what the challenger sees of them. Each
// guarantor's election draws from stream (election, its key, month): U (flip?), then U for the
// incoming administration's resolve, F^-1(U).
void hold_elections(const TrialParameters& p, TrialState& s, const TrialStreams& streams);

// aid.cpp: aid deliveries, depreciation of delivered aid, and their cost to the guarantors.
void deliver_aid(const TrialParameters& p, TrialState& s);

// cohesion.cpp: the monthly drift and random walk of alliance cohesion; `shock` is the month's
// standard normal z_C.
void drift_cohesion(const TrialParameters& p, TrialState& s, double shock);

// decision.cpp: the challenger's choice at peace.
enum class Choice { wait = 0, probe = 1, attack = 2 };
struct ChoiceValues {
  double wait = 0, probe = 0, attack = 0;
  bool probe_available = false;
};
// Fills s.subset_probability with the believed chance of each set of honoring guarantors.
void believed_subset_probabilities(const TrialParameters& p, TrialState& s, bool war);
// The same chance for the empty set alone (nobody honors), without filling the table.
double believed_nobody_honors(const TrialState& s, bool war);
// The chance that exactly the guarantors of `set` honor (bit b: the one whose chance is
// honors[b]) when each does independently; inline, as the lesson weighs it for every set.
inline double independent_set_chance(std::span<const double> honors, std::size_t set) {
  double chance = 1.0;
  for (std::size_t b = 0; b < honors.size(); ++b) {
    chance *= ((set >> b) & 1U) ? honors[b] : 1.0 - honors[b];
  }
  return chance;
}
// independent_set_chance of every set at once, into chances[0, 2^honors.size()), by doubling the
// table one guarantor at a time: each set's product takes its factors in the same order as
// independent_set_chance, so every chance is bit for bit the same, with fewer multiplications.
inline void independent_set_chances(std::span<const double> honors, std::span<double> chances) {
  chances[0] = 1.0;
  for (std::size_t b = 0; b < honors.size(); ++b) {
    const std::size_t known = std::size_t{1} << b;  // sets of the first b guarantors
    for (std::size_t set = 0; set < known; ++set) {
      const double chance = chances[set];
      chances[set + known] = chance * honors[b];
      chances[set] = chance * (1.0 - honors[b]);
    }
  }
}
// The stake's value this month is stake * exp(x sd - sd^2 / 2), x the opportunity shock's
// standardized log (s.opportunity, mean-preserving); sd = dynamics.opportunity_volatility.
// Waiting is worth the challenger's value of waiting (value_of_waiting), a probe that plus its
// own gain, attacking its expected payoff over the believed honoring sets.
ChoiceValues expected_utilities(const TrialParameters& p, TrialState& s, double opportunity);
// What the challenger weighs an attack with: capabilities, the war's cost, and by honoring set
// the committed capability and sanctions (the trial state's, or the plan's copy of them).
struct AttackForces {
  double challenger = 0, target = 0, war_cost = 0;
  std::span<const double> capability, sanctions;  // [honoring set]
};
inline AttackForces forces_of(const TrialState& s) {
  return {.challenger = s.challenger_capability,
          .target = s.target_capability,
          .war_cost = s.war_cost,
          .capability = s.subset_capability,
          .sanctions = s.subset_sanctions};
}
// Attacking when the guarantors of `honoring_set` honor and the target has `aid_stock`
// delivered is worth stake * gain - loss: the whole stake if the target folds abandoned, else
// the chance of winning times the stake less the war's cost and `forecast` months of the set's
// sanctions. The one formula of the attack's payoff, for this month and the months ahead.
struct AttackTerms {
  double gain = 0, loss = 0;
};
// Inline: the plan's backward induction calls it for every set in every month it looks ahead.
inline AttackTerms attack_terms(const AttackForces& f, unsigned honoring_set, double aid_stock,
                                bool target_folds, double forecast) {
  if (honoring_set == 0 && target_folds) return {1.0, 0.0};  // abandoned, the target concedes
  const double c = f.challenger;
  const double defence = f.target + aid_stock + f.capability[honoring_set];
  return {c / (c + defence), f.war_cost + forecast * f.sanctions[honoring_set]};
}
// attack_terms with the trial's forces, at a stake worth `stake`. Inline: the decision and the
// probe's lesson call it for every honoring set in most months.
inline double attack_payoff(const TrialState& s, unsigned honoring_set, double stake,
                            double aid_stock, bool target_folds, double forecast) {
  const AttackTerms terms =
      attack_terms(forces_of(s), honoring_set, aid_stock, target_folds, forecast);
  return stake * terms.gain - terms.loss;
}
// foresight.cpp: the opportunity shock's standardized log follows an AR(1) with unit stationary
// variance, x' = rho x + sqrt(1 - rho^2) z, rho = dynamics.opportunity_persistence and z the
// month's z_V (x = z when rho = 0); its month-0 value is z_V of stream (month, 0, 0).
void advance_opportunity(const TrialParameters& p, TrialState& s, double shock);
// foresight.cpp: what waiting is worth to the challenger this month: the discounted value of the
// months to the horizon by backward induction (MODEL.md 7.7), 0 in the last month or with
// dynamics.challenger_discount 0. Solves the plan when what the challenger knows has changed.
double value_of_waiting(const TrialParameters& p, TrialState& s);
// foresight.cpp: the first half of value_of_waiting: solves the plan again if what the
// challenger knows has changed (the backward induction itself waits for planned_waiting).
// False when the challenger does not plan this month (myopic, or in the last month).
bool keep_plan_current(const TrialParameters& p, TrialState& s);
// foresight.cpp: the plan's value of waiting in `month` (from the month it was solved to the
// horizon) at this month's shock; value_of_waiting reads it for this month once solved. Runs
// the plan's backward induction if it has not run since the plan was solved. Never negative.
double planned_waiting(const TrialParameters& p, TrialState& s, int month);
// foresight.cpp: the challenger's value of a month where it may attack (worth `attack`) or wait
// (worth `wait`), by its choice rule: the better of the two at infinite rationality, else the
// logit choice's expectation.
double best_of(double attack, double wait, double rationality);
// lesson.cpp: what a probe would teach the challenger, as the value it adds to the next month's
// choice (MODEL.md 7.7): each pattern of answers, weighted by its believed chance, moves the
// believed chances of honoring a war by Bayes' rule against the probe's honoring rule; the
// choice next month between attacking at those chances and waiting (the plan's value) is
// worth that much more than at today's. 0 for a myopic challenger. At infinite rationality it is
// also 0 when no lesson could exceed `needed` (what the probe lacks to beat waiting), which
// leaves the choice as it would be. Reads the plan, so it is called after value_of_waiting in the
// same month.
double probe_lesson(const TrialParameters& p, TrialState& s, double stake, double needed);
// foresight.cpp: sizes the plan's tables for a horizon and a number of guarantors.
void size_plan(ForesightPlan& plan, int horizon, std::size_t guarantors);
// `u`, uniform on (0, 1), picks the logit choice; unused at infinite rationality.
Choice choose(const ChoiceValues& values, double rationality, double u);
// decision.cpp: the month's choice, choose(expected_utilities(...)), without the value of
// waiting when it cannot change the choice (at infinite rationality, attacking worth no more
// than 0 and no probe that could beat waiting): the same choice, the plan kept as current.
Choice decide(const TrialParameters& p, TrialState& s, double opportunity, double rationality,
              double u);

// honoring.cpp: a test of every committed guarantor, by a probe or by an attack (each at its own
// war severity); returns the bit set of those that honored (bit i = committed[i]); beliefs,
// precedent, audience costs and cohesion follow. Draws: U from stream (collective, 0, month)
// when the alliance may act as one; each committed guarantor's noise z from stream
// (honoring, its key, month).
enum class Test { probe, attack };
unsigned test_guarantors(const TrialParameters& p, TrialState& s, Test test,
                         const TrialStreams& streams);

// pooling.cpp: a collective alliance acting as one. It honors together iff the pooled resolve
// plus the pooled audience cost clears the pooled severity, each member weighted by its
// capability (revoked members out): sum w_b (r_b + a_b) >= sum w_b (theta_b + eps_b), eps_b the
// members' own noise draws (indexed by position among the committed). With one member left this
// is that member's own rule.
bool pooled_honors(const TrialState& s, Test test, std::span<const double> eps);
// The challenger's believed chance of the same: its beliefs about the members are independent,
// so the pooled margin's mean and variance are sums of the members' (belief variance plus the
// rule's noise, vagueness included), read through a normal CDF (a documented approximation to
// the exact convolution, MODEL.md 7.8).
double believed_pooled_honoring(const TrialState& s, Test test);

// crisis.cpp: whether the target concedes when no guarantor honors (its resolve is below the
// war severity); the challenger's expectation and the attack itself both ask this.
bool target_folds_when_abandoned(const TrialParameters& p, const TrialState& s);

// crisis.cpp: what a probe and an attack set in motion. An attack begins a crisis (counted in
// s.crises); the first crisis's measures are kept apart from later ones'.
void probe(const TrialParameters& p, TrialState& s, const TrialStreams& streams);
void attack(const TrialParameters& p, TrialState& s, const TrialStreams& streams);
// crisis.cpp: the war ends in `outcome` this month; the trial returns to peace
// dynamics.crisis_cooldown_months later (never with 0, or after nuclear use).
void end_war(const TrialParameters& p, TrialState& s, Outcome outcome);
// crisis.cpp: at the start of a month after a war, peace returns when its cooldown is over, and
// the challenger's plan is solved again with what the crisis left it.
void return_to_peace(TrialState& s);

// war.cpp: one month of fighting: front, costs, escalation, termination. Draws from stream
// (war, 0, month), in this order and all four every war month: the front's z, U_clash,
// U_nuclear, U_settle.
void fight_month(const TrialParameters& p, TrialState& s, const TrialStreams& streams);

// war.cpp: how much each side loses in a war month, as multiples of what it would lose with
// the target fighting alone (1 and 1 at weight 0): with Lanchester weight l and defence D
// against the target's own capability c_T, the challenger's losses are 1 - l + l D / c_T and
// the target's 1 - l + l c_T / D.
struct WarLosses {
  double challenger = 1, target = 1;
};
WarLosses war_losses(double lanchester_weight, double target_capability, double defence);

// weighing_costs.cpp: what guarantor g expects a war to cost it if it honors an attack: F
// months of its forces (c_G d_g c_g) and sanctions (c_S S_g), and, against a nuclear
// challenger, the escalation cost times the chance of a direct clash in those months, at the
// ladder's rates (stake units).
double expected_cost_of_fighting(const TrialParameters& p, const TrialState& s,
                                 const GuarantorState& g);
// weighing_costs.cpp: how much more resolve g needs to honor an attack because it weighs that
// cost: cost_weight * flexibility_g * expected cost (0 for an automatic trigger). Computed once
// per trial, so the challenger, who knows the terms and the costs, reads it too.
double cost_weighing_shift(const TrialParameters& p, const TrialState& s, const GuarantorState& g);

// settlement.cpp: this war month's chance of a negotiated settlement, 1 - (1 - h) prod_g (1 -
// psi_g p^w_g): the base hazard h and each guarantee of the post-war order psi_g, as credible as
// the challenger believes g's promise to fight (h itself, bit for bit, when none is offered).
double settlement_chance(const TrialParameters& p, const TrialState& s);

// provocation.cpp: at the start of a peace month, every promise to fight whose in_force_month
// has come binds: its forces count, it is tested at the war severity, and the challenger's
// believed chances are refreshed. Once the attack has come, a pending promise never binds.
void bind_pending_forces(const TrialParameters& p, TrialState& s);
// provocation.cpp: what the challenger adds to its value of attacking while forces are pending:
// preventive_weight * stake * sum_H P(H) (pi_H - pi_H'), pi_H' its share of power once H's
// pending forces bind; reads the attack's s.subset_probability. 0 when nothing is pending.
double preventive_value(const TrialParameters& p, const TrialState& s, double stake);

// escalation.cpp: one month on the escalation ladder, by the month's U_clash and U_nuclear; true
// when it reached nuclear use.
bool climb_ladder(const TrialParameters& p, TrialState& s, double u_clash, double u_nuclear);

// The power the defence brings: target, delivered aid, and the fighting guarantors' share.
double defending_capability(const TrialState& s, unsigned honoring_set);

}  // namespace detsim
