// Provocation (issue 10): a promise to fight that binds only from a later month gives the
// challenger a window; the larger the forces to come, the more it pays to strike before they
// bind (the preventive motive). Paired runs of the default scenario (trial t of both draws the
// same numbers), the difference beyond 4 standard errors of the paired difference.
#include <catch2/catch.hpp>

#include "support/paired_difference.hpp"
#include "support/ukraine_run.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

constexpr int kBindsInMonth = 24;

// 1 for a trial attacked before the United States' forces bind, else 0.
std::vector<double> attacked_early(const char* defend, const char* preventive_weight) {
  const CollectingSink r =
      run_ukraine("bilateral_pact",
                  {std::string("guarantee.terms.united_states.defend=") + defend,
                   "guarantee.terms.united_states.in_force_month=" + std::to_string(kBindsInMonth),
                   std::string("dynamics.preventive_weight=") + preventive_weight},
                  3000);
  std::vector<double> early = r.column_by_trial("attack_month");
  for (double& month : early) month = month >= 1 && month < kBindsInMonth ? 1.0 : 0.0;
  return early;
}

}  // namespace

TEST_CASE("a larger commitment not yet in force draws more attacks before it binds") {
  check_above_zero(paired(attacked_early("0.8", "0.5"), attacked_early("0.2", "0.5")));
  // The check can fail: without the preventive motive the size of forces not yet binding
  // changes nothing before they bind.
  CHECK(attacked_early("0.8", "0") == attacked_early("0.2", "0"));
}
