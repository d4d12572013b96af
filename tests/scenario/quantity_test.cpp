// The distribution factory: each form parses, each malformed form is rejected with its path,
// and ranges are checked on the support of the distribution.
#include <cmath>

#include "scenario_test_support.hpp"

using namespace detsim;

namespace {

// The russia actor's resolve set to `value` (flow YAML), loaded.
Quantity resolve_of(const std::string& value) {
  return test::load(test::minimal_scenario() + "  x: {role: guarantor, resolve: " + value + "}\n")
      .guarantors()[0]
      ->resolve;
}

// The error for `key: value` on a guarantor x; these tests check the path and the message, the
// positions are checked in error_messages_test.cpp.
std::string error_for(const std::string& key, const std::string& value) {
  return test::load_error(test::minimal_scenario() + "  x: {role: guarantor, " + key + ": " +
                          value + "}\n");
}

}  // namespace

TEST_CASE("each quantity form parses into its kind and arguments") {
  SECTION("a number") {
    const Quantity q = resolve_of("0.25");
    CHECK(q.is_constant());
    CHECK(q.value == 0.25);
  }
  SECTION("uniform") {
    const Quantity q = resolve_of("{uniform: [0.2, 0.9]}");
    REQUIRE(q.kind == DistributionKind::uniform);
    REQUIRE(q.args.size() == 2);
    CHECK(q.args[0].value == 0.2);
    CHECK(q.args[1].value == 0.9);
  }
  SECTION("beta") {
    const Quantity q = resolve_of("{beta: {mean: 0.4, concentration: 9}}");
    REQUIRE(q.kind == DistributionKind::beta);
    CHECK(q.args[0].value == 0.4);
    CHECK(q.args[1].value == 9);
  }
  SECTION("normal with bounds, stored as mean, sd, min, max") {
    const Quantity q = resolve_of("{normal: {max: 0.9, mean: 0.5, sd: 0.1, min: 0.1}}");
    REQUIRE(q.kind == DistributionKind::normal);
    REQUIRE(q.args.size() == 4);
    CHECK(q.args[0].value == 0.5);
    CHECK(q.args[1].value == 0.1);
    CHECK(q.args[2].value == 0.1);
    CHECK(q.args[3].value == 0.9);
  }
  SECTION("normal without bounds on an unbounded field defaults to -inf and +inf") {
    const Scenario s =
        test::load(test::minimal_scenario() +
                   "dynamics: {front_speed: {normal: {mean: 0.02, sd: 0.01, min: 0}}}\n"
                   "honor_noise: {normal: {mean: 0.1, sd: 0.05, min: 0}}\n");
    const Quantity& q = s.dynamics.front_speed;
    REQUIRE(q.kind == DistributionKind::normal);
    CHECK(q.args[2].value == 0.0);
    CHECK(std::isinf(q.args[3].value));
    CHECK(q.args[3].value > 0);
  }
  SECTION("triangular") {
    const Quantity q = resolve_of("{triangular: [0.1, 0.3, 0.8]}");
    REQUIRE(q.kind == DistributionKind::triangular);
    REQUIRE(q.args.size() == 3);
    CHECK(q.args[1].value == 0.3);
  }
  SECTION("parameters that are distributions themselves") {
    const Quantity q =
        resolve_of("{uniform: [{uniform: [0.1, 0.2]}, {triangular: [0.3, 0.5, 0.6]}]}");
    REQUIRE(q.kind == DistributionKind::uniform);
    CHECK(q.args[0].kind == DistributionKind::uniform);
    CHECK(q.args[1].kind == DistributionKind::triangular);
  }
  SECTION("YAML number spellings") {
    CHECK(resolve_of("1").value == 1.0);
    CHECK(resolve_of("+.5").value == 0.5);
    CHECK(resolve_of("5e-1").value == 0.5);
    CHECK(resolve_of("0x1").value == 1.0);
  }
}

TEST_CASE("rationality accepts .inf, a number and a distribution") {
  CHECK(test::load(test::minimal_scenario() + "rationality: 2.5\n").rationality.value == 2.5);
  CHECK(std::isinf(test::load(test::minimal_scenario() + "rationality: .Inf\n").rationality.value));
  CHECK(
      test::load(test::minimal_scenario() + "rationality: {uniform: [1, 10]}\n").rationality.kind ==
      DistributionKind::uniform);
  CHECK_THAT(test::load_error(test::minimal_scenario() + "rationality: -.inf\n"),
             Catch::Contains("rationality = -.inf: must be >= 0 (.inf allowed)"));
}

