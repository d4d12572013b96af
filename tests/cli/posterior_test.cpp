// `detsim run --posterior`: a calibration's particles drawn trial by trial, as if the scenario held
// their values; paired across structures, the same whatever the threads, reproduced by rerun and
// guarded by resume; every bad posterior file refused with exit status 2. The posterior files are
// written by tests/cli/write_posterior.py (h5py) in the layout `detsim calibrate` writes.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

// Writes a posterior file from a JSON spec (see write_posterior.py).
std::filesystem::path write_posterior(const TempDir& dir, const std::string& name,
                                      const std::string& spec) {
  const auto out = dir / name;
  const CommandResult r =
      run_command({DETSIM_PYTHON, (kSourceDir / "tests" / "cli" / "write_posterior.py").string(),
                   out.string(), spec},
                  dir.path());
  INFO("write_posterior.py: " << r.err);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == 0);
  return out;
}

std::vector<std::string> ukraine_run(const std::string& out, const std::string& trials) {
  return {"run", kUkraine.string(), "--trials", trials, "--quiet", "-o", out};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// `table` without the named columns.
ColumnBlock without(const ColumnBlock& table, const std::vector<std::string>& names) {
  std::vector<ColumnInfo> schema;
  for (const ColumnInfo& c : table.schema()) {
    if (std::find(names.begin(), names.end(), c.name) == names.end()) schema.push_back(c);
  }
  ColumnBlock out(schema);
  out.resize(table.rows());
  for (std::size_t c = 0; c < schema.size(); ++c) {
    out.copy_column(c, table, table.index_of(schema[c].name));
  }
  return out;
}

}  // namespace

TEST_CASE("a posterior of one particle gives the trials --set gives with its values",
          "[cli][posterior]") {
  const TempDir dir;
  // honor_noise is a constant of the scenario, the US resolve's mean an argument of its beta.
  const auto posterior =
      write_posterior(dir, "one.h5",
                      R"({"applies_to": ["honor_noise", "actors.united_states.resolve.beta.mean"],
          "parameters": ["fitted.noise", "fitted.us_mean"],
          "values": [[0.125], [0.625]], "weights": [1.0]})");
  const auto drawn = (dir / "drawn.h5").string(), set = (dir / "set.h5").string();
  const std::vector<std::string> structures{"--structure", "none", "--structure", "bilateral_pact"};
  run_ok(with(ukraine_run(drawn, "300"),
              with(structures, {"--posterior", posterior.string(), "--threads", "2"})),
         dir);
  run_ok(with(ukraine_run(set, "300"),
              with(structures, {"--set", "honor_noise=0.125", "--set",
                                "actors.united_states.resolve.beta.mean=0.625"})),
         dir);
  const ColumnBlock a = sorted_by_trial(read_table(drawn, "trials"));
  const ColumnBlock b = sorted_by_trial(read_table(set, "trials"));
  REQUIRE(a.rows() == 600);
  // The posterior's paths are drawn values, so recorded; --set makes them constants.
  CHECK(a.f64(a.index_of("param.honor_noise")) == std::vector<double>(600, 0.125));
  CHECK(a.f64(a.index_of("param.actors.united_states.resolve.beta.mean")) ==
        std::vector<double>(600, 0.625));
  std::string difference;
  const bool same = identical_columns(
      without(a, {"param.honor_noise", "param.actors.united_states.resolve.beta.mean"}), b,
      difference);
  INFO(difference);
  CHECK(same);
  // Provenance: the file it was given and the digest of what it drew from.
  const ResultsFileInfo info = read_results_info(drawn);
  CHECK_THAT(info.posterior,
             Catch::StartsWith(posterior.string() + " (") && Catch::EndsWith(", 1 particles)"));
  const ColumnBlock copied = read_table(drawn, "posterior");
  CHECK(copied.f64(copied.index_of("fitted.us_mean")) == std::vector<double>{0.625});
}

