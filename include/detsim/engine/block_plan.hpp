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

// Blocks of at most block_size trials, taken from the experiments in turn (block 0 of each
// experiment, then block 1 of each, ...), so a run stopped part-way still holds a comparable
// number of trials of every experiment. Within an experiment, trials stay in index order.
std::vector<TrialBlock> plan_blocks(const std::vector<std::int64_t>& trials_per_experiment,
                                    std::int64_t block_size);

}  // namespace detsim
