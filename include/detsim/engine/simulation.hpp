// Running the experiments of one run: blocks of trials on worker threads, handed back to the
// caller in block order so that files and summaries never depend on which thread finished first.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "detsim/engine/block_plan.hpp"
#include "detsim/engine/cancellation.hpp"
#include "detsim/engine/model_window.hpp"
#include "detsim/model/trial_model.hpp"
#include "detsim/scenario/scenario.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim {

struct ExperimentSpec {
  std::string structure;  // the experiment's name (Scenario::guarantee.structure when run)
  Scenario scenario;      // fully resolved
  // A calibration's posterior setting some of the scenario's values trial by trial (the same
  // particle at trial t in every experiment that shares it); none when null.
  std::shared_ptr<const Posterior> posterior = nullptr;
};

// Where a run's experiments come from, each made when it is asked for: a study of thousands of
// design points holds each point's settings, not a resolved Scenario per experiment (a few KiB
// each), and makes an experiment's scenario again when its model is built or its resolved YAML
// written.
class ExperimentSource {
 public:
  virtual ~ExperimentSource() = default;
  virtual std::size_t size() const = 0;
  // Experiment e, the same every time it is asked. Callers never ask from two threads at once.
  virtual ExperimentSpec experiment(std::size_t e) const = 0;
  // Experiment e's name (its ExperimentSpec::structure), without making its scenario, so that a
  // run need not hold every name: asked whenever one is needed (checks, the journal's identity,
  // /experiments, tables, failures). Unlike experiment(), safe to ask from any thread.
  virtual std::string name(std::size_t e) const = 0;
};

// Experiments held whole, as a run of a few structures holds them.
std::unique_ptr<const ExperimentSource> held_experiments(std::vector<ExperimentSpec> experiments);

// Receives every block, in block order (but those of an experiment after a trial of it failed), on
// the thread that called Simulation::run.
class BlockSink {
 public:
  virtual ~BlockSink() = default;
  virtual void consume(const TrialBlock& block, const ColumnBlock& trials,
                       const PathBlock& paths) = 0;
  // A trial of the experiment failed, in a block the sink is not handed: the experiment runs
  // no more than the trials_run trials of the blocks before it, so what the sink has of it is
  // final. Called once, in block order.
  virtual void failed(std::int32_t /*experiment*/, std::int64_t /*trials_run*/) {}
  // Called on each worker thread after each block it computes, concurrently with consume() and
  // with the other workers: work the sink can spread over the run's threads (packing chunks of
  // the results file), so the thread that consumes does not have to do it all. Must be
  // thread-safe; an exception ends the run as a failing trial does.
  virtual void assist() {}
  // Called between blocks about every half second, and once at the end. trials_total shrinks
  // when an experiment meets its precision target: the trials it will not run are taken off.
  // trials_replayed of trials_done came from a resumed run's journal, not computed in `seconds`.
  virtual void progress(std::int64_t /*trials_done*/, std::int64_t /*trials_replayed*/,
                        std::int64_t /*trials_total*/, double /*seconds*/) {}
};

class RemoteLanes;
class BlockJournal;

// Decides whether an experiment with a precision target (Scenario::precision) has run enough. It
// is asked in block order, once the sink has consumed the block that ends at a multiple of the
// experiment's step short of its cap, so its answer is a function of the experiment's trials
// 0..trials_run-1 alone: the same whatever the threads, block size, ranks or resume. Once it says
// yes, the experiment's later blocks are neither handed to the sink nor journaled with trials.
class StoppingRule {
 public:
  virtual ~StoppingRule() = default;
  virtual bool enough(std::int32_t experiment, std::int64_t trials_run) = 0;
};

struct RunOptions {
  int threads = 1;
  std::int64_t block_size = 1000;
  std::uint64_t seed = 0;
  const CancellationFlag* cancel = nullptr;  // stop after the blocks under way
  // Lanes computing blocks in other processes (the other ranks of an MPI job), each fed by a
  // thread of its own beside the `threads` that compute here; none when null. Which lane or
  // thread computes a block never changes what the sink receives, nor in what order.
  RemoteLanes* remote = nullptr;
  // Where consumed blocks are kept, and the blocks an earlier run of the same experiments left;
  // none when null.
  BlockJournal* journal = nullptr;
  // Asked at the check points of experiments with a precision target; when null, every
  // experiment runs all its trials.
  StoppingRule* stopping = nullptr;
};

