// Every class of bad input is reported as FILE:LINE:COL: path = value: what is allowed, all
// problems in one error, without cascades.
#include "scenario_test_support.hpp"

using namespace detsim;
using Catch::Contains;
using test::load_error;
using test::minimal_scenario;

TEST_CASE("several problems are reported together, each at its line and column") {
  const std::string yaml =
      "detsim: 1\n"                                            // 1
      "name: errors\n"                                         // 2
      "actors:\n"                                              // 3
      "  russia:\n"                                            // 4
      "    role: challenger\n"                                 // 5
      "    stakes: 1.0\n"                                      // 6
      "    territory: 0.5\n"                                   // 7
      "  ukraine:\n"                                           // 8
      "    capability: 0.4\n"                                  // 9
      "  united_states:\n"                                     // 10
      "    role: guarantor\n"                                  // 11
      "    resolve: {beta: {mean: 1.4, concentration: 10}}\n"  // 12
      "trials: many\n";                                        // 13
  CHECK(
      load_error(yaml, {}, "scenarios/pact.yaml") ==
      "scenarios/pact.yaml:6:5: actors.russia.stakes: unknown key; did you mean 'stake'?\n"
      "scenarios/pact.yaml:7:5: actors.russia.territory: 'territory' is a key of a target, and "
      "russia is a challenger\n"
      "scenarios/pact.yaml:9:5: actors.ukraine.role is missing: one of challenger, target, "
      "guarantor\n"
      "scenarios/pact.yaml:12:28: actors.united_states.resolve.beta.mean = 1.4: must be in (0, 1)\n"
      "scenarios/pact.yaml:13:9: trials = many: must be an integer in [1, 2147483647]");
}

TEST_CASE("unknown keys get a did-you-mean hint, or the list of allowed keys") {
  CHECK_THAT(load_error(minimal_scenario() + "seeds: 3\n"),
             Contains("test.yaml:5:1: seeds: unknown key; did you mean 'seed'?"));
  CHECK_THAT(load_error(minimal_scenario() + "  x: {role: guarantor, cap: 2}\n"),
             Contains("actors.x.cap: unknown key; did you mean 'capability'?"));
  CHECK_THAT(load_error(minimal_scenario() + "  x: {role: guarantor, Credibility: 0.2}\n"),
             Contains("actors.x.Credibility: unknown key; did you mean 'credibility'?"));
  CHECK_THAT(
      load_error(minimal_scenario() + "dynamics: {cohesion_honour_bonus: 0.1}\n"),
      Contains(
          "dynamics.cohesion_honour_bonus: unknown key; did you mean 'cohesion_honor_bonus'?"));
  CHECK_THAT(load_error(minimal_scenario() + "zzzz: 3\n"),
             Contains("test.yaml:5:1: zzzz: unknown key; allowed keys: detsim, name, description, "
                      "horizon_months, trials, seed, rationality, honor_noise, severity, dynamics, "
                      "actors, guarantee, output, precision"));
  CHECK_THAT(load_error(minimal_scenario() + "guarantee: {terms: {}, colective: true}\n"),
             Contains("guarantee.colective: unknown key; did you mean 'collective'?"));
}

TEST_CASE("missing required keys are reported at the enclosing map") {
  CHECK(load_error("name: x\nactors:\n  russia: {role: challenger}\n  ukraine: {role: target}\n") ==
        "test.yaml:1:1: detsim is missing: the format version; write `detsim: 1` at the top");
  CHECK(load_error("detsim: 1\nname: x\n") ==
        "test.yaml:1:1: actors is missing: a map of actor id to actor, with one challenger and one "
        "target");
  CHECK_THAT(
      load_error(minimal_scenario() + "  x:\n    capability: 2\n"),
      Contains("test.yaml:6:5: actors.x.role is missing: one of challenger, target, guarantor"));
}

TEST_CASE("values of the wrong type are named with what was expected") {
  CHECK_THAT(
      load_error("detsim: 1\nactors: [russia, ukraine]\n"),
      Contains("test.yaml:2:9: actors = [russia, ukraine]: must be a map of actor id to actor"));
  CHECK_THAT(load_error(minimal_scenario() + "severity: 0.5\n"),
             Contains("test.yaml:5:11: severity = 0.5: must be a map with keys probe, war, aid"));
  CHECK_THAT(load_error(minimal_scenario() + "  x: guarantor\n"),
             Contains("test.yaml:5:6: actors.x = guarantor: must be a map with role, capability"));
  CHECK_THAT(load_error(minimal_scenario() + "name: [a, b]\n"),
             Contains("name = [a, b]: must be text"));
  CHECK_THAT(load_error(minimal_scenario() + "  x: {role: guarantor, lead: 1}\n"),
             Contains("actors.x.lead = 1: must be true or false"));
  CHECK_THAT(load_error("[1, 2]\n"),
             Contains("test.yaml:1:1: a scenario must be a map with keys detsim, name"));
}

