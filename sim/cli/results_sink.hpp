// Where the blocks of a run go: the results file, the summary, and the progress line.
#pragma once

#include "detsim/engine/simulation.hpp"
#include "detsim/io/results_writer.hpp"
#include "detsim/stats/summary.hpp"

namespace detsim::cli {

class ResultsSink : public BlockSink {
 public:
  ResultsSink(ResultsWriter& writer, SummaryAccumulator& summary, bool show_progress)
      : writer_(writer), summary_(summary), show_progress_(show_progress) {}
  void consume(const TrialBlock& block, const ColumnBlock& trials, const PathBlock& paths) override;
  void progress(std::int64_t done, std::int64_t total, double seconds) override;
  // Ends the progress line so later output starts on a fresh line.
  void finish_progress();

 private:
  ResultsWriter& writer_;
  SummaryAccumulator& summary_;
  bool show_progress_;
  bool progress_shown_ = false;
};

}  // namespace detsim::cli
