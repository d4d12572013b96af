// `detsim run` end to end: the summary table on stdout and the results file INTERFACE.md
// describes, read back through the library's reader.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

bool has_column(const ColumnBlock& block, const std::string& name) {
  const auto names = column_names(block);
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("run on INTERFACE.md's example writes every documented attribute, group and column",
          "[cli][run]") {
  const TempDir dir;
  const auto out = dir / "pact.h5";
  const std::int64_t trials = 500;  // tests/data/interface_example.yaml says so
  const CommandResult r = run_detsim({"run", kInterfaceExample.string(), "-o", out.string()}, dir);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == 0);
  REQUIRE(std::filesystem::exists(out));
  CHECK(files_beside(dir / "pact.h5").empty());
  // stderr is not a terminal here: progress comes in full lines, never rewritten in place.
  CHECK(r.err.find('\r') == std::string::npos);
  CHECK(r.err.find(out.string()) != std::string::npos);

  SECTION("root attributes and /scenario") {
    const ResultsFileInfo info = read_results_info(out);
    CHECK_FALSE(info.detsim_version.empty());
    CHECK(info.schema_version == 1);
    CHECK(std::regex_match(info.created_utc, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    CHECK(info.command_line.find("run") != std::string::npos);
    CHECK(info.command_line.find(kInterfaceExample.string()) != std::string::npos);
    CHECK(info.seed == 20261126U);
    CHECK(info.complete);
    CHECK(info.trials_completed == trials);
    // The resolved scenario: the example's own values and the preset it names.
    CHECK(info.scenario_yaml.find("russia") != std::string::npos);
    CHECK(info.scenario_yaml.find("bilateral_pact") != std::string::npos);
  }

  SECTION("/experiments: one row, bilateral_pact with the example's own US terms") {
    const ColumnBlock e = read_table(out, "experiments");
    REQUIRE(e.rows() == 1);
    // The example overrides three of the pact's US terms (its sanctions are the pact's own) and
    // pushes cohesion by -0.05 a year, where the preset no longer does (issue 10).
    CHECK(e.str(e.index_of("structure")) ==
          std::vector<std::string>{"bilateral_pact[cohesion_shift=-0.05,"
                                   "united_states.defend=0.6,"
                                   "united_states.audience_cost=0.5,"
                                   "united_states.aid_per_month=0.01]"});
    CHECK(e.str(e.index_of("preset")) == std::vector<std::string>{"bilateral_pact"});
    CHECK(e.str(e.index_of("lead")) == std::vector<std::string>{"united_states"});
    CHECK(e.number(e.index_of("trials"), 0) == trials);
    CHECK(e.number(e.index_of("terms.united_states.defend"), 0) == 0.6);
    CHECK(e.number(e.index_of("terms.european_allies.aid_per_month"), 0) == 0.003);
    CHECK(e.number(e.index_of("cohesion_shift"), 0) == -0.05);
  }

  SECTION("/trials: the documented columns, all of length trials, each described") {
    const ColumnBlock t = read_table(out, "trials");
    CHECK(t.rows() == static_cast<std::size_t>(trials));
    for (std::size_t c = 0; c < t.columns(); ++c) {
      INFO("column " << t.schema()[c].name);
      CHECK(column_length(t, c) == static_cast<std::size_t>(trials));
      CHECK_FALSE(t.schema()[c].description.empty());
    }
    for (const std::string name :
         {"experiment", "trial", "attacked", "attack_month", "war_months", "max_escalation",
          "outcome", "territory", "cohesion", "tested.united_states", "honored.united_states",
          "cost.russia", "credibility.united_states", "param.actors.russia.resolve"}) {
      INFO("column " << name);
      CHECK(has_column(t, name));
    }
    // Values keep their documented meaning: one experiment, trials numbered from 0, attack_month
    // -1 exactly when there was no attack, outcome a code into outcome_labels.
    const auto labels = read_string_array_attribute(out, "trials", "outcome_labels");
    CHECK(labels.size() == 5);
    std::set<double> trial_numbers;
    for (std::size_t r = 0; r < t.rows(); ++r) {
      INFO("row " << r);
      CHECK(t.number(t.index_of("experiment"), r) == 0);
      trial_numbers.insert(t.number(t.index_of("trial"), r));
      const bool attacked = t.number(t.index_of("attacked"), r) != 0;
      CHECK((t.number(t.index_of("attack_month"), r) == -1) == !attacked);
      const double outcome = t.number(t.index_of("outcome"), r);
      CHECK(outcome >= 0);
      CHECK(outcome < static_cast<double>(labels.size()));
      const double resolve = t.number(t.index_of("param.actors.russia.resolve"), r);
      CHECK(resolve > 0);
      CHECK(resolve < 1);
    }
    CHECK(trial_numbers.size() == static_cast<std::size_t>(trials));
    CHECK(*trial_numbers.begin() == 0);
    CHECK(*trial_numbers.rbegin() == static_cast<double>(trials - 1));
  }

  SECTION("/measures: one definition per /summary measure, each reading a /trials column") {
    const ColumnBlock m = read_table(out, "measures");
    const ColumnBlock t = read_table(out, "trials");
    const ColumnBlock s = read_table(out, "summary");
    REQUIRE(m.rows() > 0);
    const auto& names = m.str(m.index_of("measure"));
    const auto& outcomes = s.str(s.index_of("outcome"));  // one experiment: one row per measure
    CHECK(std::vector<std::string>(outcomes.begin(), outcomes.end()) == names);
    for (std::size_t r = 0; r < m.rows(); ++r) {
      INFO("measure " << names[r]);
      CHECK(has_column(t, m.str(m.index_of("column"))[r]));
      const std::string& given = m.str(m.index_of("given"))[r];
      CHECK((given.empty() || has_column(t, given)));
      CHECK(s.str(s.index_of("kind"))[r] == m.str(m.index_of("kind"))[r]);
      CHECK(s.str(s.index_of("description"))[r] == m.str(m.index_of("description"))[r]);
    }
  }

  SECTION("/summary: the documented columns; stdout prints its measures with intervals") {
    const ColumnBlock s = read_table(out, "summary");
    for (const std::string name : {"experiment", "outcome", "mean", "ci_low", "ci_high", "n"}) {
      INFO("column " << name);
      CHECK(has_column(s, name));
    }
    REQUIRE(s.rows() > 0);
    const auto& measures = s.str(s.index_of("outcome"));
    CHECK(std::find(measures.begin(), measures.end(), "attacked") != measures.end());
    for (std::size_t r = 0; r < s.rows(); ++r) {
      INFO("measure " << measures[r]);
      CHECK(s.number(s.index_of("experiment"), r) == 0);
      CHECK(s.number(s.index_of("n"), r) <= static_cast<double>(trials));
      const double mean = s.number(s.index_of("mean"), r);
      // The interval holds the estimate. The tolerance allows for sim/stats/intervals.cpp's
      // Wilson bounds, which miss 0 and 1 by about 1e-18 when no or every trial succeeds.
      if (!std::isnan(mean)) {
        CHECK(s.number(s.index_of("ci_low"), r) <= mean + 1e-12);
        CHECK(mean <= s.number(s.index_of("ci_high"), r) + 1e-12);
      }
    }

    const auto table = summary_table_lines(r.out);
    REQUIRE(table.size() == s.rows() + 1);  // one experiment: a row per measure, and the header
    CHECK(table.front().find("bilateral_pact[") != std::string::npos);
    for (std::size_t i = 0; i < s.rows(); ++i) {
      INFO("table line " << table[i + 1]);
      CHECK(table[i + 1].rfind(measures[i] + " ", 0) == 0);
    }
    CHECK(r.out.find("[") != std::string::npos);
    const std::string attacked_line = *std::find_if(
        table.begin(), table.end(), [](auto& l) { return l.rfind("attacked ", 0) == 0; });
    CHECK(std::regex_search(attacked_line, std::regex(R"(\d\.\d+ \[\d\.\d+, \d\.\d+\])")));
  }

  SECTION("/paths: the first record_paths trials of a one-month run") {
    const ColumnBlock p = read_table(out, "paths");
    CHECK(p.rows() == 200);
    CHECK_FALSE(read_string_array_attribute(out, "paths/territory", "description").empty());
  }
}

TEST_CASE("run on the 120-month Ukraine scenario records monthly paths", "[cli][run]") {
  const TempDir dir;
  const auto out = dir / "ukraine.h5";
  const CommandResult r = run_detsim({"run", kUkraine.string(), "--trials", "200", "--threads", "2",
                                      "--quiet", "-o", out.string()},
                                     dir);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == 0);
  CHECK(r.out.empty());  // --quiet: no table

  const ResultsFileInfo info = read_results_info(out);
  CHECK(info.complete);
  CHECK(info.trials_completed == 200);
  CHECK(read_table(out, "trials").rows() == 200);

  // read_table gives the 1-D columns of /paths; each 2-D series is checked by its description.
  const ColumnBlock p = read_table(out, "paths");
  CHECK(column_names(p) == std::vector<std::string>{"experiment", "trial"});
  REQUIRE(p.rows() == 200);  // record_paths: 200
  for (std::size_t r = 0; r < p.rows(); ++r) {
    CHECK(p.number(p.index_of("experiment"), r) == 0);
    CHECK(p.number(p.index_of("trial"), r) == static_cast<double>(r));
  }
  for (const std::string variable :
       {"territory", "escalation", "cohesion", "aid_stock", "cost.russia", "cost.ukraine",
        "credibility.united_states", "cost.united_states", "credibility.european_allies",
        "cost.european_allies"}) {
    INFO("/paths/" << variable);
    CHECK_FALSE(read_string_array_attribute(out, "paths/" + variable, "description").empty());
  }
}
