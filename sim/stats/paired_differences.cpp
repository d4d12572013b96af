// PairedDifferences: matching each experiment's trials with the baseline's by trial index.
#include "detsim/stats/paired_differences.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace detsim {

PairedDifferences::PairedDifferences(std::size_t measures, std::vector<std::int64_t> trials,
                                     std::size_t baseline)
    : measures_(measures),
      trials_(std::move(trials)),
      end_(trials_),
      baseline_(baseline),
      unpaired_(measures) {
  if (baseline_ >= trials_.size()) throw std::invalid_argument("no such baseline experiment");
  for (std::size_t e = 0; e < trials_.size(); ++e) {
    if (e != baseline_ && trials_[e] == trials_[baseline_] && trials_[e] > 0) add_pending(0);
  }
}

bool PairedDifferences::pairs(std::size_t e) const {
  return e != baseline_ && trials_[e] == trials_[baseline_] && trials_[e] > 0;
}

std::int64_t PairedDifferences::limit(std::size_t e) const {
  return std::min(end_[e], end_[baseline_]);
}

void PairedDifferences::stop(std::size_t experiment, std::int64_t trials_run) {
  if (measures_ == 0) {
    end_[experiment] = trials_run;
    return;
  }
  // Released experiments have paired every trial they run: none is affected. Those not yet
  // begun (from waiting_.end() on) each wait at trial 0 with nothing queued: counted, not made,
  // so that a baseline stopping early does not make a queue for every point of a study.
  const bool baseline = experiment == baseline_;
  const std::size_t begun = baseline ? waiting_.end() : std::max(waiting_.end(), experiment + 1);
  std::vector<std::size_t> affected;
  for (std::size_t e = waiting_.first(); e < begun; ++e) {
    if (pairs(e) && (baseline || e == experiment)) affected.push_back(e);
  }
  const auto not_begun_waiting = [&] {
    std::size_t waiting = 0;
    if (!baseline) return waiting;
    for (std::size_t e = std::max(begun, waiting_.first()); e < trials_.size(); ++e) {
      if (pairs(e) && 0 < limit(e)) ++waiting;
    }
    return waiting;
  };
  // pending_ holds each paired experiment's next trial while it is below its limit.
  for (const std::size_t e : affected) {
    if (waiting_[e].first_trial < limit(e)) remove_pending(waiting_[e].first_trial);
  }
  const std::size_t waited = not_begun_waiting();
  end_[experiment] = trials_run;
  const std::size_t waiting = not_begun_waiting();
  for (std::size_t i = waiting; i < waited; ++i) remove_pending(0);
  for (std::size_t i = waited; i < waiting; ++i) add_pending(0);
  for (const std::size_t e : affected) {
    auto& queue = waiting_[e];
    // Trials held are those past the baseline's last: with the baseline stopped, none matches.
    if (baseline) {
      queue.first_trial += static_cast<std::int64_t>(queue.values.size() / measures_);
      queue.values.clear();
    }
    if (queue.first_trial < limit(e)) add_pending(queue.first_trial);
  }
  release_baseline();
}

bool PairedDifferences::paired(std::size_t experiment, std::size_t measure) const {
  return experiment != baseline_ && trials_[experiment] == trials_[baseline_] &&
         pairing(experiment, measure).matched;
}

std::size_t PairedDifferences::buffered_trials() const {
  if (measures_ == 0) return 0;
  std::size_t values = baseline_values_.values.size();
  for (const auto& q : waiting_.held()) values += q.values.size();
  return values / measures_;
}

const PairedDifferences::Pairing& PairedDifferences::pairing(std::size_t experiment,
                                                             std::size_t measure) const {
  if (experiment >= trials_.size()) throw std::out_of_range("summary: no such experiment");
  const std::vector<Pairing>* pairings = pairings_.find(experiment);
  return (!pairings || pairings->empty() ? unpaired_ : *pairings).at(measure);
}

void PairedDifferences::release(std::size_t end) {
  for (std::size_t e = waiting_.first(); e < std::min(end, waiting_.end()); ++e) {
    if (!waiting_.find(e)->values.empty()) {
      throw std::logic_error("summary: an experiment released with trials still to pair");
    }
  }
  pairings_.release(end);
  waiting_.release(end);
}

std::size_t PairedDifferences::held_bytes() const {
  std::size_t bytes = baseline_values_.values.size() * sizeof(double) +
                      pairings_.held().size() * sizeof(std::vector<Pairing>) +
                      waiting_.held().size() * sizeof(Queue<std::vector<double>>);
  for (const auto& p : pairings_.held()) bytes += p.capacity() * sizeof(Pairing);
  for (const auto& q : waiting_.held()) bytes += q.values.capacity() * sizeof(double);
  return bytes;
}

