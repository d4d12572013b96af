// PrecisionRule: an experiment's targets read from the same intervals /summary reports.
#include "precision_rule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "detsim/error.hpp"

namespace detsim::cli {

PrecisionRule::PrecisionRule(const Simulation& simulation, SummaryAccumulator& summary)
    : simulation_(simulation), summary_(summary) {
  const std::vector<Measure>& known = summary.measures();
  std::string errors;
  for (std::size_t e = 0; e < simulation.experiment_count(); ++e) {
    const PrecisionTarget* precision = simulation.precision(e);
    if (!precision) continue;
    any_ = true;
    const auto [at, added] = resolved_.try_emplace(precision);
    if (!added) continue;
    Resolved& target = at->second;
    for (std::size_t i = 0; i < precision->measures.size(); ++i) {
      const std::string& name = precision->measures[i];
      const auto found = std::find_if(known.begin(), known.end(),
                                      [&](const Measure& m) { return m.name == name; });
      if (found == known.end()) {
        std::string names;
        for (const Measure& m : known) names += (names.empty() ? "" : ", ") + m.name;
        const std::string line =
            fmt::format("{}: precision measure {}: this run has no such measure (it has {})\n",
                        precision->where[i], name, names);
        // Experiments share their scenario's target: each wrong name once.
        if (errors.find(line) == std::string::npos) errors += line;
        continue;
      }
      const auto m = static_cast<std::size_t>(found - known.begin());
      target.measures.push_back(m);
      target.half_widths.push_back(precision->half_widths[i]);
      if (std::find(targeted_.begin(), targeted_.end(), m) == targeted_.end()) {
        targeted_.push_back(m);
      }
    }
  }
  if (!errors.empty()) {
    errors.pop_back();
    throw InputError(errors);
  }
  std::sort(targeted_.begin(), targeted_.end());
}

const PrecisionRule::Resolved* PrecisionRule::resolved(std::size_t e) const {
  const PrecisionTarget* precision = simulation_.precision(e);
  return precision ? &resolved_.at(precision) : nullptr;
}

bool PrecisionRule::met(std::size_t e) const {
  const Resolved* target = resolved(e);
  if (!target || target->measures.empty()) return false;
  if (e < kept_met_.size()) return kept_met_[e];
  for (std::size_t i = 0; i < target->measures.size(); ++i) {
    if (!(summary_.half_width(e, target->measures[i]) <= target->half_widths[i])) return false;
  }
  return true;
}

double PrecisionRule::half_width(std::size_t e, std::size_t k) const {
  if (e < kept_met_.size()) return kept_half_widths_[e * targeted_.size() + k];
  return summary_.half_width(e, targeted_[k]);
}

void PrecisionRule::keep(std::size_t end) {
  if (!any_) return;
  for (std::size_t e = kept_met_.size(); e < end; ++e) {
    // Each read while the summary still holds the experiment, before it is marked kept.
    const bool was_met = met(e);
    for (std::size_t k = 0; k < targeted_.size(); ++k) {
      kept_half_widths_.push_back(half_width(e, k));
    }
    kept_met_.push_back(was_met);
  }
}

bool PrecisionRule::enough(std::int32_t experiment, std::int64_t trials_run) {
  const auto e = static_cast<std::size_t>(experiment);
  if (!met(e)) return false;
  summary_.stop(e, trials_run);
  return true;
}

ColumnBlock PrecisionRule::columns(const RunResult& result) const {
  std::vector<ColumnInfo> schema{
      {"trials_used", ColumnType::i32,
       "trials run: trials, or fewer when the experiment met its precision target first or failed",
       "count"}};
  if (any_) {
    schema.push_back({"target_met", ColumnType::i8,
                      "1 if every precision target was met at trials_used, 0 if the cap came "
                      "first, -1 for an experiment without one",
                      ""});
    for (const std::size_t m : targeted_) {
      schema.push_back({"half_width." + summary_.measures()[m].name, ColumnType::f64,
                        "half-width of the measure's 95% interval at trials_used (inf: not yet "
                        "estimable), as its precision target reads it",
                        ""});
    }
  }
  ColumnBlock table(schema);
  const std::size_t experiments = simulation_.experiment_count();
  table.resize(experiments);
  for (std::size_t e = 0; e < experiments; ++e) {
    table.i32(0)[e] = static_cast<std::int32_t>(result.trials_run[e]);
    if (!any_) continue;
    const Resolved* target = resolved(e);
    table.i8(1)[e] = !target || target->measures.empty() ? std::int8_t{-1} : std::int8_t{met(e)};
    for (std::size_t k = 0; k < targeted_.size(); ++k) {
      table.f64(2 + k)[e] = half_width(e, k);
    }
  }
  return table;
}

}  // namespace detsim::cli
