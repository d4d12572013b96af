// /summary written while the run goes on: as the leading experiments' rows become final
// (SummaryAccumulator::finished), whole slices of them go to the results file and the summary
// drops them, so a study of thousands of points holds the tallies of the few still running, not
// of every point. Private to sim/cli.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>

#include "detsim/io/results_writer.hpp"
#include "detsim/stats/summary.hpp"

namespace detsim::cli {

class SummaryStream {
 public:
  // write(slice, rows) puts a slice of rows on the file (`rows` in the whole table, the same on
  // every call); keep(end) is told before the summary drops experiments [0, end), so that what
  // else reads them (the precision columns) can keep it. Slices of `slice` experiments.
  using Write = std::function<void(const ColumnBlock& slice, std::size_t rows)>;
  using Keep = std::function<void(std::size_t end)>;
  SummaryStream(SummaryAccumulator& summary, Write write, Keep keep,
                std::size_t slice = kDefaultSlice)
      : summary_(summary), write_(std::move(write)), keep_(std::move(keep)), slice_(slice) {}

  // Writes every whole slice of finished experiments not yet written (after each block).
  void write_finished();
  // The rows not yet written, a slice at a time, for ResultsWriter::close.
  TableSlices rest() const;
  // Experiments whose rows were written (and dropped by the summary) during the run.
  std::size_t written() const { return written_; }

  // Experiments a slice holds: few HDF5 calls, and a few hundred rows held at a time. The same
  // slices whether written during the run or at its close.
  static constexpr std::size_t kDefaultSlice = 64;

 private:
  SummaryAccumulator& summary_;
  Write write_;
  Keep keep_;
  std::size_t slice_;
  std::size_t written_ = 0;  // experiments whose rows are in the file
};

}  // namespace detsim::cli
