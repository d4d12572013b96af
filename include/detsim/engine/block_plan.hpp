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
//
// An experiment may have a step (its precision target's, Scenario::precision): its blocks are then
// cut so that one ends at every multiple of the step, where the run checks whether it has run
// enough (the block after a multiple starts a new one), whatever the block size.
//
// Block b is computed when asked for, in O(log rounds + experiments), never stored: a run of
// 2^31 trials in blocks of one starts at once and holds no list of 2^31 blocks.
class BlockPlan {
 public:
  // std::invalid_argument for a block_size below 1 or a negative trial count.
  // `steps`: per experiment, 0 for none; empty for none at all.
  BlockPlan(std::vector<std::int64_t> trials_per_experiment, std::int64_t block_size,
            std::vector<std::int64_t> steps = {});

  std::uint64_t size() const { return total_blocks_; }
  TrialBlock operator[](std::uint64_t b) const;

 private:
  // Blocks in the first `rounds` rounds: sum over experiments of min(blocks of e, rounds).
  std::uint64_t blocks_before_round(std::uint64_t round) const;
  // Block j of experiment e.
  TrialBlock block_of(std::size_t e, std::uint64_t j) const;

  std::vector<std::int64_t> trials_;
  std::vector<std::int64_t> steps_;  // per experiment: its step, or its trials when it has none
  std::int64_t block_size_;
  std::vector<std::uint64_t> blocks_of_;  // per experiment
  std::uint64_t total_blocks_ = 0;
  std::uint64_t rounds_ = 0;  // the largest blocks_of_
};

// Every block of the plan, in order: for tests and small plans.
std::vector<TrialBlock> plan_blocks(const std::vector<std::int64_t>& trials_per_experiment,
                                    std::int64_t block_size,
                                    const std::vector<std::int64_t>& steps = {});

}  // namespace detsim
