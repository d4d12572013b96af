// Checks `detsim run` makes after reading its inputs and before creating anything: each refusal is
// an InputError (exit status 2) that says what to change.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "commands.hpp"
#include "detsim/engine/simulation.hpp"

namespace detsim::cli {

// Every error found in one pass over a run's inputs, one InputError with a line each; nothing
// when there are none.
void throw_if_any(const std::vector<std::string>& errors);

// Every file the run reads: the scenario and the preset files its experiments use.
std::vector<std::filesystem::path> run_inputs(const std::filesystem::path& scenario,
                                              const std::vector<ExperimentSpec>& experiments);
// The same from the presets the experiments apply (Scenario::guarantee.preset, "" for none).
std::vector<std::filesystem::path> run_inputs(const std::filesystem::path& scenario,
                                              const std::set<std::string>& presets);

// Two experiments of one name would be indistinguishable in /experiments and the summary (and,
// with the same terms, would repeat the same trials): refused, naming the repeated name.
void check_distinct_structures(const std::vector<std::string>& names);

// Refuses a run whose estimated memory exceeds what the machine (or the process's RLIMIT_AS)
// offers, giving both figures.
void check_memory(const std::string& scenario, const Simulation& simulation,
                  const RunOptions& options);

}  // namespace detsim::cli
