// Cutting experiments into blocks.
#include "detsim/engine/block_plan.hpp"

#include <algorithm>
#include <stdexcept>

namespace detsim {

std::vector<TrialBlock> plan_blocks(const std::vector<std::int64_t>& trials_per_experiment,
                                    std::int64_t block_size) {
  if (block_size <= 0) throw std::invalid_argument("block size must be positive");
  std::vector<TrialBlock> blocks;
  for (std::int64_t first = 0;; first += block_size) {
    bool any = false;
    for (std::size_t e = 0; e < trials_per_experiment.size(); ++e) {
      if (first >= trials_per_experiment[e]) continue;
      blocks.push_back({static_cast<std::int32_t>(e), first,
                        std::min(block_size, trials_per_experiment[e] - first)});
      any = true;
    }
    if (!any) return blocks;
  }
}

}  // namespace detsim
