// Per-experiment state held for the experiments under way alone: made when first asked for, in
// order, and refused once released.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "detsim/stats/live_experiments.hpp"

using namespace detsim;

TEST_CASE("an experiment's state is made when asked for and dropped with those before it") {
  LiveExperiments<int> live;
  CHECK(live.find(0) == nullptr);
  live[2] = 7;  // 0 and 1 made with it, as T{}
  CHECK(live.first() == 0);
  CHECK(live.end() == 3);
  REQUIRE(live.find(1) != nullptr);
  CHECK(*live.find(1) == 0);
  CHECK(*live.find(2) == 7);
  CHECK(live.find(3) == nullptr);
  live.release(2);
  CHECK(live.held().size() == 1);
  CHECK(live.find(1) == nullptr);
  CHECK(*live.find(2) == 7);
  CHECK_THROWS_AS(live[1], std::logic_error);
  // Released past what was made: the next one is made at its own index.
  live.release(5);
  CHECK(live.held().empty());
  CHECK(live.find(2) == nullptr);
  live[5] = 1;
  CHECK(live.first() == 5);
  CHECK(live.held().size() == 1);
  CHECK_THROWS_AS(live[4], std::logic_error);
}
