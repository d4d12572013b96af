// The month's choice made without the plan's value of waiting when it cannot change the choice
// (decide) against the full comparison (choose(expected_utilities)), month by month along the
// shipped scenario's trials: the speed-up must leave every choice as it was.
#include <catch2/catch.hpp>
#include <string>

#include "detsim/model/submodels.hpp"
#include "detsim/model/trial_model.hpp"
#include "detsim/scenario/load.hpp"

using namespace detsim;

TEST_CASE("deciding without the value of waiting when it cannot matter is the full choice") {
  const std::string file = std::string(DETSIM_SOURCE_DIR) + "/scenarios/ukraine.yaml";
  int skipped = 0;  // months chosen without the induction (none under `none`, where attacking
                    // usually is worth something and waiting's value is needed)
  for (const char* structure :
       {"none", "nato_article5", "bilateral_pact", "security_assistance", "economic_diplomatic"}) {
    INFO(structure);
    LoadOptions options;
    options.structure = structure;
    const TrialModel model(load_scenario(file, options));
    const TrialParameters& p = model.parameters();
    TrialState s = model.make_state();
    int attacks = 0;
    for (int trial = 0; trial < 60; ++trial) {
      const TrialStreams streams{20261201, static_cast<std::uint64_t>(trial)};
      initialise_trial(p, s, streams);
      const double rationality = value_of(s, p.rationality);
      // TrialModel::run's schedule, with the choice made both ways.
      for (s.month = 1; s.month <= p.horizon_months; ++s.month) {
        if (s.phase == Phase::after_war) {
          s.escalation = Escalation::peace;
          return_to_peace(s);
        }
        const MonthDraws draws = draw_month(streams, s.month);
        hold_elections(p, s, streams);
        if (s.forces_pending) bind_pending_forces(p, s);
        deliver_aid(p, s);
        drift_cohesion(p, s, draws.cohesion);
        advance_opportunity(p, s, draws.opportunity);
        if (s.phase == Phase::peace) {
          TrialState full = s;
          const Choice expected =
              choose(expected_utilities(p, full, s.opportunity), rationality, draws.choice);
          const Choice chosen = decide(p, s, s.opportunity, rationality, draws.choice);
          REQUIRE(chosen == expected);
          if (!s.plan.inducted) ++skipped;
          switch (chosen) {
            case Choice::wait: break;
            case Choice::probe: probe(p, s, streams); break;
            case Choice::attack: ++attacks, attack(p, s, streams); break;
          }
        }
        if (s.phase == Phase::war) fight_month(p, s, streams);
      }
    }
    CHECK(attacks > 0);
  }
  // The comparison met months chosen without the induction, not only months that needed it.
  CHECK(skipped > 0);
}
