// Stopping at a precision: each experiment stops at the first check point where every target is
// met (recomputed here from the file's own trials), or at its cap with target_met 0; noisier
// experiments run longer; the file is the same at 1 and 2 threads and at any block size; an
// unknown measure is refused where it is named, before any file exists.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <numeric>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/stats/intervals.hpp"

using namespace detsim;
using namespace detsim::test;
using Catch::Contains;

namespace {

constexpr std::int64_t kCap = 8000, kStep = 500;
constexpr double kAttacked = 0.012, kHonored = 0.04;

// Attack rate to +-0.012 and the US's honoring rate to +-0.04: the US is never tested without a
// guarantee (structure none), which therefore runs to its cap.
const std::string kTarget = fmt::format(
    "precision={{half_width: {{attacked: {}, honored_when_tested.united_states: {}}}, step: {}}}",
    kAttacked, kHonored, kStep);

std::vector<std::string> precision_run(const std::filesystem::path& out, int threads,
                                       int block_size, const std::string& target = kTarget) {
  return {"run",          kUkraine.string(),
          "--structure",  "all",
          "--trials",     std::to_string(kCap),
          "--set",        target,
          "--threads",    std::to_string(threads),
          "--block-size", std::to_string(block_size),
          "--quiet",      "-o",
          out.string()};
}

double half_width(const Interval& ci) { return (ci.high - ci.low) / 2; }

// Wilson half-widths of `attacked` and of the US's honoring when tested, over trials [0, n) of
// an experiment (its rows in trial order).
std::pair<double, double> half_widths_at(const ColumnBlock& rows, std::size_t n) {
  const std::size_t attacked = rows.index_of("attacked");
  const std::size_t tested = rows.index_of("tested.united_states");
  const std::size_t honored = rows.index_of("honored.united_states");
  std::int64_t attacks = 0, tests = 0, honors = 0;
  for (std::size_t r = 0; r < n; ++r) {
    attacks += rows.number(attacked, r) != 0;
    if (rows.number(tested, r) != 0) {
      ++tests;
      honors += rows.number(honored, r) != 0;
    }
  }
  const double honored_half = tests == 0 ? INFINITY : half_width(wilson_interval(honors, tests));
  return {half_width(wilson_interval(attacks, static_cast<std::int64_t>(n))), honored_half};
}

}  // namespace

TEST_CASE("each experiment stops at the first check point that meets every target, else its cap",
          "[cli][precision]") {
  const TempDir dir;
  const auto out = dir / "precision.h5";
  run_ok(precision_run(out, 2, 1000), dir);
  const ColumnBlock experiments = read_table(out, "experiments");
  const ColumnBlock trials = read_table(out, "trials");
  const auto& used = experiments.i32(experiments.index_of("trials_used"));
  const auto& met = experiments.i8(experiments.index_of("target_met"));
  const auto& cap = experiments.i32(experiments.index_of("trials"));
  const auto& attacked_half = experiments.f64(experiments.index_of("half_width.attacked"));
  const auto& honored_half =
      experiments.f64(experiments.index_of("half_width.honored_when_tested.united_states"));
  REQUIRE(experiments.rows() == 5);
  std::size_t stopped_early = 0;
  for (std::size_t e = 0; e < experiments.rows(); ++e) {
    INFO("experiment " << e);
    const ColumnBlock rows = experiment_trials(trials, static_cast<std::int32_t>(e));
    CHECK(cap[e] == kCap);
    REQUIRE(static_cast<std::int64_t>(rows.rows()) == used[e]);  // the file holds what it used
    CHECK(used[e] % kStep == 0);
    CHECK(used[e] <= kCap);
    // Not met at any earlier check point.
    for (std::int64_t n = kStep; n < used[e]; n += kStep) {
      const auto [a, h] = half_widths_at(rows, static_cast<std::size_t>(n));
      CHECK_FALSE((a <= kAttacked && h <= kHonored));
    }
    const auto [a, h] = half_widths_at(rows, rows.rows());
    CHECK(attacked_half[e] == Approx(a).epsilon(1e-12));
    if (std::isinf(h)) {
      CHECK(std::isinf(honored_half[e]));
    } else {
      CHECK(honored_half[e] == Approx(h).epsilon(1e-12));
    }
    if (met[e] == 1) {
      CHECK(attacked_half[e] <= kAttacked);
      CHECK(honored_half[e] <= kHonored);
      stopped_early += used[e] < kCap;
    } else {
      CHECK(met[e] == 0);
      CHECK(used[e] == kCap);  // the cap, and not met there
      CHECK((attacked_half[e] > kAttacked || honored_half[e] > kHonored));
    }
  }
  // Without a guarantee the US is never tested: its honoring rate cannot be known, so the cap.
  CHECK(met[0] == 0);
  CHECK(std::isinf(honored_half[0]));
  CHECK(stopped_early >= 2);
  // /summary counts the trials run.
  const ColumnBlock summary = read_table(out, "summary");
  for (std::size_t r = 0; r < summary.rows(); ++r) {
    if (summary.str(summary.index_of("outcome"))[r] != "attacked") continue;
    const auto e = static_cast<std::size_t>(summary.i32(summary.index_of("experiment"))[r]);
    CHECK(summary.i32(summary.index_of("n"))[r] == used[e]);
  }
}

