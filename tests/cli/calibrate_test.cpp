// `detsim calibrate`: a value simulated at a known setting is recovered inside the posterior's
// 95% interval, narrower than the prior; the same seed gives the same posterior whatever the
// threads; a bad targets file is refused with FILE:LINE:COL and the field, exit 2, nothing run.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;
using Catch::Contains;

namespace {

const std::filesystem::path kPact =
    kSourceDir / "scenarios" / "calibration" / "defense_pact_post1945.yaml";

// Two years rather than ten and a myopic challenger: the recovery test's trials are cheap
// enough for the sanitizer build, and the honoring rule being fitted is the same.
const std::string kShortSettings =
    "    settings:\n"
    "      dynamics.challenger_discount: 0\n";

// A targets file fitting severity.war alone to one count on the shipped post-1945 scenario.
std::string targets_text(std::int64_t count, std::int64_t n) {
  return fmt::format(
      "detsim_targets: 1\n"
      "fit:\n"
      "  severity.war: {{range: [0.4, 1.2]}}\n"
      "targets:\n"
      "  honored:\n"
      "    source: simulated at severity.war = 0.8\n"
      "    period: none\n"
      "    unit: a simulated trial that tested the guarantor\n"
      "    scenario: {}\n"
      "    measure: honored_when_tested.guarantor\n"
      "    horizon_months: 24\n"
      "{}"
      "    count: {}\n"
      "    n: {}\n"
      "    fit: true\n"
      "  deters:\n"
      "    source: Leeds 2003\n"
      "    period: none\n"
      "    unit: trial\n"
      "    scenario: {}\n"
      "    measure: attacked\n"
      "    horizon_months: 24\n"
      "{}"
      "    direction: lower\n"
      "    versus: {{guarantee.terms.guarantor.defend: 0, "
      "guarantee.terms.guarantor.audience_cost: 0}}\n"
      "    fit: false\n",
      kPact.string(), kShortSettings, count, n, kPact.string(), kShortSettings);
}

struct Posterior {
  std::vector<double> values, weights;
};

Posterior read_posterior(const std::filesystem::path& file) {
  const ColumnBlock p = read_table(file, "posterior");
  return {p.f64(p.index_of("severity.war")), p.f64(p.index_of("weight"))};
}

double weighted_quantile(const Posterior& p, double q) {
  std::vector<std::size_t> order(p.values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return p.values[a] < p.values[b]; });
  double cumulative = 0;
  for (const std::size_t i : order) {
    cumulative += p.weights[i];
    if (cumulative >= q) return p.values[i];
  }
  return p.values[order.back()];
}

}  // namespace

TEST_CASE("calibrate recovers a severity simulated at a known value inside its 95% interval",
          "[cli][calibrate]") {
  const TempDir dir;
  // Pseudo-observed data: the model at severity.war = 0.8, 300 trials of another seed than the
  // calibration's; the count is what those trials gave, not a rounded expectation.
  const auto observed = dir / "observed.h5";
  run_with_status({"run", kPact.string(), "--set", "severity.war=0.8", "--set", "horizon_months=24",
                   "--set", "dynamics.challenger_discount=0", "--trials", "300", "--seed", "7",
                   "--quiet", "-o", observed.string()},
                  dir, 0);
  const ColumnBlock summary = read_table(observed, "summary");
  std::int64_t count = -1, n = -1;
  for (std::size_t r = 0; r < summary.rows(); ++r) {
    if (summary.str(summary.index_of("outcome"))[r] == "honored_when_tested.guarantor") {
      n = summary.i32(summary.index_of("n"))[r];
      count = std::llround(summary.f64(summary.index_of("mean"))[r] * static_cast<double>(n));
    }
  }
  INFO("observed " << count << " of " << n);
  REQUIRE(n >= 100);
  REQUIRE(count > 0);
  REQUIRE(count < n);

  const auto targets = dir / "targets.yaml";
  write_text_file(targets, targets_text(count, n));
  const auto out = dir / "posterior.h5";
  const CommandResult r = run_with_status(
      {"calibrate", kPact.string(), targets.string(), "-o", out.string(), "--particles", "60",
       "--generations", "4", "--trials", "150", "--seed", "11", "--threads", "2"},
      dir, 0);
  const Posterior p = read_posterior(out);
  REQUIRE(p.values.size() == 60);
  CHECK(std::accumulate(p.weights.begin(), p.weights.end(), 0.0) == Approx(1).margin(1e-12));
  const double lo = weighted_quantile(p, 0.025), hi = weighted_quantile(p, 0.975);
  INFO("95% interval [" << lo << ", " << hi << "]\n" << r.out << r.err);
  CHECK(lo <= 0.8);
  CHECK(hi >= 0.8);
  // The data, not the prior, made the interval: well under half the prior's width of 0.8.
  CHECK(hi - lo < 0.4);

  // The diagnostics and predictions the contract names, the held-out direction among them.
  const ColumnBlock generations = read_table(out, "calibration/generations");
  REQUIRE(generations.rows() >= 2);
  CHECK(std::isinf(generations.f64(generations.index_of("tolerance"))[0]));
  const ColumnBlock rows = read_table(out, "calibration/targets");
  REQUIRE(rows.rows() == 2);
  const auto& used = rows.i32(rows.index_of("used_in_fit"));
  const auto& name = rows.str(rows.index_of("target"));
  const auto& lo_pred = rows.f64(rows.index_of("predictive_lo"));
  const auto& hi_pred = rows.f64(rows.index_of("predictive_hi"));
  for (std::size_t t = 0; t < 2; ++t) {
    INFO(name[t]);
    CHECK(used[t] == (name[t] == "honored" ? 1 : 0));
    CHECK(lo_pred[t] <= hi_pred[t]);
  }
  CHECK(read_string_array_attribute(out, "posterior", "applies_to") ==
        std::vector<std::string>{"severity.war"});
}

