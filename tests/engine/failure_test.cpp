// A failure while running (the sink cannot write, say) reaches the caller as the exception it
// was, with every worker joined and no block filled twice, whatever the thread count.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <thread>

#include "detsim/scenario/load.hpp"
#include "support/collecting_sink.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

class FailingSink : public CollectingSink {
 public:
  explicit FailingSink(std::size_t fail_at) : fail_at_(fail_at) {}
  void consume(const TrialBlock& block, const ColumnBlock& trials,
               const PathBlock& paths) override {
    if (blocks.size() == fail_at_) throw std::runtime_error("disk full");
    CollectingSink::consume(block, trials, paths);
  }

 private:
  std::size_t fail_at_;
};

}  // namespace

TEST_CASE("an exception from the sink stops the run and reaches the caller") {
  LoadOptions options;
  options.overrides = {"trials=3000"};
  const Scenario scenario =
      load_scenario(std::string(DETSIM_SOURCE_DIR) + "/scenarios/ukraine.yaml", options);
  const Simulation simulation({{"none", scenario}, {"none", scenario}});
  for (int threads : {1, 3, 5}) {
    for (std::size_t fail_at : {0, 3, 17}) {
      FailingSink sink(fail_at);
      RunOptions o;
      o.threads = threads;
      o.block_size = 50;
      o.seed = 1;
      CHECK_THROWS_WITH(simulation.run(o, sink), "disk full");
      CHECK(sink.blocks.size() == fail_at);
    }
  }
  // The same simulation still runs to completion afterwards.
  CollectingSink sink;
  RunOptions o;
  o.threads = 3;
  o.block_size = 50;
  CHECK(simulation.run(o, sink).complete);
  CHECK(sink.column("trial").size() == 6000);
}

TEST_CASE("more threads than cores never deadlock: many runs with three to eight threads") {
  // A slow-to-wake worker once let a later block take its slot, and the caller waited forever
  // (seen about one run in twenty with three threads on two cores).
  LoadOptions options;
  options.overrides = {"trials=1000", "horizon_months=12"};
  const Scenario scenario =
      load_scenario(std::string(DETSIM_SOURCE_DIR) + "/scenarios/ukraine.yaml", options);
  const Simulation simulation({{"none", scenario}, {"none", scenario}});
  for (int i = 0; i < 60; ++i) {
    CollectingSink sink;
    RunOptions o;
    o.threads = 3 + i % 6;
    o.block_size = 10;
    REQUIRE(simulation.run(o, sink).complete);
  }
}

namespace {

// Counts the calls of assist, on which threads they come, and throws at the call fail_at.
class AssistedSink : public CollectingSink {
 public:
  explicit AssistedSink(int fail_at = -1) : fail_at_(fail_at) {}
  void assist() override {
    const int call = calls.fetch_add(1);
    if (std::this_thread::get_id() == caller) on_caller.fetch_add(1);
    if (call == fail_at_) throw std::runtime_error("cannot pack");
  }
  std::atomic<int> calls{0};
  std::atomic<int> on_caller{0};
  std::thread::id caller = std::this_thread::get_id();

 private:
  int fail_at_;
};

}  // namespace

TEST_CASE(
    "the sink's assist runs on the worker threads once per block, and a failure there ends the "
    "run") {
  LoadOptions options;
  options.overrides = {"trials=6000", "horizon_months=12"};
  const Scenario scenario =
      load_scenario(std::string(DETSIM_SOURCE_DIR) + "/scenarios/ukraine.yaml", options);
  const Simulation simulation({{"none", scenario}});
  constexpr int blocks = 120;
  for (int threads : {1, 2, 4}) {
    AssistedSink sink;
    RunOptions o;
    o.threads = threads;
    o.block_size = 50;
    REQUIRE(simulation.run(o, sink).complete);
    CHECK(sink.calls == blocks);
    CHECK(sink.on_caller == 0);

    AssistedSink failing(3);
    CHECK_THROWS_WITH(simulation.run(o, failing), "cannot pack");
    // The failure stops the workers long before the other hundred blocks are done.
    CHECK(failing.blocks.size() < static_cast<std::size_t>(blocks));
  }
}

namespace {

// Records the failures it is told of, and the experiment of every block after each.
class FailureSink : public CollectingSink {
 public:
  void consume(const TrialBlock& block, const ColumnBlock& trials,
               const PathBlock& paths) override {
    for (const auto& [experiment, trials_run] : failures) {
      if (experiment == block.experiment) blocks_after_failure++;
    }
    CollectingSink::consume(block, trials, paths);
  }
  void failed(std::int32_t experiment, std::int64_t trials_run) override {
    failures.emplace_back(experiment, trials_run);
  }
  std::vector<std::pair<std::int32_t, std::int64_t>> failures;
  int blocks_after_failure = 0;
};

}  // namespace

TEST_CASE("the sink is told once when an experiment fails and of the trials it was handed") {
  // A guarantor's war cost of 1e308 a month overflows to inf once it fights: its trials fail.
  // Guarantors that weigh costs would never fight at that price, so they weigh none here.
  const auto load = [](const std::string& war_cost) {
    LoadOptions options;
    options.overrides = {"trials=400", "dynamics.cost_weight=0",
                         "dynamics.guarantor_war_cost=" + war_cost};
    options.structure = "nato_article5";
    return load_scenario(std::string(DETSIM_SOURCE_DIR) + "/scenarios/ukraine.yaml", options);
  };
  const Simulation simulation({{"a", load("0.02")}, {"b", load("1e308")}, {"c", load("0.05")}});
  for (const int threads : {1, 3}) {
    FailureSink sink;
    RunOptions o;
    o.threads = threads;
    o.block_size = 16;
    const RunResult result = simulation.run(o, sink);
    REQUIRE(result.failed_experiments() == 1);
    CHECK(result.error(0).empty());
    CHECK_THAT(result.error(1), Catch::Contains("not finite"));
    CHECK(result.error(2).empty());
    REQUIRE(sink.failures.size() == 1);
    CHECK(sink.failures[0].first == 1);
    CHECK(sink.failures[0].second == result.trials_run[1]);
    CHECK(result.trials_run[1] < 400);
    CHECK(sink.blocks_after_failure == 0);
    const std::vector<double> experiment = sink.column("experiment");
    CHECK(std::count(experiment.begin(), experiment.end(), 1.0) == result.trials_run[1]);
  }
}
