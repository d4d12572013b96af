// YAML input is bounded: hostile or broken texts of a few bytes are refused at once with a
// located message instead of looping, exhausting memory, or taking minutes.
#include <fstream>

#include "../../sim/scenario/yaml_guard.hpp"
#include "scenario_test_support.hpp"

using namespace detsim;
using Catch::Contains;
using Catch::StartsWith;
using test::load_error;
using test::minimal_scenario;

namespace {

// Anchors a0 .. a{levels}: each a list of `width` aliases of the one before, so the last stands
// for width^levels values in a text of a few hundred bytes ("billion laughs").
std::string alias_bomb(int levels, int width) {
  std::string text = minimal_scenario() + "description: &a0 x\nbomb:\n";
  for (int level = 1; level <= levels; ++level) {
    text += "  - &a" + std::to_string(level) + " [";
    for (int i = 0; i < width; ++i) text += (i ? ", *a" : "*a") + std::to_string(level - 1);
    text += "]\n";
  }
  return text;
}

}  // namespace

TEST_CASE("a stray comma at the top level is an error, not an endless loop") {
  // yaml-cpp 0.7's LoadAll never returns on these: it yields empty documents forever.
  CHECK_THAT(load_error(","), StartsWith("test.yaml:1:1: unexpected ','"));
  CHECK_THAT(load_error("\"x\","), StartsWith("test.yaml:1:4: unexpected ','"));
  CHECK_THAT(load_error(minimal_scenario() + ", a\n"), StartsWith("test.yaml:5:1: "));
  CHECK_THAT(load_error(minimal_scenario(), LoadOptions{{"name=,"}, std::nullopt}),
             Contains("--set name=,: the value ',' is not valid YAML: unexpected ','"));
}

TEST_CASE("aliases that expand past the node limit are refused where the limit is passed") {
  // 9^11 = 31 billion values, from 650 bytes.
  const std::string bomb = alias_bomb(11, 9);
  REQUIRE(bomb.size() < 1000);
  const std::string message = load_error(bomb);
  CHECK_THAT(message, StartsWith("test.yaml:"));
  CHECK_THAT(message, Contains("aliases (*name) expanded"));
  CHECK_THAT(message, Contains("100,000 values"));
  // Below the limit an alias-heavy text is fine as YAML (the scenario then rejects the key).
  CHECK_THAT(load_error(alias_bomb(3, 9)), Contains("bomb"));
}

TEST_CASE("a DAG of aliased quantities cannot build a tree of millions of nodes") {
  // Each level is a uniform whose bounds are the level below twice: 2^22 leaves from 1.6 KB.
  std::string text = minimal_scenario() + "honor_noise: &q0 0.1\nlevels:\n";
  for (int level = 1; level <= 22; ++level) {
    text += "  - &q" + std::to_string(level) + " {uniform: [*q" + std::to_string(level - 1) +
            ", *q" + std::to_string(level - 1) + "]}\n";
  }
  text += "rationality: *q22\n";
  CHECK_THAT(load_error(text), Contains("aliases (*name) expanded"));
}

TEST_CASE("an alias inside the node it names is a cycle and refused") {
  CHECK_THAT(load_error(minimal_scenario() + "loop: &a [1, *a]\n"),
             StartsWith("test.yaml:5:14: an alias inside the node it names"));
  CHECK_THAT(load_error(minimal_scenario() + "loop: &m {x: *m}\n"), Contains("(a cycle)"));
}

TEST_CASE("nesting deeper than the limit is refused") {
  const int depth = detail::max_yaml_depth + 1;
  const std::string deep = std::string(depth, '[') + std::string(depth, ']');
  CHECK_THAT(load_error(minimal_scenario() + "deep: " + deep + "\n"),
             Contains("nested more than 64 deep"));
  const std::string fine = std::string(depth - 3, '[') + std::string(depth - 3, ']');
  CHECK_THAT(load_error(minimal_scenario() + "deep: " + fine + "\n"), Contains("deep"));
  CHECK_THAT(load_error(minimal_scenario() + "deep: " + fine + "\n"), !Contains("nested"));
}

TEST_CASE("too many values, even without aliases, are refused") {
  std::string many = minimal_scenario() + "many: [";
  for (std::size_t i = 0; i <= detail::max_yaml_nodes; ++i) many += "0,";
  many += "0]\n";
  CHECK_THAT(load_error(many), Contains("more than 100,000 values (keys, values and list items)"));
}

TEST_CASE("text that is not UTF-8 is refused at its position") {
  CHECK_THAT(load_error(minimal_scenario() + "name: \"\xff\xfe\"\n"),
             StartsWith("test.yaml:5:8: byte 0xFF is not UTF-8"));
  CHECK_THAT(load_error(minimal_scenario() + "description: a\xc0\xaf"
                                             "b\n"),
             Contains("byte 0xC0 is not UTF-8"));  // an overlong '/'
  CHECK_THAT(load_error(minimal_scenario() + std::string("name: a\0b\n", 10)),
             Contains("byte 0x00 is not UTF-8"));
  CHECK_THAT(load_error(minimal_scenario(), LoadOptions{{"name=\xff"}, std::nullopt}),
             Contains("not UTF-8"));
  // Valid multibyte text is fine.
  CHECK(test::load(minimal_scenario() + "name: \"Україна – 🇺🇦\"\n").name == "Україна – 🇺🇦");
}

TEST_CASE("a --set value holding a second YAML document is an error, not dropped") {
  CHECK_THAT(load_error(minimal_scenario(), LoadOptions{{"name=a\n---\nb"}, std::nullopt}),
             Contains("a second YAML document"));
  CHECK_THAT(load_error(minimal_scenario() + "---\nname: b\n"),
             StartsWith("test.yaml:5:1: a second YAML document"));
}

TEST_CASE(
    "a file larger than the limit, or one that never ends, is refused without reading it all") {
  test::TempDir dir;
  const auto big = dir / "big.yaml";
  {
    std::ofstream out(big);
    out << minimal_scenario() << "# " << std::string(detail::max_yaml_bytes, 'x') << "\n";
  }
  CHECK_THROWS_WITH(load_scenario(big), Contains("big.yaml: cannot read: larger than 1 MiB"));
  CHECK_THROWS_WITH(load_scenario("/dev/zero"), Contains("/dev/zero: cannot read: larger than"));
  CHECK_THROWS_AS(load_scenario("/dev/zero"), InputError);
}

TEST_CASE("many errors are reported quickly: the first 100 located, the rest counted") {
  std::string text = minimal_scenario();
  for (int i = 0; i < 5000; ++i) text += "unknown_key_" + std::to_string(i) + ":\n";
  const std::string message = load_error(text);
  CHECK_THAT(message, Contains("and 4900 more errors not shown"));
}