TEST_CASE("roles: a typo is suggested, role keys on the wrong role say whose they are") {
  CHECK_THAT(
      load_error(minimal_scenario() + "  x: {role: guarentor}\n"),
      Contains("actors.x.role = guarentor: must be one of challenger, target, guarantor; did "
               "you mean 'guarantor'?"));
  CHECK_THAT(load_error(minimal_scenario() + "  x: {role: guarantor, stake: 2}\n"),
             Contains("actors.x.stake: 'stake' is a key of a challenger, and x is a guarantor"));
  CHECK_THAT(
      load_error(minimal_scenario() + "  x: {role: guarantor, territory: 2}\n"),
      Contains("actors.x.territory: 'territory' is a key of a target, and x is a guarantor"));
  CHECK_THAT(
      load_error(
          "detsim: 1\nactors:\n  r: {role: challenger, credibility: 0.5}\n  u: {role: target}\n"),
      Contains(
          "actors.r.credibility: 'credibility' is a key of a guarantor, and r is a challenger"));
  CHECK_THAT(
      load_error(
          "detsim: 1\nactors:\n  r: {role: challenger}\n  u: {role: target, elections: {}}\n"),
      Contains("actors.u.elections: 'elections' is a key of a guarantor, and u is a target"));
  // An unreadable role is reported once, not again as "no target".
  CHECK(load_error("detsim: 1\nactors:\n  r: {role: challenger}\n  u: {role: targte}\n") ==
        "test.yaml:4:13: actors.u.role = targte: must be one of challenger, target, guarantor; did "
        "you mean 'target'?");
}

TEST_CASE("the cast: exactly one challenger, exactly one target, at most one lead") {
  CHECK(load_error("detsim: 1\nactors:\n  u: {role: target}\n") ==
        "test.yaml:3:3: actors: no actor has role: challenger; exactly one must");
  CHECK(load_error("detsim: 1\nactors:\n  r: {role: challenger}\n  u: {role: target}\n"
                   "  s: {role: challenger}\n") ==
        "test.yaml:5:13: actors.s.role = challenger: there must be exactly one challenger, and 'r' "
        "is "
        "already the challenger");
  CHECK_THAT(load_error("detsim: 1\nactors:\n  r: {role: challenger}\n"),
             Contains("actors: no actor has role: target; exactly one must"));
  CHECK(
      load_error(minimal_scenario() + "  a: {role: guarantor, lead: true}\n"
                                      "  b: {role: guarantor, lead: true}\n") ==
      "test.yaml:6:30: actors.b.lead = true: at most one guarantor may lead, and 'a' already does");
  CHECK_THAT(load_error("detsim: 1\nactors: {}\n"),
             Contains("test.yaml:2:9: actors = {}: must be a map of actor id to actor"));
}

TEST_CASE("actor ids are column names: lowercase, unique") {
  CHECK_THAT(load_error(minimal_scenario() + "  United_States: {role: guarantor}\n"),
             Contains("test.yaml:5:3: actors.United_States: an actor id must be a lowercase letter "
                      "followed by lowercase letters, digits or '_'"));
  CHECK_THAT(load_error(minimal_scenario() + "  us-allies: {role: guarantor}\n"),
             Contains("actors.us-allies: an actor id must be"));
  CHECK(load_error(minimal_scenario() + "  ukraine: {role: guarantor}\n") ==
        "test.yaml:5:3: actors.ukraine: duplicate actor id (each actor is listed once)");
  CHECK(load_error(minimal_scenario() + "trials: 5\ntrials: 6\n") ==
        "test.yaml:6:1: trials: duplicate key (each key may appear once)");
}

TEST_CASE("terms may only name guarantors") {
  const std::string cast =
      minimal_scenario() + "  us: {role: guarantor}\n  eu: {role: guarantor}\n";
  CHECK(load_error(cast + "guarantee:\n  terms:\n    ukraine: {defend: 1}\n") ==
        "test.yaml:9:5: guarantee.terms.ukraine: ukraine is the target; terms are for guarantors "
        "only (us, eu)");
  CHECK_THAT(load_error(cast + "guarantee: {terms: {eux: {defend: 1}}}\n"),
             Contains("guarantee.terms.eux: no such guarantor; did you mean 'eu'?"));
  CHECK_THAT(load_error(cast + "guarantee: {terms: {us: {defend: 1.5}}}\n"),
             Contains("guarantee.terms.us.defend = 1.5: must be in [0, 1]"));
  CHECK_THAT(load_error(cast + "guarantee: {terms: {us: {defense: 1}}}\n"),
             Contains("guarantee.terms.us.defense: unknown key; did you mean 'defend'?"));
  CHECK_THAT(load_error(cast + "guarantee: {cohesion_shift: -1.5}\n"),
             Contains("guarantee.cohesion_shift = -1.5: must be in [-1, 1]"));
}

