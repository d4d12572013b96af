// The results of one trial as a row of /trials and as monthly points of /paths. The order of
// columns here and the order of writes in write_row must match; the test of the layout checks it.
#include "detsim/model/trial_columns.hpp"

#include "detsim/model/submodels.hpp"
#include "detsim/model/trial_model.hpp"

namespace detsim {

namespace {
constexpr const char* kStakeUnits = "stake units";
}

const std::vector<std::string>& TrialModel::outcome_labels() {
  static const std::vector<std::string> labels{"deterred", "target_holds", "stalemate_or_ceasefire",
                                               "challenger_gains", "nuclear_use"};
  return labels;
}

std::vector<ColumnInfo> trial_columns_for(const TrialParameters& p,
                                          const std::vector<RecordedParameter>& recorded) {
  using T = ColumnType;
  std::vector<ColumnInfo> c{
      {"experiment", T::i32, "experiment index (row of /experiments)", ""},
      {"trial", T::i32, "trial index within its experiment", ""},
      {"attacked", T::i8, "1 if the challenger attacked within the horizon", ""},
      {"attack_month", T::i32, "month of the first attack, -1 if none (censored at the horizon)",
       "months"},
      {"probes", T::i32, "probes the challenger made", "count"},
      {"war_months", T::i32, "months of war fought", "months"},
      {"max_escalation", T::i8,
       "highest escalation level: 0 peace, 1 war with the target, 2 direct clash with a "
       "guarantor, 3 nuclear use",
       ""},
      {"outcome", T::i8, "outcome class; the group attribute outcome_labels names the codes", ""},
      {"territory", T::f64, "share of its territory the target holds at the horizon", "share"},
      {"cohesion", T::f64, "alliance cohesion at the horizon, in [0, 1]", ""},
      {"policy_flips", T::i32, "changes of administration among the guarantors", "count"},
      {"burden_share_allies", T::f64,
       "share of all guarantors' cost borne by those other than the lead (NaN if none)", "share"},
      {"cost." + p.challenger_id, T::f64,
       "challenger's cumulative cost: war (k spread over the forecast months), sanctions, "
       "answered probes",
       kStakeUnits},
      {"cost." + p.target_id, T::f64, "target's cumulative cost of war", kStakeUnits},
  };
  for (const GuarantorSlots& g : p.guarantors) {
    c.push_back({"tested." + g.id, T::i8, "1 if an attack tested this guarantor's promise", ""});
    c.push_back(
        {"honored." + g.id, T::i8, "1 if it honored its promise when tested by an attack", ""});
    c.push_back(
        {"cost." + g.id, T::f64,
         "guarantor's cumulative cost: aid, forces committed, sanctions imposed, audience cost",
         kStakeUnits});
    c.push_back({"credibility." + g.id, T::f64,
                 "challenger's belief mean of this guarantor's resolve at the horizon", ""});
    c.push_back({"ambiguity." + g.id, T::f64,
                 "believed minus true resolve at month 0 (positive: the challenger overrates it)",
                 ""});
  }
  for (const RecordedParameter& r : recorded) {
    c.push_back({r.name, T::f64, "parameter drawn for this trial", ""});
  }
  return c;
}

std::vector<ColumnInfo> path_variables_for(const TrialParameters& p) {
  using T = ColumnType;
  std::vector<ColumnInfo> v{
      {"territory", T::f64, "share of its territory the target holds", "share"},
      {"escalation", T::f64, "escalation level (0 peace .. 3 nuclear use)", ""},
      {"cohesion", T::f64, "alliance cohesion", ""},
      {"aid_stock", T::f64, "capability delivered to the target as aid, net of wear", "capability"},
      {"cost." + p.challenger_id, T::f64, "challenger's cumulative cost", kStakeUnits},
      {"cost." + p.target_id, T::f64, "target's cumulative cost", kStakeUnits},
  };
  for (const GuarantorSlots& g : p.guarantors) {
    v.push_back({"credibility." + g.id, T::f64, "challenger's belief mean of its resolve", ""});
    v.push_back({"cost." + g.id, T::f64, "guarantor's cumulative cost", kStakeUnits});
  }
  return v;
}

void TrialModel::record_month(const TrialState& s, std::span<double* const> paths) const {
  if (paths.empty()) return;
  const auto m = static_cast<std::size_t>(s.month);
  std::size_t v = 0;
  paths[v++][m] = s.territory;
  paths[v++][m] = static_cast<double>(s.escalation);
  paths[v++][m] = s.cohesion;
  paths[v++][m] = s.aid_stock;
  paths[v++][m] = s.challenger_cost;
  paths[v++][m] = s.target_cost;
  for (const GuarantorState& g : s.guarantors) {
    paths[v++][m] = g.belief.mean();
    paths[v++][m] = g.cost;
  }
}

void TrialModel::write_row(const TrialState& s, std::int32_t experiment, std::int32_t trial,
                           ColumnBlock& out, std::size_t row) const {
  std::size_t c = 0;
  out.i32(c++)[row] = experiment;
  out.i32(c++)[row] = trial;
  out.i8(c++)[row] = s.attack_month >= 0;
  out.i32(c++)[row] = s.attack_month;
  out.i32(c++)[row] = s.probes;
  out.i32(c++)[row] = s.war_months;
  out.i8(c++)[row] = static_cast<std::int8_t>(s.max_escalation);
  out.i8(c++)[row] = static_cast<std::int8_t>(s.outcome);
  out.f64(c++)[row] = s.territory;
  out.f64(c++)[row] = s.cohesion;
  int flips = 0;
  double lead_cost = 0, all_cost = 0;
  for (const GuarantorState& g : s.guarantors) {
    flips += g.flips;
    all_cost += g.cost;
    if (g.lead) lead_cost += g.cost;
  }
  out.i32(c++)[row] = flips;
  out.f64(c++)[row] = all_cost > 0 ? (all_cost - lead_cost) / all_cost : NAN;
  out.f64(c++)[row] = s.challenger_cost;
  out.f64(c++)[row] = s.target_cost;
  for (const GuarantorState& g : s.guarantors) {
    out.i8(c++)[row] = g.tested;
    out.i8(c++)[row] = g.honored;
    out.f64(c++)[row] = g.cost;
    out.f64(c++)[row] = g.belief.mean();
    out.f64(c++)[row] = g.ambiguity;
  }
  for (const RecordedParameter& r : recorded_) {
    out.f64(c++)[row] = value_of(s, r.slot);
  }
}

}  // namespace detsim
