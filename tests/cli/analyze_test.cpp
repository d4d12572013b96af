// `detsim analyze`: sensitivity indices of a study's file, written to /sensitivity without
// touching the rest of the file, the same on every run of it; files without a Sobol or Morris
// design refused.
#include <catch2/catch.hpp>

#include <set>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;
using Catch::Matchers::Contains;

namespace {

std::filesystem::path sobol_study(const TempDir& dir) {
  const auto path = dir.path() / "sobol_study.yaml";
  write_text_file(path,
                  "detsim_study: 1\n"
                  "scenario: " +
                      kUkraine.string() +
                      "\n"
                      "design:\n"
                      "  method: sobol\n"
                      "  n: 16\n"
                      "  factors:\n"
                      "    actors.russia.resolve.beta.mean: {range: [0.3, 0.8]}\n"
                      "    guarantee.terms.united_states.audience_cost: {range: [0, 1]}\n"
                      "  structures: [bilateral_pact]\n"
                      "  trials: 100\n");
  return path;
}

}  // namespace

TEST_CASE("analyze writes every headline measure's Sobol indices and leaves the rest alone",
          "[cli][analyze]") {
  const TempDir dir;
  const auto out = (dir.path() / "sobol.h5").string();
  REQUIRE(run_detsim({"run", sobol_study(dir).string(), "--set", "horizon_months=36", "--quiet",
                      "-o", out},
                     dir)
              .exit.status == 0);
  const ColumnBlock trials_before = read_table(out, "trials");

  const CommandResult first = run_detsim({"analyze", out}, dir);
  INFO(first.err);
  REQUIRE(first.exit.status == 0);
  CHECK_THAT(first.out, Contains("sobol design, 64 points, 2 factors"));
  CHECK_THAT(first.out, Contains("attacked under bilateral_pact"));
  const ColumnBlock s = read_table(out, "sensitivity");
  const auto& measure = s.str(s.index_of("measure"));
  const auto& index = s.str(s.index_of("index"));
  CHECK(std::set<std::string>(index.begin(), index.end()) == std::set<std::string>{"S1", "ST"});
  const std::set<std::string> measures(measure.begin(), measure.end());
  CHECK(measures.count("attacked") == 1);
  CHECK(measures.count("cost.united_states") == 1);
  CHECK(s.rows() == measures.size() * 2 * 2);  // two factors, two indices each
  bool noisy = false;
  for (std::size_t r = 0; r < s.rows(); ++r) {
    INFO(measure[r] << " " << index[r]);
    CHECK(s.f64(s.index_of("ci_low"))[r] <= s.f64(s.index_of("ci_high"))[r]);
    noisy = noisy || s.f64(s.index_of("noise_share"))[r] > 0.05;
  }
  CHECK(noisy == (first.err.find("warning") != std::string::npos));

  // The rest of the file is as it was, and a second analysis gives the same intervals.
  std::string difference;
  CHECK(identical_columns(read_table(out, "trials"), trials_before, difference));
  CHECK(run_detsim({"summarize", out}, dir).exit.status == 0);
  REQUIRE(run_detsim({"analyze", out}, dir).exit.status == 0);
  CHECK(identical_columns(read_table(out, "sensitivity"), s, difference));
  CHECK(files_beside(out).empty());  // no temporary copy or lock left
}

TEST_CASE("analyze refuses a file without a Sobol or Morris design", "[cli][analyze]") {
  const TempDir dir;
  const auto plain = (dir.path() / "plain.h5").string();
  REQUIRE(run_detsim({"run", kUkraine.string(), "--trials", "20", "--quiet", "-o", plain}, dir)
              .exit.status == 0);
  const CommandResult r = run_detsim({"analyze", plain}, dir);
  CHECK(r.exit.status == 2);
  CHECK_THAT(r.err, Contains("no /design"));

  const auto sweep = (dir.path() / "sweep.h5").string();
  REQUIRE(
      run_detsim({"run", (kSourceDir / "scenarios/studies/us_audience_cost_sweep.yaml").string(),
                  "--trials", "10", "--quiet", "-o", sweep},
                 dir)
          .exit.status == 0);
  const CommandResult grid = run_detsim({"analyze", sweep}, dir);
  CHECK(grid.exit.status == 2);
  CHECK_THAT(grid.err, Contains("need a sobol or morris design"));
}
