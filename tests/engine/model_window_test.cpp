// ModelWindow holds the models of the experiments in flight, not one per experiment: a model is
// built once while held, the least recently used goes beyond the window's width, a model still
// in use outlives its eviction, and a Simulation whose models come and go this way gives each
// experiment the trials it gives alone.
#include "detsim/engine/model_window.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "detsim/engine/simulation.hpp"
#include "detsim/scenario/load.hpp"
#include "support/collecting_sink.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

const std::string kScenario = std::string(DETSIM_SOURCE_DIR) + "/scenarios/ukraine.yaml";

// A window whose models are all of one scenario, counting the builds of each experiment, for a
// run of `experiments` experiments.
struct CountingWindow {
  explicit CountingWindow(std::size_t experiments = ModelWindow::kBase)
      : window(
            [this](std::size_t e) {
              ++builds[e];
              return std::make_shared<const TrialModel>(scenario);
            },
            experiments) {}
  Scenario scenario = load_scenario(kScenario, {{"trials=10"}, "none"});
  std::map<std::size_t, int> builds;
  ModelWindow window;
};

// Column `name` of experiment e's rows, in the order they came (trial order within it).
std::vector<double> rows_of(const CollectingSink& sink, const std::string& name, std::size_t e) {
  const std::vector<double> experiment = sink.column("experiment"), values = sink.column(name);
  std::vector<double> out;
  for (std::size_t r = 0; r < values.size(); ++r) {
    if (experiment[r] == static_cast<double>(e)) out.push_back(values[r]);
  }
  return out;
}

}  // namespace

TEST_CASE("a model window builds a held experiment's model once and lets the oldest go") {
  CountingWindow w;
  const auto first = w.window.get(0);
  CHECK(w.window.get(0) == first);
  CHECK(w.builds[0] == 1);
  for (std::size_t e = 1; e <= ModelWindow::kBase; ++e) w.window.get(e);
  CHECK(w.window.held() == ModelWindow::kBase);
  // Experiment 0 was the least recently used: it went, and comes back built anew.
  CHECK(w.window.get(0) != first);
  CHECK(w.builds[0] == 2);
  CHECK(w.window.held() == ModelWindow::kBase);
  // The model handed out before its eviction still works for whoever holds it.
  CHECK_FALSE(first->trial_columns().empty());
}

TEST_CASE("a model window widens by each worker and narrows when it leaves") {
  CountingWindow w;
  w.window.widen();
  w.window.widen();
  const std::size_t wide = ModelWindow::kBase + 2 * ModelWindow::kPerWorker;
  for (std::size_t e = 0; e < 3 * wide; ++e) w.window.get(e);
  CHECK(w.window.held() == wide);
  for (std::size_t e = 2 * wide; e < 3 * wide; ++e) w.window.get(e);
  for (std::size_t e = 2 * wide; e < 3 * wide; ++e) CHECK(w.builds[e] == 1);
  w.window.narrow();
  CHECK(w.window.held() == ModelWindow::kBase + ModelWindow::kPerWorker);
  w.window.narrow();
  w.window.narrow();  // never below its base
  CHECK(w.window.held() == ModelWindow::kBase);
}

TEST_CASE("a model window holds every model of a run that fits its base and its workers") {
  // 64 models and 4 a worker: with two workers, a run of 72 experiments builds each model once.
  const std::size_t fits = ModelWindow::kBase + 2 * ModelWindow::kPerWorker;
  CountingWindow w(fits);
  w.window.widen();
  w.window.widen();
  for (int round = 0; round < 3; ++round) {
    for (std::size_t e = 0; e < fits; ++e) w.window.get(e);
  }
  CHECK(w.window.held() == fits);
  for (std::size_t e = 0; e < fits; ++e) CHECK(w.builds[e] == 1);
}

TEST_CASE("a model window of a run of more experiments than it could hold keeps those in flight") {
  // Beyond its base and its workers' share every round of blocks builds every model again
  // anyway: holding more than the workers' blocks in flight would only be memory.
  const std::size_t count = ModelWindow::kBase + 2 * ModelWindow::kPerWorker + 1;
  CountingWindow w(count);
  w.window.widen();
  w.window.widen();
  const std::size_t in_flight = ModelWindow::kInFlight + 2 * ModelWindow::kPerWorker;
  REQUIRE(in_flight < ModelWindow::kBase);
  for (std::size_t e = 0; e < count; ++e) w.window.get(e);
  CHECK(w.window.held() == in_flight);
  // The last ones asked for are held: asked again, they are not built again.
  for (std::size_t e = count - in_flight; e < count; ++e) {
    w.window.get(e);
    CHECK(w.builds[e] == 1);
  }
  w.window.narrow();
  w.window.narrow();
  w.window.narrow();  // never below its base
  CHECK(w.window.held() == ModelWindow::kInFlight);
}

TEST_CASE("a simulation of more experiments than its window gives each one's trials alone") {
  // More experiments of distinct resolve than two threads' window holds, three blocks each, so
  // taken in turn three times: models are let go and built again, and every row must still be
  // the one the experiment gives when run by itself.
  const std::size_t count = ModelWindow::kBase + 2 * ModelWindow::kPerWorker + 8;
  std::vector<ExperimentSpec> experiments;
  for (std::size_t e = 0; e < count; ++e) {
    LoadOptions options;
    options.overrides = {
        "trials=60", "horizon_months=12",
        "actors.russia.resolve.beta.mean=" + std::to_string(0.3 + 0.005 * static_cast<double>(e))};
    experiments.push_back({"point" + std::to_string(e), load_scenario(kScenario, options)});
  }
  RunOptions options;
  options.threads = 2;
  options.block_size = 25;
  options.seed = 7;
  const Simulation all(experiments);
  CollectingSink together;
  all.run(options, together);
  const std::vector<ColumnInfo>& columns = all.trial_columns();
  for (const std::size_t e : {std::size_t{0}, std::size_t{1}, count / 2, count - 1}) {
    const Simulation alone({experiments[e]});
    CollectingSink sink;
    alone.run(options, sink);
    REQUIRE(alone.trial_columns().size() == columns.size());
    for (const ColumnInfo& c : columns) {
      if (c.name == "experiment") continue;
      const std::vector<double> mine = sink.column(c.name), in_all = rows_of(together, c.name, e);
      REQUIRE(mine.size() == 60);
      REQUIRE(in_all.size() == 60);
      for (std::size_t t = 0; t < 60; ++t) {
        INFO("experiment " << e << ", column " << c.name << ", trial " << t);
        const double a = mine[t], b = in_all[t];
        CHECK((a == b || (std::isnan(a) && std::isnan(b))));
      }
    }
  }
}
