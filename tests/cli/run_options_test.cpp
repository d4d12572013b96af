// `detsim run` options that shape the experiments: --structure and --set.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool has_column(const ColumnBlock& block, const std::string& name) {
  const auto names = column_names(block);
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("option --structure all runs the five shipped presets in order, one experiment each",
          "[cli][structure]") {
  const TempDir dir;
  const auto out = dir / "all.h5";
  const std::int64_t trials = 300;
  const CommandResult r = run_ok({"run", kUkraine.string(), "--structure", "all", "--trials",
                                  std::to_string(trials), "--threads", "2", "-o", out.string()},
                                 dir);

  const ColumnBlock e = read_table(out, "experiments");
  CHECK(e.str(e.index_of("structure")) == kShippedPresets);
  for (std::size_t i = 0; i < e.rows(); ++i) {
    INFO("experiment " << i);
    CHECK(e.number(e.index_of("experiment"), i) == static_cast<double>(i));
    CHECK(e.number(e.index_of("trials"), i) == static_cast<double>(trials));
    // Each experiment really runs its preset: only Article 5 binds the guarantors together.
    CHECK(e.number(e.index_of("collective"), i) == (kShippedPresets[i] == "nato_article5"));
  }

  const ColumnBlock t = read_table(out, "trials");
  REQUIRE(t.rows() == kShippedPresets.size() * trials);
  for (std::size_t x = 0; x < kShippedPresets.size(); ++x) {
    const auto& experiment = t.i32(t.index_of("experiment"));
    CHECK(std::count(experiment.begin(), experiment.end(), static_cast<std::int32_t>(x)) == trials);
  }
  const ResultsFileInfo info = read_results_info(out);
  CHECK(info.complete);
  CHECK(info.trials_completed == static_cast<std::int64_t>(kShippedPresets.size()) * trials);

  // The table's header names the experiments, in the file's order.
  const auto table = summary_table_lines(r.out);
  REQUIRE_FALSE(table.empty());
  const std::string& header = table.front();
  INFO("header: " << header);
  std::size_t from = 0;
  for (const std::string& name : kShippedPresets) {
    const std::size_t at = header.find(" " + name, from);
    CHECK(at != std::string::npos);
    if (at != std::string::npos) from = at + name.size();
  }
}

TEST_CASE("option --set overrides a scenario value and the resolved scenario records it",
          "[cli][set]") {
  const TempDir dir;
  const auto plain = dir / "plain.h5", changed = dir / "changed.h5";
  run_ok({"run", kInterfaceExample.string(), "--quiet", "-o", plain.string()}, dir);
  run_ok({"run", kInterfaceExample.string(), "--quiet", "--set", "actors.russia.war_cost=3",
          "--set", "honor_noise=0.125", "-o", changed.string()},
         dir);
  const std::string before = read_results_info(plain).scenario_yaml;
  const std::string after = read_results_info(changed).scenario_yaml;
  INFO("resolved scenario with the overrides:\n" << after);
  CHECK(contains(before, "war_cost: 2"));
  CHECK_FALSE(contains(before, "war_cost: 3"));
  CHECK(contains(after, "war_cost: 3"));
  CHECK_FALSE(contains(after, "war_cost: 2"));
  CHECK(contains(after, "honor_noise: 0.125"));
  const ColumnBlock e = read_table(changed, "experiments");
  CHECK(contains(e.str(e.index_of("resolved_yaml")).at(0), "war_cost: 3"));
}

TEST_CASE("option --set takes a YAML value: a distribution makes a drawn, recorded parameter",
          "[cli][set]") {
  const TempDir dir;
  const auto constant = dir / "constant.h5", drawn = dir / "drawn.h5";
  run_ok({"run", kInterfaceExample.string(), "--quiet", "--set", "actors.russia.resolve=0.6", "-o",
          constant.string()},
         dir);
  run_ok({"run", kInterfaceExample.string(), "--quiet", "--set",
          "actors.russia.resolve={beta: {mean: 0.4, concentration: 9}}", "-o", drawn.string()},
         dir);

  // A constant is not drawn, so it has no param column; the distribution has one.
  CHECK_FALSE(has_column(read_table(constant, "trials"), "param.actors.russia.resolve"));
  const ColumnBlock t = read_table(drawn, "trials");
  REQUIRE(has_column(t, "param.actors.russia.resolve"));
  const auto& resolve = t.f64(t.index_of("param.actors.russia.resolve"));
  REQUIRE(resolve.size() == 500);
  CHECK(std::all_of(resolve.begin(), resolve.end(), [](double x) { return x > 0 && x < 1; }));
  // Beta(mean 0.4, concentration 9): sd sqrt(0.4 * 0.6 / 10) = 0.155, so the mean of 500 draws
  // has a standard error of 0.0069; five of them is a bound that fails only on a wrong draw.
  const double mean = std::accumulate(resolve.begin(), resolve.end(), 0.0) / 500.0;
  CHECK(std::abs(mean - 0.4) < 5 * 0.0069);
  const std::string yaml = read_results_info(drawn).scenario_yaml;
  INFO(yaml);
  CHECK(contains(yaml, "concentration: 9"));
}

TEST_CASE("option --set guarantee.preset switches the structure, named with what the file changes",
          "[cli][set]") {
  const TempDir dir;
  const auto out = dir / "nato.h5";
  run_ok({"run", kInterfaceExample.string(), "--quiet", "--set", "guarantee.preset=nato_article5",
          "-o", out.string()},
         dir);
  const ColumnBlock e = read_table(out, "experiments");
  CHECK(e.str(e.index_of("preset")) == std::vector<std::string>{"nato_article5"});
  // The example's own guarantee settings stay on top of Article 5, and the name lists each that
  // departs from it (its sanctions 0.02 are Article 5's own, so they are not listed).
  CHECK(e.str(e.index_of("structure")) ==
        std::vector<std::string>{"nato_article5[collective=false,cohesion_shift=-0.05,"
                                 "united_states.defend=0.6,united_states.audience_cost=0.5,"
                                 "united_states.aid_per_month=0.01]"});
}

TEST_CASE("without -o the results go to SCENARIO_STEM.h5 in the working directory", "[cli][run]") {
  const TempDir dir;
  run_ok({"run", kInterfaceExample.string(), "--quiet", "--trials", "50"}, dir);
  const auto out = dir / "interface_example.h5";
  REQUIRE(std::filesystem::exists(out));
  CHECK(read_results_info(out).trials_completed == 50);
}

TEST_CASE("an output path that cannot be created exits 2 naming it and writes nothing",
          "[cli][run]") {
  const TempDir dir;
  write_text_file(dir / "plain_file", "not a directory\n");
  const auto out = dir / "plain_file" / "out.h5";
  const CommandResult r =
      run_detsim({"run", kInterfaceExample.string(), "--quiet", "-o", out.string()}, dir);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 2);
  CHECK(contains(r.err, (dir / "plain_file").string()));
  CHECK(read_text_file(dir / "plain_file") == "not a directory\n");
}
