// A BlockSink that keeps every block's trials in memory, for tests.
#pragma once

#include <vector>

#include "detsim/engine/simulation.hpp"

namespace detsim::testing {

class CollectingSink : public BlockSink {
 public:
  void consume(const TrialBlock&, const ColumnBlock& trials, const PathBlock& paths) override {
    blocks.push_back(trials);
    path_blocks.push_back(paths);
  }
  // All rows of one column, in the order the blocks arrived.
  std::vector<double> column(const std::string& name) const {
    std::vector<double> out;
    for (const ColumnBlock& b : blocks) {
      const std::size_t c = b.index_of(name);
      for (std::size_t r = 0; r < b.rows(); ++r) out.push_back(b.number(c, r));
    }
    return out;
  }
  // All rows of one column, row t holding trial t (blocks may arrive in any order), so that row
  // t of two runs of one experiment is the same trial.
  std::vector<double> column_by_trial(const std::string& name) const {
    const std::vector<double> trial = column("trial");
    const std::vector<double> values = column(name);
    std::vector<double> ordered(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      ordered[static_cast<std::size_t>(trial[i])] = values[i];
    }
    return ordered;
  }
  std::vector<ColumnBlock> blocks;
  std::vector<PathBlock> path_blocks;
};

inline double mean_of(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  return xs.empty() ? 0.0 : sum / static_cast<double>(xs.size());
}

}  // namespace detsim::testing