struct RunResult {
  std::int64_t trials_completed = 0;  // trials handed to the sink
  bool complete = false;              // every block was run (none left by a cancellation)
  double seconds = 0;
  // Why each failed experiment failed (the message of its first failing trial, in block order),
  // by experiment: the failed alone, so that a study's thousands of points hold nothing for it.
  // A failed experiment's blocks before the failing one reached the sink, none after.
  std::map<std::size_t, std::string> experiment_errors;
  // Per experiment: the trials handed to the sink (its first trials_run[e], in order).
  std::vector<std::int64_t> trials_run;

  std::size_t failed_experiments() const { return experiment_errors.size(); }
  // Why experiment e failed; empty if it did not.
  const std::string& error(std::size_t e) const {
    static const std::string none;
    const auto found = experiment_errors.find(e);
    return found == experiment_errors.end() ? none : found->second;
  }
};

// Where a block's trials go, and why a trial of it failed (empty if none did).
struct BlockBuffers {
  ColumnBlock trials;
  PathBlock paths;
  std::string error;

  // A block of no trials (one skipped or dropped), its columns kept for the next block.
  void clear() {
    trials.resize(0);
    paths.clear_rows();
    error.clear();
  }
};

class Simulation;

// What one thread needs to compute blocks of a simulation: a trial state fitted to the
// experiments it has run (grown once, so no trial allocates) and the path rows being written. Any
// thread, in any process, computes a block into the same values: trials draw from streams keyed by
// (seed, trial).
class BlockWorker {
 public:
  explicit BlockWorker(const Simulation& simulation);
  ~BlockWorker();
  BlockWorker(const BlockWorker&) = delete;
  BlockWorker& operator=(const BlockWorker&) = delete;

  // The trials of `block` into `out` (resized to the block; paths to its recorded rows). A trial
  // that throws sets out.error, and the rest of the block is not run.
  void compute(const TrialBlock& block, std::uint64_t seed, BlockBuffers& out);

 private:
  const Simulation& simulation_;
  std::unique_ptr<TrialState> state_;
  std::vector<double*> rows_;
};

// Blocks computed outside this process: each lane computes one block at a time, for a thread of
// Simulation::run that waits for it (sim/engine/mpi_ranks.cpp serves lanes on an MPI job's ranks).
class RemoteLanes {
 public:
  virtual ~RemoteLanes() = default;
  virtual std::size_t lanes() const = 0;
  // Fills `out` as BlockWorker::compute would. Called from one thread per lane, concurrently
  // across lanes. Throws (RunError) when the lane's process fails: the run then fails.
  virtual void compute(std::size_t lane, const TrialBlock& block, std::uint64_t seed,
                       BlockBuffers& out) = 0;
};

// Blocks a run has consumed, kept outside it (a file: journal_file.hpp), so that a run killed
// part-way goes on from where it was: Simulation::run hands the first replayable() blocks to the
// sink from here instead of computing them, through the same path as computed ones, so the sink
// cannot tell a resumed run from an uninterrupted one.
class BlockJournal {
 public:
  virtual ~BlockJournal() = default;
  virtual std::uint64_t replayable() const = 0;
  // Block b < replayable() into `out` (shaped by Simulation::shape_buffers).
  virtual void replay(std::uint64_t b, BlockBuffers& out) = 0;
  // Block b (every b >= replayable(), in order), once the sink has been handed it.
  virtual void record(std::uint64_t b, const BlockBuffers& block) = 0;
};