TEST_CASE(
    "each particle is drawn with its weight, the same one at trial t under every structure, "
    "whatever the threads, and rerun draws them again",
    "[cli][posterior]") {
  const TempDir dir;
  const double w = 0.3;
  const auto posterior =
      write_posterior(dir, "two.h5",
                      R"({"applies_to": ["dynamics.settlement_rate", "actors.russia.war_cost"],
          "values": [[0.02, 0.08], [1.5, 2.5]], "weights": [0.3, 0.7]})");
  const std::vector<std::string> options{"--structure",    "none",        "--structure",
                                         "bilateral_pact", "--posterior", posterior.string()};
  const auto one = (dir / "one_thread.h5").string(), two = (dir / "two_threads.h5").string();
  run_ok(with(ukraine_run(one, "1000"), with(options, {"--threads", "1"})), dir);
  run_ok(with(ukraine_run(two, "1000"), with(options, {"--threads", "2", "--block-size", "37"})),
         dir);
  const ColumnBlock a = sorted_by_trial(read_table(one, "trials"));
  std::string difference;
  const bool same = identical_columns(a, sorted_by_trial(read_table(two, "trials")), difference);
  INFO(difference);
  CHECK(same);

  const ColumnBlock none = experiment_trials(a, 0), pact = experiment_trials(a, 1);
  const auto& rate = none.f64(none.index_of("param.dynamics.settlement_rate"));
  const auto& cost = none.f64(none.index_of("param.actors.russia.war_cost"));
  // Paired: trial t takes one particle in every structure, and a particle's values go together.
  CHECK(pact.f64(pact.index_of("param.dynamics.settlement_rate")) == rate);
  CHECK(pact.f64(pact.index_of("param.actors.russia.war_cost")) == cost);
  std::size_t first = 0;
  for (std::size_t t = 0; t < rate.size(); ++t) {
    REQUIRE(((rate[t] == 0.02 && cost[t] == 1.5) || (rate[t] == 0.08 && cost[t] == 2.5)));
    first += rate[t] == 0.02;
  }
  // The share of trials taking particle 0 is a binomial proportion: within 4 standard errors.
  const double n = static_cast<double>(rate.size());
  CHECK(std::abs(first / n - w) < 4 * std::sqrt(w * (1 - w) / n));
  // rerun: from the file alone (the posterior file gone), bit for bit.
  std::filesystem::remove(posterior);
  const auto again = (dir / "again.h5").string();
  run_ok({"rerun", one, "--experiment", "bilateral_pact", "-o", again, "--quiet"}, dir);
  const bool rerun_same =
      identical_columns(experiment_trials(read_table(again, "trials"), 0), pact, difference);
  INFO("rerun: " << difference);
  CHECK(rerun_same);
  CHECK_THAT(read_results_info(again).posterior, Catch::StartsWith(posterior.string() + " ("));
}

TEST_CASE("a resumed run refuses a posterior other than the interrupted run's",
          "[cli][posterior]") {
  const TempDir dir;
  const auto a = write_posterior(dir, "a.h5",
                                 R"({"applies_to": ["honor_noise"], "values": [[0.1, 0.2]],
                                     "weights": [0.5, 0.5]})");
  const auto b = write_posterior(dir, "b.h5",
                                 R"({"applies_to": ["honor_noise"], "values": [[0.1, 0.2]],
                                     "weights": [0.25, 0.75]})");
  const auto out = (dir / "out.h5").string();
  ::setenv("DETSIM_TEST_KILL_AT", "journal-created", 1);
  const CommandResult killed =
      run_detsim(with(ukraine_run(out, "100"), {"--posterior", a.string()}), dir);
  ::unsetenv("DETSIM_TEST_KILL_AT");
  REQUIRE(killed.exit.signal == 9);
  const CommandResult refused =
      run_detsim(with(ukraine_run(out, "100"), {"--posterior", b.string(), "--resume"}), dir);
  CHECK(refused.exit.status == 2);
  CHECK_THAT(refused.err, Catch::Contains("posterior differs"));
  run_ok(with(ukraine_run(out, "100"), {"--posterior", a.string(), "--resume"}), dir);
}

