// Where the blocks of a run go: the results file, the summary, and the progress report.
#pragma once

#include "detsim/engine/simulation.hpp"
#include "detsim/io/results_writer.hpp"
#include "detsim/stats/summary.hpp"
#include "progress.hpp"

namespace detsim::cli {

class ResultsSink : public BlockSink {
 public:
  ResultsSink(ResultsWriter& writer, SummaryAccumulator& summary, ProgressReport& progress)
      : writer_(writer), summary_(summary), progress_(progress) {}
  void consume(const TrialBlock& block, const ColumnBlock& trials, const PathBlock& paths) override;
  void assist() override { writer_.pack_queued_chunks(); }
  void progress(std::int64_t done, std::int64_t replayed, std::int64_t total,
                double seconds) override {
    progress_.report(done, replayed, total, seconds);
  }

 private:
  ResultsWriter& writer_;
  SummaryAccumulator& summary_;
  ProgressReport& progress_;
};

}  // namespace detsim::cli
