// The forward-looking challenger (issue 9): attacking now is weighed against the value of
// waiting, so an election it expects to weaken the guarantor holds it back until the election
// comes. Paired runs of the default scenario (trial t of both draws the same numbers), the
// difference beyond 4 standard errors of the paired difference.
#include <catch2/catch.hpp>

#include "support/paired_difference.hpp"
#include "support/ukraine_run.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

// 1 for a trial attacked in months 0-2 under the bilateral pact, else 0, with the United States'
// first election in `election_month`: likely (0.8) to bring the administration less willing to
// fight (the scenario's resolve_after_flip).
std::vector<double> attacked_early(int election_month, const char* discount) {
  const CollectingSink r =
      run_ukraine("bilateral_pact",
                  {"actors.united_states.elections.first_month=" + std::to_string(election_month),
                   "actors.united_states.elections.flip_probability=0.8",
                   std::string("dynamics.challenger_discount=") + discount},
                  4000);
  std::vector<double> early = r.column_by_trial("attack_month");
  for (double& month : early) month = month >= 0 && month <= 2 ? 1.0 : 0.0;
  return early;
}

}  // namespace

TEST_CASE("an election likely to bring a weaker administration soon holds back attacks") {
  check_above_zero(paired(attacked_early(30, "0.98"), attacked_early(3, "0.98")));
  // The check can fail: a myopic challenger does not see the election coming, so months 0-2 are
  // the same trials whenever it is due.
  CHECK(attacked_early(30, "0") == attacked_early(3, "0"));
}
