// Everything one trial carries from month to month. A TrialState is made once per thread, sized
// for every experiment it may run (TrialModel::fit_state), and reused for every trial, so the
// monthly loop never allocates.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "detsim/model/belief.hpp"
#include "detsim/scenario/terms.hpp"

namespace detsim {

enum class Phase { peace, war, after_war };

// Codes of the `outcome` column; the labels are TrialModel::outcome_labels().
enum class Outcome : std::int8_t {
  deterred = 0,                // never attacked within the horizon
  target_holds = 1,            // the challenger quit, exhausted
  stalemate_or_ceasefire = 2,  // settled, or still fighting at the horizon
  challenger_gains = 3,        // the target folded or capitulated
  nuclear_use = 4,             // the ladder reached level 3
};

enum class Escalation : std::int8_t { peace = 0, war = 1, direct_clash = 2, nuclear_use = 3 };

struct GuarantorState {
  // Drawn for the trial (resolve changes with a new administration).
  double capability = 0, resolve = 0;
  TermArray<double> terms;  // what it promised, read by each term's submodel
  // Its promise to fight as signed; terms[defend] holds it only once it binds (in_force_month).
  double forces_promised = 0;
  bool lead = false;
  bool committed = false;  // promised something: any promise term above zero
  bool revoked = false;    // a new administration revoked the commitment (reversal risk)
  bool alternate_administration = false;
  // The challenger's view of it.
  Belief belief;
  Belief belief_original, belief_alternate;  // priors of each administration (elections only)
  BeliefPriorCache credibility_cache, original_cache, alternate_cache;
  HonorLikelihood honor_probe, honor_war;  // P(honor | resolve) in each test, for the trial
  HonorLikelihood aid_rule;                // P(aid flows | resolve), as the challenger reads it
  bool aid_seen = false;          // the challenger has read this administration's aid decision
  double p_war = 0, p_probe = 0;  // believed chances it honors, kept current
  // What happened (tested and honored: in the first crisis, comparable with a single crisis).
  bool tested = false, honored = false, fighting = false, aid_flowing = false;
  bool reneged = false;  // backed down in any crisis: its aid stops for good
  double cost = 0;
  int flips = 0;
  double ambiguity = 0;  // believed minus true chance of honoring an attack, at month 0
  // Scratch for the challenger's plan (foresight.cpp): its belief after a change of
  // administration, sized like `belief`.
  Belief belief_flipped;
  // What a probe would teach about it (lesson.cpp): the believed chance that it answers a probe
  // and would honor a war, kept while the believed chances it was computed from stand (NaN: to
  // be computed), since it takes a pass over the belief's grid and beliefs change only with
  // evidence.
  double lesson_p_war = NAN, lesson_p_probe = NAN, lesson_severity = NAN, lesson_both = 0;
};

// The challenger's plan (foresight.cpp): the value of waiting, by month and by the opportunity
// shock's grid point, solved by backward induction and looked up each month until what the
// challenger knows changes. Sized by TrialModel::fit_state, so solving never allocates.
struct ForesightPlan {
  // Guarantors whose elections the plan follows (each doubles its administrations' states); more
  // than any scenario has, and elections of those beyond it are not anticipated.
  static constexpr int kMaxElecting = 3;
  int solved_month = -1;  // -1: to be solved at the next decision
  // The backward induction runs when a decision first reads the plan, which most months none
  // does: a challenger for whom attacking is worth nothing needs no value of waiting to wait.
  // What it reads is taken when the plan is solved, so it gives the same numbers whenever it runs.
  bool inducted = true;
  int points = 1, electing_count = 0;
  std::size_t subsets = 0;                   // sets of committed guarantors
  std::array<int, kMaxElecting> electing{};  // guarantors whose elections are followed
  std::array<double, kMaxElecting> flip{};   // and their chances of changing hands
  double discount = 0, rationality = 0;      // the challenger's, for the months ahead
  double cohesion_now = 0, drift = 0;        // cohesion projected at its drift
  double stake = 0, challenger_capability = 0, target_capability = 0, war_cost = 0;
  double forecast = 0;                 // months of sanctions the challenger weighs
  bool pooled = false, folds = false;  // folds: the target concedes when abandoned
  std::vector<double> waiting;         // [month * points + point]: the value of waiting
  // The shock's grid, exp(sd x - sd^2/2) at each point, and P(i -> j) at [j * points + i].
  std::vector<double> grid, stake_factor, transition;
  double transition_rho = -1;           // the persistence `transition` was built for (-1: none yet)
  std::vector<double> aid;              // [month]: the aid stock the challenger projects
  std::vector<double> value, expected;  // [config * points + point]
  std::vector<double> independent, together;  // [config * subsets + subset]
  std::vector<double> set_gain, set_loss;     // [subset]: this month's payoff, stake * gain - loss
  std::vector<double> set_capability, set_sanctions;  // [subset]: the trial's when solved
  std::vector<double> known;  // what the plan was solved with (believed chances, aid inflow)
};

struct TrialState {
  std::int32_t experiment = 0, trial = 0;  // which trial this is
  std::vector<double> values;              // the drawn parameter slots
  // Challenger.
  double challenger_capability = 0, challenger_resolve = 0, stake = 0, war_cost = 0;
  double challenger_cost = 0;
  double challenger_war_cost = 0;  // the current war's cost to the challenger
  // Target.
  double target_capability = 0, target_resolve = 0, territory = 1, territory_start = 1;
  double aid_stock = 0, target_cost = 0;
  double aid_inflow = 0;  // aid delivered this month, as the challenger sees it
  // Alliance.
  double cohesion = 0;
  // A collective alliance of two or more committed guarantors that acts as one pools its
  // members' resolve and audience costs: the believed chance that it honors together.
  bool pooled = false;
  double pooled_p_war = 0, pooled_p_probe = 0;
  // Cohesion's events that last: the share of the lead's promise to fight the other guarantors
  // are not bound to outside a collective alliance (a pact outside the alliance), fixed for the
  // trial; and this month's shortfall of the allies' aid from what they promised (free riding).
  double outside_commitment = 0, aid_shortfall = 0;
  std::vector<GuarantorState> guarantors;
  std::vector<int> committed;  // indices of committed guarantors
  // Per subset of committed guarantors (bit i = committed[i] honors): committed capability
  // and sanctions, fixed for the trial, so the monthly decision is a lookup.
  std::vector<double> subset_capability, subset_sanctions;
  std::vector<double> subset_probability;
  // Per subset, the committed capability promised but not yet binding (in_force_month), and
  // whether any is still pending.
  std::vector<double> subset_pending;
  bool forces_pending = false;
  // Challenger's outlook: the opportunity shock's standardized log (an AR(1) with unit
  // stationary variance) and its plan.
  double opportunity = 0;
  ForesightPlan plan;
  // Time line. attack_month, war_months, max_escalation and outcome describe the first crisis
  // (repeated crises, crisis.cpp), so they mean what they meant when a war ended the trial's
  // crises; `crises` counts the attacks, `second_attack_month` dates the second.
  Phase phase = Phase::peace;
  int month = 0;
  int attack_month = -1, war_months = 0, probes = 0, last_probe_month = -1000000;
  int crises = 0, second_attack_month = -1;
  int peace_month = -1;  // the month a war that ended returns the trial to peace, -1: never
  // What the current war has cost the challenger and the target: exhaustion, desperation and
  // capitulation weigh one war, not the sum of all.
  double crisis_target_cost = 0;
  // The territory the first crisis left the target, taken when peace returns after it (NaN
  // until then): the `territory` column, which a single crisis would have kept to the horizon.
  double territory_after_first = 0;
  Escalation escalation = Escalation::peace, max_escalation = Escalation::peace;
  Outcome outcome = Outcome::deterred;
  // An experimenter's intervention on the first crisis (tests of its causal effect), never set
  // by the model and kept across trials: -1 none; 0 every committed guarantor backs down in
  // the first attack's test, 1 every one honors it. Its resolve stays the trial's own for
  // everything else; the challenger reads the act by the rule as always.
  std::int8_t first_test_forced = -1;
};

}  // namespace detsim
