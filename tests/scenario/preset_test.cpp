// Presets: the directory, the shipped names and their order, reading one by name or path, and
// how the preset's terms combine with the scenario's.
#include "detsim/scenario/preset.hpp"

#include "scenario_test_support.hpp"

using namespace detsim;
using Catch::Contains;

TEST_CASE("preset_directory follows DETSIM_PRESET_DIR") {
  test::TempDir dir;
  test::PresetDirectory env(dir.path());
  CHECK(preset_directory() == dir.path());
}

TEST_CASE(
    "without DETSIM_PRESET_DIR, presets are found beside the program, not at a built-in path") {
  std::optional<std::string> previous;
  if (const char* old = std::getenv("DETSIM_PRESET_DIR")) previous = old;
  ::unsetenv("DETSIM_PRESET_DIR");
  const auto candidates = preset_directory_candidates();
  const auto dir = preset_directory();
  if (previous) ::setenv("DETSIM_PRESET_DIR", previous->c_str(), 1);
  // This test program sits at the top of the build tree, like detsim: the installed layout
  // (<bin>/../share/detsim/presets) is looked at first, then the build tree's share/detsim/presets,
  // which CMake links to the source tree's presets. tests/install/ checks an installed detsim.
  const auto bin = std::filesystem::read_symlink("/proc/self/exe").parent_path();
  REQUIRE(candidates.size() == 2);
  CHECK(candidates[0] == (bin / "../share/detsim/presets").lexically_normal());
  CHECK(candidates[1] == bin / "share/detsim/presets");
  CHECK(dir == candidates[1]);
  CHECK(std::filesystem::equivalent(
      dir / "none.yaml", std::filesystem::path(DETSIM_SOURCE_DIR) / "scenarios/presets/none.yaml"));
}

TEST_CASE(
    "shipped_preset_names: the canonical five first, in order, then the rest alphabetically") {
  test::TempDir dir;
  for (const char* name :
       {"zeta", "economic_diplomatic", "alpha", "none", "bilateral_pact", "nato_article5"}) {
    dir.write(std::string(name) + ".yaml", "detsim_preset: 1\n");
  }
  dir.write("notes.txt", "not a preset");
  std::filesystem::create_directories(dir.path() / "sub.yaml");  // a directory, not a preset
  test::PresetDirectory env(dir.path());
  // security_assistance is absent, so it is not listed.
  CHECK(shipped_preset_names() == std::vector<std::string>{"none", "nato_article5",
                                                           "bilateral_pact", "economic_diplomatic",
                                                           "alpha", "zeta"});
}

TEST_CASE("shipped_preset_names of a missing directory is empty") {
  test::TempDir dir;
  test::PresetDirectory env(dir.path() / "missing");
  CHECK(shipped_preset_names().empty());
}

TEST_CASE("load_preset by name reads every key") {
  test::TestPresets presets;
  const Preset p = load_preset("bilateral_pact");
  CHECK(p.name == "bilateral_pact");
  CHECK(p.description == "the lead alone is bound");
  CHECK(p.written_for == "us");
  CHECK(p.file == presets.dir.path() / "bilateral_pact.yaml");
  CHECK_FALSE(p.collective);
  CHECK(p.cohesion_shift.value == -0.05);
  CHECK(p.lead[Term::defend].value == 0.8);
  CHECK(p.lead[Term::audience_cost].value == 0.4);
  CHECK(p.lead[Term::aid_per_month].value == 0.005);
  CHECK(p.lead[Term::sanctions].value == 0.01);
  CHECK(p.others[Term::defend].value == 0.0);
  CHECK(p.others[Term::sanctions].value == 0.03);
  // Absent terms are zero.
  const Preset nato = load_preset("nato_article5");
  CHECK(nato.collective);
  CHECK(nato.lead[Term::aid_per_month].value == 0.0);
  CHECK(nato.written_for.empty());  // optional: a preset that does not depend on who leads
}

