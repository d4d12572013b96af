// A belief built from a law, as the model builds a prior (MODEL.md 7.3), for tests of the
// belief grid and of what updates it.
#pragma once

#include <vector>

#include "detsim/model/belief.hpp"
#include "detsim/model/random_stream.hpp"

namespace detsim::testing {

// A belief with the given law, on a grid of `cells` (the default 256).
inline Belief belief_of(const Quantity& law, int cells = 256) {
  ParameterPlan plan;
  const DistributionSlots slots = plan.add_distribution(law, "credibility");
  std::vector<double> values(plan.slots());
  plan.draw(TrialStreams{1, 0}, values);
  Belief b;
  b.assign(slots, values, cells);
  return b;
}

}  // namespace detsim::testing
