// A design point's scenario made again from the parsed file (ScenarioPoints) is the one its check
// (load_scenario_points) gave, and a bad point is still reported where it is written.
#include <string>
#include <vector>

#include "scenario_test_support.hpp"

using namespace detsim;
using detsim::test::TestPresets;

namespace {

// Two guarantors, a preset named and one given as a file beside the scenario, a random resolve
// and a precision section: every part a point's settings and structure reach.
const char* const scenario_text = R"(detsim: 1
trials: 400
actors:
  russia: {role: challenger, resolve: {beta: {mean: 0.6, concentration: 20}}}
  ukraine: {role: target}
  us: {role: guarantor, lead: true, capability: 2.0}
  eu: {role: guarantor}
guarantee: {preset: bilateral_pact}
precision: {half_width: {attack: 0.05}, step: 100}
)";

const char* const own_preset = R"(detsim_preset: 1
name: own
lead: {defend: 0.5}
others: {defend: 0.25}
)";

std::vector<std::vector<PointSetting>> design_points() {
  std::vector<std::vector<PointSetting>> points;
  for (int i = 0; i < 5; ++i) {
    points.push_back(
        {{"actors.russia.resolve.beta.mean=" + std::to_string(0.4 + 0.1 * i), "study.yaml:7:9"},
         {"dynamics.opportunity_volatility=" + std::to_string(0.05 * i), "study.yaml:8:9"},
         {"precision.step=" + std::to_string(50 * (i + 1)), "study.yaml:9:9"}});
  }
  return points;
}

}  // namespace

TEST_CASE("a point's scenario made again from the parsed file is the one its check gave",
          "[scenario][study]") {
  TestPresets presets;
  const auto file = presets.dir.write("study/scenario.yaml", scenario_text);
  const auto preset_file = presets.dir.write("study/own.yaml", own_preset);
  LoadOptions options;
  options.overrides = {"horizon_months=24"};
  const std::vector<std::optional<std::string>> structures{std::nullopt, "nato_article5",
                                                           preset_file.string()};
  const auto points = design_points();
  std::vector<std::vector<Scenario>> checked;
  load_scenario_points(file, structures, options, points,
                       [&](std::size_t, std::vector<Scenario>& s) { checked.push_back(s); });
  REQUIRE(checked.size() == points.size());

  // Where the file names its target's measure, as a parse places it (a copy of the parsed tree
  // keeps no positions of its own).
  const std::vector<std::string> where = load_scenario(file, options).precision->where;
  REQUIRE(where.size() == 1);
  CHECK(where.front() == file.string() + ":9:26");
  const ScenarioPoints made(file, options);
  for (std::size_t p = 0; p < points.size(); ++p) {
    for (std::size_t s = 0; s < structures.size(); ++s) {
      INFO("point " << p << ", structure " << s);
      const Scenario again = made.scenario(points[p], structures[s]);
      const Scenario& first = checked[p][s];
      CHECK(emit_scenario_yaml(again) == emit_scenario_yaml(first));
      CHECK(again.guarantee.structure == first.guarantee.structure);
      CHECK(again.guarantee.preset == first.guarantee.preset);
      CHECK(again.source == first.source);
      REQUIRE(again.precision);
      CHECK(again.precision->step == 50 * static_cast<std::int64_t>(p + 1));
      CHECK(again.precision->where == where);
      CHECK(first.precision->where == where);
    }
  }
  // The points differ where their settings do, so equality above is no accident.
  CHECK(emit_scenario_yaml(made.scenario(points[0], std::nullopt)) !=
        emit_scenario_yaml(made.scenario(points[1], std::nullopt)));
}

TEST_CASE("a bad design point is reported at its setting's place and its combination's",
          "[scenario][study]") {
  TestPresets presets;
  const auto file = presets.dir.write("scenario.yaml", scenario_text);
  std::vector<std::vector<PointSetting>> points = design_points();
  points[1][0] = {"actors.russia.resolve.beta.mean=1.5", "study.yaml:7:9"};
  points[3][1] = {"dynamics.opportunity_volatility=-1", "study.yaml:8:9"};
  std::string message;
  std::vector<std::size_t> passed;
  try {
    load_scenario_points(file, {std::nullopt}, {}, points,
                         [&](std::size_t p, std::vector<Scenario>&) { passed.push_back(p); });
  } catch (const InputError& e) {
    message = e.what();
  }
  // Each message names the setting's own place; no point after the first bad one is handed on.
  CHECK(message.find("study.yaml:7:9: actors.russia.resolve.beta.mean") != std::string::npos);
  CHECK(message.find("study.yaml:8:9: dynamics.opportunity_volatility") != std::string::npos);
  CHECK(passed == std::vector<std::size_t>{0});
  // Made again, a point that never passed its check is a logic error, not a scenario.
  const ScenarioPoints made(file, {});
  CHECK_THROWS_AS(made.scenario(points[1], std::nullopt), std::logic_error);
}
