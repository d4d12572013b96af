// Blocks cover every trial once, in index order within each experiment, experiments in turn.
#include <catch2/catch.hpp>

#include "detsim/engine/block_plan.hpp"

using namespace detsim;

TEST_CASE("blocks take experiments in turn and cover each experiment's trials in order") {
  const auto blocks = plan_blocks({5, 2, 0, 3}, 2);
  std::vector<std::vector<std::int64_t>> seen(4);
  for (const TrialBlock& b : blocks) {
    CHECK(b.trials >= 1);
    CHECK(b.trials <= 2);
    for (std::int64_t t = 0; t < b.trials; ++t) {
      seen[static_cast<std::size_t>(b.experiment)].push_back(b.first_trial + t);
    }
  }
  CHECK(seen[0] == std::vector<std::int64_t>{0, 1, 2, 3, 4});
  CHECK(seen[1] == std::vector<std::int64_t>{0, 1});
  CHECK(seen[2].empty());
  CHECK(seen[3] == std::vector<std::int64_t>{0, 1, 2});
  // Round robin: the first blocks are block 0 of experiments 0, 1 and 3.
  REQUIRE(blocks.size() >= 3);
  CHECK(blocks[0].experiment == 0);
  CHECK(blocks[1].experiment == 1);
  CHECK(blocks[2].experiment == 3);
  CHECK_THROWS_AS(plan_blocks({3}, 0), std::invalid_argument);
}
