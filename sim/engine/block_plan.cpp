// Cutting experiments into blocks, one block at a time.
#include "detsim/engine/block_plan.hpp"

#include <algorithm>
#include <stdexcept>

namespace detsim {

namespace {

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

}  // namespace

BlockPlan::BlockPlan(std::vector<std::int64_t> trials_per_experiment, std::int64_t block_size,
                     std::vector<std::int64_t> steps)
    : trials_(std::move(trials_per_experiment)), block_size_(block_size) {
  if (block_size <= 0) throw std::invalid_argument("block size must be positive");
  if (!steps.empty() && steps.size() != trials_.size()) {
    throw std::invalid_argument("one step per experiment");
  }
  const auto size = static_cast<std::uint64_t>(block_size);
  // Held through the run: their size, not the room push_back's doubling leaves.
  steps_.reserve(trials_.size());
  blocks_of_.reserve(trials_.size());
  for (std::size_t e = 0; e < trials_.size(); ++e) {
    const std::int64_t trials = trials_[e];
    if (trials < 0) throw std::invalid_argument("a trial count must not be negative");
    const std::int64_t step = steps.empty() ? 0 : steps[e];
    if (step < 0) throw std::invalid_argument("a step must not be negative");
    // Without a step, the whole experiment is one stage.
    steps_.push_back(step == 0 || step > trials ? std::max<std::int64_t>(trials, 1) : step);
    const auto whole = static_cast<std::uint64_t>(trials / steps_[e]);
    const auto rest = static_cast<std::uint64_t>(trials % steps_[e]);
    const std::uint64_t blocks =
        whole * ceil_div(static_cast<std::uint64_t>(steps_[e]), size) + ceil_div(rest, size);
    blocks_of_.push_back(blocks);
    total_blocks_ += blocks;
    rounds_ = std::max(rounds_, blocks);
  }
}

std::uint64_t BlockPlan::blocks_before_round(std::uint64_t round) const {
  std::uint64_t blocks = 0;
  for (const std::uint64_t n : blocks_of_) blocks += std::min(n, round);
  return blocks;
}

TrialBlock BlockPlan::block_of(std::size_t e, std::uint64_t j) const {
  const std::uint64_t per_stage =
      ceil_div(static_cast<std::uint64_t>(steps_[e]), static_cast<std::uint64_t>(block_size_));
  const auto stage = static_cast<std::int64_t>(j / per_stage);
  const auto within = static_cast<std::int64_t>(j % per_stage) * block_size_;
  const std::int64_t first = stage * steps_[e] + within;
  const std::int64_t trials = std::min({block_size_, steps_[e] - within, trials_[e] - first});
  return {static_cast<std::int32_t>(e), first, trials};
}

TrialBlock BlockPlan::operator[](std::uint64_t b) const {
  if (b >= total_blocks_) throw std::out_of_range("block index past the plan");
  const std::uint64_t experiments = blocks_of_.size();
  if (total_blocks_ == rounds_ * experiments) {  // every experiment has every round: the usual case
    return block_of(static_cast<std::size_t>(b % experiments), b / experiments);
  }
  // The round holding block b: the last round r with blocks_before_round(r) <= b.
  std::uint64_t low = 0, high = rounds_;  // invariant: before(low) <= b < before(high)
  while (high - low > 1) {
    const std::uint64_t middle = low + (high - low) / 2;
    if (blocks_before_round(middle) <= b) {
      low = middle;
    } else {
      high = middle;
    }
  }
  // Within round `low`, the k-th experiment that still has a block in it.
  std::uint64_t k = b - blocks_before_round(low);
  for (std::size_t e = 0; e < blocks_of_.size(); ++e) {
    if (blocks_of_[e] <= low) continue;
    if (k-- > 0) continue;
    return block_of(e, low);
  }
  throw std::logic_error("block plan: no experiment holds block " + std::to_string(b));
}

std::vector<TrialBlock> plan_blocks(const std::vector<std::int64_t>& trials_per_experiment,
                                    std::int64_t block_size,
                                    const std::vector<std::int64_t>& steps) {
  const BlockPlan plan(trials_per_experiment, block_size, steps);
  std::vector<TrialBlock> blocks;
  blocks.reserve(plan.size());
  for (std::uint64_t b = 0; b < plan.size(); ++b) blocks.push_back(plan[b]);
  return blocks;
}

}  // namespace detsim
