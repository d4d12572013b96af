// Same seed, same scenario, same version: bit-identical trial columns whatever --threads is
// (INTERFACE.md), each trial's values independent of --block-size; another seed, other trials.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

// Two experiments of 400 trials over 120 months, so blocks of both experiments are in flight at
// once. burden_share_allies is NaN under "none" (no guarantor pays anything) and a number under
// nato_article5, so NaN positions are compared too.
std::filesystem::path run_ukraine(const TempDir& dir, const std::string& name,
                                  const std::vector<std::string>& extra) {
  const auto out = dir / name;
  std::vector<std::string> args{
      "run",         kUkraine.string(), "--trials", "400", "--structure", "none",
      "--structure", "nato_article5",   "--quiet",  "-o",  out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  const CommandResult r = run_detsim(args, dir);
  INFO("detsim stderr: " << r.err);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == 0);
  return out;
}

}  // namespace

TEST_CASE("the same seed gives bit-identical trial columns whatever --threads is",
          "[cli][reproducibility]") {
  const TempDir dir;
  // Blocks of 50: 16 blocks, which two threads finish in an order of their own.
  const auto one = run_ukraine(dir, "one.h5", {"--threads", "1", "--block-size", "50"});
  const auto two = run_ukraine(dir, "two.h5", {"--threads", "2", "--block-size", "50"});

  const ColumnBlock a = read_table(one, "trials"), b = read_table(two, "trials");
  REQUIRE(a.rows() == 800);
  const auto& share = a.f64(a.index_of("burden_share_allies"));
  CHECK(std::any_of(share.begin(), share.end(), [](double x) { return std::isnan(x); }));
  CHECK(std::any_of(share.begin(), share.end(), [](double x) { return !std::isnan(x); }));

  std::string difference;
  const bool trials_same = identical_columns(a, b, difference);
  INFO("/trials: " << difference);
  CHECK(trials_same);
  // The summary is reduced in trial order, and the recorded paths are chosen by trial number.
  const bool summary_same =
      identical_columns(read_table(one, "summary"), read_table(two, "summary"), difference);
  INFO("/summary: " << difference);
  CHECK(summary_same);
  const bool paths_same =
      identical_columns(read_table(one, "paths"), read_table(two, "paths"), difference);
  INFO("/paths: " << difference);
  CHECK(paths_same);
}

TEST_CASE("each trial's values do not depend on --block-size or --threads",
          "[cli][reproducibility]") {
  const TempDir dir;
  // The block size decides how the experiments' blocks interleave in the file (block_plan.hpp),
  // so rows are compared by (experiment, trial); what each trial holds must not change.
  const auto small = run_ukraine(dir, "small.h5", {"--threads", "2", "--block-size", "37"});
  const auto large = run_ukraine(dir, "large.h5", {"--threads", "1", "--block-size", "1000"});
  const ColumnBlock a = read_table(small, "trials"), b = read_table(large, "trials");
  REQUIRE(a.rows() == 800);
  std::string difference;
  const bool same = identical_columns(sorted_by_trial(a), sorted_by_trial(b), difference);
  INFO("/trials by (experiment, trial): " << difference);
  CHECK(same);
  const bool summary_same =
      identical_columns(read_table(small, "summary"), read_table(large, "summary"), difference);
  INFO("/summary: " << difference);
  CHECK(summary_same);
}

TEST_CASE("a single experiment's trial columns are bit-identical whatever --block-size is",
          "[cli][reproducibility]") {
  const TempDir dir;
  std::vector<std::filesystem::path> files;
  for (const std::string block : {"1000", "37"}) {
    const auto out = dir / ("block" + block + ".h5");
    const CommandResult r = run_detsim({"run", kInterfaceExample.string(), "--threads", "2",
                                        "--block-size", block, "--quiet", "-o", out.string()},
                                       dir);
    REQUIRE(r.exit.status == 0);
    files.push_back(out);
  }
  std::string difference;
  const bool same =
      identical_columns(read_table(files[0], "trials"), read_table(files[1], "trials"), difference);
  INFO("/trials: " << difference);
  CHECK(same);
}

TEST_CASE("a different --seed gives different trials", "[cli][reproducibility]") {
  const TempDir dir;
  const auto first = run_ukraine(dir, "first.h5", {"--threads", "2", "--seed", "17"});
  const auto second = run_ukraine(dir, "second.h5", {"--threads", "2", "--seed", "18"});
  const ColumnBlock a = read_table(first, "trials"), b = read_table(second, "trials");
  REQUIRE(a.rows() == b.rows());
  std::string difference;
  CHECK_FALSE(identical_columns(a, b, difference));
  // Not just some column: every drawn parameter comes from the new seed.
  const std::size_t c = a.index_of("param.actors.russia.resolve");
  const auto& x = a.f64(c);
  const auto& y = b.f64(c);
  std::size_t equal = 0;
  for (std::size_t r = 0; r < x.size(); ++r) equal += x[r] == y[r];
  CHECK(equal == 0);
  CHECK(read_results_info(first).seed == 17);
  CHECK(read_results_info(second).seed == 18);
}
