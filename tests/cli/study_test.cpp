// Study files: the shipped sweep as one results file with its factors and design; every bad
// value of a design reported at once, where it is written, before anything runs; a design point
// rerun alone bit for bit; a failed point isolated, the same at any thread count.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;
using Catch::Contains;

namespace {

const std::filesystem::path kSweep =
    kSourceDir / "scenarios" / "studies" / "us_audience_cost_sweep.yaml";

// A study of the default scenario, written beside it so that `scenario:` is a plain path.
std::filesystem::path write_study(const TempDir& dir, const std::string& design) {
  const auto file = dir / "study.yaml";
  write_text_file(file, "detsim_study: 1\nscenario: " + kUkraine.string() + "\n" + design);
  return file;
}

}  // namespace

TEST_CASE("the shipped sweep runs 11 levels under 2 structures into one file", "[cli][study]") {
  const TempDir dir;
  const auto out = dir / "sweep.h5";
  run_with_status({"run", kSweep.string(), "--trials", "20", "--set", "horizon_months=12",
                   "--quiet", "-o", out.string()},
                  dir, 0);
  const ColumnBlock experiments = read_table(out, "experiments");
  REQUIRE(experiments.rows() == 22);
  const auto& level =
      experiments.f64(experiments.index_of("factor.guarantee.terms.united_states.audience_cost"));
  const auto& term = experiments.f64(experiments.index_of("terms.united_states.audience_cost"));
  const auto& point = experiments.i32(experiments.index_of("point"));
  const auto& name = experiments.str(experiments.index_of("structure"));
  const auto& trials = experiments.i32(experiments.index_of("trials"));
  const auto& status = experiments.str(experiments.index_of("status"));
  for (std::size_t e = 0; e < 22; ++e) {
    INFO("experiment " << e << " " << name[e]);
    CHECK(point[e] == static_cast<std::int32_t>(e / 2));
    CHECK(level[e] == Approx(0.1 * static_cast<double>(e / 2)).margin(1e-15));
    // The factor is what the experiment ran with: its resolved term.
    CHECK(term[e] == level[e]);
    // The structure, how the point departs from its preset, and the point: each point's label
    // its own (the run keeps a label per distinct one, and makes the name when asked).
    CHECK(name[e] == fmt::format("{}[united_states.audience_cost={}]@{}",
                                 e % 2 == 0 ? "nato_article5" : "bilateral_pact", term[e], e / 2));
    CHECK(trials[e] == 20);  // --trials over the study's trials
    CHECK(status[e] == "ok");
  }
  const ColumnBlock design = read_table(out, "design");
  CHECK(design.rows() == 11);
  CHECK(design.str(design.index_of("role")) == std::vector<std::string>(11, "grid"));
  CHECK(read_string_array_attribute(out, "design", "factors") ==
        std::vector<std::string>{"guarantee.terms.united_states.audience_cost"});
  CHECK(read_string_array_attribute(out, "design", "structures") ==
        std::vector<std::string>{"nato_article5", "bilateral_pact"});
}

TEST_CASE("validate counts a study's points and experiments without running them", "[cli][study]") {
  const TempDir dir;
  const CommandResult r = run_with_status({"validate", kSweep.string()}, dir, 0);
  CHECK_THAT(r.out, Contains("ok (study: 11 design points, 22 experiments)"));
}

