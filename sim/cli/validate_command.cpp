// `detsim validate`: every file (scenario or study) is checked, every error reported, before the
// status is given.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "detsim/error.hpp"
#include "detsim/scenario/load.hpp"
#include "detsim/scenario/study.hpp"
#include "study_run.hpp"

namespace detsim::cli {

int validate_command(const std::vector<std::string>& files,
                     const std::vector<std::string>& overrides) {
  int status = 0;
  for (const std::string& file : files) {
    try {
      if (is_study_file(file)) {
        RunArguments study;
        study.scenario = file;
        study.overrides = overrides;
        const ExperimentRun run = prepare_study(study);
        std::cout << fmt::format("{}: ok (study: {} design points, {} experiments)\n", file,
                                 run.design.rows(), run.generated->size());
        continue;
      }
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
