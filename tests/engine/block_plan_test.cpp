// Blocks cover every trial once, in index order within each experiment, experiments in turn.
#include <catch2/catch.hpp>

#include <numeric>
#include <set>

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

TEST_CASE("a block plan of two billion trials in blocks of one is ready at once") {
  // Planned up front, 3 x (2^31 - 1) blocks would take 150 GiB; computed on demand, nothing.
  const BlockPlan plan({2147483647, 2147483647, 5}, 1);
  CHECK(plan.size() == 2ULL * 2147483647ULL + 5);
  const TrialBlock last = plan[plan.size() - 1];
  CHECK(last.experiment == 1);
  CHECK(last.first_trial == 2147483646);
  CHECK(last.trials == 1);
  const TrialBlock early = plan[7];  // round 2: experiments 0, 1, 2 have blocks; round 3 too
  CHECK(early.experiment == 1);
  CHECK(early.first_trial == 2);
  CHECK_THROWS_AS(plan[plan.size()], std::out_of_range);
}

TEST_CASE("a block plan computed on demand equals the blocks listed in turn") {
  const std::vector<std::int64_t> counts{7, 0, 3, 12, 1};
  for (const std::int64_t size : {1, 2, 3, 5, 100}) {
    std::vector<TrialBlock> expected;  // the definition: round by round, experiments in turn
    for (std::int64_t first = 0; first < 12; first += size) {
      for (std::size_t e = 0; e < counts.size(); ++e) {
        if (first < counts[e]) {
          expected.push_back(
              {static_cast<std::int32_t>(e), first, std::min(size, counts[e] - first)});
        }
      }
    }
    const std::vector<TrialBlock> planned = plan_blocks(counts, size);
    REQUIRE(planned.size() == expected.size());
    for (std::size_t b = 0; b < planned.size(); ++b) {
      INFO("block size " << size << ", block " << b);
      CHECK(planned[b].experiment == expected[b].experiment);
      CHECK(planned[b].first_trial == expected[b].first_trial);
      CHECK(planned[b].trials == expected[b].trials);
    }
  }
}

TEST_CASE("with a precision step, a block ends at every multiple of it, whatever the block size") {
  // Experiment 0 checks every 10 trials, 1 has no step, 2 checks every 4 of its 9.
  const std::vector<std::int64_t> counts{25, 7, 9}, steps{10, 0, 4};
  for (const std::int64_t size : {1, 3, 4, 6, 10, 64}) {
    INFO("block size " << size);
    std::vector<std::vector<std::int64_t>> seen(counts.size());
    std::vector<std::set<std::int64_t>> ends(counts.size());
    for (const TrialBlock& b : plan_blocks(counts, size, steps)) {
      const auto e = static_cast<std::size_t>(b.experiment);
      CHECK(b.trials >= 1);
      CHECK(b.trials <= size);
      if (steps[e] > 0) {
        // No block straddles a check point.
        CHECK(b.first_trial / steps[e] == (b.first_trial + b.trials - 1) / steps[e]);
      }
      for (std::int64_t t = 0; t < b.trials; ++t) seen[e].push_back(b.first_trial + t);
      ends[e].insert(b.first_trial + b.trials);
    }
    for (std::size_t e = 0; e < counts.size(); ++e) {
      std::vector<std::int64_t> all(static_cast<std::size_t>(counts[e]));
      std::iota(all.begin(), all.end(), 0);
      CHECK(seen[e] == all);
    }
    CHECK(ends[0].count(10) == 1);
    CHECK(ends[0].count(20) == 1);
    CHECK(ends[2].count(4) == 1);
    CHECK(ends[2].count(8) == 1);
  }
  // Without steps the plan is the usual one; a step past the trials is no step.
  CHECK(plan_blocks({25, 7}, 4, {0, 100}).size() == plan_blocks({25, 7}, 4).size());
  CHECK_THROWS_AS(plan_blocks({3, 4}, 2, {1}), std::invalid_argument);
}
