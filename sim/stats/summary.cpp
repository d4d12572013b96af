// SummaryAccumulator: tallies per experiment and measure, kept in trial order.
#include "detsim/stats/summary.hpp"

#include <cmath>

namespace detsim {

SummaryAccumulator::SummaryAccumulator(std::vector<Measure> measures, std::size_t experiments)
    : measures_(std::move(measures)), tallies_(experiments, std::vector<Tally>(measures_.size())) {}

void SummaryAccumulator::add(const ColumnBlock& trials) {
  const std::size_t experiment_column = trials.index_of("experiment");
  // Each measure's column and given column in this block (the given column: its own when none).
  std::vector<std::pair<std::size_t, std::size_t>> columns;
  for (const Measure& m : measures_) {
    const std::size_t column = trials.index_of(m.column);
    columns.emplace_back(column, m.given.empty() ? column : trials.index_of(m.given));
  }
  for (std::size_t r = 0; r < trials.rows(); ++r) {
    auto& tallies = tallies_.at(static_cast<std::size_t>(trials.i32(experiment_column)[r]));
    for (std::size_t m = 0; m < measures_.size(); ++m) {
      const auto [column, given] = columns[m];
      const std::optional<double> x =
          measure_value(measures_[m], trials.number(column, r), trials.number(given, r));
      if (!x) continue;
      Tally& t = tallies[m];
      ++t.n;
      if (measures_[m].kind == MeasureKind::rate) {
        t.successes += *x != 0.0;
      }
      t.running.add(*x);
    }
  }
}

ColumnBlock SummaryAccumulator::table() const {
  ColumnBlock out(
      {{"experiment", ColumnType::i32, "experiment index (row of /experiments)", ""},
       {"outcome", ColumnType::str, "name of the measure", ""},
       {"kind", ColumnType::str, "rate (Wilson interval) or mean (normal interval)", ""},
       {"mean", ColumnType::f64, "estimate: share of trials for a rate, else mean", ""},
       {"ci_low", ColumnType::f64, "lower end of the 95% interval", ""},
       {"ci_high", ColumnType::f64, "upper end of the 95% interval", ""},
       {"n", ColumnType::i32, "trials the estimate is based on", ""},
       {"description", ColumnType::str, "what the measure is", ""}});
  out.resize(tallies_.size() * measures_.size());
  std::size_t row = 0;
  for (std::size_t e = 0; e < tallies_.size(); ++e) {
    for (std::size_t m = 0; m < measures_.size(); ++m, ++row) {
      const Tally& t = tallies_[e][m];
      const bool is_rate = measures_[m].kind == MeasureKind::rate;
      const Interval ci = is_rate ? wilson_interval(t.successes, t.n) : t.running.interval();
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
    }
  }
  return out;
}

}  // namespace detsim
