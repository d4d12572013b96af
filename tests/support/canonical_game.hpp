// Scenarios built in code for the horizon-1 reduction: one challenger, one target, one
// guarantor, nothing else moving (no probes, aid, sanctions, elections; sigma 0; argmax).
#pragma once

#include <limits>

#include "detsim/scenario/scenario.hpp"

namespace detsim::testing {

inline Quantity beta(double mean, double k) {
  return {DistributionKind::beta, 0, {Quantity::constant(mean), Quantity::constant(k)}};
}
inline Quantity uniform(double lo, double hi) {
  return {DistributionKind::uniform, 0, {Quantity::constant(lo), Quantity::constant(hi)}};
}
inline Quantity truncated_normal(double mean, double sd, double lo, double hi) {
  return {DistributionKind::normal,
          0,
          {Quantity::constant(mean), Quantity::constant(sd), Quantity::constant(lo),
           Quantity::constant(hi)}};
}
inline Quantity triangular(double lo, double mode, double hi) {
  return {DistributionKind::triangular,
          0,
          {Quantity::constant(lo), Quantity::constant(mode), Quantity::constant(hi)}};
}

struct CanonicalGame {
  double stake = 1, war_cost = 1, challenger_capability = 1, target_capability = 0.4,
         guarantor_capability = 2.5, defend = 0.6, audience_cost = 0.2, war_severity = 0.7;
  Quantity challenger_resolve = Quantity::constant(0.5);
  Quantity guarantor_resolve = Quantity::constant(0.5);
  Quantity credibility = Quantity::constant(0.5);
};

inline Scenario canonical_scenario(const CanonicalGame& g, std::int64_t trials,
                                   std::uint64_t seed) {
  Scenario s;
  s.source = "canonical_game";
  s.name = "canonical";
  s.horizon_months = 1;
  s.trials = trials;
  s.seed = seed;
  s.severity.war = Quantity::constant(g.war_severity);
  Actor challenger;
  challenger.id = "challenger";
  challenger.role = Role::challenger;
  challenger.capability = Quantity::constant(g.challenger_capability);
  challenger.resolve = g.challenger_resolve;
  challenger.stake = Quantity::constant(g.stake);
  challenger.war_cost = Quantity::constant(g.war_cost);
  challenger.can_probe = false;
  Actor target;
  target.id = "target";
  target.role = Role::target;
  target.capability = Quantity::constant(g.target_capability);
  target.resolve = Quantity::constant(0.5);  // below the war severity: folds when abandoned
  Actor guarantor;
  guarantor.id = "guarantor";
  guarantor.role = Role::guarantor;
  guarantor.lead = true;
  guarantor.capability = Quantity::constant(g.guarantor_capability);
  guarantor.resolve = g.guarantor_resolve;
  guarantor.credibility = g.credibility;
  guarantor.terms[Term::defend] = Quantity::constant(g.defend);
  guarantor.terms[Term::audience_cost] = Quantity::constant(g.audience_cost);
  s.actors = {challenger, target, guarantor};
  return s;
}

}  // namespace detsim::testing
