// A scenario's precision section: measures with their half-widths (one number or a map), the
// step (1000, or the cap when smaller), where each measure is named; and every bad value at its
// line and column.
#include "scenario_test_support.hpp"

using namespace detsim;
using Catch::Contains;
using test::load_error;
using test::minimal_scenario;

TEST_CASE("a precision section gives each measure its half-width and the step its default") {
  const Scenario listed = test::load(minimal_scenario() +
                                     "trials: 5000\n"  // 5
                                     "precision:\n"    // 6
                                     "  measures: [attacked, cohesion]\n"
                                     "  half_width: 0.01\n");
  REQUIRE(listed.precision);
  CHECK(listed.precision->measures == std::vector<std::string>{"attacked", "cohesion"});
  CHECK(listed.precision->half_widths == std::vector<double>{0.01, 0.01});
  CHECK(listed.precision->step == 1000);
  CHECK(listed.precision->where == std::vector<std::string>{"test.yaml:7:14", "test.yaml:7:24"});

  const Scenario mapped =
      test::load(minimal_scenario() +
                 "trials: 400\n"
                 "precision: {half_width: {attacked: 0.02, war_months_if_war: 0.5}}\n");
  REQUIRE(mapped.precision);
  CHECK(mapped.precision->measures == std::vector<std::string>{"attacked", "war_months_if_war"});
  CHECK(mapped.precision->half_widths == std::vector<double>{0.02, 0.5});
  CHECK(mapped.precision->step == 400);  // the cap, below the default step

  CHECK_FALSE(test::load(minimal_scenario()).precision);
  // --trials (an override of trials) moves the cap the step is checked against.
  LoadOptions options;
  options.overrides = {"trials=100", "precision={measures: [attacked], half_width: 0.1}"};
  const Scenario overridden = test::load(minimal_scenario(), options);
  REQUIRE(overridden.precision);
  CHECK(overridden.precision->step == 100);
}

TEST_CASE("bad precision values are reported where they are written") {
  const std::string top = minimal_scenario() + "trials: 2000\n";  // lines 1-5
  CHECK_THAT(load_error(top + "precision: {measures: [attacked], half_width: 0}\n"),
             Contains("test.yaml:6:47: precision.half_width = 0: must be a number above 0"));
  CHECK_THAT(load_error(top + "precision: {half_width: {attacked: -0.1}}\n"),
             Contains("test.yaml:6:36: precision.half_width.attacked = -0.1: must be a number "
                      "above 0"));
  CHECK_THAT(load_error(top + "precision: {measures: [attacked], half_width: 0.1, step: 5000}\n"),
             Contains("test.yaml:6:58: precision.step = 5000: must be at most trials (2000), the "
                      "cap of each experiment"));
  CHECK_THAT(load_error(top + "precision: {measures: [attacked], half_width: 0.1, step: 0}\n"),
             Contains("test.yaml:6:58: precision.step = 0: must be an integer in [1, "));
  CHECK_THAT(load_error(top + "precision: {measures: [attacked, attacked], half_width: 0.1}\n"),
             Contains("test.yaml:6:34: precision.measures[1] = attacked: is named twice"));
  CHECK_THAT(load_error(top + "precision: {half_width: 0.1}\n"),
             Contains("precision.measures = {half_width: 0.1}: must be a list of one measure or "
                      "more"));
  CHECK_THAT(load_error(top + "precision: {measures: [attacked]}\n"),
             Contains("test.yaml:6:12: precision.half_width is missing"));
  CHECK_THAT(load_error(top + "precision: {measures: [a], half_width: {attacked: 0.1}}\n"),
             Contains("test.yaml:6:23: precision.measures: leave it out when half_width is a map"));
  CHECK_THAT(load_error(top + "precision: {measures: [attacked], half_width: 0.1, stpe: 100}\n"),
             Contains("test.yaml:6:52: precision.stpe: unknown key; did you mean 'step'?"));
}