TEST_CASE("an unknown preset is reported with the available names") {
  test::TestPresets presets;
  CHECK(load_error(minimal_scenario() + "guarantee: {preset: nato}\n") ==
        "test.yaml:5:21: guarantee.preset = nato: unknown preset; did you mean 'nato_article5'? "
        "Available: none, nato_article5, bilateral_pact (or a path to a preset file)");
  CHECK_THAT(load_error(minimal_scenario() + "guarantee: {preset: zzz}\n"),
             Contains("guarantee.preset = zzz: unknown preset; Available: none, nato_article5, "
                      "bilateral_pact"));
}

TEST_CASE("errors inside a preset file are reported at the preset file's lines") {
  test::TestPresets presets;
  presets.dir.write("broken.yaml", "detsim_preset: 1\nlead: {defend: 2}\nother: {}\n");
  const std::string file = (presets.dir.path() / "broken.yaml").string();
  CHECK(load_error(minimal_scenario() + "  us: {role: guarantor}\nguarantee: {preset: broken}\n") ==
        file + ":3:1: other: unknown key; did you mean 'others'?\n" + file +
            ":2:16: lead.defend = 2: must be in [0, 1]");
}

TEST_CASE("YAML syntax errors carry yaml-cpp's message at its position") {
  const std::string message = load_error("detsim: 1\nactors: {russia: [1, 2}\n");
  CHECK_THAT(message, Catch::StartsWith("test.yaml:2:"));
  CHECK(message == "test.yaml:2:23: illegal flow end");
  CHECK(load_error("detsim: 1\nname: x\n  bad: indentation\n") ==
        "test.yaml:3:6: illegal map value");
}

TEST_CASE("an unreadable file is named with the reason") {
  CHECK_THROWS_WITH(load_scenario("no/such/scenario.yaml"),
                    "no/such/scenario.yaml: cannot read: No such file or directory");
  test::TempDir dir;
  CHECK_THROWS_WITH(load_scenario(dir.path()),
                    dir.path().string() + ": cannot read: is a directory");
}

TEST_CASE("errors are InputError, so the command line maps them to exit status 2") {
  CHECK_THROWS_AS(test::load("detsim: 1\n"), InputError);
}

TEST_CASE("a malformed actor is reported once, not again by guarantee.terms") {
  CHECK(
      load_error(minimal_scenario() + "  us: guarantor\nguarantee: {terms: {us: {defend: 1}}}\n") ==
      "test.yaml:5:7: actors.us = guarantor: must be a map with role, capability, resolve and the "
      "role's own keys");
}

TEST_CASE("an empty value is reported at its key, not at the next line") {
  CHECK(load_error(minimal_scenario() +
                   "  x:\n    role: guarantor\n    resolve:\n    capability: 2\n") ==
        "test.yaml:7:5: actors.x.resolve = (empty): must be a number or a distribution: {uniform: "
        "[lo, hi]}, {beta: {mean: m, concentration: k}}, {normal: {mean: m, sd: s, min: a, max: "
        "b}} or {triangular: [lo, mode, hi]}");
  CHECK(load_error(minimal_scenario() + "trials:\n\nseed: 1\n") ==
        "test.yaml:5:1: trials = (empty): must be an integer in [1, 2147483647]");
}

TEST_CASE("more guarantors than the challenger can weigh are refused at the first one too many") {
  std::string yaml = minimal_scenario();
  for (std::size_t i = 0; i <= kMaxGuarantors; ++i) {
    yaml += "  g" + std::to_string(i) + ": {role: guarantor}\n";
  }
  CHECK_THAT(load_error(yaml), Contains("actors.g" + std::to_string(kMaxGuarantors) +
                                        ".role = guarantor: at most 12 guarantors"));
  yaml = minimal_scenario();
  for (std::size_t i = 0; i < kMaxGuarantors; ++i) {
    yaml += "  g" + std::to_string(i) + ": {role: guarantor}\n";
  }
  CHECK(test::load(yaml).guarantors().size() == kMaxGuarantors);
}
