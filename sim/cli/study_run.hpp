// Running a study file (detsim_study: a scenario and a design). Private to sim/cli.
#pragma once

#include "commands.hpp"

namespace detsim::cli {

// `detsim run` on a study file: every point checked before anything is written, then run as one
// results file. Returns the exit status.
int run_study(const RunArguments& args);

}  // namespace detsim::cli
