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
void initialise_trial(const TrialParameters& p, TrialState& s, TrialStreams& streams);

// beliefs.cpp: recomputes each guarantor's believed chances of honoring a probe and a war.
void refresh_believed_honoring(TrialState& s);

// politics.cpp: elections due this month, policy flips, what the challenger sees of them.
void hold_elections(const TrialParameters& p, TrialState& s, RandomStream& politics);

// aid.cpp: aid deliveries, depreciation of delivered aid, and their cost to the guarantors.
void deliver_aid(const TrialParameters& p, TrialState& s);

// cohesion.cpp: the monthly drift and random walk of alliance cohesion.
void drift_cohesion(const TrialParameters& p, TrialState& s, RandomStream& cohesion);

// decision.cpp: the challenger's choice at peace.
enum class Choice { wait = 0, probe = 1, attack = 2 };
struct ChoiceValues {
  double wait = 0, probe = 0, attack = 0;
  bool probe_available = false;
};
// Fills s.subset_probability with the believed chance of each set of honoring guarantors.
void believed_subset_probabilities(const TrialParameters& p, TrialState& s, bool war);
// The stake's value this month is stake * exp(z sd - sd^2 / 2), z standard normal from the
// decisions stream (mean-preserving); sd = dynamics.opportunity_volatility, 0 by default.
ChoiceValues expected_utilities(const TrialParameters& p, TrialState& s, RandomStream& decisions);
Choice choose(const ChoiceValues& values, double rationality, RandomStream& decisions);

// honoring.cpp: a test of every committed guarantor, by a probe or by an attack (each at its own
// war severity); returns the bit set of those that honored (bit i = committed[i]); beliefs,
// precedent, audience costs and cohesion follow.
enum class Test { probe, attack };
unsigned test_guarantors(const TrialParameters& p, TrialState& s, Test test,
                         RandomStream& honoring);

// crisis.cpp: whether the target concedes when no guarantor honors (its resolve is below the
// war severity); the challenger's expectation and the attack itself both ask this.
bool target_folds_when_abandoned(const TrialParameters& p, const TrialState& s);

// crisis.cpp: what a probe and an attack set in motion.
void probe(const TrialParameters& p, TrialState& s, RandomStream& honoring);
void attack(const TrialParameters& p, TrialState& s, RandomStream& honoring);

// war.cpp: one month of fighting: front, costs, escalation, termination.
void fight_month(const TrialParameters& p, TrialState& s, RandomStream& war);

// escalation.cpp: one month on the escalation ladder; true when it reached nuclear use.
bool climb_ladder(const TrialParameters& p, TrialState& s, RandomStream& war);

// The power the defence brings: target, delivered aid, and the fighting guarantors' share.
double defending_capability(const TrialState& s, unsigned honoring_set);

}  // namespace detsim
