// /summary written while the run goes on: as the leading experiments' rows become final
// (SummaryAccumulator::finished), whole slices of them go to the results file and the summary
// drops them, so a study of thousands of points holds the tallies of the few still running, not
// of every point. Private to sim/cli.
#pragma once

#include <cstddef>

#include "detsim/io/results_writer.hpp"
#include "detsim/stats/summary.hpp"
#include "precision_rule.hpp"

namespace detsim::cli {

class SummaryStream {
 public:
  SummaryStream(ResultsWriter& writer, SummaryAccumulator& summary, PrecisionRule& precision)
      : writer_(writer), summary_(summary), precision_(precision) {}

  // Writes every whole slice of finished experiments not yet written (after each block).
  void write_finished();
  // The rows not yet written, a slice at a time, for ResultsWriter::close.
  TableSlices rest() const;

 private:
  // Experiments a slice holds: few HDF5 calls, and a few hundred rows held at a time. The same
  // slices whether written during the run or at its close.
  static constexpr std::size_t kSlice = 64;

  ResultsWriter& writer_;
  SummaryAccumulator& summary_;
  PrecisionRule& precision_;
  std::size_t written_ = 0;  // experiments whose rows are in the file
};

}  // namespace detsim::cli
