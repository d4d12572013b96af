// --set overrides: parsed as YAML, applied before validation, creating maps as needed, and named
// in the messages about the values they set.
#include <cmath>

#include "scenario_test_support.hpp"

using namespace detsim;
using Catch::Contains;
using test::load_error;
using test::minimal_scenario;

namespace {

LoadOptions sets(std::vector<std::string> overrides) {
  LoadOptions options;
  options.overrides = std::move(overrides);
  return options;
}

}  // namespace

TEST_CASE("an override replaces a value from the file") {
  const Scenario s = test::load(minimal_scenario() + "trials: 100\n",
                                sets({"trials=250", "actors.russia.stake=2.5"}));
  CHECK(s.trials == 250);
  CHECK(s.challenger().stake.value == 2.5);
}

TEST_CASE("an override value is YAML: distributions and .inf") {
  const Scenario s = test::load(minimal_scenario() + "rationality: 3\n",
                                sets({"actors.russia.resolve={beta: {mean: 0.4, concentration: 9}}",
                                      "rationality=.inf", "name=a name with = in it"}));
  const Quantity& r = s.challenger().resolve;
  REQUIRE(r.kind == DistributionKind::beta);
  CHECK(r.args[0].value == 0.4);
  CHECK(r.args[1].value == 9);
  CHECK(std::isinf(s.rationality.value));
  CHECK(s.name == "a name with = in it");
}

TEST_CASE("an override creates the maps on its path") {
  test::TestPresets presets;
  const Scenario s = test::load(minimal_scenario() + "  us: {role: guarantor}\n",
                                sets({"guarantee.preset=nato_article5", "dynamics.belief_grid=2048",
                                      "actors.us.elections.every_months=24"}));
  CHECK(s.guarantee.preset == "nato_article5");
  CHECK(s.guarantee.collective);
  CHECK(s.guarantors()[0]->terms[Term::defend].value == 1.0);
  CHECK(s.dynamics.belief_grid == 2048);
  REQUIRE(s.guarantors()[0]->elections);
  CHECK(s.guarantors()[0]->elections->every_months == 24);
}

TEST_CASE("later overrides win over earlier ones") {
  const Scenario s = test::load(minimal_scenario(), sets({"trials=5", "trials=7"}));
  CHECK(s.trials == 7);
}

TEST_CASE("a bad value from an override names the override, not a file position") {
  CHECK(load_error(minimal_scenario(), sets({"actors.russia.stake=-1"})) ==
        "--set actors.russia.stake=-1: actors.russia.stake = -1: must be > 0");
  CHECK(load_error(minimal_scenario(),
                   sets({"actors.russia.resolve={beta: {mean: 1.4, concentration: 9}}"})) ==
        "--set actors.russia.resolve={beta: {mean: 1.4, concentration: 9}}: "
        "actors.russia.resolve.beta.mean = 1.4: must be in (0, 1)");
  CHECK(load_error(minimal_scenario(), sets({"actors.russia.stakes=1"})) ==
        "--set actors.russia.stakes=1: actors.russia.stakes: unknown key; did you mean 'stake'?");
  // A map the override created is located by the override too.
  CHECK(load_error(minimal_scenario(), sets({"actors.poland.capability=1"})) ==
        "--set actors.poland.capability=1: actors.poland.role is missing: one of challenger, "
        "target, guarantor");
  // Values still in the file keep their file positions.
  CHECK(load_error(minimal_scenario() + "trials: 0\n", sets({"seed=5"})) ==
        "test.yaml:5:9: trials = 0: must be an integer in [1, 2147483647]");
}

