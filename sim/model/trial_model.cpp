// TrialModel: the monthly schedule of MODEL.md ("One month"), run for one trial.
#include "detsim/model/trial_model.hpp"

#include <stdexcept>

#include "detsim/model/submodels.hpp"

namespace detsim {

TrialModel::TrialModel(const Scenario& scenario) : parameters_(scenario) {
  recorded_ = parameters_.plan.recorded();
  columns_ = trial_columns_for(parameters_, recorded_);
  path_variables_ = path_variables_for(parameters_);
}

TrialModel::TrialModel(const Scenario& scenario, const std::vector<std::string>& recorded)
    : parameters_(scenario) {
  for (const std::string& name : recorded) {
    const int slot = parameters_.plan.slot_of(name);
    if (slot < 0) throw std::logic_error("no parameter named " + name);
    recorded_.push_back({name, slot, true});
  }
  columns_ = trial_columns_for(parameters_, recorded_);
  path_variables_ = path_variables_for(parameters_);
}

TrialState TrialModel::make_state() const {
  TrialState s;
  s.values.resize(parameters_.plan.slots());
  s.guarantors.resize(parameters_.guarantors.size());
  s.committed.reserve(parameters_.guarantors.size());
  const std::size_t subsets = std::size_t{1} << parameters_.guarantors.size();
  s.subset_capability.reserve(subsets);
  s.subset_sanctions.reserve(subsets);
  s.subset_probability.reserve(subsets);
  return s;
}

void TrialModel::run(TrialStreams& streams, TrialState& s, std::int32_t experiment,
                     std::int32_t trial, ColumnBlock& out, std::size_t row,
                     std::span<double* const> paths) const {
  const TrialParameters& p = parameters_;
  initialise_trial(p, s, streams);
  const double rationality = value_of(s, p.rationality);
  record_month(s, paths);

  for (s.month = 1; s.month <= p.horizon_months; ++s.month) {
    if (s.phase == Phase::after_war)
      s.escalation = Escalation::peace;  // shown in the month it ended
    hold_elections(p, s, streams.politics);
    deliver_aid(p, s);
    drift_cohesion(p, s, streams.cohesion);
    if (s.phase == Phase::peace) {
      switch (choose(expected_utilities(p, s, streams.decisions), rationality, streams.decisions)) {
        case Choice::wait: break;
        case Choice::probe: probe(p, s, streams.honoring); break;
        case Choice::attack: attack(p, s, streams.honoring); break;
      }
    }
    if (s.phase == Phase::war) fight_month(p, s, streams.war);
    record_month(s, paths);
  }
  write_row(s, experiment, trial, out, row);
}

}  // namespace detsim
