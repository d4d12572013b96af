// Stopping at a precision: each experiment's targets (Scenario::precision) checked against the
// run's summary at its check points, and what the file records of them. Private to sim/cli.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "detsim/engine/simulation.hpp"
#include "detsim/stats/summary.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim::cli {

class PrecisionRule : public StoppingRule {
 public:
  // Each target's measures found among the summary's: InputError, located where the scenario
  // names it, for a name the run has no measure of. Checked before the run creates its file.
  PrecisionRule(const Simulation& simulation, SummaryAccumulator& summary);

  bool any() const { return any_; }
  // Every target of the experiment met by its trials so far; when it is, the summary is told the
  // experiment stops here.
  bool enough(std::int32_t experiment, std::int64_t trials_run) override;
  // /experiments columns, once the run is over: trials_used; and, when an experiment has a
  // target, target_met and half_width.<measure> of every measure some experiment targets.
  ColumnBlock columns(const RunResult& result) const;
  // The summary is about to drop the experiments before `end` (their rows are written): what
  // columns() reports of them is kept here first.
  void keep(std::size_t end);

 private:
  // A target's measures (rows of summary.measures()) and their half-widths.
  struct Resolved {
    std::vector<std::size_t> measures;
    std::vector<double> half_widths;
  };
  // The experiment's target resolved; null when it has none.
  const Resolved* resolved(std::size_t experiment) const;
  bool met(std::size_t experiment) const;
  double half_width(std::size_t experiment, std::size_t k) const;

  const Simulation& simulation_;
  SummaryAccumulator& summary_;
  bool any_ = false;
  // Each of the simulation's targets, which experiments share: nothing for an experiment without.
  std::unordered_map<const PrecisionTarget*, Resolved> resolved_;
  std::vector<std::size_t> targeted_;  // every measure some experiment targets
  // Of the experiments kept (dropped by the summary): whether their targets were met, and
  // [experiment * targeted_.size() + k] the half-width of targeted_[k].
  std::vector<bool> kept_met_;
  std::vector<double> kept_half_widths_;
};

}  // namespace detsim::cli
