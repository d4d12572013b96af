// Alliance cohesion: a yearly push from the guarantee structure (a pact outside the alliance
// erodes it) and a random walk, kept in [0, 1]. Events (honoring, reneging) act in honoring.cpp.
#include <boost/random/normal_distribution.hpp>

#include "detsim/model/submodels.hpp"

namespace detsim {

void drift_cohesion(const TrialParameters& p, TrialState& s, RandomStream& cohesion) {
  const double volatility = value_of(s, p.cohesion_volatility);
  const double shock =
      volatility > 0 ? boost::random::normal_distribution<double>(0.0, volatility)(cohesion) : 0.0;
  s.cohesion = std::clamp(s.cohesion + value_of(s, p.cohesion_shift) / 12.0 + shock, 0.0, 1.0);
}

}  // namespace detsim
