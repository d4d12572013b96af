// `detsim validate`: every file is checked, every error reported, before the status is given.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "detsim/error.hpp"
#include "detsim/scenario/load.hpp"

namespace detsim::cli {

int validate_command(const std::vector<std::string>& files,
                     const std::vector<std::string>& overrides) {
  int status = 0;
  for (const std::string& file : files) {
    try {
      LoadOptions options;
      options.overrides = overrides;
      const Scenario s = load_scenario(file, options);
      std::cout << fmt::format("{}: ok ({} actors, {} months, {} trials, preset {})\n", file,
                               s.actors.size(), s.horizon_months, s.trials,
                               s.guarantee.preset.empty() ? "none named" : s.guarantee.preset);
    } catch (const InputError& e) {
      std::cerr << e.what() << '\n';
      status = 2;
    }
  }
  return status;
}

}  // namespace detsim::cli
