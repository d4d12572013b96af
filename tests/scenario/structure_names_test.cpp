// Structures that say what they are: who leads is written, never taken from file order; a preset
// run with another lead than it was written for, or under the scenario's own guarantee settings,
// goes by a name that says so; the scenario as read reloads to the same scenarios.
#include "scenario_test_support.hpp"

using namespace detsim;
using Catch::Contains;
using test::load;
using test::load_error;
using test::minimal_scenario;

namespace {

// Two guarantors, us and eu, under the test bilateral_pact (written for us: lead defend 0.8,
// others 0.0), with `lead` on whichever is named.
std::string pact_with_lead(const std::string& lead, const std::string& guarantee_extra = "") {
  return minimal_scenario() + "  us: {role: guarantor" + (lead == "us" ? ", lead: true" : "") +
         "}\n" + "  eu: {role: guarantor" + (lead == "eu" ? ", lead: true" : "") + "}\n" +
         "guarantee: {preset: bilateral_pact" + guarantee_extra + "}\n";
}

const Actor& actor(const Scenario& s, const std::string& id) {
  for (const Actor& a : s.actors) {
    if (a.id == id) return a;
  }
  FAIL("no actor " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a preset with two guarantors needs a written lead, reported where the actors are") {
  test::TestPresets presets;
  // The message points at the actors (where the fix goes) and says why a lead is needed.
  CHECK(load_error(pact_with_lead("")) ==
        "test.yaml:3:3: actors: no guarantor says `lead: true`, and the preset bilateral_pact "
        "gives its terms by role (lead and others) and was written for us: write `lead: true` on "
        "one of us, eu (the order of the file does not choose one)");
  // The same when the preset comes from --structure, and for one without written_for.
  LoadOptions structure;
  structure.structure = "nato_article5";
  CHECK_THAT(load_error(minimal_scenario() + "  us: {role: guarantor}\n  eu: {role: guarantor}\n",
                        structure),
             Contains("test.yaml:3:3: actors: no guarantor says `lead: true`, and the preset "
                      "nato_article5 gives its terms by role (lead and others): write"));
  // An alliance that follows its lead needs one too, preset or not.
  CHECK_THAT(load_error(minimal_scenario() + "  us: {role: guarantor}\n  eu: {role: guarantor}\n"
                                             "guarantee: {collective: true}\n"),
             Contains("test.yaml:3:3: actors: no guarantor says `lead: true`, and "
                      "guarantee.collective = true makes the alliance follow its lead"));
}

TEST_CASE("without a choice to make, the lead is implicit: the only guarantor, or the first") {
  test::TestPresets presets;
  // The only guarantor takes the preset's lead terms.
  const Scenario alone =
      load(minimal_scenario() + "  us: {role: guarantor}\nguarantee: {preset: bilateral_pact}\n");
  CHECK(alone.lead_guarantor()->id == "us");
  CHECK(alone.guarantors()[0]->terms[Term::defend].value == 0.8);
  // No preset and no alliance: the lead only marks whose cost burden_share_allies sets apart.
  const Scenario plain =
      load(minimal_scenario() + "  a: {role: guarantor}\n  b: {role: guarantor}\n");
  CHECK(plain.lead_guarantor()->id == "a");
  CHECK(plain.guarantee.structure == "custom");
  CHECK(load(minimal_scenario()).lead_guarantor() == nullptr);
}

TEST_CASE("a preset run with another lead than it was written for is named by that lead") {
  test::TestPresets presets;
  const Scenario as_written = load(pact_with_lead("us"));
  CHECK(as_written.guarantee.structure == "bilateral_pact");
  CHECK(actor(as_written, "us").terms[Term::defend].value == 0.8);
  CHECK(actor(as_written, "eu").terms[Term::defend].value == 0.0);

  // Europe leads: it takes the lead terms, and the name says whose pact this is.
  const Scenario european = load(pact_with_lead("eu"));
  CHECK(european.guarantee.structure == "bilateral_pact[lead=eu]");
  CHECK(actor(european, "eu").terms[Term::defend].value == 0.8);
  CHECK(actor(european, "eu").terms[Term::audience_cost].value == 0.4);
  CHECK(actor(european, "us").terms[Term::defend].value == 0.0);
  CHECK(actor(european, "us").terms[Term::sanctions].value == 0.03);

  // A preset that names nobody (the test nato_article5) serves any lead under its own name.
  LoadOptions nato;
  nato.structure = "nato_article5";
  CHECK(load(pact_with_lead("eu"), nato).guarantee.structure == "nato_article5");
}

TEST_CASE("the scenario's own guarantee settings make a distinct structure, named by each change") {
  test::TestPresets presets;
  // Equal to the preset's: nothing changes, so the name stays.
  CHECK(load(pact_with_lead("us", ", collective: false, terms: {us: {defend: 0.8}}"))
            .guarantee.structure == "bilateral_pact");
  // Each departure, in a fixed order: lead, collective, cohesion_shift, then each guarantor's
  // terms in the order of the actors and of kTerms (not the order written).
  const Scenario changed = load(pact_with_lead(
      "eu",
      ", collective: true, cohesion_shift: {uniform: [-0.1, 0]}, terms: {eu: {sanctions: 0.04, "
      "defend: 0.5}, us: {audience_cost: {beta: {mean: 0.3, concentration: 10}}}}"));
  CHECK(changed.guarantee.structure ==
        "bilateral_pact[lead=eu,collective=true,cohesion_shift=uniform(-0.1,0),"
        "us.audience_cost=beta(0.3,10),eu.defend=0.5,eu.sanctions=0.04]");
  CHECK(actor(changed, "eu").terms[Term::defend].value == 0.5);
  CHECK(actor(changed, "eu").terms[Term::audience_cost].value == 0.4);  // the preset's lead terms
  // With every structure of a run, the same settings give one distinct name per preset.
  LoadOptions nato;
  nato.structure = "nato_article5";
  CHECK(load(pact_with_lead("us", ", terms: {us: {defend: 0.25}}"), nato).guarantee.structure ==
        "nato_article5[us.defend=0.25]");
  // Without a preset there is nothing to depart from: the guarantee is the scenario's own.
  CHECK(
      load(minimal_scenario() + "  us: {role: guarantor}\nguarantee: {terms: {us: {defend: 1}}}\n")
          .guarantee.structure == "custom");
}

TEST_CASE("the resolved scenario runs without its preset file, to the same terms and lead") {
  test::TestPresets presets;
  const Scenario original = load(pact_with_lead(
      "eu", ", cohesion_shift: 0.01, terms: {us: {aid_per_month: {uniform: [0, 0.01]}}}"));
  const std::string yaml = emit_scenario_yaml(original);
  INFO(yaml);
  // With the preset file: the same scenario under the same name.
  const Scenario again = load_scenario_text(yaml, "emitted.yaml");
  test::check_same(original, again);
  CHECK(again.guarantee.structure == original.guarantee.structure);
  // Without it (what `detsim rerun` does, so an edited or lost preset changes nothing): every
  // value the same, only the preset's name gone.
  LoadOptions no_preset;
  no_preset.structure = "";
  Scenario alone = load_scenario_text(yaml, "emitted.yaml", no_preset);
  CHECK(alone.guarantee.preset.empty());
  CHECK(alone.guarantee.structure == "custom");
  alone.guarantee.preset = original.guarantee.preset;
  test::check_same(original, alone);
}

TEST_CASE(
    "the scenario as read, loaded again under the same structures, gives the same scenarios") {
  test::TestPresets presets;
  test::TempDir dir;
  dir.write("presets/mine.yaml", "detsim_preset: 1\nwritten_for: eu\nlead: {defend: 0.6}\n");
  const auto file = dir.write("study/scenario.yaml",
                              minimal_scenario() +
                                  "  us: {role: guarantor, lead: true}\n"
                                  "  eu: {role: guarantor}\n"
                                  "guarantee: {preset: ../presets/mine.yaml}  # relative path\n");
  const std::vector<std::optional<std::string>> structures{std::nullopt, "bilateral_pact",
                                                           "nato_article5"};
  LoadOptions options;
  options.overrides = {"trials=77", "guarantee.terms.eu.sanctions=0.5"};
  const ScenarioStructures first = load_scenario_structures(file, structures, options);
  INFO(first.as_read);
  CHECK_THAT(first.as_read, Contains("trials: 77"));
  CHECK_THAT(first.as_read, Contains("sanctions: 0.5"));
  CHECK(first.scenarios[0].guarantee.structure == "mine[lead=us,eu.sanctions=0.5]");

  // Written elsewhere (a results file), read back with no overrides: the same scenarios, the
  // preset file found by the absolute path the copy holds.
  const auto copy = dir.write("elsewhere/as_read.yaml", first.as_read);
  const ScenarioStructures second = load_scenario_structures(copy, structures);
  REQUIRE(second.scenarios.size() == structures.size());
  for (std::size_t i = 0; i < structures.size(); ++i) {
    INFO("structure " << structures[i].value_or("(the file's own)"));
    test::check_same(first.scenarios[i], second.scenarios[i]);
    CHECK(first.scenarios[i].guarantee.structure == second.scenarios[i].guarantee.structure);
  }
}
