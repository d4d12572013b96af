// Experiments of one run share one trial state per thread: a trial of an experiment gives the
// same row whether the state last ran its own experiment or another one, however different.
#include <catch2/catch.hpp>

#include "detsim/scenario/load.hpp"
#include "support/collecting_sink.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

const std::string kUkraine = std::string(DETSIM_SOURCE_DIR) + "/scenarios/ukraine.yaml";

Scenario ukraine(const std::string& structure, std::vector<std::string> overrides) {
  LoadOptions options;
  options.overrides = std::move(overrides);
  options.overrides.push_back("trials=600");
  options.structure = structure;
  return load_scenario(kUkraine, options);
}

CollectingSink run(std::vector<ExperimentSpec> experiments, int threads) {
  const Simulation simulation(std::move(experiments));
  CollectingSink sink;
  RunOptions options;
  options.threads = threads;
  options.block_size = 50;  // many switches between experiments on every thread
  options.seed = 99;
  REQUIRE(simulation.run(options, sink).complete);
  return sink;
}

// The rows of experiment 0 in `sink`, column by column, for the columns of `alone`.
void check_experiment_zero_matches(const CollectingSink& shared, const CollectingSink& alone) {
  const std::vector<double> experiment = shared.column("experiment");
  for (const ColumnInfo& c : alone.blocks.front().schema()) {
    INFO("column " << c.name);
    const std::vector<double> all = shared.column(c.name);
    std::vector<double> mine;
    for (std::size_t r = 0; r < all.size(); ++r) {
      if (experiment[r] == 0) mine.push_back(all[r]);
    }
    const std::vector<double> expected = alone.column(c.name);
    REQUIRE(mine.size() == expected.size());
    for (std::size_t r = 0; r < mine.size(); ++r) {
      // Bit for bit; NaN (burden_share_allies without cost) equals NaN.
      if (!(mine[r] == expected[r] || (std::isnan(mine[r]) && std::isnan(expected[r])))) {
        FAIL("trial " << r << ": " << mine[r] << " shared, " << expected[r] << " alone");
      }
    }
  }
}

}  // namespace

TEST_CASE("an experiment's trials are the same whether its thread's state also runs others") {
  // The second experiment differs in everything a state is sized or cached by: more drawn
  // parameters (so more slots), a finer belief grid, no elections, other terms.
  const Scenario first = ukraine("bilateral_pact", {});
  const Scenario second =
      ukraine("nato_article5", {"dynamics.belief_grid=1024", "severity.war={uniform: [0.6, 0.8]}",
                                "dynamics.front_speed={beta: {mean: 0.02, concentration: 50}}",
                                "actors.united_states.elections=null"});
  for (int threads : {1, 2}) {
    INFO(threads << " threads");
    const CollectingSink shared = run({{"a", first}, {"b", second}}, threads);
    const CollectingSink alone = run({{"a", first}}, threads);
    check_experiment_zero_matches(shared, alone);
  }
}
