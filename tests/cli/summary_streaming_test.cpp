// A study of more design points than one /summary slice, run end to end: rows written while the
// run goes on (points stopped at their precision target or failed releasing the rows held
// behind them), and the precision columns of dropped points, equal what the file's own /trials
// give when summarized in one go, at 1 and 2 threads and two block sizes; killed partway and
// resumed, the run writes the same file.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/stats/measures.hpp"
#include "detsim/stats/summary.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

// 11 war costs x 12 audience costs: 132 points, two /summary slices and a part. A guarantor's war
// cost of 1e308 a month overflows to inf once it fights, so those of its 12 points where it
// fights fail (guarantors weigh no cost here, or none would fight at that price), some in their
// first block. Most points meet the target at 32 trials, some at 48, some never.
constexpr std::size_t kPoints = 132;
constexpr std::int32_t kCap = 64;
constexpr double kHalfWidth = 0.06;
constexpr double kFailingWarCost = 1e308;

std::filesystem::path write_study(const TempDir& dir) {
  const auto file = dir / "study.yaml";
  write_text_file(file, "detsim_study: 1\nscenario: " + kUkraine.string() +
                            "\n"
                            "design:\n"
                            "  method: grid\n"
                            "  factors:\n"
                            "    dynamics.guarantor_war_cost:\n"
                            "      levels: [0.02, 1e308, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, "
                            "0.09, 0.1, 0.11]\n"
                            "    guarantee.terms.united_states.audience_cost:\n"
                            "      levels: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, "
                            "1.1]\n"
                            "  structures: [nato_article5]\n"
                            "  trials: " +
                            std::to_string(kCap) +
                            "\n"
                            "precision: {measures: [attacked], half_width: " +
                            fmt::format("{}", kHalfWidth) + ", step: 16}\n");
  return file;
}

std::vector<std::string> study_run(const std::filesystem::path& study,
                                   const std::filesystem::path& out, int threads, int block_size) {
  return {"run",          study.string(),
          "--set",        "dynamics.cost_weight=0",
          "--set",        "horizon_months=12",
          "--set",        "output.record_paths=0",
          "--threads",    std::to_string(threads),
          "--block-size", std::to_string(block_size),
          "--quiet",      "-o",
          out.string()};
}

// A study run that ends with failed points: exit status 3.
void run_study(const std::filesystem::path& study, const std::filesystem::path& out, int threads,
               int block_size, const TempDir& dir) {
  run_with_status(study_run(study, out, threads, block_size), dir, 3);
}

