// Running the experiments of one run: blocks of trials on worker threads, handed back to the
// caller in block order so that files and summaries never depend on which thread finished first.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "detsim/engine/block_plan.hpp"
#include "detsim/engine/cancellation.hpp"
#include "detsim/model/trial_model.hpp"
#include "detsim/scenario/scenario.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim {

struct ExperimentSpec {
  std::string structure;  // the experiment's name (Scenario::guarantee.structure when run)
  Scenario scenario;      // fully resolved
};

// Receives every block, in block order (but those of an experiment after a trial of it failed), on
// the thread that called Simulation::run.
class BlockSink {
 public:
  virtual ~BlockSink() = default;
  virtual void consume(const TrialBlock& block, const ColumnBlock& trials,
                       const PathBlock& paths) = 0;
  // Called on each worker thread after each block it computes, concurrently with consume() and
  // with the other workers: work the sink can spread over the run's threads (packing chunks of
  // the results file), so the thread that consumes does not have to do it all. Must be
  // thread-safe; an exception ends the run as a failing trial does.
  virtual void assist() {}
  // Called between blocks about every half second, and once at the end.
  virtual void progress(std::int64_t /*trials_done*/, std::int64_t /*trials_total*/,
                        double /*seconds*/) {}
};

struct RunOptions {
  int threads = 1;
  std::int64_t block_size = 1000;
  std::uint64_t seed = 0;
  const CancellationFlag* cancel = nullptr;  // stop after the blocks under way
};

struct RunResult {
  std::int64_t trials_completed = 0;  // trials handed to the sink
  bool complete = false;              // every block was run (none left by a cancellation)
  double seconds = 0;
  // Per experiment: empty, or why it failed (the message of its first failing trial, in block
  // order). A failed experiment's blocks before the failing one reached the sink, none after.
  std::vector<std::string> experiment_errors;

  std::size_t failed_experiments() const {
    std::size_t failed = 0;
    for (const std::string& e : experiment_errors) failed += e.empty() ? 0 : 1;
    return failed;
  }
};

class Simulation {
 public:
  // Every parameter random in some experiment is recorded in all (a param.<path> column of
  // /trials); `also_recorded` adds columns ("param.<path>") a rerun must keep to match the file
  // it reruns, where another experiment drew the parameter.
  explicit Simulation(std::vector<ExperimentSpec> experiments,
                      const std::vector<std::string>& also_recorded = {});
  ~Simulation();

  const std::vector<ExperimentSpec>& experiments() const { return experiments_; }
  const std::vector<ColumnInfo>& trial_columns() const;
  const std::vector<ColumnInfo>& path_variables() const;
  std::size_t path_months() const;
  std::int64_t total_trials() const;
  // /experiments: experiment, structure, preset, trials, lead, collective, cohesion_shift, every
  // guarantor's terms (terms.<id>.<term>), each other parameter whose value differs between
  // experiments, and the resolved YAML of each.
  ColumnBlock experiments_table(const std::vector<std::string>& resolved_yaml) const;

  RunResult run(const RunOptions& options, BlockSink& sink) const;

 private:
  std::vector<ExperimentSpec> experiments_;
  std::unique_ptr<BetaTables> tables_ = std::make_unique<BetaTables>();
  std::vector<std::unique_ptr<TrialModel>> models_;
};

}  // namespace detsim