TEST_CASE("a malformed override is an InputError naming it") {
  CHECK(load_error(minimal_scenario(), sets({"trials"})) ==
        "--set trials: expected dotted.path=VALUE (there is no '=')");
  CHECK(load_error(minimal_scenario(), sets({"=5"})) ==
        "--set =5: expected dotted.path=VALUE (the path before '=' is empty)");
  CHECK(
      load_error(minimal_scenario(), sets({"actors..russia=5"})) ==
      "--set actors..russia=5: the path 'actors..russia' has an empty segment (two dots, or a dot "
      "at an end)");
  CHECK_THAT(
      load_error(minimal_scenario(), sets({"actors.russia.resolve={beta: [1, 2"})),
      Catch::StartsWith("--set actors.russia.resolve={beta: [1, 2: the value '{beta: [1, 2' is "
                        "not valid YAML: "));
  // Absent, the map is created, and then it is the wrong type for the field.
  CHECK(load_error(minimal_scenario(), sets({"name.first=a"})) ==
        "--set name.first=a: name = {first: a}: must be text");
  CHECK(load_error(minimal_scenario() + "trials: 10\n", sets({"trials.count=5"})) ==
        "--set trials.count=5: trials is a single value (10), not a map, so it has no 'count' to "
        "set");
}

TEST_CASE("the structure option replaces the scenario's preset") {
  test::TestPresets presets;
  const std::string yaml = minimal_scenario() +
                           "  us: {role: guarantor, lead: true}\n"
                           "  eu: {role: guarantor}\n"
                           "guarantee: {preset: bilateral_pact, terms: {eu: {sanctions: 0.5}}}\n";
  LoadOptions options;
  options.structure = "nato_article5";
  const Scenario s = test::load(yaml, options);
  CHECK(s.guarantee.preset == "nato_article5");
  CHECK(s.guarantee.collective);
  CHECK(s.guarantors()[0]->terms[Term::defend].value == 1.0);
  CHECK(s.guarantors()[1]->terms[Term::defend].value == 0.7);
  CHECK(s.guarantors()[1]->terms[Term::sanctions].value ==
        0.5);  // the scenario's own terms still apply
  // It wins over a --set of the preset too.
  options.overrides = {"guarantee.preset=none"};
  CHECK(test::load(yaml, options).guarantee.preset == "nato_article5");
  // An unknown structure is named as such.
  options.structure = "nato_artcle5";
  CHECK_THAT(
      load_error(yaml, options),
      Catch::StartsWith(
          "--structure nato_artcle5: guarantee.preset = nato_artcle5: unknown preset; did you "
          "mean 'nato_article5'?"));
}

TEST_CASE("one parse serves every structure: each scenario is the one loaded with that structure") {
  test::TestPresets presets;
  test::TempDir dir;
  // An error inside the guarantee section: each structure's message must still point at it.
  const auto file = dir.write("pact.yaml", minimal_scenario() +
                                               "  us: {role: guarantor, lead: true}\n"
                                               "  eu: {role: guarantor}\n"
                                               "guarantee:\n"
                                               "  preset: bilateral_pact\n"
                                               "  terms: {eu: {sanctions: 0.5}}\n");
  const std::vector<std::optional<std::string>> structures{std::nullopt, "nato_article5", "none",
                                                           std::nullopt};
  const std::vector<Scenario> all =
      load_scenario_structures(file, structures, sets({"trials=9"})).scenarios;
  REQUIRE(all.size() == structures.size());
  for (std::size_t i = 0; i < structures.size(); ++i) {
    INFO("structure " << structures[i].value_or("(the file's own)"));
    LoadOptions one = sets({"trials=9"});
    one.structure = structures[i];
    test::check_same(all[i], load_scenario(file, one));
  }
  CHECK(all[0].guarantee.preset == "bilateral_pact");  // a structure never leaks into the next
  CHECK(all[3].guarantee.preset == "bilateral_pact");
  CHECK(all[1].guarantee.preset == "nato_article5");

  const auto bad = dir.write("bad.yaml", minimal_scenario() +
                                             "  us: {role: guarantor}\n"
                                             "guarantee:\n"
                                             "  terms: {us: {defend: 1.5}}\n");
  const std::string expected = bad.string() + ":7:24: guarantee.terms.us.defend = 1.5";
  for (const std::vector<std::optional<std::string>>& asked :
       {std::vector<std::optional<std::string>>{"nato_article5"},
        std::vector<std::optional<std::string>>{std::nullopt, "none"}}) {
    try {
      load_scenario_structures(bad, asked);
      FAIL("expected an InputError");
    } catch (const InputError& e) {
      CHECK_THAT(e.what(), Catch::StartsWith(expected));
    }
  }
}