TEST_CASE("noisier experiments run more trials toward the same target", "[cli][precision]") {
  const TempDir dir;
  const auto out = dir / "noise.h5";
  std::vector<std::string> args =
      precision_run(out, 2, 1000, "precision={measures: [attacked], half_width: 0.01}");
  args.erase(std::find(args.begin(), args.end(), "--quiet"));
  args.insert(args.end(), {"--progress", "always"});
  const CommandResult r = run_detsim(args, dir);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == 0);
  const ColumnBlock experiments = read_table(out, "experiments");
  const ColumnBlock summary = read_table(out, "summary");
  std::vector<double> variance(experiments.rows());
  for (std::size_t r = 0; r < summary.rows(); ++r) {
    if (summary.str(summary.index_of("outcome"))[r] != "attacked") continue;
    const double p = summary.f64(summary.index_of("mean"))[r];
    variance[static_cast<std::size_t>(summary.i32(summary.index_of("experiment"))[r])] =
        p * (1 - p);
  }
  const auto& used = experiments.i32(experiments.index_of("trials_used"));
  const auto noisiest = static_cast<std::size_t>(
      std::max_element(variance.begin(), variance.end()) - variance.begin());
  const auto quietest = static_cast<std::size_t>(
      std::min_element(variance.begin(), variance.end()) - variance.begin());
  INFO("p(1 - p) of the noisiest " << variance[noisiest] << ", of the quietest "
                                   << variance[quietest]);
  CHECK(variance[noisiest] > 4 * variance[quietest]);
  for (std::size_t e = 0; e < experiments.rows(); ++e) {
    // Where p(1 - p) is at least twice another's, so are the trials needed (to a step).
    for (std::size_t f = 0; f < experiments.rows(); ++f) {
      if (variance[e] > 2 * variance[f]) CHECK(used[e] >= used[f]);
    }
  }
  CHECK(used[noisiest] > 2 * used[quietest]);
  // Progress ends at the trials run: those an experiment did not need are taken off the total.
  const std::vector<ProgressLine> lines = progress_lines(r.err);
  REQUIRE_FALSE(lines.empty());
  const std::int64_t run = std::accumulate(used.begin(), used.end(), std::int64_t{0});
  CHECK(lines.back().trials_done == run);
  CHECK(lines.back().trials_total == run);
}