void PairedDifferences::add(std::size_t experiment, std::int64_t trial,
                            std::span<const double> values) {
  if (measures_ == 0) return;
  const auto in_order = [&](const auto& queue) {
    const auto held = static_cast<std::int64_t>(queue.values.size() / measures_);
    if (trial != queue.first_trial + held) {
      throw std::logic_error("summary: the trials of an experiment must arrive in order");
    }
  };
  if (experiment == baseline_) {
    in_order(baseline_values_);
    baseline_values_.values.insert(baseline_values_.values.end(), values.begin(), values.end());
    // Only experiments under way can have trials waiting.
    for (std::size_t e = waiting_.first(); e < waiting_.end(); ++e) {
      if (e != baseline_) match(e);
    }
  } else {
    auto& queue = waiting_[experiment];
    in_order(queue);
    // Trials no baseline trial will match are not kept: only experiments of the baseline's trial
    // count are paired.
    if (!pairs(experiment) || trial >= end_[baseline_]) {
      ++queue.first_trial;
      return;
    }
    const std::int64_t baseline_end =
        baseline_values_.first_trial +
        static_cast<std::int64_t>(baseline_values_.values.size() / measures_);
    if (queue.values.empty() && trial < baseline_end) {
      // Its baseline trial is here (the usual order): paired at once, nothing queued.
      pair(experiment, values.data(),
           static_cast<std::size_t>(trial - baseline_values_.first_trial) * measures_);
      advance(experiment, 1);
    } else {
      queue.values.insert(queue.values.end(), values.begin(), values.end());
      match(experiment);
    }
  }
  release_baseline();
}

void PairedDifferences::pair(std::size_t e, const double* mine, std::size_t offset) {
  std::vector<Pairing>& pairings = pairings_[e];
  // Made at the experiment's first pair, not for every experiment at once: a study's points
  // mostly run one at a time.
  if (pairings.empty()) pairings.resize(measures_);
  for (std::size_t m = 0; m < measures_; ++m) {
    const double theirs = baseline_values_.values[offset + m];
    Pairing& p = pairings[m];
    if (std::isnan(mine[m]) != std::isnan(theirs)) {
      p.matched = false;
    } else if (!std::isnan(mine[m])) {
      p.difference.add(mine[m] - theirs);
    }
  }
}

void PairedDifferences::advance(std::size_t e, std::int64_t trials) {
  auto& queue = waiting_[e];
  remove_pending(queue.first_trial);
  queue.first_trial += trials;
  if (queue.first_trial < limit(e)) add_pending(queue.first_trial);
}

void PairedDifferences::add_pending(std::int64_t trial) { ++pending_[trial]; }

void PairedDifferences::remove_pending(std::int64_t trial) {
  const auto found = pending_.find(trial);
  if (--found->second == 0) pending_.erase(found);
}

void PairedDifferences::match(std::size_t e) {
  auto& queue = waiting_[e];
  const std::int64_t baseline_end =
      baseline_values_.first_trial +
      static_cast<std::int64_t>(baseline_values_.values.size() / measures_);
  // Matched trials leave the queue in one erase at the end: one per trial would move the rest
  // of a waiting block each time (quadratic in the block when the baseline is not first).
  std::size_t used = 0;
  for (std::int64_t t = queue.first_trial; used < queue.values.size() && t < baseline_end; ++t) {
    pair(e, queue.values.data() + used,
         static_cast<std::size_t>(t - baseline_values_.first_trial) * measures_);
    used += measures_;
  }
  if (used == 0) return;
  queue.values.erase(queue.values.begin(),
                     queue.values.begin() + static_cast<std::ptrdiff_t>(used));
  // An emptied queue gives its block's room back: thousands of experiments each keeping a block
  // would add up.
  if (queue.values.empty()) queue.values.shrink_to_fit();
  advance(e, static_cast<std::int64_t>(used / measures_));
}

void PairedDifferences::release_baseline() {
  // A baseline trial is kept until every experiment that will pair with it has.
  std::int64_t needed = baseline_values_.first_trial +
                        static_cast<std::int64_t>(baseline_values_.values.size() / measures_);
  if (!pending_.empty()) needed = std::min(needed, pending_.begin()->first);
  const std::int64_t drop = needed - baseline_values_.first_trial;
  if (drop <= 0) return;
  baseline_values_.values.erase(
      baseline_values_.values.begin(),
      baseline_values_.values.begin() +
          static_cast<std::ptrdiff_t>(drop) * static_cast<std::ptrdiff_t>(measures_));
  baseline_values_.first_trial = needed;
}

}  // namespace detsim