TEST_CASE("YAML aliases load as their anchors, and an override refuses to write through one") {
  const std::string yaml = minimal_scenario() +
                           "  us: {role: guarantor, credibility: &belief {uniform: [0.3, 0.7]}}\n"
                           "  eu: {role: guarantor, credibility: *belief}\n";
  const Scenario s = test::load(yaml);
  CHECK(s.guarantors()[1]->credibility.kind == DistributionKind::uniform);
  CHECK(
      load_error(yaml, sets({"actors.eu.credibility=0.9"})) ==
      "--set actors.eu.credibility=0.9: actors.eu.credibility is a YAML alias (*name) shared with "
      "another value; --set would change both, so edit the file instead");
  CHECK(load_error(yaml, sets({"actors.us.credibility.uniform=[0.1, 0.2]"})) ==
        "--set actors.us.credibility.uniform=[0.1, 0.2]: actors.us.credibility is a YAML alias "
        "(*name) shared with another value; --set would change both, so edit the file instead");
  // Values elsewhere are still free to override.
  CHECK(test::load(yaml, sets({"actors.us.capability=3"})).guarantors()[0]->capability.value == 3);
}

TEST_CASE("an override finds an alias anywhere along its path, and only along it") {
  const auto refusal = [](const std::string& set, const std::string& at) {
    return "--set " + set + ": " + at +
           " is a YAML alias (*name) shared with another value; --set would change both, so "
           "edit the file instead";
  };
  // A shared null, written below: refused where it is shared, not replaced by a map.
  const std::string null_shared = minimal_scenario() +
                                  "  us: {role: guarantor, credibility: &n null}\n"
                                  "  eu: {role: guarantor, credibility: *n}\n";
  const std::string into_null = "actors.eu.credibility.uniform=[0.1, 0.2]";
  CHECK_THAT(load_error(null_shared, sets({into_null})),
             Catch::Contains(refusal(into_null, "actors.eu.credibility")));
  // A null of its own is replaced by the map the path needs.
  const std::string null_own = minimal_scenario() +
                               "  us: {role: guarantor, credibility: null}\n"
                               "  eu: {role: guarantor, credibility: {uniform: [0.3, 0.7]}}\n";
  const Scenario s = test::load(null_own, sets({"actors.us.credibility.uniform=[0.1, 0.2]"}));
  CHECK(s.guarantors()[0]->credibility.kind == DistributionKind::uniform);
  // A shared list, as the path's last segment, and with a segment beyond it: the alias is what
  // is refused, not the list.
  const std::string list_shared =
      minimal_scenario() +
      "  us: {role: guarantor, credibility: {uniform: &range [0.3, 0.7]}}\n"
      "  eu: {role: guarantor, credibility: {uniform: *range}}\n";
  const std::string the_list = "actors.eu.credibility.uniform=[0.1, 0.2]";
  CHECK(load_error(list_shared, sets({the_list})) ==
        refusal(the_list, "actors.eu.credibility.uniform"));
  const std::string past_list = "actors.eu.credibility.uniform.low=0.1";
  CHECK(load_error(list_shared, sets({past_list})) ==
        refusal(past_list, "actors.eu.credibility.uniform"));
  // A key the shared map does not have: adding it would add it to both.
  const std::string map_shared = minimal_scenario() +
                                 "  us: {role: guarantor, credibility: &belief {uniform: [0.3, "
                                 "0.7]}}\n"
                                 "  eu: {role: guarantor, credibility: *belief}\n";
  const std::string new_key = "actors.eu.credibility.normal=[0.5, 0.1]";
  CHECK(load_error(map_shared, sets({new_key})) == refusal(new_key, "actors.eu.credibility"));
}
