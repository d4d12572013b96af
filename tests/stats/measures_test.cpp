// The summary measures as records: how a trial's value follows from one, what the accumulator
// makes of a block, that /measures holds the records as written, and that RESULTS.md names them.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "detsim/stats/summary.hpp"

using namespace detsim;

namespace {

Measure record(Transform transform, double threshold = 0, std::string given = "",
               Otherwise otherwise = Otherwise::skip) {
  return {"m", MeasureKind::rate, "", "x", transform, threshold, std::move(given), otherwise};
}

// A small /trials layout with one guarantor "g" and the columns the standard measures read.
std::vector<ColumnInfo> small_layout() {
  using C = ColumnType;
  std::vector<ColumnInfo> cols;
  for (const char* name :
       {"experiment", "trial", "attack_month", "probes", "war_months", "policy_flips"}) {
    cols.push_back({name, C::i32, "", ""});
  }
  for (const char* name : {"attacked", "max_escalation", "outcome", "tested.g", "honored.g"}) {
    cols.push_back({name, C::i8, "", ""});
  }
  for (const char* name : {"territory", "cohesion", "burden_share_allies", "cost.c", "cost.t",
                           "cost.g", "credibility.g", "believed_honor.g", "ambiguity.g"}) {
    cols.push_back({name, C::f64, "", ""});
  }
  return cols;
}

}  // namespace

TEST_CASE("a trial's value: the transform of its column, NaN and `given` deciding if it counts") {
  CHECK(measure_value(record(Transform::identity), 0.25, 0) == 0.25);
  CHECK(measure_value(record(Transform::equals, 3), 3, 0) == 1.0);
  CHECK(measure_value(record(Transform::equals, 3), 2, 0) == 0.0);
  CHECK(measure_value(record(Transform::at_least, 2), 2, 0) == 1.0);
  CHECK(measure_value(record(Transform::at_least, 2), 1, 0) == 0.0);
  CHECK(measure_value(record(Transform::nonzero), -4, 0) == 1.0);
  CHECK(measure_value(record(Transform::nonzero), 0, 0) == 0.0);
  CHECK(measure_value(record(Transform::absolute), -0.5, 0) == 0.5);
  CHECK_FALSE(measure_value(record(Transform::identity), NAN, 0));
  // Conditional (skip) and zero-filled (zero) measures.
  CHECK_FALSE(measure_value(record(Transform::identity, 0, "t"), 1, 0));
  CHECK(measure_value(record(Transform::identity, 0, "t"), 1, 1) == 1.0);
  CHECK(measure_value(record(Transform::equals, 0, "t", Otherwise::zero), 0, 0) == 0.0);
  CHECK(measure_value(record(Transform::equals, 0, "t", Otherwise::zero), 0, 1) == 1.0);
  CHECK_FALSE(measure_value(record(Transform::identity, 0, "t", Otherwise::zero), NAN, 0));
}

