// The random streams one trial draws from, one per purpose, so that a change in one submodel's
// use of randomness never shifts the draws of another.
#pragma once

#include <boost/random/mersenne_twister.hpp>

namespace detsim {

using RandomStream = boost::random::mt19937_64;

// Stable numbers: they enter the seed derivation, so renumbering changes every result.
enum class StreamPurpose : unsigned {
  parameters = 1,  // the trial's drawn parameters
  decisions = 2,   // the challenger's logit choice
  honoring = 3,    // honoring noise and collective action
  politics = 4,    // elections and new administrations
  war = 5,         // front, settlement, escalation
  cohesion = 6,    // the cohesion random walk
};

struct TrialStreams {
  RandomStream parameters;
  RandomStream decisions;
  RandomStream honoring;
  RandomStream politics;
  RandomStream war;
  RandomStream cohesion;
};

}  // namespace detsim
