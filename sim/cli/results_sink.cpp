// ResultsSink: each block to the results file and the summary, in block order.
#include "results_sink.hpp"

namespace detsim::cli {

void ResultsSink::consume(const TrialBlock&, const ColumnBlock& trials, const PathBlock& paths) {
  writer_.append_trials(trials);
  if (paths.rows() > 0) writer_.append_paths(paths);
  summary_.add(trials);
}

}  // namespace detsim::cli