TEST_CASE("the accumulator counts what each standard measure counts, per experiment") {
  const std::vector<ColumnInfo> cols = small_layout();
  const std::vector<Measure> measures = standard_measures(cols, {"deterred", "lost"});
  ColumnBlock block(cols);
  block.resize(4);
  // Experiment 0: two trials; the first attacked and tested g, which backed down.
  block.i32(block.index_of("experiment")) = {0, 0, 1, 1};
  block.i8(block.index_of("attacked")) = {1, 0, 1, 1};
  block.i32(block.index_of("attack_month")) = {7, -1, 3, 5};
  block.i32(block.index_of("war_months")) = {4, 0, 0, 2};
  block.i8(block.index_of("tested.g")) = {1, 0, 1, 1};
  block.i8(block.index_of("honored.g")) = {0, 0, 1, 0};
  block.i8(block.index_of("outcome")) = {1, 0, 1, 1};
  block.f64(block.index_of("burden_share_allies")) = {NAN, 0.5, NAN, NAN};
  block.f64(block.index_of("ambiguity.g")) = {-0.25, 0.75, 0, 0};
  block.f64(block.index_of("believed_honor.g")) = {0.2, NAN, 0.4, 0.8};
  block.i32(block.index_of("trial")) = {0, 1, 0, 1};
  SummaryAccumulator summary(measures, {2, 2});
  summary.add(block);
  const ColumnBlock t = summary.table();
  REQUIRE(t.rows() == 2 * measures.size());
  const auto row = [&](std::int32_t e, const std::string& name) {
    for (std::size_t r = 0; r < t.rows(); ++r) {
      if (t.i32(0)[r] == e && t.str(1)[r] == name) return r;
    }
    FAIL("no row " << name);
    return std::size_t{0};
  };
  const auto mean = [&](std::int32_t e, const std::string& name) {
    return t.f64(t.index_of("mean"))[row(e, name)];
  };
  const auto n = [&](std::int32_t e, const std::string& name) {
    return t.i32(t.index_of("n"))[row(e, name)];
  };
  CHECK(mean(0, "attacked") == 0.5);
  CHECK(mean(0, "deterred") == 0.5);
  CHECK(mean(0, "war") == 0.5);
  CHECK(mean(0, "outcome.lost") == 0.5);
  CHECK(mean(1, "outcome.lost") == 1.0);
  CHECK(mean(0, "honored_when_tested.g") == 0.0);
  CHECK(n(0, "honored_when_tested.g") == 1);  // only the tested trial counts
  CHECK(mean(1, "honored_when_tested.g") == 0.5);
  CHECK(mean(0, "backed_down.g") == 0.5);  // tested and backed down, over every trial
  CHECK(n(0, "backed_down.g") == 2);
  CHECK(mean(0, "attack_month") == 7.0);  // among the attacked only
  CHECK(n(1, "war_months_if_war") == 1);
  CHECK(mean(1, "war_months_if_war") == 2.0);
  CHECK(n(0, "burden_share_allies") == 1);  // NaN is not counted
  CHECK(std::isnan(mean(1, "burden_share_allies")));
  CHECK(mean(0, "abs_ambiguity.g") == 0.5);
  CHECK(mean(0, "believed_honor.g") == 0.2);  // NaN: g promised nothing in that trial
  CHECK(n(0, "believed_honor.g") == 1);
  CHECK(mean(1, "believed_honor.g") == Approx(0.6));
  CHECK(t.str(t.index_of("kind"))[row(0, "cost.t")] == "mean");

  // Differences from experiment 0: attacked counts both trials in both, so is paired (per-trial
  // differences 0 and 1); attack_month counts trial 0 only in experiment 0, both in experiment 1.
  const auto text = [&](std::int32_t e, const std::string& name, const std::string& column) {
    return t.str(t.index_of(column))[row(e, name)];
  };
  const auto number = [&](std::int32_t e, const std::string& name, const std::string& column) {
    return t.number(t.index_of(column), row(e, name));
  };
  CHECK(text(0, "attacked", "pairing") == "baseline");
  CHECK(text(1, "attacked", "pairing") == "paired");
  CHECK(number(1, "attacked", "difference") == 0.5);
  CHECK(number(1, "attacked", "difference_n") == 2);
  CHECK(text(1, "attack_month", "pairing") == "unpaired");
  CHECK(number(1, "attack_month", "difference") == -3.0);  // 4 - 7
  CHECK(number(1, "attack_month", "difference_n") == 0);
  const std::string printed = format_summary_table(t, {"a", "b"});
  CHECK(printed.find("difference from a") != std::string::npos);
  CHECK(printed.find("+0.500 [") != std::string::npos);
  CHECK(printed.find("-3.000 u") != std::string::npos);  // Welch needs two trials in each

  // A slice of experiments (as /summary is written) is those experiments' rows of the whole,
  // value for value, differences from the baseline included.
  const ColumnBlock second = summary.table(1, 2);
  REQUIRE(second.rows() == measures.size());
  REQUIRE(second.columns() == t.columns());
  for (std::size_t r = 0; r < second.rows(); ++r) {
    for (std::size_t c = 0; c < t.columns(); ++c) {
      INFO("row " << r << ", column " << t.schema()[c].name);
      if (t.schema()[c].type == ColumnType::str) {
        CHECK(second.str(c)[r] == t.str(c)[measures.size() + r]);
      } else {
        const double a = second.number(c, r), b = t.number(c, measures.size() + r);
        CHECK((a == b || (std::isnan(a) && std::isnan(b))));
      }
    }
  }
  CHECK(summary.table(2, 5).rows() == 0);
}