class Simulation {
 public:
  // Every parameter random in some experiment is recorded in all (a param.<path> column of
  // /trials); `also_recorded` adds columns ("param.<path>") a rerun must keep to match the file
  // it reruns, where another experiment drew the parameter. Each experiment is made and compiled
  // once here (to learn its columns and values) and dropped, but for what the run asks of it
  // every block (its trials, paths recorded and precision target) and what its /experiments row
  // needs besides its name: its model is built again when its blocks run, and only the models in
  // flight are held (ModelWindow).
  explicit Simulation(std::vector<ExperimentSpec> experiments,
                      const std::vector<std::string>& also_recorded = {});
  // The experiments made by `source` when needed: memory does not grow with their number beyond
  // what the source holds and about 40 bytes an experiment, and 16 for each of its /experiments
  // numbers that departs from the first experiment's.
  explicit Simulation(std::unique_ptr<const ExperimentSource> source,
                      const std::vector<std::string>& also_recorded = {});
  ~Simulation();

  std::size_t experiment_count() const { return outlines_.size(); }
  // Made by the source when asked: not held.
  std::string name(std::size_t e) const { return source_->name(e); }
  std::int64_t trials(std::size_t e) const { return outlines_.at(e).trials; }
  // Null when the experiment runs all its trials.
  const PrecisionTarget* precision(std::size_t e) const;
  // The most trials' paths any experiment records.
  std::int64_t recorded_paths() const;
  // Experiment e, its scenario made now (from the source).
  ExperimentSpec experiment(std::size_t e) const { return source_->experiment(e); }
  const std::vector<ColumnInfo>& trial_columns() const;
  const std::vector<ColumnInfo>& path_variables() const;
  std::size_t path_months() const;
  std::int64_t total_trials() const;
  // /experiments: experiment, structure, preset, trials, lead, collective, cohesion_shift, every
  // guarantor's terms (terms.<id>.<term>), and each other parameter whose value differs between
  // experiments. (Each experiment's resolved YAML is added as the file is written.)
  ColumnBlock experiments_table() const;

  RunResult run(const RunOptions& options, BlockSink& sink) const;

  // How the experiments are cut into blocks of at most `block_size` trials (each experiment's
  // precision step included).
  BlockPlan block_plan(std::int64_t block_size) const;

  // Buffers shaped for this simulation's blocks (trial columns, path variables and months), empty.
  void shape_buffers(ColumnBlock& trials, PathBlock& paths) const;

 private:
  friend class BlockWorker;
  std::shared_ptr<const TrialModel> build_model(std::size_t experiment) const;

  // A numeric /experiments column and its value in experiment 0: the guarantee's (collective,
  // cohesion_shift, each guarantor's terms), always written, then each constant parameter of
  // experiment 0 (param.<path>), written when some experiment holds another value. An
  // experiment's departures from these are all experiments_table needs of its numbers.
  struct Constant {
    std::string parameter;  // param.<path>; empty for the guarantee's columns
    double value = 0;
    bool varied = false;  // some experiment holds another value
  };
  struct Departure {
    std::uint32_t constant = 0;
    double value = 0;  // NaN: the experiment has no such parameter
  };

  // What the run asks of an experiment every block, and the /experiments row's parts that are not
  // numbers, kept from the one pass that makes each experiment: a few dozen bytes each, however
  // many experiments.
  struct Outline {
    std::int64_t trials = 0;
    std::int64_t record_paths = 0;
    std::uint32_t precision = kNoTarget;  // of targets_
    std::uint32_t preset = 0;             // of texts_
    std::uint32_t lead = 0;               // of texts_
    // Its departures are departures_[end of the experiment before's, departures_end).
    std::size_t departures_end = 0;
  };
  static constexpr std::uint32_t kNoTarget = UINT32_MAX;

  std::unique_ptr<const ExperimentSource> source_;
  std::vector<Outline> outlines_;
  // /experiments' columns up to the varied parameters: experiment, structure, preset, trials,
  // lead, then the guarantee's constants_.
  std::vector<ColumnInfo> guarantee_schema_;
  std::vector<std::string> texts_;  // the few distinct presets and leads
  // The targets: one for each run of consecutive experiments of equal targets.
  std::vector<PrecisionTarget> targets_;
  std::unique_ptr<BetaTables> tables_ = std::make_unique<BetaTables>();
  std::vector<std::string> recorded_;        // the param.* columns every model records
  std::shared_ptr<const TrialModel> first_;  // experiment 0's: the run's columns and horizon
  std::vector<Constant> constants_;
  std::vector<Departure> departures_;  // every experiment's, in experiment order
  mutable ModelWindow window_;
};

}  // namespace detsim
