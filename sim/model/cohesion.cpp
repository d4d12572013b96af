// Alliance cohesion month by month: what lasts erodes it (a promise to fight outside the
// alliance, allies sending less aid than they promised), an optional yearly push stands for an
// outside shock, and a random walk, kept in [0, 1]. Events (honoring, reneging, revoking) act in
// honoring.cpp and politics.cpp.
#include "detsim/model/submodels.hpp"

namespace detsim {

void drift_cohesion(const TrialParameters& p, TrialState& s, double shock) {
  const double step = value_of(s, p.cohesion_volatility) * shock;
  const double yearly = value_of(s, p.cohesion_shift) -
                        value_of(s, p.cohesion_outside_erosion) * s.outside_commitment -
                        value_of(s, p.cohesion_free_riding) * s.aid_shortfall;
  s.cohesion = std::clamp(s.cohesion + yearly / 12.0 + step, 0.0, 1.0);
}

}  // namespace detsim
