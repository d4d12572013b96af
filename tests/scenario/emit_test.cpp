// emit_scenario_yaml writes the resolved scenario so that loading it gives back an equal one.
#include <cmath>
#include <limits>

#include "scenario_test_support.hpp"

using namespace detsim;

namespace {

const char* const everything = R"(detsim: 1
name: "round: trip"
description: 'US–Ukraine pact, "quoted" # not a comment'
horizon_months: 36
trials: 1234
seed: 18446744073709551615
rationality: {triangular: [0.5, 2, 10]}
honor_noise: 0.1
severity: {probe: 0.1, war: {beta: {mean: 0.7, concentration: 12}}, aid: 0.30000000000000004}
dynamics:
  belief_grid: 300
  forecast_months: 9
  front_speed: {normal: {mean: 0.02, sd: 0.005, min: 0}}
  cohesion_initial: 0.123456789012345678
  exhaustion: 1e-300
actors:
  russia:
    role: challenger
    capability: 1.0
    resolve: {beta: {mean: {uniform: [0.3, 0.7]}, concentration: {triangular: [4, 8, 20]}}}
    stake: 2
    war_cost: 0
    nuclear: true
    can_probe: false
  ukraine: {role: target, capability: 0.4, territory: 0.8}
  allies: {role: guarantor, capability: 0.9, credibility: {normal: {mean: 0.5, sd: 0.2, min: 0, max: 1}}}
  united_states:
    role: guarantor
    lead: true
    elections: {every_months: 48, first_month: 26, resolve_after_flip: {uniform: [0.1, 0.4]}}
guarantee:
  preset: bilateral_pact
  terms:
    allies: {audience_cost: 1.7}
output: {record_paths: 12}
precision: {measures: [attacked, honored_when_tested.allies], half_width: 0.015, step: 500}
)";

}  // namespace

TEST_CASE("emit then load gives back an equal scenario") {
  test::TestPresets presets;
  const Scenario original = test::load(everything);
  const std::string yaml = emit_scenario_yaml(original);
  INFO(yaml);
  const Scenario again = load_scenario_text(yaml, "emitted.yaml");
  test::check_same(original, again);
  // And the emitted text is a fixed point.
  CHECK(emit_scenario_yaml(again) == yaml);
}

TEST_CASE("emitted YAML expands the preset into explicit terms for every guarantor") {
  test::TestPresets presets;
  const Scenario original = test::load(everything);
  const std::string yaml = emit_scenario_yaml(original);
  CHECK_THAT(yaml, Catch::Contains("preset: bilateral_pact"));
  // Terms in the order of kTerms; a term added later (last) leaves these prefixes as they are.
  CHECK_THAT(yaml, Catch::Contains("allies: {defend: 0, audience_cost: 1.7, aid_per_month: 0.002, "
                                   "sanctions: 0.03"));
  CHECK_THAT(yaml, Catch::Contains("united_states: {defend: 0.8, audience_cost: 0.4, "
                                   "aid_per_month: 0.005, sanctions: 0.01"));
  // Loading the emitted text under a preset with different terms changes nothing: the explicit
  // terms win field by field.
  presets.dir.write(
      "bilateral_pact.yaml",
      "detsim_preset: 1\ncollective: true\ncohesion_shift: 0.5\n"
      "lead: {defend: 0.1, audience_cost: 0.1, aid_per_month: 0.1, sanctions: 0.1}\n"
      "others: {defend: 0.9, audience_cost: 0.9, aid_per_month: 0.9, sanctions: 0.9}\n");
  test::check_same(original, load_scenario_text(yaml, "emitted.yaml"));
}

TEST_CASE("emitted numbers are exact and infinity is .inf") {
  Scenario s = test::load(test::minimal_scenario());
  s.honor_noise = Quantity::constant(0.1 + 0.2);
  s.severity.war = Quantity::constant(std::nextafter(0.7, 1.0));
  s.dynamics.exhaustion = Quantity::constant(std::numeric_limits<double>::denorm_min());
  const std::string yaml = emit_scenario_yaml(s);
  CHECK_THAT(yaml, Catch::Contains("rationality: .inf"));
  CHECK_THAT(yaml, Catch::Contains("honor_noise: 0.30000000000000004"));
  const Scenario again = load_scenario_text(yaml, "emitted.yaml");
  CHECK(again.honor_noise.value == 0.1 + 0.2);
  CHECK(again.severity.war.value == std::nextafter(0.7, 1.0));
  CHECK(again.dynamics.exhaustion.value == std::numeric_limits<double>::denorm_min());
  CHECK(std::isinf(again.rationality.value));
  test::check_same(s, again);
}

TEST_CASE("a scenario without guarantors or preset round-trips") {
  const Scenario s = test::load(test::minimal_scenario());
  test::check_same(s, load_scenario_text(emit_scenario_yaml(s), "emitted.yaml"));
}

TEST_CASE(
    "emitted YAML reads the same in YAML 1.1 readers: exponents have a point, typed-looking text "
    "is quoted") {
  Scenario s = test::load(test::minimal_scenario() + "  on: {role: guarantor}\n");
  s.name = "no";
  s.description = "1.5";
  s.dynamics.nuclear_from_war = Quantity::constant(0.0005);
  s.dynamics.exhaustion = Quantity::constant(1e20);
  const std::string yaml = emit_scenario_yaml(s);
  CHECK_THAT(yaml, Catch::Contains("nuclear_from_war: 5.0e-04"));
  CHECK_THAT(yaml, Catch::Contains("exhaustion: 1.0e+20"));
  CHECK_THAT(yaml, Catch::Contains("name: \"no\""));
  CHECK_THAT(yaml, Catch::Contains("description: \"1.5\""));
  CHECK_THAT(yaml, Catch::Contains("\"on\":"));
  test::check_same(s, load_scenario_text(yaml, "emitted.yaml"));
}
