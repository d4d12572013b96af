// SummaryAccumulator: tallies per experiment and measure, and differences from the baseline,
// kept in trial order.
#include "detsim/stats/summary.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace detsim {

SummaryAccumulator::SummaryAccumulator(std::vector<Measure> measures,
                                       std::vector<std::int64_t> trials, std::size_t baseline,
                                       bool pair_trials)
    : measures_(std::move(measures)),
      no_trials_(measures_.size()),
      added_(trials.size(), 0),
      differences_(measures_.size(), std::move(trials), baseline),
      pair_trials_(pair_trials),
      row_values_(measures_.size()) {
  advance_finished();  // experiments of no trials are final from the start
}

const std::vector<SummaryAccumulator::Tally>& SummaryAccumulator::tallies(std::size_t e) const {
  if (released(e)) {
    throw std::logic_error("summary: experiment " + std::to_string(e) +
                           " was written and released");
  }
  if (e >= experiments()) throw std::out_of_range("summary: no such experiment");
  const std::vector<Tally>* held =
      e == differences_.baseline() ? &baseline_tallies_ : tallies_.find(e);
  return !held || held->empty() ? no_trials_ : *held;
}

void SummaryAccumulator::stop(std::size_t experiment, std::int64_t trials_run) {
  differences_.stop(experiment, trials_run);
  advance_finished();
}

void SummaryAccumulator::advance_finished() {
  const std::size_t b = differences_.baseline();
  if (added_[b] < differences_.runs(b)) return;
  while (finished_ < experiments() && added_[finished_] >= differences_.runs(finished_)) {
    ++finished_;
  }
}

void SummaryAccumulator::release(std::size_t end) {
  if (end > finished_) {
    throw std::logic_error("summary: experiments released before their rows are final");
  }
  differences_.release(end);
  tallies_.release(end);
  released_ = std::max(released_, end);
}

std::size_t SummaryAccumulator::held_bytes() const {
  std::size_t bytes = (tallies_.held().size() + 1) * sizeof(std::vector<Tally>) +
                      baseline_tallies_.capacity() * sizeof(Tally) + differences_.held_bytes();
  for (const auto& t : tallies_.held()) bytes += t.capacity() * sizeof(Tally);
  return bytes;
}

void SummaryAccumulator::add(const ColumnBlock& trials) {
  const std::size_t experiment_column = trials.index_of("experiment");
  const std::size_t trial_column = trials.index_of("trial");
  // Each measure's column and given column in this block (the given column: its own when none).
  std::vector<std::pair<std::size_t, std::size_t>> columns;
  for (const Measure& m : measures_) {
    const std::size_t column = trials.index_of(m.column);
    columns.emplace_back(column, m.given.empty() ? column : trials.index_of(m.given));
  }
  for (std::size_t r = 0; r < trials.rows(); ++r) {
    const auto experiment = static_cast<std::size_t>(trials.i32(experiment_column)[r]);
    if (experiment >= experiments()) throw std::out_of_range("summary: no such experiment");
    if (released(experiment)) {
      throw std::logic_error("summary: a trial of experiment " + std::to_string(experiment) +
                             ", whose rows were written and released");
    }
    auto& held = experiment == differences_.baseline() ? baseline_tallies_ : tallies_[experiment];
    // Made at the experiment's first trial, not for every experiment at once: a study's points
    // mostly run one at a time.
    if (held.size() != measures_.size()) held.resize(measures_.size());
    ++added_[experiment];
    for (std::size_t m = 0; m < measures_.size(); ++m) {
      const auto [column, given] = columns[m];
      const std::optional<double> x =
          measure_value(measures_[m], trials.number(column, r), trials.number(given, r));
      row_values_[m] = x ? *x : NAN;
      if (!x) continue;
      Tally& t = held[m];
      ++t.n;
      if (measures_[m].kind == MeasureKind::rate) {
        t.successes += *x != 0.0;
      }
      t.running.add(*x);
    }
    differences_.add(experiment, trials.i32(trial_column)[r], row_values_);
  }
  advance_finished();
}

Interval SummaryAccumulator::interval(const Tally& t, std::size_t measure) const {
  return measures_[measure].kind == MeasureKind::rate ? wilson_interval(t.successes, t.n)
                                                      : t.running.interval();
}

