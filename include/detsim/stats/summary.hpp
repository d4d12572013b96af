// The /summary table: for every experiment, each measure of the debate (deterrence, honoring,
// escalation, costs, cohesion, ...) with its 95% interval, accumulated in trial order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "detsim/stats/intervals.hpp"
#include "detsim/stats/measures.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim {

class SummaryAccumulator {
 public:
  SummaryAccumulator(std::vector<Measure> measures, std::size_t experiments);
  // Rows must arrive in trial order for bit-identical results. Every measure's columns must be
  // in the block.
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

// What each experiment of an /experiments table runs, printed above the summary: its lead
// guarantor, collective, cohesion_shift and every terms.<id>.<term> column, one row each ("drawn"
// for a value drawn per trial). Empty for a table without the lead column (an older file).
std::string format_structures_table(const ColumnBlock& experiments);

}  // namespace detsim