TEST_CASE("every bad value of a design is reported at once where it is written, nothing run",
          "[cli][study]") {
  const TempDir dir;
  // Line 6: a path naming nothing; 7: a level outside its range; 8: a fraction for an integer;
  // 9-10: a point whose normal has min above max (set to a normal for the purpose).
  const auto study =
      write_study(dir,
                  "design:\n"
                  "  method: grid\n"
                  "  factors:\n"
                  "    actors.russia.resolve.normal.meen: {levels: [0.5]}\n"
                  "    guarantee.terms.united_states.audience_cost: {levels: [0, 2.5]}\n"
                  "    dynamics.forecast_months: {levels: [12, 24.5]}\n"
                  "    actors.russia.resolve.normal.min: {levels: [0.1, 0.5]}\n"
                  "    actors.russia.resolve.normal.max: {levels: [0.4, 0.9]}\n");
  const auto out = dir / "bad.h5";
  const CommandResult r =
      run_with_status({"run", study.string(), "--set",
                       "actors.russia.resolve={normal: {mean: 0.6, sd: 0.1, min: 0.2, max: 0.9}}",
                       "-o", out.string()},
                      dir, 2);
  const std::string where = study.string();
  CHECK_THAT(r.err, Contains(where + ":6:50: actors.russia.resolve.normal.meen: unknown key; did "
                                     "you mean 'mean'?"));
  CHECK_THAT(r.err, Contains(where + ":7:63: guarantee.terms.united_states.audience_cost = 2.5: "
                                     "must be in [0, 2]"));
  CHECK_THAT(r.err, Contains(where + ":8:45: dynamics.forecast_months = 24.5: must be an integer "
                                     "in [1, 2147483647]"));
  CHECK_THAT(r.err, Contains(where + ":10:49: actors.russia.resolve.normal.max = 0.4: must be > "
                                     "0.5 (min)"));
  CHECK(lines_of(r.err).size() == 4);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("the horizon is no design factor: every point of a file shares it", "[cli][study]") {
  const TempDir dir;
  const auto study = write_study(dir,
                                 "design:\n"
                                 "  method: grid\n"
                                 "  factors:\n"
                                 "    horizon_months: {levels: [12, 24]}\n");
  const CommandResult r = run_with_status({"validate", study.string()}, dir, 2);
  CHECK_THAT(r.err, Contains(study.string() + ":6:5: design.factors.horizon_months: the points "
                                              "of a study share one horizon"));
}

TEST_CASE("a range or distribution over a whole-number key gives whole numbers", "[cli][study]") {
  const TempDir dir;
  // Unrounded, almost every point of either factor would be a fraction the loader refuses.
  const auto study =
      write_study(dir,
                  "design:\n"
                  "  method: latin_hypercube\n"
                  "  n: 9\n"
                  "  factors:\n"
                  "    actors.united_states.elections.every_months: {range: [6, 18]}\n"
                  "    dynamics.forecast_months:\n"
                  "      distribution: {uniform: [1, 24]}\n"
                  "    dynamics.opportunity_volatility: {range: [0.1, 0.3]}\n"
                  "  trials: 10\n");
  const auto out = dir / "whole.h5";
  run_with_status({"run", study.string(), "--quiet", "-o", out.string()}, dir, 0);
  const ColumnBlock experiments = read_table(out, "experiments");
  REQUIRE(experiments.rows() == 9);
  const auto& horizon =
      experiments.f64(experiments.index_of("factor.actors.united_states.elections.every_months"));
  const auto& forecast = experiments.f64(experiments.index_of("factor.dynamics.forecast_months"));
  const auto& volatility =
      experiments.f64(experiments.index_of("factor.dynamics.opportunity_volatility"));
  std::set<double> horizons;
  bool fractional_volatility = false;
  for (std::size_t e = 0; e < 9; ++e) {
    CHECK(horizon[e] == std::round(horizon[e]));
    CHECK(horizon[e] >= 6);
    CHECK(horizon[e] <= 18);
    CHECK(forecast[e] == std::round(forecast[e]));
    CHECK(forecast[e] >= 1);
    CHECK(forecast[e] <= 24);
    horizons.insert(horizon[e]);
    // A quantity key keeps its fractions.
    fractional_volatility = fractional_volatility || volatility[e] != std::round(volatility[e]);
  }
  // One value per stratum of width 12/9 months: rounding merges at most neighbours.
  CHECK(horizons.size() >= 7);
  CHECK(fractional_volatility);
  // Each experiment ran the value its factor column says, as its resolved scenario shows.
  const auto& resolved = experiments.str(experiments.index_of("resolved_yaml"));
  for (std::size_t e = 0; e < 9; ++e) {
    CHECK_THAT(resolved[e], Contains(fmt::format("every_months: {}", horizon[e])));
    CHECK_THAT(resolved[e], Contains(fmt::format("forecast_months: {}", forecast[e])));
  }
}

TEST_CASE("a design point reruns alone bit for bit, and Saltelli's roles are recorded",
          "[cli][study][rerun]") {
  const TempDir dir;
  const auto study = write_study(dir,
                                 "design:\n"
                                 "  method: sobol\n"
                                 "  n: 2\n"
                                 "  factors:\n"
                                 "    actors.russia.resolve.beta.mean: {range: [0.4, 0.8]}\n"
                                 "    dynamics.opportunity_volatility:\n"
                                 "      distribution: {uniform: [0.1, 0.3]}\n"
                                 "  trials: 60\n");
  const auto out = dir / "sobol.h5";
  run_with_status({"run", study.string(), "--set", "horizon_months=36", "--threads", "2",
                   "--block-size", "16", "--quiet", "-o", out.string()},
                  dir, 0);
  const ColumnBlock experiments = read_table(out, "experiments");
  REQUIRE(experiments.rows() == 8);  // N (k + 2)
  CHECK(experiments.str(experiments.index_of("role")) ==
        std::vector<std::string>{"A", "A", "B", "B", "AB_1", "AB_1", "AB_2", "AB_2"});
  const ColumnBlock design = read_table(out, "design");
  const auto& u = design.f64(design.index_of("u.actors.russia.resolve.beta.mean"));
  const auto& mean =
      experiments.f64(experiments.index_of("factor.actors.russia.resolve.beta.mean"));
  for (std::size_t p = 0; p < 8; ++p) CHECK(mean[p] == Approx(0.4 + 0.4 * u[p]));
  const ColumnBlock trials = read_table(out, "trials");
  for (const std::int32_t e : {0, 5}) {
    const auto again = dir / ("rerun" + std::to_string(e) + ".h5");
    run_with_status({"rerun", out.string(), "--experiment", std::to_string(e), "--threads", "1",
                     "--quiet", "-o", again.string()},
                    dir, 0);
    std::string difference;
    const bool same =
        identical_columns(experiment_trials(trials, e),
                          experiment_trials(read_table(again, "trials"), 0), difference);
    INFO("experiment " << e << ": " << difference);
    CHECK(same);
  }
}

TEST_CASE("a failed point is isolated, with the same rows at 1 and 2 threads", "[cli][study]") {
  const TempDir dir;
  // A guarantor's war cost of 1e308 a month overflows to inf once it fights: the point fails.
  // Guarantors that weigh costs would never fight at that price, so they weigh none here.
  const auto study = write_study(dir,
                                 "design:\n"
                                 "  method: grid\n"
                                 "  factors:\n"
                                 "    dynamics.guarantor_war_cost: {levels: [0.02, 1e308, 0.05]}\n"
                                 "  structures: [nato_article5]\n"
                                 "  trials: 200\n");
  std::vector<ColumnBlock> runs;
  for (const int threads : {1, 2}) {
    const auto out = dir / ("fail" + std::to_string(threads) + ".h5");
    const CommandResult r = run_with_status(
        {"run", study.string(), "--set", "dynamics.cost_weight=0", "--threads",
         std::to_string(threads), "--block-size", "32", "--quiet", "-o", out.string()},
        dir, 3);
    CHECK_THAT(r.err, Contains("1 of 3 experiments failed"));
    // Named as /experiments names it: the run holds no names, and makes the failed one's again.
    CHECK_THAT(r.err, Contains("detsim: experiment 1 (nato_article5@1) failed: "));
    CHECK_THAT(r.err, Contains("an actor's cost is not finite"));
    const ColumnBlock experiments = read_table(out, "experiments");
    CHECK(experiments.str(experiments.index_of("structure")) ==
          std::vector<std::string>{"nato_article5@0", "nato_article5@1", "nato_article5@2"});
    CHECK(experiments.str(experiments.index_of("status")) ==
          std::vector<std::string>{"ok", "failed", "ok"});
    const auto& error = experiments.str(experiments.index_of("error"));
    CHECK(error[0].empty());
    CHECK_THAT(error[1], Contains("not finite"));
    runs.push_back(sorted_by_trial(read_table(out, "trials")));
    const auto& experiment = runs.back().i32(runs.back().index_of("experiment"));
    CHECK(std::count(experiment.begin(), experiment.end(), 0) == 200);
    CHECK(std::count(experiment.begin(), experiment.end(), 2) == 200);
    // Only the failing point's blocks before its failing one are kept.
    CHECK(std::count(experiment.begin(), experiment.end(), 1) % 32 == 0);
    CHECK(std::count(experiment.begin(), experiment.end(), 1) < 200);
  }
  std::string difference;
  const bool same = identical_columns(runs[0], runs[1], difference);
  INFO(difference);
  CHECK(same);
}