TEST_CASE("a precision run writes the same file at 1 and 2 threads and at any block size",
          "[cli][precision]") {
  const TempDir dir;
  const auto reference = dir / "t1.h5";
  run_ok(precision_run(reference, 1, 1000), dir);
  const ColumnBlock trials = sorted_by_trial(read_table(reference, "trials"));
  const ColumnBlock summary = read_table(reference, "summary");
  const ColumnBlock experiments = read_table(reference, "experiments");
  for (const auto& [threads, block_size] : {std::pair{2, 1000}, std::pair{2, 77}, {1, 4096}}) {
    INFO(threads << " threads, blocks of " << block_size);
    const auto out = dir / fmt::format("t{}_{}.h5", threads, block_size);
    run_ok(precision_run(out, threads, block_size), dir);
    std::string difference;
    CHECK(identical_columns(trials, sorted_by_trial(read_table(out, "trials")), difference));
    CHECK(identical_columns(summary, read_table(out, "summary"), difference));
    const ColumnBlock other = read_table(out, "experiments");
    for (const std::string column : {"trials_used", "target_met", "half_width.attacked",
                                     "half_width.honored_when_tested.united_states"}) {
      const std::size_t c = experiments.index_of(column), d = other.index_of(column);
      for (std::size_t e = 0; e < experiments.rows(); ++e) {
        CHECK(experiments.number(c, e) == other.number(d, e));
      }
    }
    INFO(difference);
  }
}

TEST_CASE("a precision target naming no measure of the run is refused where it is named",
          "[cli][precision]") {
  const TempDir dir;
  const auto scenario = dir / "target.yaml";
  std::ifstream in(kUkraine);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  write_text_file(scenario, text +
                                "precision:\n  measures: [attacked, honored_when_tested.usa]\n"
                                "  half_width: 0.01\n");
  const auto out = dir / "never.h5";
  const CommandResult r = run_detsim(
      {"run", scenario.string(), "--trials", "1000", "--quiet", "-o", out.string()}, dir);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 2);
  CHECK_THAT(r.err, Contains(fmt::format("{}:{}:24: precision measure honored_when_tested.usa: "
                                         "this run has no such measure (it has attacked, ",
                                         scenario.string(), lines + 2)));
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(files_beside(out).empty());
}

TEST_CASE("a study's precision section applies to every point, and a bad one is refused there",
          "[cli][precision][study]") {
  const TempDir dir;
  const auto study = dir / "study.yaml";
  const std::string head = "detsim_study: 1\nscenario: " + kUkraine.string() +
                           "\n"
                           "design:\n"
                           "  method: grid\n"
                           "  factors:\n"
                           "    guarantee.terms.united_states.audience_cost: {levels: [0, 1]}\n"
                           "  structures: [nato_article5, bilateral_pact]\n"
                           "  trials: 4000\n";
  write_text_file(study,
                  head + "precision: {measures: [attacked], half_width: 0.015, step: 500}\n");
  const auto out = dir / "study.h5";
  run_ok({"run", study.string(), "--quiet", "-o", out.string()}, dir);
  const ColumnBlock experiments = read_table(out, "experiments");
  REQUIRE(experiments.rows() == 4);
  const auto& used = experiments.i32(experiments.index_of("trials_used"));
  const auto& met = experiments.i8(experiments.index_of("target_met"));
  const auto& half = experiments.f64(experiments.index_of("half_width.attacked"));
  const auto& yaml = experiments.str(experiments.index_of("resolved_yaml"));
  for (std::size_t e = 0; e < experiments.rows(); ++e) {
    INFO("experiment " << e);
    CHECK_THAT(yaml[e], Contains("precision:"));
    CHECK(used[e] % 500 == 0);
    CHECK(used[e] <= 4000);
    if (met[e] == 1) CHECK(half[e] <= 0.015);
    if (met[e] == 0) CHECK(used[e] == 4000);
  }
  CHECK(*std::min_element(used.begin(), used.end()) < 4000);

  write_text_file(study, head + "precision: {measures: [attacked], half_width: 0}\n");
  const auto never = dir / "never.h5";
  const CommandResult r = run_detsim({"run", study.string(), "--quiet", "-o", never.string()}, dir);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 2);
  CHECK_THAT(r.err, Contains(study.string() + ":9:12: precision.half_width = 0: must be a number "
                                              "above 0"));
  CHECK_FALSE(std::filesystem::exists(never));
}
