// The terms a guarantor may promise, one row each. A term's row is all that reading, validation,
// emitting, presets, `detsim presets`, the trial's parameter slots and its state need; what the
// term does is its model effect in sim/model/, which reads it by its Term.
#pragma once

#include <array>
#include <cstddef>
#include <iterator>
#include <string_view>

namespace detsim {

enum class Term {
  defend,
  audience_cost,
  aid_per_month,
  sanctions,
  flexibility,
  postwar_guarantee,
  in_force_month,
  vagueness,
  reversal_risk
};

struct TermInfo {
  Term term;
  std::string_view key;  // under guarantee.terms.<id> and in a preset's lead/others
  double min, max;       // the values allowed, a closed interval
  std::string_view description;
  std::string_view unit;
  // A promise to the target, tested when the challenger attacks: a guarantor is committed when
  // any promise term is above zero. A term that only qualifies the promises (how freely they are
  // kept) or is offered for a later order is not one: alone it commits the guarantor to nothing.
  bool promise = true;
};

// In the order of enum Term, which is also the order in which a guarantor's terms are drawn
// (docs/MODEL.md 5.1): a new term goes last so that the draws before it do not move. Absent from
// a preset and from the scenario, a term is 0: no promise.
inline constexpr TermInfo kTerms[] = {
    {Term::defend, "defend", 0, 1, "share of its capability committed to the defence if it honors",
     "share of capability"},
    {Term::audience_cost, "audience_cost", 0, 2,
     "what backing down costs it once tested (ties hands; up to 2 because severities go to 2)",
     "resolve and stake units"},
    {Term::aid_per_month, "aid_per_month", 0, 1, "capability transferred to the target each month",
     "capability and stake units per month"},
    {Term::sanctions, "sanctions", 0, 1,
     "monthly cost imposed on the challenger in a war it honors (the sender pays a share)",
     "stake units per war month"},
    {Term::flexibility, "flexibility", 0, 1,
     "how far it may weigh the expected cost of fighting when tested by an attack (0: an "
     "automatic trigger, costs not weighed; 1: full discretion)",
     "share of the cost weighed", false},
    {Term::postwar_guarantee, "postwar_guarantee", 0, 1,
     "a guarantee of the post-war order offered for a settlement: the monthly chance that it "
     "brings the war to a negotiated end, were it fully credible",
     "per war month", false},
    {Term::in_force_month, "in_force_month", 0, 12000,
     "the month from which its promise to fight (defend) binds, e.g. after ratification (0: from "
     "the start); before it an attack tests it as a guarantor of arms and sanctions only",
     "month", false},
    {Term::vagueness, "vagueness", 0, 1,
     "how unclear the wording is: the sd of the challenger's uncertainty about the threshold the "
     "promise sets (0: it knows exactly what was promised)",
     "resolve units", false},
    {Term::reversal_risk, "reversal_risk", 0, 1,
     "chance that a new administration revokes the commitment (by legal form: a ratified treaty "
     "low, a policy statement high)",
     "probability per change of administration", false},
};
inline constexpr std::size_t kTermCount = std::size(kTerms);

constexpr bool terms_in_enum_order() {
  for (std::size_t i = 0; i < kTermCount; ++i) {
    if (kTerms[i].term != static_cast<Term>(i)) return false;
  }
  return true;
}
static_assert(terms_in_enum_order(), "kTerms lists the terms in the order of enum Term");

constexpr const TermInfo& term_info(Term term) { return kTerms[static_cast<std::size_t>(term)]; }

// One value per term, indexed by Term: the terms of a preset or a scenario (Quantity), their
// slots in a compiled trial (int), their drawn values in a trial's state (double).
template <class T>
struct TermArray {
  std::array<T, kTermCount> values{};

  constexpr T& operator[](Term term) { return values[static_cast<std::size_t>(term)]; }
  constexpr const T& operator[](Term term) const { return values[static_cast<std::size_t>(term)]; }
};

}  // namespace detsim
