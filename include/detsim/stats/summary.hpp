// The /summary table: for every experiment, each measure of the debate (deterrence, honoring,
// escalation, costs, cohesion, ...) with its 95% interval, accumulated in trial order.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "detsim/stats/intervals.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim {

enum class MeasureKind { rate, mean };

struct Measure {
  std::string name;  // the `outcome` column of /summary
  MeasureKind kind = MeasureKind::mean;
  std::string description;
  // The trial's value (0/1 for a rate), or nothing when the trial does not count (a rate
  // conditional on being tested, a mean of war months over wars only).
  std::function<std::optional<double>(const ColumnBlock&, std::size_t row)> value;
};

// The measures for a /trials layout; guarantor, actor and outcome names come from its columns.
std::vector<Measure> standard_measures(const std::vector<ColumnInfo>& trial_columns,
                                       const std::vector<std::string>& outcome_labels);

class SummaryAccumulator {
 public:
  SummaryAccumulator(std::vector<Measure> measures, std::size_t experiments);
  // Rows must arrive in trial order for bit-identical results.
  void add(const ColumnBlock& trials);
  // Columns: experiment, outcome, kind, mean, ci_low, ci_high, n.
  ColumnBlock table() const;

 private:
  struct Tally {
    std::int64_t successes = 0, n = 0;
    RunningMean running;
  };
  std::vector<Measure> measures_;
  std::vector<std::vector<Tally>> tallies_;  // [experiment][measure]
};

// The side-by-side table printed by `run` and `summarize`: one row per measure, one column per
// experiment, "estimate [low, high]".
std::string format_summary_table(const ColumnBlock& summary,
                                 const std::vector<std::string>& experiment_names);

}  // namespace detsim
