// The trials of all experiments cut into contiguous blocks: the unit of work handed to a thread
// (and, later, to an MPI rank). Only who runs a block may change; what a block holds never does.
#pragma once

#include <cstdint>
#include <vector>

namespace detsim {

struct TrialBlock {
  std::int32_t experiment = 0;
  std::int64_t first_trial = 0;  // within the experiment
  std::int64_t trials = 0;
};

// Blocks of at most block_size trials, experiment by experiment, in file order.
std::vector<TrialBlock> plan_blocks(const std::vector<std::int64_t>& trials_per_experiment,
                                    std::int64_t block_size);

}  // namespace detsim
