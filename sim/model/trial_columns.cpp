// The results of one trial as a row of /trials and as monthly points of /paths: one list each,
// every entry with its name, type, units, description and the state it reads.
#include "detsim/model/trial_columns.hpp"

#include <cmath>
#include <iterator>
#include <string>
#include <utility>

#include "detsim/model/submodels.hpp"
#include "detsim/model/trial_model.hpp"

namespace detsim {

namespace {

using T = ColumnType;
constexpr const char* kStakeUnits = "stake units";

constexpr OutputColumn of_trial(const char* name, ColumnType type, const char* units,
                                const char* description, double (*read)(const TrialState&)) {
  return {ColumnOwner::trial, name, type, units, description, read, nullptr};
}
constexpr OutputColumn of_actor(ColumnOwner owner, const char* prefix, const char* units,
                                const char* description, double (*read)(const TrialState&)) {
  return {owner, prefix, T::f64, units, description, read, nullptr};
}
constexpr OutputColumn of_guarantor(const char* prefix, ColumnType type, const char* units,
                                    const char* description,
                                    double (*read)(const TrialState&, const GuarantorState&)) {
  return {ColumnOwner::guarantor, prefix, type, units, description, nullptr, read};
}

double policy_flips(const TrialState& s) {
  int flips = 0;
  for (const GuarantorState& g : s.guarantors) flips += g.flips;
  return flips;
}

double burden_share_allies(const TrialState& s) {
  double lead_cost = 0, all_cost = 0;
  for (const GuarantorState& g : s.guarantors) {
    all_cost += g.cost;
    if (g.lead) lead_cost += g.cost;
  }
  return all_cost > 0 ? (all_cost - lead_cost) / all_cost : NAN;
}

constexpr OutputColumn kTrialColumns[] = {
    of_trial("experiment", T::i32, "", "experiment index (row of /experiments)",
             [](const TrialState& s) -> double { return s.experiment; }),
    of_trial("trial", T::i32, "", "trial index within its experiment",
             [](const TrialState& s) -> double { return s.trial; }),
    of_trial("attacked", T::i8, "",
             "1 if the challenger attacked within the horizon (a first crisis began)",
             [](const TrialState& s) -> double { return s.attack_month >= 0; }),
    of_trial("attack_month", T::i32, "months",
             "month of the first attack, -1 if none (censored at the horizon)",
             [](const TrialState& s) -> double { return s.attack_month; }),
    of_trial("probes", T::i32, "count", "probes the challenger made",
             [](const TrialState& s) -> double { return s.probes; }),
    of_trial("crises", T::i32, "count",
             "crises the challenger began (attacks); more than 1 only with "
             "dynamics.crisis_cooldown_months",
             [](const TrialState& s) -> double { return s.crises; }),
    of_trial("second_attack_month", T::i32, "months",
             "month the second crisis began, -1 if none (censored at the horizon)",
             [](const TrialState& s) -> double { return s.second_attack_month; }),
    of_trial("war_months", T::i32, "months", "months of war fought in the first crisis",
             [](const TrialState& s) -> double { return s.war_months; }),
    of_trial("max_escalation", T::i8, "",
             "highest escalation level of the first crisis: 0 peace, 1 war with the target, 2 "
             "direct clash with a guarantor, 3 nuclear use",
             [](const TrialState& s) -> double { return static_cast<int>(s.max_escalation); }),
    of_trial("outcome", T::i8, "",
             "outcome class of the first crisis; the group attribute outcome_labels names the "
             "codes",
             [](const TrialState& s) -> double { return static_cast<int>(s.outcome); }),
    of_trial("territory", T::f64, "share",
             "share of its territory the target holds at the horizon, or when peace returned "
             "after the first crisis if it did (what a single crisis leaves it)",
             [](const TrialState& s) {
               return std::isnan(s.territory_after_first) ? s.territory : s.territory_after_first;
             }),
    of_trial("cohesion", T::f64, "", "alliance cohesion at the horizon, in [0, 1]",
             [](const TrialState& s) { return s.cohesion; }),
    of_trial("policy_flips", T::i32, "count", "changes of administration among the guarantors",
             policy_flips),
    of_trial("burden_share_allies", T::f64, "share",
             "share of all guarantors' cost borne by those other than the lead (NaN if none)",
             burden_share_allies),
    of_actor(ColumnOwner::challenger, "cost.", kStakeUnits,
             "challenger's cumulative cost over all crises: war (k spread over the forecast "
             "months), sanctions, answered probes",
             [](const TrialState& s) { return s.challenger_cost; }),
    of_actor(ColumnOwner::target, "cost.", kStakeUnits,
             "target's cumulative cost of war over all crises",
             [](const TrialState& s) { return s.target_cost; }),
    of_guarantor("tested.", T::i8, "", "1 if an attack tested this guarantor's promise",
                 [](const TrialState&, const GuarantorState& g) -> double { return g.tested; }),
    of_guarantor("honored.", T::i8, "", "1 if it honored its promise when tested by an attack",
                 [](const TrialState&, const GuarantorState& g) -> double { return g.honored; }),
    of_guarantor(
        "cost.", T::f64, kStakeUnits,
        "guarantor's cumulative cost: aid, forces committed, sanctions imposed, audience cost",
        [](const TrialState&, const GuarantorState& g) { return g.cost; }),
    of_guarantor("credibility.", T::f64, "",
                 "challenger's belief mean of this guarantor's resolve at the horizon",
                 [](const TrialState&, const GuarantorState& g) { return g.belief.mean(); }),
    of_guarantor("believed_honor.", T::f64, "probability",
                 "challenger's believed chance at the horizon that this guarantor would honor a "
                 "war test (acting as one with a cohesive alliance included; 0 if revoked, NaN "
                 "if it promised nothing)",
                 believed_war_honoring),
    of_guarantor("ambiguity.", T::f64, "",
                 "believed minus true chance that it honors an attack, at month 0 (positive: the "
                 "challenger overrates it; NaN if it promised nothing)",
                 [](const TrialState&, const GuarantorState& g) { return g.ambiguity; }),
    of_guarantor("revoked.", T::i8, "",
                 "1 if a new administration revoked its commitment (reversal risk)",
                 [](const TrialState&, const GuarantorState& g) -> double { return g.revoked; }),
};

constexpr OutputColumn kPathVariables[] = {
    of_trial("territory", T::f64, "share", "share of its territory the target holds",
             [](const TrialState& s) { return s.territory; }),
    of_trial("escalation", T::f64, "", "escalation level (0 peace .. 3 nuclear use)",
             [](const TrialState& s) -> double { return static_cast<int>(s.escalation); }),
    of_trial("cohesion", T::f64, "", "alliance cohesion",
             [](const TrialState& s) { return s.cohesion; }),
    of_trial("aid_stock", T::f64, "capability",
             "capability delivered to the target as aid, net of wear",
             [](const TrialState& s) { return s.aid_stock; }),
    of_actor(ColumnOwner::challenger, "cost.", kStakeUnits, "challenger's cumulative cost",
             [](const TrialState& s) { return s.challenger_cost; }),
    of_actor(ColumnOwner::target, "cost.", kStakeUnits, "target's cumulative cost",
             [](const TrialState& s) { return s.target_cost; }),
    of_guarantor("credibility.", T::f64, "", "challenger's belief mean of its resolve",
                 [](const TrialState&, const GuarantorState& g) { return g.belief.mean(); }),
    of_guarantor("believed_honor.", T::f64, "probability",
                 "challenger's believed chance that it would honor a war test (NaN if it "
                 "promised nothing)",
                 believed_war_honoring),
    of_guarantor("cost.", T::f64, kStakeUnits, "guarantor's cumulative cost",
                 [](const TrialState&, const GuarantorState& g) { return g.cost; }),
};

ColumnInfo info(const OutputColumn& c, const std::string& id = "") {
  return {c.name + id, c.type, c.description, c.units};
}

OutputLayout expand(std::span<const OutputColumn> list, const TrialParameters& p) {
  OutputLayout layout;
  for (const OutputColumn& c : list) {
    switch (c.owner) {
      case ColumnOwner::trial: layout.columns.push_back(info(c)); break;
      case ColumnOwner::challenger: layout.columns.push_back(info(c, p.challenger_id)); break;
      case ColumnOwner::target: layout.columns.push_back(info(c, p.target_id)); break;
      case ColumnOwner::guarantor: continue;
    }
    layout.readers.emplace_back(c, -1);
  }
  for (std::size_t g = 0; g < p.guarantors.size(); ++g) {
    for (const OutputColumn& c : list) {
      if (c.owner != ColumnOwner::guarantor) continue;
      layout.columns.push_back(info(c, p.guarantors[g].id));
      layout.readers.emplace_back(c, static_cast<int>(g));
    }
  }
  return layout;
}

template <ColumnType type>
void store(ColumnBlock& out, std::size_t column, std::size_t row, double x) {
  if constexpr (type == T::f64) out.f64(column)[row] = x;
  if constexpr (type == T::i32) out.i32(column)[row] = static_cast<std::int32_t>(x);
  if constexpr (type == T::i8) out.i8(column)[row] = static_cast<std::int8_t>(x);
}

// Entry I of the trial list, if it is the trial's, the challenger's or the target's.
template <std::size_t I>
void store_trial_entry(const TrialState& s, ColumnBlock& out, std::size_t& column,
                       std::size_t row) {
  constexpr OutputColumn entry = kTrialColumns[I];
  if constexpr (entry.owner != ColumnOwner::guarantor) {
    store<entry.type>(out, column++, row, entry.of_trial(s));
  }
}

// Entry I of the trial list for guarantor g, if it is a guarantor's.
template <std::size_t I>
void store_guarantor_entry(const TrialState& s, const GuarantorState& g, ColumnBlock& out,
                           std::size_t& column, std::size_t row) {
  constexpr OutputColumn entry = kTrialColumns[I];
  if constexpr (entry.owner == ColumnOwner::guarantor) {
    store<entry.type>(out, column++, row, entry.of_guarantor(s, g));
  }
}

// The list unrolled at compile time, in the order of expand(): every reader is then a direct
// call the compiler inlines, so a row costs what a hand-written writer would.
template <std::size_t... I>
std::size_t store_entries(const TrialState& s, ColumnBlock& out, std::size_t row,
                          std::index_sequence<I...>) {
  std::size_t column = 0;
  (store_trial_entry<I>(s, out, column, row), ...);
  for (const GuarantorState& g : s.guarantors)
    (store_guarantor_entry<I>(s, g, out, column, row), ...);
  return column;
}

}  // namespace

void write_trial_row(const TrialState& s, std::span<const RecordedParameter> parameters,
                     ColumnBlock& out, std::size_t row) {
  std::size_t column =
      store_entries(s, out, row, std::make_index_sequence<std::size(kTrialColumns)>());
  for (const RecordedParameter& r : parameters) {
    out.f64(column++)[row] = s.values[static_cast<std::size_t>(r.slot)];
  }
}

std::span<const OutputColumn> trial_column_list() { return kTrialColumns; }
std::span<const OutputColumn> path_variable_list() { return kPathVariables; }

ColumnReader::ColumnReader(const OutputColumn& entry, int guarantor)
    : of_trial_(entry.of_trial), of_guarantor_(entry.of_guarantor), index_(guarantor) {}
ColumnReader::ColumnReader(int parameter_slot) : index_(parameter_slot) {}

OutputLayout trial_layout(const TrialParameters& p,
                          const std::vector<RecordedParameter>& recorded) {
  OutputLayout layout = expand(kTrialColumns, p);
  for (const RecordedParameter& r : recorded) {
    layout.columns.push_back({r.name, T::f64, "parameter drawn for this trial", ""});
    layout.readers.emplace_back(r.slot);
  }
  return layout;
}

OutputLayout path_layout(const TrialParameters& p) { return expand(kPathVariables, p); }

const std::vector<std::string>& TrialModel::outcome_labels() {
  static const std::vector<std::string> labels{"deterred", "target_holds", "stalemate_or_ceasefire",
                                               "challenger_gains", "nuclear_use"};
  return labels;
}

}  // namespace detsim
