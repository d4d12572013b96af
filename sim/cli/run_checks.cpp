// The inputs of a run, distinct experiment names, and the memory a run may take.
#include "run_checks.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "detsim/engine/memory_estimate.hpp"
#include "detsim/error.hpp"
#include "detsim/scenario/preset.hpp"

namespace detsim::cli {

void throw_if_any(const std::vector<std::string>& errors) {
  if (errors.empty()) return;
  std::string all;
  for (const std::string& e : errors) {
    if (!all.empty()) all += '\n';
    all += e;
  }
  throw InputError(all);
}

namespace {

std::string gibibytes(std::uint64_t bytes) {
  return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
}

std::uint64_t memory_available() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGE_SIZE);
  std::uint64_t bytes = pages > 0 && page > 0
                            ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page)
                            : UINT64_MAX;
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    bytes = std::min<std::uint64_t>(bytes, limit.rlim_cur);
  }
  return bytes;
}

}  // namespace

std::vector<std::filesystem::path> run_inputs(const std::filesystem::path& scenario,
                                              const std::vector<ExperimentSpec>& experiments) {
  // Each preset once: a study's thousands of points name the same few.
  std::set<std::string> presets;
  for (const ExperimentSpec& e : experiments) presets.insert(e.scenario.guarantee.preset);
  return run_inputs(scenario, presets);
}

std::vector<std::filesystem::path> run_inputs(const std::filesystem::path& scenario,
                                              const std::set<std::string>& presets) {
  std::vector<std::filesystem::path> inputs{scenario};
  for (const std::string& preset : presets) {
    if (preset.empty()) continue;
    // Already loaded once, so it loads again; a preset that vanished since is simply not an
    // input any more.
    try {
      inputs.push_back(load_preset(preset, scenario.parent_path()).file);
    } catch (const InputError&) {
    }
  }
  return inputs;
}

void check_distinct_structures(const std::vector<std::string>& names) {
  std::set<std::string> seen;
  for (const std::string& name : names) {
    if (!seen.insert(name).second) {
      throw InputError("--structure: two experiments would be named " + name +
                       " (a structure given twice or also in 'all', or two preset files of one "
                       "name); each experiment of a run needs its own name, so that /experiments "
                       "and the summary can tell them apart");
    }
  }
}

void check_memory(const std::string& scenario, const Simulation& simulation,
                  const RunOptions& options) {
  const MemoryEstimate needed = estimate_run_memory(simulation, options);
  const std::uint64_t available = memory_available();
  if (needed.bytes <= available) return;
  throw InputError(fmt::format(
      "{}: the run would need about {} of memory ({}), more than the {} available: lower "
      "--block-size, --threads or output.record_paths",
      scenario,
      needed.bytes == UINT64_MAX ? std::string("more than 16 EiB") : gibibytes(needed.bytes),
      needed.breakdown, gibibytes(available)));
}

}  // namespace detsim::cli
