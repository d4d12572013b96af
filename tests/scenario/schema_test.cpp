// The generated schema names every key of the loader's tables, with its words, range and default
// from the same row: a key added to a table reaches editors with no second edit.
#include <string>

#include "detsim/scenario/schema.hpp"
#include "scenario_test_support.hpp"

using namespace detsim;
using namespace detsim::detail;

namespace {

// The body of the first property `key` whose schema has a description (up to its closing line at
// the same indentation); empty when there is none.
std::string property(const std::string& schema, const std::string& key) {
  const std::string opening = "\"" + key + "\": {\n";
  for (std::size_t at = schema.find(opening); at != std::string::npos;
       at = schema.find(opening, at + 1)) {
    const std::size_t line_start = schema.rfind('\n', at) + 1;
    const std::string indent(at - line_start, ' ');
    const std::size_t end = schema.find("\n" + indent + "}", at);
    const std::string body = schema.substr(at, end - at);
    if (body.find("\"description\": \"") != std::string::npos) return body;
  }
  return "";
}

void check_described(const std::string& schema, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    INFO("key " << key);
    CHECK_FALSE(property(schema, key).empty());
  }
}

}  // namespace

TEST_CASE("the schema describes every key of every table the loader reads", "[schema]") {
  const std::string schema = scenario_json_schema();
  check_described(schema, scenario_keys());
  check_described(schema, guarantee_keys());
  check_described(schema, output_keys());
  check_described(schema, preset_keys());
  check_described(schema, actor_keys(std::nullopt));
  check_described(schema, keys_of(severity_fields()));
  check_described(schema, keys_of(dynamics_quantity_fields()));
  check_described(schema, keys_of(dynamics_integer_fields()));
  check_described(schema, keys_of(elections_quantity_fields()));
  check_described(schema, keys_of(elections_integer_fields()));
  check_described(schema, keys_of(kTerms));
}

TEST_CASE("the schema takes ranges, defaults, units and words from the field rows", "[schema]") {
  const std::string schema = scenario_json_schema();
  const Dynamics defaults;
  for (const auto& f : dynamics_integer_fields()) {
    const std::string body = property(schema, f.key);
    INFO(f.key << ":\n" << body);
    CHECK(body.find("\"minimum\": " + std::to_string(f.min)) != std::string::npos);
    CHECK(body.find("\"maximum\": " + std::to_string(f.max)) != std::string::npos);
    CHECK(body.find("\"default\": " + std::to_string(defaults.*f.member)) != std::string::npos);
    CHECK(body.find(f.description) != std::string::npos);
    CHECK(body.find("unit: " + f.unit) != std::string::npos);
  }
  for (const TermInfo& term : kTerms) {
    const std::string body = property(schema, std::string(term.key));
    INFO(term.key << ":\n" << body);
    CHECK(body.find(std::string(term.description)) != std::string::npos);
    CHECK(body.find(std::string(term.unit)) != std::string::npos);
  }
  // A quantity field refers to the definition for its range, which states the bounds.
  const std::string rationality = property(schema, "rationality");
  CHECK(rationality.find("#/definitions/quantity_from_0_or_inf") != std::string::npos);
  const std::string cohesion_shift = property(schema, "cohesion_shift");
  CHECK(cohesion_shift.find("#/definitions/quantity_from_-1_to_1") != std::string::npos);
  const std::string definition = property(schema, "quantity_from_-1_to_1");
  CHECK(definition.find("\"minimum\": -1") != std::string::npos);
  CHECK(definition.find("\"maximum\": 1") != std::string::npos);
}

TEST_CASE("every row of every table has words for editors", "[schema]") {
  auto check_rows = [](const auto& table) {
    for (const auto& row : table) {
      INFO("key " << row.key);
      CHECK_FALSE(row.description.empty());
    }
  };
  check_rows(scenario_fields());
  check_rows(guarantee_fields());
  check_rows(output_fields());
  check_rows(preset_fields());
  check_rows(severity_fields());
  check_rows(dynamics_quantity_fields());
  check_rows(dynamics_integer_fields());
  check_rows(elections_quantity_fields());
  check_rows(elections_integer_fields());
  check_rows(actor_quantity_fields());
  check_rows(actor_bool_fields());
}
