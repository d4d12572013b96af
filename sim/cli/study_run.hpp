// Running a study file (detsim_study: a scenario and a design). Private to sim/cli.
#pragma once

#include "commands.hpp"
#include "experiment_run.hpp"

namespace detsim::cli {

// The study's experiments, every point checked (InputError with every error otherwise), ready to
// run; nothing is created.
ExperimentRun prepare_study(const RunArguments& args);

// `detsim run` on a study file: every point checked before anything is written, then run as one
// results file. Returns the exit status.
int run_study(const RunArguments& args);

}  // namespace detsim::cli
