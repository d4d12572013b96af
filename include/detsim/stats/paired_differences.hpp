// Each experiment's difference from a baseline experiment, trial by trial: trial t of every
// experiment draws the same random numbers, so a difference of per-trial values (common random
// numbers) has far less variance than the difference of two independent estimates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <span>
#include <vector>

#include "detsim/stats/intervals.hpp"
#include "detsim/stats/live_experiments.hpp"

namespace detsim {

class PairedDifferences {
 public:
  // `measures` values per trial; `trials`: each experiment's trial count.
  PairedDifferences(std::size_t measures, std::vector<std::int64_t> trials, std::size_t baseline);

  // One trial's value of every measure, NaN where the measure does not count the trial. Each
  // experiment's trials must come in order, 0, 1, 2, ...; experiments may interleave freely.
  // Only values not yet matched are kept: under the engine's block order (block k of every
  // experiment before block k + 1 of any) about one round of blocks.
  void add(std::size_t experiment, std::int64_t trial, std::span<const double> values);

  // The experiment ran only its first `trials_run` trials (it met its precision target): trials
  // of the others past the baseline's last are no longer kept, nor baseline trials past theirs.
  // The pairs are then those of the trials both ran.
  void stop(std::size_t experiment, std::int64_t trials_run);

  struct Pairing {
    RunningMean difference;  // of the trials both experiments count, in trial order
    bool matched = true;     // false once a trial counts in one experiment and not the other
  };
  std::size_t baseline() const { return baseline_; }
  // Trials the experiment runs: all its trials, or its first trials_run once stopped.
  std::int64_t runs(std::size_t experiment) const { return end_[experiment]; }
  const Pairing& pairing(std::size_t experiment, std::size_t measure) const;
  // A paired estimate stands for the measure when both experiments ran the same trials and
  // counted the same ones (possibly none).
  bool paired(std::size_t experiment, std::size_t measure) const;
  // Values held, waiting for their partner (for the memory test).
  std::size_t buffered_trials() const;
  // Experiments [0, end) have their pairings written and are no longer asked for: their room is
  // given back (pairing() of one then reads as before its first pair). Their trials must all have
  // come, and been paired.
  void release(std::size_t end);
  // Bytes held for pairings and values waiting (for the memory test).
  std::size_t held_bytes() const;

 private:
  // A run of consecutive trials' values, first_trial onwards, `measures_` values each. The
  // baseline's is a deque (its oldest trials leave a few at a time); an experiment's is a vector,
  // emptied in one erase when matched, and costs nothing while empty (a deque allocates over
  // half a KiB when made: a study has one queue per design point under way).
  template <class Values>
  struct Queue {
    std::int64_t first_trial = 0;
    Values values;
  };
  void match(std::size_t experiment);
  // Pairs a trial of `experiment` (its values at `mine`) with the baseline's values at `offset`.
  void pair(std::size_t experiment, const double* mine, std::size_t offset);
  // `trials` more of `experiment`'s trials are paired: its next trial waits in pending_.
  void advance(std::size_t experiment, std::int64_t trials);
  void release_baseline();
  // One more, or one fewer, experiment waits for `trial`.
  void add_pending(std::int64_t trial);
  void remove_pending(std::int64_t trial);
  // Paired with the baseline (the same planned trials), and how far it can be.
  bool pairs(std::size_t experiment) const;
  std::int64_t limit(std::size_t experiment) const;

  std::size_t measures_;
  std::vector<std::int64_t> trials_;
  std::vector<std::int64_t> end_;  // trials each experiment runs: trials_, or fewer once stopped
  std::size_t baseline_;
  Queue<std::deque<double>> baseline_values_;
  // Per experiment under way: trials that came before their baseline trial. One not yet made
  // waits for its trial 0 with none.
  LiveExperiments<Queue<std::vector<double>>> waiting_;
  // The next trial each paired experiment not yet done waits for, and how many wait for it: the
  // least is the first baseline trial still needed. A study has thousands of experiments, so the
  // least is not searched for at every trial; they wait for a few trials (the first of a round of
  // blocks), so a count each, not a node per experiment.
  std::map<std::int64_t, std::size_t> pending_;
  // [experiment][measure] of the experiments under way: empty (or not made) before the
  // experiment's first pair, dropped once released.
  LiveExperiments<std::vector<Pairing>> pairings_;
  std::vector<Pairing> unpaired_;  // what an experiment's pairings are before its first pair
};

}  // namespace detsim
