// Probes worth their lesson (issue 9): a forward-looking challenger values a probe by what its
// answers would teach it about the guarantors' resolve, so it probes where doubt makes the
// lesson worth the probe's cost. Paired runs of the default scenario (trial t of both draws the
// same numbers), differences beyond 4 standard errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <string>

#include "support/paired_difference.hpp"
#include "support/ukraine_run.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

// 1 for a trial with a probe under the bilateral pact, else 0. An unanswered probe takes
// nothing here (probe_gain 0), so a probe pays only for what it teaches; the United States'
// credibility prior keeps its mean (0.5) and has the given concentration (wide: 2, narrow: 200).
// The probe is a serious one (severity 0.6, a limited incursion rather than a hybrid attack): at
// the scenario's 0.3 the United States, with its audience cost of 0.25 under the pact, answers
// whatever its resolve above 0.05, so its answer would teach next to nothing about a war.
std::vector<double> probed(const char* concentration, const char* discount) {
  const CollectingSink r = run_ukraine(
      "bilateral_pact",
      {"dynamics.probe_gain=0", "severity.probe=0.6",
       std::string("actors.united_states.credibility.beta.concentration=") + concentration,
       std::string("dynamics.challenger_discount=") + discount},
      4000);
  std::vector<double> any = r.column_by_trial("probes");
  for (double& probes : any) probes = probes > 0 ? 1.0 : 0.0;
  return any;
}

}  // namespace

TEST_CASE(
    "probes happen for their lesson under a committed structure when credibility is "
    "uncertain") {
  const std::vector<double> wide = probed("2", "0.98");
  const std::vector<double> none(wide.size(), 0.0);
  check_above_zero(paired(wide, none));                   // probes happen
  check_above_zero(paired(wide, probed("200", "0.98")));  // fewer when doubt is small
  // The check can fail: a myopic challenger values no lesson, and a probe that takes nothing
  // only costs it.
  const std::vector<double> myopic = probed("2", "0");
  CHECK(std::accumulate(myopic.begin(), myopic.end(), 0.0) == 0.0);
}
