// The sink of the engine-alone figures: counts rows so the work cannot be optimised away, and
// keeps nothing.
#pragma once

#include <cstddef>

#include "detsim/engine/simulation.hpp"

namespace detsim::bench {

class CountingSink : public BlockSink {
 public:
  void consume(const TrialBlock&, const ColumnBlock& trials, const PathBlock&) override {
    rows += trials.rows();
  }
  std::size_t rows = 0;
};

}  // namespace detsim::bench