TEST_CASE("/measures holds every record as written") {
  const std::vector<Measure> measures = standard_measures(small_layout(), {"deterred", "lost"});
  const ColumnBlock table = measures_table(measures);
  REQUIRE(table.rows() == measures.size());
  for (std::size_t i = 0; i < measures.size(); ++i) {
    INFO(measures[i].name);
    CHECK(table.str(table.index_of("measure"))[i] == measures[i].name);
    CHECK(table.str(table.index_of("column"))[i] == measures[i].column);
    CHECK(table.str(table.index_of("given"))[i] == measures[i].given);
    CHECK(table.f64(table.index_of("threshold"))[i] == measures[i].threshold);
    CHECK(table.str(table.index_of("description"))[i] == measures[i].description);
  }
  const auto& names = table.str(table.index_of("measure"));
  const std::size_t backed = static_cast<std::size_t>(
      std::find(names.begin(), names.end(), "backed_down.g") - names.begin());
  REQUIRE(backed < names.size());
  CHECK(table.str(table.index_of("transform"))[backed] == "equals");
  CHECK(table.str(table.index_of("otherwise"))[backed] == "zero");
  CHECK(table.str(table.index_of("kind"))[backed] == "rate");
}

TEST_CASE("docs/RESULTS.md names every standard measure") {
  std::ifstream in(std::string(DETSIM_SOURCE_DIR) + "/docs/RESULTS.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::size_t begin = doc.find("## `/summary`");
  REQUIRE(begin != std::string::npos);
  const std::string section = doc.substr(begin, doc.find("## `/paths`") - begin);
  for (const Measure& m : standard_measures(small_layout(), {"deterred", "lost"})) {
    // Per actor or per label, RESULTS.md writes the prefix and `<id>` or `<label>`.
    const std::size_t dot = m.name.find('.');
    std::string named = "`";
    named += dot == std::string::npos ? m.name + "`" : m.name.substr(0, dot + 1) + "<";
    INFO(m.name);
    CHECK(section.find(named) != std::string::npos);
  }
  // And every column of /summary.
  const SummaryAccumulator summary(standard_measures(small_layout(), {"deterred", "lost"}), {1});
  const ColumnBlock table = summary.table();
  for (const ColumnInfo& c : table.schema()) {
    INFO(c.name);
    CHECK(section.find("`" + c.name + "`") != std::string::npos);
  }
}

TEST_CASE("/measures reads back as the records it was written from") {
  const std::vector<Measure> measures = standard_measures(small_layout(), {"deterred", "lost"});
  ColumnBlock table = measures_table(measures);
  const std::vector<Measure> read = measures_from_table(table);
  REQUIRE(read.size() == measures.size());
  for (std::size_t i = 0; i < measures.size(); ++i) {
    INFO(measures[i].name);
    CHECK(read[i].name == measures[i].name);
    CHECK(read[i].kind == measures[i].kind);
    CHECK(read[i].description == measures[i].description);
    CHECK(read[i].column == measures[i].column);
    CHECK(read[i].transform == measures[i].transform);
    CHECK(read[i].threshold == measures[i].threshold);
    CHECK(read[i].given == measures[i].given);
    CHECK(read[i].otherwise == measures[i].otherwise);
  }
  table.str(table.index_of("transform"))[1] = "squared";  // from a newer detsim, say
  CHECK_THROWS_WITH(measures_from_table(table),
                    Catch::Contains("/measures/transform: row 1 holds 'squared'"));
}
