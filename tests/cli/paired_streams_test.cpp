// Paired random numbers: an experiment's trials do not depend on its position among the
// experiments, trial t of every structure draws the same parameters, and /summary's differences
// from the baseline are paired trial by trial.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

std::filesystem::path run_structures(const TempDir& dir, const std::string& name,
                                     const std::vector<std::string>& structures,
                                     const std::string& baseline = "") {
  const auto out = dir / name;
  std::vector<std::string> args{"run",       kUkraine.string(), "--trials", "400",     "--threads",
                                "2",         "--block-size",    "50",       "--quiet", "-o",
                                out.string()};
  for (const std::string& s : structures) {
    args.push_back("--structure");
    args.push_back(s);
  }
  if (!baseline.empty()) {
    args.push_back("--baseline");
    args.push_back(baseline);
  }
  const CommandResult r = run_detsim(args, dir);
  INFO("detsim stderr: " << r.err);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == 0);
  return out;
}

// The /trials rows of the experiment running `structure`, in trial order, without the
// `experiment` column (the one thing its position may change).
ColumnBlock trials_of(const std::filesystem::path& file, const std::string& structure) {
  const ColumnBlock experiments = read_table(file, "experiments");
  std::int32_t index = -1;
  for (std::size_t r = 0; r < experiments.rows(); ++r) {
    if (experiments.str(experiments.index_of("structure"))[r] == structure) {
      index = experiments.i32(experiments.index_of("experiment"))[r];
    }
  }
  REQUIRE(index >= 0);
  const ColumnBlock all = read_table(file, "trials");
  const auto& experiment = all.i32(all.index_of("experiment"));
  const auto& trial = all.i32(all.index_of("trial"));
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < all.rows(); ++r) {
    if (experiment[r] == index) rows.push_back(r);
  }
  std::sort(rows.begin(), rows.end(),
            [&](std::size_t a, std::size_t b) { return trial[a] < trial[b]; });
  std::vector<ColumnInfo> schema;
  for (const ColumnInfo& c : all.schema()) {
    if (c.name != "experiment") schema.push_back(c);
  }
  ColumnBlock out(schema);
  out.resize(rows.size());
  for (std::size_t c = 0; c < schema.size(); ++c) {
    const std::size_t from = all.index_of(schema[c].name);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      switch (schema[c].type) {
        case ColumnType::f64: out.f64(c)[r] = all.f64(from)[rows[r]]; break;
        case ColumnType::i32: out.i32(c)[r] = all.i32(from)[rows[r]]; break;
        case ColumnType::i8: out.i8(c)[r] = all.i8(from)[rows[r]]; break;
        case ColumnType::i64: out.i64(c)[r] = all.i64(from)[rows[r]]; break;
        case ColumnType::str: out.str(c)[r] = all.str(from)[rows[r]]; break;
      }
    }
  }
  return out;
}

// The /summary row of (experiment, measure).
std::size_t summary_row(const ColumnBlock& summary, std::int32_t experiment,
                        const std::string& measure) {
  for (std::size_t r = 0; r < summary.rows(); ++r) {
    if (summary.i32(summary.index_of("experiment"))[r] == experiment &&
        summary.str(summary.index_of("outcome"))[r] == measure) {
      return r;
    }
  }
  FAIL("no /summary row for experiment " << experiment << ", measure " << measure);
  return 0;
}

}  // namespace

TEST_CASE("reversing the order of the experiments leaves each one's trials unchanged",
          "[cli][paired]") {
  const TempDir dir;
  const auto forward = run_structures(dir, "forward.h5", {"none", "nato_article5"});
  const auto reverse = run_structures(dir, "reverse.h5", {"nato_article5", "none"});
  for (const std::string structure : {"none", "nato_article5"}) {
    const ColumnBlock a = trials_of(forward, structure), b = trials_of(reverse, structure);
    REQUIRE(a.rows() == 400);
    std::string difference;
    const bool same = identical_columns(a, b, difference);
    INFO(structure << ": " << difference);
    CHECK(same);
  }
}

TEST_CASE("trial t of every structure draws the same parameters", "[cli][paired]") {
  const TempDir dir;
  const auto file = run_structures(dir, "all.h5", kShippedPresets);
  const ColumnBlock first = trials_of(file, kShippedPresets.front());
  std::vector<std::string> parameters;
  for (const ColumnInfo& c : first.schema()) {
    if (c.name.rfind("param.", 0) == 0) parameters.push_back(c.name);
  }
  REQUIRE(!parameters.empty());  // the shipped scenario draws resolves
  for (std::size_t s = 1; s < kShippedPresets.size(); ++s) {
    const ColumnBlock other = trials_of(file, kShippedPresets[s]);
    REQUIRE(other.rows() == first.rows());
    for (const std::string& name : parameters) {
      INFO(kShippedPresets[s] << " " << name);
      CHECK(other.f64(other.index_of(name)) == first.f64(first.index_of(name)));
    }
    // The structures differ in what happens: the pairing is of draws, not of outcomes.
    CHECK(other.f64(other.index_of("cohesion")) != first.f64(first.index_of("cohesion")));
  }
}

