// ResultsSink: each block to the results file and the summary, in block order.
#include "results_sink.hpp"

namespace detsim::cli {

void ResultsSink::consume(const TrialBlock&, const ColumnBlock& trials, const PathBlock& paths) {
  writer_.append_trials(trials);
  if (paths.rows() > 0) writer_.append_paths(paths);
  summary_.add(trials);
  // Rows made final by this block, or by a precision stop after the last one.
  stream_.write_finished();
}

}  // namespace detsim::cli