TEST_CASE("a bad posterior file is refused with exit status 2, naming the file and the fault",
          "[cli][posterior][errors]") {
  const TempDir dir;
  struct Case {
    std::string spec, expected;
  };
  const std::string good_values = R"("values": [[0.1, 0.2]], "weights": [0.5, 0.5])";
  const std::vector<Case> cases{
      {R"({"group": "other", "applies_to": ["honor_noise"], )" + good_values + "}",
       "no /posterior group"},
      {R"({"applies_to": ["honor_noise"], "omit": ["honor_noise"], )" + good_values + "}",
       "/posterior/honor_noise: missing"},
      {R"({"applies_to": ["honor_noise"], "omit": ["weight"], )" + good_values + "}",
       "/posterior/weight: missing"},
      {R"({"applies_to": ["honor_noise"], "omit": ["applies_to"], )" + good_values + "}",
       "no attribute applies_to"},
      {R"({"applies_to": ["honor_noise"], "values": [[0.1, 0.2]], "weights": [1.5, -0.5]})",
       "weight of particle 1 is -0.5"},
      {R"({"applies_to": ["honor_noise"], "values": [[0.1, 0.2]], "weights": [0.5, 0.4]})",
       "weights sum to 0.9"},
      {R"({"applies_to": ["dynamics.no_such_value"], )" + good_values + "}",
       "applies_to dynamics.no_such_value: experiment none has no numeric value drawn per trial"},
      {R"({"applies_to": ["dynamics.belief_grid"], )" + good_values + "}",
       "applies_to dynamics.belief_grid: experiment none has no numeric value"},
      {R"({"applies_to": ["honor_noise"], "values": [[0.1, -0.2]], "weights": [0.5, 0.5]})",
       "a particle's value of honor_noise is refused"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto file = write_posterior(dir, "bad" + std::to_string(i) + ".h5", cases[i].spec);
    const auto out = dir / ("out" + std::to_string(i) + ".h5");
    const CommandResult r =
        run_detsim(with(ukraine_run(out.string(), "10"), {"--posterior", file.string()}), dir);
    INFO(cases[i].spec << "\nstderr: " << r.err);
    CHECK(r.exit.status == 2);
    CHECK_THAT(r.err, Catch::Contains(file.string()) && Catch::Contains(cases[i].expected));
    CHECK_FALSE(std::filesystem::exists(out));
  }
  // A --set of a path the posterior sets would never take effect.
  const auto good =
      write_posterior(dir, "good.h5", R"({"applies_to": ["honor_noise"], )" + good_values + "}");
  const CommandResult overridden =
      run_detsim(with(ukraine_run((dir / "y.h5").string(), "10"),
                      {"--posterior", good.string(), "--set", "honor_noise=0.3"}),
                 dir);
  CHECK(overridden.exit.status == 2);
  CHECK_THAT(overridden.err,
             Catch::Contains("--set honor_noise=0.3") && Catch::Contains(good.string()));
  const CommandResult missing = run_detsim(
      with(ukraine_run((dir / "x.h5").string(), "10"), {"--posterior", "absent.h5"}), dir);
  CHECK(missing.exit.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("absent.h5"));
}

TEST_CASE(
    "a study draws from a posterior at every point, paired, and refuses a factor the "
    "posterior sets",
    "[cli][posterior][study]") {
  const TempDir dir;
  const auto sweep = kSourceDir / "scenarios" / "studies" / "us_audience_cost_sweep.yaml";
  const auto noise = write_posterior(dir, "noise.h5",
                                     R"({"applies_to": ["honor_noise"], "values": [[0.0, 0.2]],
                                         "weights": [0.5, 0.5]})");
  const auto out = (dir / "sweep.h5").string();
  run_ok({"run", sweep.string(), "--trials", "20", "--set", "horizon_months=12", "--posterior",
          noise.string(), "--quiet", "-o", out},
         dir);
  const ColumnBlock trials = sorted_by_trial(read_table(out, "trials"));
  const ColumnBlock first = experiment_trials(trials, 0);
  const auto& drawn = first.f64(first.index_of("param.honor_noise"));
  CHECK(std::count(drawn.begin(), drawn.end(), 0.0) + std::count(drawn.begin(), drawn.end(), 0.2) ==
        20);
  const ColumnBlock last = experiment_trials(trials, 21);
  CHECK(last.f64(last.index_of("param.honor_noise")) == drawn);

  const auto cost =
      write_posterior(dir, "cost.h5",
                      R"({"applies_to": ["guarantee.terms.united_states.audience_cost"],
          "values": [[0.1, 0.2]], "weights": [0.5, 0.5]})");
  const CommandResult refused = run_detsim({"run", sweep.string(), "--trials", "20", "--posterior",
                                            cost.string(), "--quiet", "-o", out + ".2"},
                                           dir);
  CHECK(refused.exit.status == 2);
  CHECK_THAT(refused.err, Catch::Contains("factor guarantee.terms.united_states.audience_cost") &&
                              Catch::Contains(cost.string()));
}
