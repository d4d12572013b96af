// The JSON Schema of scenario and preset files, generated from the loader's own field tables.
#pragma once

#include <string>

namespace detsim {

// The schema (JSON Schema draft-07) as `detsim schema` prints it and
// scenarios/detsim-scenario.schema.json ships it: every key the loader reads, its type, range,
// distribution forms, required keys, description and unit.
std::string scenario_json_schema();

}  // namespace detsim