// /summary and the precision and status columns of /experiments equal what the file's /trials
// give, summarized in one go by the library; there are points that stopped early, ran to their
// cap and failed.
void check_against_trials(const std::filesystem::path& out, int block_size) {
  const ColumnBlock experiments = read_table(out, "experiments");
  REQUIRE(experiments.rows() == kPoints);
  const ColumnBlock trials = sorted_by_trial(read_table(out, "trials"));
  const std::vector<Measure> measures = measures_from_table(read_table(out, "measures"));
  const auto& cap = experiments.i32(experiments.index_of("trials"));
  std::vector<std::int64_t> caps(cap.begin(), cap.end());
  std::vector<std::int32_t> counted(kPoints, 0);
  for (const std::int32_t e : trials.i32(trials.index_of("experiment"))) {
    ++counted[static_cast<std::size_t>(e)];
  }
  SummaryAccumulator whole(measures, caps, 0);
  for (std::size_t e = 0; e < kPoints; ++e) {
    if (counted[e] < cap[e]) whole.stop(e, counted[e]);
  }
  whole.add(trials);
  // The file's columns come in HDF5's (alphabetical) order.
  const ColumnBlock summary = read_table(out, "summary");
  const ColumnBlock recomputed = whole.table();
  ColumnBlock expected(summary.schema());
  expected.resize(recomputed.rows());
  for (std::size_t c = 0; c < summary.columns(); ++c) {
    expected.copy_column(c, recomputed, recomputed.index_of(summary.schema()[c].name));
  }
  std::string difference;
  const bool same = identical_columns(expected, summary, difference);
  INFO(difference);
  REQUIRE(same);

  const auto attacked =
      static_cast<std::size_t>(std::find_if(measures.begin(), measures.end(),
                                            [](const Measure& m) { return m.name == "attacked"; }) -
                               measures.begin());
  REQUIRE(attacked < measures.size());
  const auto& used = experiments.i32(experiments.index_of("trials_used"));
  const auto& met = experiments.i8(experiments.index_of("target_met"));
  const auto& half = experiments.f64(experiments.index_of("half_width.attacked"));
  const auto& status = experiments.str(experiments.index_of("status"));
  const auto& war_cost =
      experiments.f64(experiments.index_of("factor.dynamics.guarantor_war_cost"));
  std::size_t stopped = 0, capped = 0, failed = 0;
  for (std::size_t e = 0; e < kPoints; ++e) {
    INFO("experiment " << e);
    CHECK(used[e] == counted[e]);
    const double reached = whole.half_width(e, attacked);
    CHECK(half[e] == reached);
    CHECK(met[e] == (reached <= kHalfWidth ? 1 : 0));
    if (status[e] == "failed") {
      ++failed;
      CHECK(war_cost[e] == kFailingWarCost);
      CHECK(used[e] % block_size == 0);  // the blocks before its failing one
    } else {
      CHECK(status[e] == "ok");
    }
    stopped += status[e] == "ok" && used[e] < kCap;
    capped += status[e] == "ok" && used[e] == kCap;
  }
  CHECK(failed >= 2);
  CHECK(stopped > 0);
  CHECK(capped > 0);
}

// Two files of the same run hold the same /trials (in trial order), /summary and /experiments.
void check_same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::string difference;
  for (const std::string table : {"summary", "experiments"}) {
    INFO(table);
    const bool same = identical_columns(read_table(a, table), read_table(b, table), difference);
    INFO(difference);
    CHECK(same);
  }
  const bool same = identical_columns(sorted_by_trial(read_table(a, "trials")),
                                      sorted_by_trial(read_table(b, "trials")), difference);
  INFO(difference);
  CHECK(same);
}

}  // namespace

TEST_CASE("a study's streamed summary equals its trials' at 1 and 2 threads and 2 block sizes",
          "[cli][study][precision]") {
  const TempDir dir;
  const auto study = write_study(dir);
  for (const int block_size : {16, 8}) {
    INFO("blocks of " << block_size);
    const auto one = dir / fmt::format("t1_{}.h5", block_size);
    const auto two = dir / fmt::format("t2_{}.h5", block_size);
    run_study(study, one, 1, block_size, dir);
    run_study(study, two, 2, block_size, dir);
    check_against_trials(one, block_size);
    check_against_trials(two, block_size);
    check_same_file(one, two);
  }
}

TEST_CASE("a study killed in its last round of blocks resumes to the same file",
          "[cli][study][precision]") {
  const TempDir dir;
  const auto study = write_study(dir);
  const auto reference = dir / "reference.h5";
  run_study(study, reference, 2, 16, dir);
  // 4 rounds of 132 blocks (one of each point per round): by block 480 every point of the first
  // slice has stopped, failed or run its last block, so the killed run had written that slice
  // (to HDF5's cache: a run this short may never flush it), and the resumed one writes it again.
  const auto out = dir / "out.h5";
  ::setenv("DETSIM_TEST_KILL_AT", "journal-record:480", 1);
  const CommandResult killed = run_detsim(study_run(study, out, 2, 16), dir);
  ::unsetenv("DETSIM_TEST_KILL_AT");
  REQUIRE(killed.exit.signal == 9);
  CHECK_FALSE(std::filesystem::exists(out));
  std::vector<std::string> resume = study_run(study, out, 2, 16);
  resume.push_back("--resume");
  run_with_status(resume, dir, 3);
  check_same_file(reference, out);
  CHECK(files_beside(out).empty());
}