TEST_CASE("load_preset by path, relative to a directory, takes its name from the file's stem") {
  test::TempDir dir;
  dir.write("mine/custom.yaml", "detsim_preset: 1\nlead: {defend: {uniform: [0.4, 0.6]}}\n");
  const Preset p = load_preset("mine/custom.yaml", dir.path());
  CHECK(p.name == "custom");
  CHECK(p.lead[Term::defend].kind == DistributionKind::uniform);
  CHECK(load_preset((dir.path() / "mine/custom.yaml").string()).name == "custom");
}

TEST_CASE("load_preset errors: unknown name, unreadable path, bad content") {
  test::TestPresets presets;
  CHECK_THROWS_WITH(
      load_preset("bilateral"),
      "preset bilateral: unknown preset; did you mean 'bilateral_pact'? Available: none, "
      "nato_article5, bilateral_pact (or a path to a preset file)");
  CHECK_THROWS_WITH(
      load_preset("nowhere/x.yaml", "/nonexistent"),
      "preset nowhere/x.yaml: cannot read /nonexistent/nowhere/x.yaml: No such file or "
      "directory");
  const auto file = presets.dir.write("bad.yaml", "name: bad\ncollective: maybe\n");
  CHECK_THROWS_WITH(load_preset("bad"),
                    file.string() +
                        ":1:1: detsim_preset is missing: the preset format version; write "
                        "`detsim_preset: 1` at the top\n" +
                        file.string() + ":2:13: collective = maybe: must be true or false");
  CHECK_THROWS_AS(load_preset("bad"), InputError);
}

TEST_CASE("a scenario may name a preset file by a path relative to the scenario") {
  test::TempDir dir;
  dir.write("presets/mine.yaml", "detsim_preset: 1\ncollective: true\nothers: {defend: 0.25}\n");
  const auto file = dir.write("scenario.yaml", test::minimal_scenario() +
                                                   "  a: {role: guarantor, lead: true}\n"
                                                   "  b: {role: guarantor}\n"
                                                   "guarantee: {preset: presets/mine.yaml}\n");
  const Scenario s = load_scenario(file);
  // Recorded by its absolute path, so the resolved scenario runs again from anywhere.
  CHECK(s.guarantee.preset == (dir.path() / "presets/mine.yaml").string());
  CHECK(s.guarantee.structure == "mine");
  CHECK(s.guarantee.collective);
  CHECK(s.guarantors()[0]->terms[Term::defend].value == 0.0);  // lead: no lead terms in the preset
  CHECK(s.guarantors()[1]->terms[Term::defend].value == 0.25);
}

TEST_CASE("the scenario's collective and cohesion_shift override the preset's") {
  test::TestPresets presets;
  const Scenario s = test::load(test::minimal_scenario() +
                                "  us: {role: guarantor}\n"
                                "guarantee: {preset: nato_article5, collective: false, "
                                "cohesion_shift: {uniform: [-0.1, 0]}}\n");
  CHECK_FALSE(s.guarantee.collective);
  CHECK(s.guarantee.cohesion_shift.kind == DistributionKind::uniform);
  CHECK(s.guarantors()[0]->terms[Term::defend].value == 1.0);
}

TEST_CASE("a structure given as a relative path is taken from the current directory") {
  test::TempDir dir;
  dir.write("p/mine.yaml", "detsim_preset: 1\nlead: {defend: 0.5}\n");
  const auto scenario =
      dir.write("s/scenario.yaml", test::minimal_scenario() + "  us: {role: guarantor}\n");
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  LoadOptions options;
  options.structure = "p/mine.yaml";
  std::optional<Scenario> s;
  CHECK_NOTHROW(s = load_scenario(scenario, options));
  std::filesystem::current_path(previous);
  REQUIRE(s);
  CHECK(s->guarantee.preset == (dir.path() / "p/mine.yaml").string());
  CHECK(s->guarantors()[0]->terms[Term::defend].value == 0.5);
}