TEST_CASE("calibrate gives the same posterior with 1 and 2 threads", "[cli][calibrate]") {
  const TempDir dir;
  const auto targets = dir / "targets.yaml";
  write_text_file(targets, targets_text(30, 60));
  const std::vector<std::string> common{
      "--particles", "20", "--generations", "2", "--trials", "40", "--seed", "3", "-q"};
  std::vector<ColumnBlock> posteriors;
  for (const char* threads : {"1", "2"}) {
    const auto out = dir / fmt::format("posterior_{}.h5", threads);
    std::vector<std::string> args{"calibrate",  kPact.string(), targets.string(), "-o",
                                  out.string(), "--threads",    threads};
    args.insert(args.end(), common.begin(), common.end());
    run_with_status(args, dir, 0);
    posteriors.push_back(read_table(out, "posterior"));
    posteriors.push_back(read_table(out, "calibration/targets"));
  }
  std::string difference;
  CHECK(identical_columns(posteriors[0], posteriors[2], difference));
  INFO(difference);
  CHECK(identical_columns(posteriors[1], posteriors[3], difference));
}

TEST_CASE("a bad targets file is refused at FILE:LINE:COL naming the field with exit 2",
          "[cli][calibrate]") {
  const TempDir dir;
  const auto targets = dir / "targets.yaml";
  // A count above its n (line 14), a misspelt key (line 16), and a direction with no versus.
  std::string text = targets_text(30, 20);
  text = replaced(text, "    fit: true\n", "    fti: true\n    fit: true\n");
  text = replaced(text, "    versus: ", "    versu: ");
  write_text_file(targets, text);
  const auto out = dir / "posterior.h5";
  const CommandResult r = run_with_status(
      {"calibrate", kPact.string(), targets.string(), "-o", out.string(), "-q"}, dir, 2);
  const std::string file = targets.string();
  CHECK_THAT(r.err, Contains(file + ":14:12: targets.honored.count = 30: must be at most n = 20"));
  CHECK_THAT(r.err, Contains(file + ":16:5: targets.honored.fti: unknown key"));
  CHECK_THAT(r.err, Contains("did you mean 'fit'?"));
  CHECK_THAT(r.err, Contains(file + ":28:5: targets.deters.versu: unknown key"));
  CHECK_THAT(r.err, Contains("targets.deters.versus is missing"));
  CHECK_FALSE(std::filesystem::exists(out));

  // A fitted target measured on another scenario than the one calibrated, and a measure the
  // scenario has not: each where it is written.
  write_text_file(targets, replaced(targets_text(3, 20), "measure: attacked", "measure: atacked"));
  const auto other = dir / "other.yaml";
  std::filesystem::copy_file(kPact, other);
  const CommandResult wrong_scenario = run_with_status(
      {"calibrate", other.string(), targets.string(), "-o", out.string(), "-q"}, dir, 2);
  CHECK_THAT(wrong_scenario.err, Contains(file + ":5:3: targets.honored.scenario"));
  const CommandResult wrong_measure = run_with_status(
      {"calibrate", kPact.string(), targets.string(), "-o", out.string(), "-q"}, dir, 2);
  CHECK_THAT(wrong_measure.err,
             Contains(file + ":22:14: targets.deters.measure = atacked: not a /summary measure"));
  CHECK_FALSE(std::filesystem::exists(out));
}
