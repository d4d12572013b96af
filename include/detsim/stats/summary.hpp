// The /summary table: for every experiment, each measure of the debate (deterrence, honoring,
// escalation, costs, cohesion, ...) with its 95% interval, and its difference from a baseline
// experiment, paired trial by trial where it can be, accumulated in trial order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "detsim/stats/intervals.hpp"
#include "detsim/stats/live_experiments.hpp"
#include "detsim/stats/measures.hpp"
#include "detsim/stats/paired_differences.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim {

class SummaryAccumulator {
 public:
  // `trials`: each experiment's trial count; differences are taken from experiment `baseline`,
  // trial by trial when `pair_trials` (trial t of every experiment drew the same random numbers,
  // as in one run), else as differences of independent estimates (runs of different seeds).
  SummaryAccumulator(std::vector<Measure> measures, std::vector<std::int64_t> trials,
                     std::size_t baseline = 0, bool pair_trials = true);
  // Rows must arrive in trial order within each experiment, for bit-identical results. Every
  // measure's columns, and `experiment` and `trial`, must be in the block.
  void add(const ColumnBlock& trials);
  // Columns: experiment, outcome, kind, mean, ci_low, ci_high, n, description, then baseline,
  // pairing, difference, difference_ci_low, difference_ci_high, difference_n.
  ColumnBlock table() const { return table(0, experiments()); }
  // The rows of experiments [first, end) alone: a run of many experiments writes /summary a
  // slice at a time instead of holding every row.
  ColumnBlock table(std::size_t first, std::size_t end) const;
  std::size_t experiments() const { return added_.size(); }
  // The half-width of the 95% interval /summary gives `measure` of `experiment` so far, as a
  // precision target reads it: Wilson's for a rate, which stays above 0 at 0 or n of n; the
  // normal interval's for a mean, infinite while it has fewer than two values or they all agree
  // (no estimate of its spread yet, so no stop on a fluke); infinite while nothing counts.
  double half_width(std::size_t experiment, std::size_t measure) const;
  // The experiment ran its first `trials_run` trials and no more (it met its precision target,
  // or a trial of the next failed).
  void stop(std::size_t experiment, std::int64_t trials_run);
  // How many leading experiments have final rows: each has had every trial it runs added (all
  // its trials, or its first trials_run once stopped), and so has the baseline, whose tally an
  // unpaired difference reads (its pairings are then complete too: trials are paired as soon as
  // both are here). Under the engine's block order an experiment finishes in the round of its
  // last block, so one that runs longer than those after it (more trials, or no precision stop)
  // holds back every later one until it finishes.
  std::size_t finished() const { return finished_; }
  // Experiments [0, end) (end <= finished()) are written: their tallies and pairings are dropped,
  // but the baseline's tally, which later unpaired rows read. Their table() and half_width() are
  // then a std::logic_error. A study's thousands of points so hold the unfinished few.
  void release(std::size_t end);
  // Bytes held for the experiments' tallies, pairings and trials waiting to be paired (for the
  // memory test): it shrinks as experiments are released.
  std::size_t held_bytes() const;
  const std::vector<Measure>& measures() const { return measures_; }
  // Trials' values held until their baseline trial comes (about one round of blocks).
  std::size_t buffered_trials() const { return differences_.buffered_trials(); }

 private:
  struct Tally {
    std::int64_t successes = 0, n = 0;
    RunningMean running;
  };
  Interval interval(const Tally& t, std::size_t measure) const;
  // Experiment e's tallies (no_trials_ before its first trial), a std::logic_error once
  // released.
  const std::vector<Tally>& tallies(std::size_t e) const;
  bool released(std::size_t e) const { return e < released_ && e != differences_.baseline(); }
  // Moves finished_ past every experiment now final.
  void advance_finished();
  std::vector<Measure> measures_;
  // [experiment][measure]: the experiments under way (none before the first's first trial, none
  // once released), and the baseline's apart, kept for the unpaired rows after it is released.
  LiveExperiments<std::vector<Tally>> tallies_;
  std::vector<Tally> baseline_tallies_;
  std::vector<Tally> no_trials_;
  std::vector<std::int64_t> added_;  // trials added, per experiment
  std::size_t finished_ = 0;
  std::size_t released_ = 0;
  PairedDifferences differences_;
  bool pair_trials_;
  std::vector<double> row_values_;  // one trial's measure values, reused
};

// The side-by-side table printed by `run` and `summarize`: one row per measure, one column per
// experiment, "estimate [low, high]"; then, when the summary has them, each experiment's
// differences from the baseline, unpaired ones marked.
std::string format_summary_table(const ColumnBlock& summary,
                                 const std::vector<std::string>& experiment_names);

// What each experiment of an /experiments table runs, printed above the summary: its lead
// guarantor, collective, cohesion_shift and every terms.<id>.<term> column, one row each ("drawn"
// for a value drawn per trial). Empty for a table without the lead column (an older file).
std::string format_structures_table(const ColumnBlock& experiments);

}  // namespace detsim
