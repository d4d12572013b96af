// Structures that say what they are, end to end: each experiment's name, lead and terms in
// /experiments and in the printed table, under another lead and under the scenario's own terms.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;
using Catch::Contains;

namespace {

ColumnBlock run_all(const TempDir& dir, const std::string& name,
                    const std::vector<std::string>& extra, std::string* printed = nullptr) {
  const auto out = dir / name;
  std::vector<std::string> args{"run", kUkraine.string(), "--structure", "all", "--trials",
                                "60",  "--threads",       "2",           "-o",  out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  const CommandResult r = run_detsim(args, dir);
  INFO("detsim stderr: " << r.err);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == 0);
  if (printed) *printed = r.out;
  return read_table(out, "experiments");
}

double value(const ColumnBlock& e, const std::string& column, std::size_t row) {
  return e.number(e.index_of(column), row);
}

const std::vector<std::string> kEuropeLeads{"--set", "actors.united_states.lead=false", "--set",
                                            "actors.european_allies.lead=true"};

}  // namespace

TEST_CASE("presets with another lead: named by it, the lead's terms on the new lead",
          "[cli][structure]") {
  const TempDir dir;
  std::string printed;
  const ColumnBlock us = run_all(dir, "us.h5", {});
  const ColumnBlock eu = run_all(dir, "eu.h5", kEuropeLeads, &printed);
  CHECK(us.str(us.index_of("structure")) == kShippedPresets);
  // The presets were written for the United States: under another lead the name says so.
  // `none` gives everyone the same and names nobody, so it keeps its name.
  const std::vector<std::string> expected{
      "none", "nato_article5[lead=european_allies]", "bilateral_pact[lead=european_allies]",
      "security_assistance[lead=european_allies]", "economic_diplomatic[lead=european_allies]"};
  CHECK(eu.str(eu.index_of("structure")) == expected);
  CHECK(eu.str(eu.index_of("preset")) == kShippedPresets);
  for (std::size_t i = 0; i < kShippedPresets.size(); ++i) {
    INFO(kShippedPresets[i]);
    CHECK(us.str(us.index_of("lead"))[i] == "united_states");
    CHECK(eu.str(eu.index_of("lead"))[i] == "european_allies");
    // The roles swap actors: what the US was promised as lead, Europe now is, and back.
    for (const char* term : {"defend", "audience_cost", "aid_per_month", "sanctions"}) {
      INFO(term);
      CHECK(value(eu, std::string("terms.european_allies.") + term, i) ==
            value(us, std::string("terms.united_states.") + term, i));
      CHECK(value(eu, std::string("terms.united_states.") + term, i) ==
            value(us, std::string("terms.european_allies.") + term, i));
    }
  }
  CHECK(value(eu, "terms.european_allies.defend", 2) == 0.5);  // Europe's pact now
  CHECK(value(eu, "terms.united_states.defend", 2) == 0.0);

  // The printed table heads its columns with those names and shows each one's lead and terms.
  const std::vector<std::string> lines = lines_of(printed);
  const auto line = [&](const std::string& start) {
    const auto found = std::find_if(lines.begin(), lines.end(),
                                    [&](const std::string& l) { return l.rfind(start, 0) == 0; });
    return found == lines.end() ? std::string() : *found;
  };
  CHECK_THAT(line("structure "), Contains("bilateral_pact[lead=european_allies]"));
  CHECK_THAT(line("lead "), Contains("european_allies"));
  CHECK_THAT(line("terms.european_allies.defend "), Contains("0.5"));
  CHECK_THAT(line("measure "), Contains("bilateral_pact[lead=european_allies]"));
}

TEST_CASE("scenario terms with --structure all: one distinct experiment per preset, named so",
          "[cli][structure]") {
  const TempDir dir;
  const ColumnBlock plain = run_all(dir, "plain.h5", {});
  const ColumnBlock own =
      run_all(dir, "own.h5", {"--set", "guarantee.terms.united_states.audience_cost=0.9"});
  const auto& names = own.str(own.index_of("structure"));
  REQUIRE(names.size() == kShippedPresets.size());
  CHECK(std::set<std::string>(names.begin(), names.end()).size() == names.size());
  for (std::size_t i = 0; i < kShippedPresets.size(); ++i) {
    INFO(names[i]);
    CHECK(names[i] == kShippedPresets[i] + "[united_states.audience_cost=0.9]");
    CHECK(value(own, "terms.united_states.audience_cost", i) == 0.9);
    // Everything else is the preset's: each experiment stays its structure plus the change.
    for (const std::string column :
         {"terms.united_states.defend", "terms.united_states.aid_per_month",
          "terms.european_allies.defend", "terms.european_allies.audience_cost", "collective",
          "cohesion_shift"}) {
      INFO(column);
      CHECK(value(own, column, i) == value(plain, column, i));
    }
  }
  // So the experiments still differ from one another, as their names say.
  CHECK(value(own, "terms.united_states.defend", 0) != value(own, "terms.united_states.defend", 1));
}

TEST_CASE("a preset with two guarantors and no lead is refused before anything is written",
          "[cli][structure]") {
  const TempDir dir;
  std::string text = read_text_file(kUkraine);
  text = replaced(text, "    lead: true\n", "");
  write_text_file(dir / "nolead.yaml", text);
  const auto out = dir / "out.h5";
  const CommandResult r = run_detsim(
      {"run", (dir / "nolead.yaml").string(), "--structure", "all", "-o", out.string()}, dir);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 2);
  CHECK_THAT(r.err, Contains((dir / "nolead.yaml").string() + ":"));
  CHECK_THAT(r.err, Contains(": actors: no guarantor says `lead: true`"));
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(files_beside(out).empty());
}
