// Cutting experiments into blocks, one block at a time.
#include "detsim/engine/block_plan.hpp"

#include <algorithm>
#include <stdexcept>

namespace detsim {

BlockPlan::BlockPlan(std::vector<std::int64_t> trials_per_experiment, std::int64_t block_size)
    : trials_(std::move(trials_per_experiment)), block_size_(block_size) {
  if (block_size <= 0) throw std::invalid_argument("block size must be positive");
  const auto size = static_cast<std::uint64_t>(block_size);
  for (const std::int64_t trials : trials_) {
    if (trials < 0) throw std::invalid_argument("a trial count must not be negative");
    const std::uint64_t blocks = (static_cast<std::uint64_t>(trials) + size - 1) / size;
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

TrialBlock BlockPlan::operator[](std::uint64_t b) const {
  if (b >= total_blocks_) throw std::out_of_range("block index past the plan");
  const std::uint64_t experiments = blocks_of_.size();
  if (total_blocks_ == rounds_ * experiments) {  // every experiment has every round: the usual case
    const std::uint64_t round = b / experiments;
    const auto e = static_cast<std::size_t>(b % experiments);
    const std::int64_t first = static_cast<std::int64_t>(round) * block_size_;
    return {static_cast<std::int32_t>(e), first, std::min(block_size_, trials_[e] - first)};
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
    const std::int64_t first = static_cast<std::int64_t>(low) * block_size_;
    return {static_cast<std::int32_t>(e), first, std::min(block_size_, trials_[e] - first)};
  }
  throw std::logic_error("block plan: no experiment holds block " + std::to_string(b));
}

std::vector<TrialBlock> plan_blocks(const std::vector<std::int64_t>& trials_per_experiment,
                                    std::int64_t block_size) {
  const BlockPlan plan(trials_per_experiment, block_size);
  std::vector<TrialBlock> blocks;
  blocks.reserve(plan.size());
  for (std::uint64_t b = 0; b < plan.size(); ++b) blocks.push_back(plan[b]);
  return blocks;
}

}  // namespace detsim