TEST_CASE("malformed distributions are rejected with the path of what is wrong") {
  using Catch::Contains;
  CHECK_THAT(error_for("resolve", "{uniform: [0.2]}"),
             Contains("actors.x.resolve.uniform = [0.2]: must be a list [lo, hi]"));
  CHECK_THAT(error_for("resolve", "{uniform: {lo: 0.1, hi: 0.2}}"),
             Contains("actors.x.resolve.uniform = {lo: 0.1, hi: 0.2}: must be a list [lo, hi]"));
  CHECK_THAT(error_for("resolve", "{triangular: [0.1, 0.2]}"),
             Contains("actors.x.resolve.triangular = [0.1, 0.2]: must be a list [lo, mode, hi]"));
  CHECK_THAT(
      error_for("resolve", "{beta: {mean: 0.5}}"),
      Contains(
          "actors.x.resolve.beta.concentration is missing: a beta needs mean and concentration"));
  CHECK_THAT(error_for("resolve", "{beta: {mean: 0.5, concentration: 3, sd: 1}}"),
             Contains("actors.x.resolve.beta.sd: unknown key; allowed keys: mean, concentration"));
  CHECK_THAT(
      error_for("resolve", "{beta: [0.5, 3]}"),
      Contains("actors.x.resolve.beta = [0.5, 3]: must be a map with keys mean, concentration"));
  CHECK_THAT(error_for("resolve", "{betta: {mean: 0.5, concentration: 3}}"),
             Contains("actors.x.resolve.betta: unknown distribution; did you mean 'beta'?"));
  CHECK_THAT(error_for("resolve", "{uniform: [0, 1], beta: {mean: 0.5, concentration: 1}}"),
             Contains("actors.x.resolve = {uniform: [0, 1], beta: {mean: 0.5, concentration: 1}}: "
                      "must be a number or a distribution"));
  CHECK_THAT(error_for("resolve", "{}"), Contains("actors.x.resolve = {}: must be a number"));
  CHECK_THAT(error_for("resolve", "[0.1, 0.2]"),
             Contains("actors.x.resolve = [0.1, 0.2]: must be a number or a distribution"));
  CHECK_THAT(error_for("resolve", "high"), Contains("actors.x.resolve = high: must be a number"));
  CHECK_THAT(error_for("resolve", "\"0.5\""),
             Contains("actors.x.resolve = \"0.5\": must be a number"));
  CHECK_THAT(error_for("resolve", ".nan"), Contains("actors.x.resolve = .nan: must be in [0, 1]"));
  CHECK_THAT(error_for("resolve", "{normal: {mean: 0.5}}"),
             Contains("actors.x.resolve.normal.sd is missing: a normal needs mean and sd"));
}

TEST_CASE("distribution parameters are checked against their own ranges") {
  using Catch::Contains;
  CHECK_THAT(error_for("resolve", "{beta: {mean: 1.4, concentration: 3}}"),
             Contains("actors.x.resolve.beta.mean = 1.4: must be in (0, 1)"));
  CHECK_THAT(error_for("resolve", "{beta: {mean: 0, concentration: 3}}"),
             Contains("actors.x.resolve.beta.mean = 0: must be in (0, 1)"));
  CHECK_THAT(error_for("resolve", "{beta: {mean: 0.5, concentration: 0}}"),
             Contains("actors.x.resolve.beta.concentration = 0: must be > 0"));
  CHECK_THAT(error_for("credibility", "{beta: {mean: {uniform: [0, 0.7]}, concentration: 8}}"),
             Contains("actors.x.credibility.beta.mean.uniform.lo = 0: must be in (0, 1)"));
  CHECK_THAT(error_for("resolve", "{normal: {mean: 0.5, sd: -1, min: 0, max: 1}}"),
             Contains("actors.x.resolve.normal.sd = -1: must be > 0"));
  CHECK_THAT(error_for("resolve", "{normal: {mean: .inf, sd: 1, min: 0, max: 1}}"),
             Contains("actors.x.resolve.normal.mean = .inf: must be a finite number"));
}

TEST_CASE("the support of a distribution must lie within the field's range") {
  using Catch::Contains;
  CHECK_THAT(error_for("resolve", "{uniform: [0.2, 1.3]}"),
             Contains("actors.x.resolve.uniform.hi = 1.3: must be in [0, 1]"));
  CHECK_THAT(error_for("resolve", "{uniform: [0.2, {uniform: [0.5, 1.5]}]}"),
             Contains("actors.x.resolve.uniform.hi.uniform.hi = 1.5: must be in [0, 1]"));
  CHECK_THAT(error_for("resolve", "{triangular: [-0.1, 0.5, 0.9]}"),
             Contains("actors.x.resolve.triangular.lo = -0.1: must be in [0, 1]"));
  CHECK_THAT(error_for("resolve", "{normal: {mean: 0.5, sd: 0.1, min: 0, max: 2}}"),
             Contains("actors.x.resolve.normal.max = 2: must be in [0, 1]"));
  CHECK_THAT(
      error_for("resolve", "{normal: {mean: 0.5, sd: 0.1}}"),
      Contains("actors.x.resolve.normal.min is missing: actors.x.resolve must be in [0, 1], so "
               "the normal needs a min in that range"));
  CHECK_THAT(
      error_for("capability", "{beta: {mean: 0.5, concentration: 4}}"),
      Contains("actors.x.capability = {beta: {mean: 0.5, concentration: 4}}: must be > 0, but a "
               "beta's draws lie in [0, 1]"));
  CHECK_THAT(error_for("capability", "{uniform: [0, 1]}"),
             Contains("actors.x.capability.uniform.lo = 0: must be > 0"));
  CHECK_THAT(error_for("capability", ".inf"),
             Contains("actors.x.capability = .inf: must be > 0 and finite"));
  // A beta is fine where [0, 1] is allowed.
  CHECK_NOTHROW(test::load(test::minimal_scenario() +
                           "severity: {war: {beta: {mean: 0.7, concentration: 5}}}\n"));
}

