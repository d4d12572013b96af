// What a run will hold in memory, known before it starts, so an absurd request (paths of a huge
// horizon for a huge block, thousands of threads of huge blocks) is refused with the figure
// instead of failing part-way or pushing the machine into swap.
#pragma once

#include <cstdint>
#include <string>

#include "detsim/engine/simulation.hpp"

namespace detsim {

struct MemoryEstimate {
  std::uint64_t bytes = 0;  // the whole run: block buffers, trial states, writer caches
  std::string breakdown;    // "4 block buffers of 1000 trials, 1000 paths of 121 months each"
};

MemoryEstimate estimate_run_memory(const Simulation& simulation, const RunOptions& options);

}  // namespace detsim