TEST_CASE("a structure that cannot change a trial differs from the baseline by exactly 0",
          "[cli][paired][summary]") {
  // nato_article5 under another name: the same terms, so every trial is the same trial.
  const TempDir dir;
  std::ifstream preset(kSourceDir / "scenarios" / "presets" / "nato_article5.yaml");
  std::stringstream text;
  text << preset.rdbuf();
  std::string yaml = text.str();
  const std::size_t name = yaml.find("name: nato_article5");
  REQUIRE(name != std::string::npos);
  yaml.replace(name, std::string("name: nato_article5").size(), "name: renamed_article5");
  write_text_file(dir / "renamed_article5.yaml", yaml);
  const auto file = run_structures(
      dir, "same.h5", {"none", "nato_article5", (dir / "renamed_article5.yaml").string()},
      "nato_article5");
  const ColumnBlock summary = read_table(file, "summary");
  const auto& experiment = summary.i32(summary.index_of("experiment"));
  const auto& pairing = summary.str(summary.index_of("pairing"));
  const auto& difference = summary.f64(summary.index_of("difference"));
  const auto& low = summary.f64(summary.index_of("difference_ci_low"));
  const auto& high = summary.f64(summary.index_of("difference_ci_high"));
  const auto& pairs = summary.i32(summary.index_of("difference_n"));
  const auto& n = summary.i32(summary.index_of("n"));
  std::size_t checked = 0;
  for (std::size_t r = 0; r < summary.rows(); ++r) {
    INFO("experiment " << experiment[r] << ", " << summary.str(summary.index_of("outcome"))[r]);
    CHECK(summary.i32(summary.index_of("baseline"))[r] == 1);
    if (experiment[r] == 1) {
      CHECK(pairing[r] == "baseline");
      CHECK(std::isnan(difference[r]));
      continue;
    }
    if (experiment[r] != 2) continue;
    // Every measure counts the same trials as the baseline's, conditional ones too.
    REQUIRE(pairing[r] == "paired");
    CHECK(pairs[r] == n[r]);
    if (pairs[r] == 0) {
      CHECK(std::isnan(difference[r]));
      continue;
    }
    CHECK(difference[r] == 0.0);
    if (pairs[r] >= 2) {
      CHECK(low[r] == 0.0);
      CHECK(high[r] == 0.0);
      ++checked;
    }
  }
  CHECK(checked >= 20);  // conditional measures (honored_when_tested, attack_month) among them
  // The run without commitments counts other trials for the conditional measures: unpaired.
  CHECK(pairing[summary_row(summary, 0, "attack_month")] == "unpaired");
  CHECK(pairing[summary_row(summary, 0, "attacked")] == "paired");
}

TEST_CASE("a paired difference has a narrower interval than the independent-sample one",
          "[cli][paired][summary]") {
  const TempDir dir;
  const auto file =
      run_structures(dir, "pairs.h5", {"nato_article5", "bilateral_pact", "security_assistance"},
                     "bilateral_pact");
  const ColumnBlock summary = read_table(file, "summary");
  const auto& mean = summary.f64(summary.index_of("mean"));
  const auto& ci_low = summary.f64(summary.index_of("ci_low"));
  const auto& ci_high = summary.f64(summary.index_of("ci_high"));
  for (const std::int32_t e : {0, 2}) {
    // attacked: a rate, against Newcombe's interval from the two Wilson intervals; cohesion and
    // cost.ukraine: means, against Welch's, whose half-width is the root sum of squares of the
    // two normal intervals' half-widths.
    for (const std::string measure : {"attacked", "cohesion", "cost.ukraine"}) {
      INFO("experiment " << e << ", " << measure);
      const std::size_t r = summary_row(summary, e, measure), b = summary_row(summary, 1, measure);
      REQUIRE(summary.str(summary.index_of("pairing"))[r] == "paired");
      CHECK(summary.f64(summary.index_of("difference"))[r] ==
            Approx(mean[r] - mean[b]).margin(1e-12));
      const double paired = summary.f64(summary.index_of("difference_ci_high"))[r] -
                            summary.f64(summary.index_of("difference_ci_low"))[r];
      const double unpaired = summary.str(summary.index_of("kind"))[r] == "rate"
                                  ? std::hypot(mean[r] - ci_low[r], ci_high[b] - mean[b]) +
                                        std::hypot(ci_high[r] - mean[r], mean[b] - ci_low[b])
                                  : std::hypot(ci_high[r] - ci_low[r], ci_high[b] - ci_low[b]);
      CHECK(paired > 0);
      CHECK(paired < unpaired);
    }
  }
}

TEST_CASE("a baseline that names no experiment of the run is refused", "[cli][paired][summary]") {
  const TempDir dir;
  const CommandResult r =
      run_detsim({"run", kUkraine.string(), "--trials", "10", "--quiet", "--structure", "none",
                  "--structure", "nato_article5", "--baseline", "bilateral_pact", "-o", "x.h5"},
                 dir);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 2);
  CHECK(r.err.find("--baseline bilateral_pact") != std::string::npos);
  CHECK(r.err.find("none, nato_article5") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "x.h5"));
}
