// `detsim schema`: the JSON Schema of scenario and preset files, for editors.
#include <iostream>

#include "commands.hpp"
#include "detsim/scenario/schema.hpp"

namespace detsim::cli {

int schema_command() {
  std::cout << scenario_json_schema();
  return std::cout.flush() ? 0 : 1;
}

}  // namespace detsim::cli
