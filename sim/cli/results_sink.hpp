// Where the blocks of a run go: the results file, the summary (its finished rows on to the file),
// and the progress report.
#pragma once

#include "detsim/engine/simulation.hpp"
#include "detsim/io/results_writer.hpp"
#include "detsim/stats/summary.hpp"
#include "progress.hpp"
#include "summary_stream.hpp"

namespace detsim::cli {

class ResultsSink : public BlockSink {
 public:
  ResultsSink(ResultsWriter& writer, SummaryAccumulator& summary, SummaryStream& stream,
              ProgressReport& progress)
      : writer_(writer), summary_(summary), stream_(stream), progress_(progress) {}
  void consume(const TrialBlock& block, const ColumnBlock& trials, const PathBlock& paths) override;
  // Its summary is final, as an experiment's that met its precision target is: the rows it held
  // back are written now, not at the next block (there may be none).
  void failed(std::int32_t experiment, std::int64_t trials_run) override {
    summary_.stop(static_cast<std::size_t>(experiment), trials_run);
    stream_.write_finished();
  }
  void assist() override { writer_.pack_queued_chunks(); }
  void progress(std::int64_t done, std::int64_t replayed, std::int64_t total,
                double seconds) override {
    progress_.report(done, replayed, total, seconds);
  }

 private:
  ResultsWriter& writer_;
  SummaryAccumulator& summary_;
  SummaryStream& stream_;
  ProgressReport& progress_;
};

}  // namespace detsim::cli
