// Alliance cohesion: a yearly push from the guarantee structure (a pact outside the alliance
// erodes it) and a random walk, kept in [0, 1]. Events (honoring, reneging) act in honoring.cpp.
#include "detsim/model/submodels.hpp"

namespace detsim {

void drift_cohesion(const TrialParameters& p, TrialState& s, double shock) {
  const double step = value_of(s, p.cohesion_volatility) * shock;
  s.cohesion = std::clamp(s.cohesion + value_of(s, p.cohesion_shift) / 12.0 + step, 0.0, 1.0);
}

}  // namespace detsim
