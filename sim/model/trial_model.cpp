// TrialModel: the monthly schedule of MODEL.md ("One month"), run for one trial.
#include "detsim/model/trial_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "detsim/model/submodels.hpp"

namespace detsim {

TrialModel::TrialModel(const Scenario& scenario)
    : parameters_(scenario),
      recorded_(parameters_.plan.recorded()),
      trials_(trial_layout(parameters_, recorded_)),
      paths_(path_layout(parameters_)) {}

TrialModel::TrialModel(TrialParameters parameters, const std::vector<std::string>& recorded)
    : parameters_(std::move(parameters)) {
  for (const std::string& name : recorded) {
    const int slot = parameters_.plan.slot_of(name);
    if (slot < 0) throw std::logic_error("no parameter named " + name);
    recorded_.push_back({name, slot, true});
  }
  trials_ = trial_layout(parameters_, recorded_);
  paths_ = path_layout(parameters_);
}

void TrialModel::fit_state(TrialState& s) const {
  // Submodels walk every guarantor of the state, so it must have exactly this model's.
  const bool fresh = s.values.empty();
  if (!fresh && s.guarantors.size() != parameters_.guarantors.size()) {
    throw std::logic_error("one trial state serves only models with the same guarantors");
  }
  s.values.resize(std::max(s.values.size(), parameters_.plan.slots()));
  s.guarantors.resize(parameters_.guarantors.size());
  s.committed.reserve(parameters_.guarantors.size());
  const std::size_t subsets = std::size_t{1} << parameters_.guarantors.size();
  s.subset_capability.reserve(subsets);
  s.subset_sanctions.reserve(subsets);
  s.subset_probability.reserve(subsets);
  s.subset_pending.reserve(subsets);
  size_plan(s.plan, parameters_.horizon_months, parameters_.guarantors.size());
}

TrialState TrialModel::make_state() const {
  TrialState s;
  fit_state(s);
  return s;
}

MonthDraws draw_month(const TrialStreams& streams, int month) {
  RandomStream draws = streams.open(StreamPurpose::month, 0, static_cast<std::uint64_t>(month));
  MonthDraws d;
  d.opportunity = draws.normal();
  d.cohesion = draws.normal();
  d.choice = draws.uniform();
  return d;
}

void TrialModel::run(const TrialStreams& streams, TrialState& s, std::int32_t experiment,
                     std::int32_t trial, ColumnBlock& out, std::size_t row,
                     std::span<double* const> paths) const {
  const TrialParameters& p = parameters_;
  s.experiment = experiment;
  s.trial = trial;
  initialise_trial(p, s, streams);
  const double rationality = value_of(s, p.rationality);
  record_month(s, paths);

  for (s.month = 1; s.month <= p.horizon_months; ++s.month) {
    if (s.phase == Phase::after_war) {
      s.escalation = Escalation::peace;  // shown in the month it ended
      return_to_peace(s);
    }
    const MonthDraws draws = draw_month(streams, s.month);
    hold_elections(p, s, streams);
    if (s.forces_pending) bind_pending_forces(p, s);
    deliver_aid(p, s);
    drift_cohesion(p, s, draws.cohesion);
    advance_opportunity(p, s, draws.opportunity);
    if (s.phase == Phase::peace) {
      switch (decide(p, s, s.opportunity, rationality, draws.choice)) {
        case Choice::wait: break;
        case Choice::probe: probe(p, s, streams); break;
        case Choice::attack: attack(p, s, streams); break;
      }
    }
    if (s.phase == Phase::war) fight_month(p, s, streams);
    record_month(s, paths);
  }
  // A cost that overflowed (a design factor far out of proportion, say) would turn every mean of
  // the experiment into inf or NaN without a word: the trial fails instead, and the engine
  // records its experiment as failed.
  bool finite = std::isfinite(s.challenger_cost) && std::isfinite(s.target_cost);
  for (const GuarantorState& g : s.guarantors) finite = finite && std::isfinite(g.cost);
  if (!finite) {
    throw std::runtime_error("trial " + std::to_string(trial) +
                             ": an actor's cost is not finite (a value too large for the model)");
  }
  write_row(s, out, row);
}

// Runs once per variable and month of a recorded trial: the readers' count is taken before the
// loop, since their indirect calls would otherwise make it reload it every time.
void TrialModel::record_month(const TrialState& s, std::span<double* const> paths) const {
  if (paths.empty()) return;
  const auto m = static_cast<std::size_t>(s.month);
  const std::span<const ColumnReader> readers = paths_.readers;
  for (std::size_t v = 0; v < readers.size(); ++v) paths[v][m] = readers[v](s);
}

void TrialModel::write_row(const TrialState& s, ColumnBlock& out, std::size_t row) const {
  write_trial_row(s, recorded_, out, row);
}

}  // namespace detsim