double SummaryAccumulator::half_width(std::size_t experiment, std::size_t measure) const {
  const Tally& t = tallies(experiment).at(measure);
  const Interval ci = interval(t, measure);
  const double half = (ci.high - ci.low) / 2;
  if (std::isnan(half) || (measures_[measure].kind == MeasureKind::mean && half == 0)) {
    return INFINITY;
  }
  return half;
}

ColumnBlock SummaryAccumulator::table(std::size_t first, std::size_t end) const {
  ColumnBlock out(
      {{"experiment", ColumnType::i32, "experiment index (row of /experiments)", ""},
       {"outcome", ColumnType::str, "name of the measure", ""},
       {"kind", ColumnType::str, "rate (Wilson interval) or mean (normal interval)", ""},
       {"mean", ColumnType::f64, "estimate: share of trials for a rate, else mean", ""},
       {"ci_low", ColumnType::f64, "lower end of the 95% interval", ""},
       {"ci_high", ColumnType::f64, "upper end of the 95% interval", ""},
       {"n", ColumnType::i32, "trials the estimate is based on", ""},
       {"description", ColumnType::str, "what the measure is", ""},
       {"baseline", ColumnType::i32, "experiment the differences are taken from", ""},
       {"pairing", ColumnType::str,
        "paired (mean of per-trial differences over trials matched by index), unpaired "
        "(Newcombe for rates, Welch for means: the trials counted differ), or baseline",
        ""},
       {"difference", ColumnType::f64, "estimate minus the baseline's (NaN on its own rows)", ""},
       {"difference_ci_low", ColumnType::f64, "lower end of the difference's 95% interval", ""},
       {"difference_ci_high", ColumnType::f64, "upper end of the difference's 95% interval", ""},
       {"difference_n", ColumnType::i32, "trials paired (0 unless pairing is paired)", ""}});
  end = std::min(end, experiments());
  first = std::min(first, end);
  out.resize((end - first) * measures_.size());
  const std::size_t b = differences_.baseline();
  std::size_t row = 0;
  for (std::size_t e = first; e < end; ++e) {
    for (std::size_t m = 0; m < measures_.size(); ++m, ++row) {
      const Tally& t = tallies(e)[m];
      const bool is_rate = measures_[m].kind == MeasureKind::rate;
      const Interval ci = interval(t, m);
      out.i32(0)[row] = static_cast<std::int32_t>(e);
      out.str(1)[row] = measures_[m].name;
      out.str(2)[row] = is_rate ? "rate" : "mean";
      out.f64(3)[row] = t.n == 0  ? NAN
                        : is_rate ? static_cast<double>(t.successes) / static_cast<double>(t.n)
                                  : t.running.mean();
      out.f64(4)[row] = ci.low;
      out.f64(5)[row] = ci.high;
      out.i32(6)[row] = static_cast<std::int32_t>(t.n);
      out.str(7)[row] = measures_[m].description;

      out.i32(8)[row] = static_cast<std::int32_t>(b);
      double difference = NAN;
      Interval dci{NAN, NAN};
      std::int64_t pairs = 0;
      if (e == b) {
        out.str(9)[row] = "baseline";
      } else if (pair_trials_ && differences_.paired(e, m)) {
        const RunningMean& d = differences_.pairing(e, m).difference;
        out.str(9)[row] = "paired";
        difference = d.count() > 0 ? d.mean() : NAN;  // NaN: neither counts any trial
        dci = d.interval();
        pairs = d.count();
      } else {
        const Tally& base = tallies(b)[m];
        out.str(9)[row] = "unpaired";
        if (t.n > 0 && base.n > 0) {
          difference = is_rate
                           ? static_cast<double>(t.successes) / static_cast<double>(t.n) -
                                 static_cast<double>(base.successes) / static_cast<double>(base.n)
                           : t.running.mean() - base.running.mean();
        }
        dci = is_rate ? newcombe_interval(t.successes, t.n, base.successes, base.n)
                      : welch_interval(t.running, base.running);
      }
      out.f64(10)[row] = difference;
      out.f64(11)[row] = dci.low;
      out.f64(12)[row] = dci.high;
      out.i32(13)[row] = static_cast<std::int32_t>(pairs);
    }
  }
  return out;
}

}  // namespace detsim