TEST_CASE("distribution arguments must be in order") {
  using Catch::Contains;
  CHECK_THAT(error_for("resolve", "{uniform: [0.6, 0.4]}"),
             Contains("actors.x.resolve.uniform.hi = 0.4: must be >= 0.6 (lo)"));
  CHECK_THAT(
      error_for("resolve", "{uniform: [{uniform: [0.2, 0.6]}, 0.5]}"),
      Contains("actors.x.resolve.uniform.hi = 0.5: must be >= 0.6 (the largest value of lo)"));
  CHECK_THAT(
      error_for("resolve", "{uniform: [0.5, {uniform: [0.4, 0.9]}]}"),
      Contains(
          "actors.x.resolve.uniform.hi = {uniform: [0.4, 0.9]}: must stay at or above 0.5 (lo)"));
  CHECK_THAT(error_for("resolve", "{triangular: [0.2, 0.1, 0.9]}"),
             Contains("actors.x.resolve.triangular.mode = 0.1: must be >= 0.2 (lo)"));
  CHECK_THAT(error_for("resolve", "{triangular: [0.5, 0.5, 0.5]}"),
             Contains("actors.x.resolve.triangular.hi = 0.5: must be > 0.5 (lo)"));
  CHECK_THAT(error_for("resolve", "{normal: {mean: 0.5, sd: 0.1, min: 0.6, max: 0.6}}"),
             Contains("actors.x.resolve.normal.max = 0.6: must be > 0.6 (min)"));
  // Touching supports are allowed for a uniform: lo's largest value may equal hi's smallest.
  CHECK(resolve_of("{uniform: [{uniform: [0.1, 0.4]}, {uniform: [0.4, 0.9]}]}").kind ==
        DistributionKind::uniform);
  CHECK(resolve_of("{triangular: [0.2, 0.2, 0.9]}").kind == DistributionKind::triangular);
}

TEST_CASE("integer fields reject fractions, text and distributions") {
  using Catch::Contains;
  const std::string base = test::minimal_scenario();
  CHECK_THAT(test::load_error(base + "trials: 1.5\n"),
             Contains("trials = 1.5: must be an integer in [1, 2147483647]"));
  CHECK_THAT(test::load_error(base + "trials: 2147483648\n"),
             Contains("trials = 2147483648: must be an integer in [1, 2147483647]"));
  CHECK_THAT(test::load_error(base + "horizon_months: 0\n"),
             Contains("horizon_months = 0: must be an integer in [1, 12000]"));
  CHECK_THAT(test::load_error(base + "horizon_months: {uniform: [1, 10]}\n"),
             Contains("horizon_months = {uniform: [1, 10]}: must be an integer in [1, 12000] (a "
                      "distribution is not allowed here)"));
  CHECK_THAT(test::load_error(base + "seed: -1\n"),
             Contains("seed = -1: must be an integer in [0, 18446744073709551615]"));
  CHECK_THAT(test::load_error(base + "dynamics: {belief_grid: 8}\n"),
             Contains("dynamics.belief_grid = 8: must be an integer in [16, 65536]"));
  CHECK_THAT(test::load_error(base + "output: {record_paths: many}\n"),
             Contains("output.record_paths = many: must be an integer >= 0"));
  CHECK_THAT(test::load_error("detsim: 2\nactors: {r: {role: challenger}, u: {role: target}}\n"),
             Contains("test.yaml:1:9: detsim = 2: must be 1"));
}

TEST_CASE("booleans are true or false") {
  CHECK_THAT(test::load_error(test::minimal_scenario() + "guarantee: {collective: yes}\n"),
             Catch::Contains("guarantee.collective = yes: must be true or false"));
  CHECK(test::load(test::minimal_scenario() + "guarantee: {collective: True}\n")
            .guarantee.collective);
}

TEST_CASE("every bad argument of a distribution is reported, not just the first") {
  const std::string message = error_for("resolve", "{triangular: [-1, 0.5, 2]}");
  CHECK_THAT(message, Catch::Contains("actors.x.resolve.triangular.lo = -1: must be in [0, 1]"));
  CHECK_THAT(message, Catch::Contains("actors.x.resolve.triangular.hi = 2: must be in [0, 1]"));
}

TEST_CASE("only YAML's own number spellings are numbers") {
  for (const char* text : {"inf", "nan", "1e", "1_000", "0x", "1.2.3", "--1", "infinity"}) {
    INFO(text);
    CHECK_THAT(error_for("resolve", text),
               Catch::Contains(std::string("actors.x.resolve = ") + text + ": must be a number"));
  }
  CHECK(resolve_of("1.").value == 1.0);
  CHECK(resolve_of(".5").value == 0.5);
  CHECK(resolve_of("0o1").value == 1.0);
}
