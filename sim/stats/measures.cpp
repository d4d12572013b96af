// The measures that make each argument of the guarantee debate a number with an interval.
#include <cmath>
#include <stdexcept>

#include "detsim/stats/summary.hpp"

namespace detsim {

namespace {

using Value = std::optional<double>;

Measure rate(std::string name, std::string description,
             std::function<Value(const ColumnBlock&, std::size_t)> f) {
  return {std::move(name), MeasureKind::rate, std::move(description), std::move(f)};
}
Measure mean(std::string name, std::string description,
             std::function<Value(const ColumnBlock&, std::size_t)> f) {
  return {std::move(name), MeasureKind::mean, std::move(description), std::move(f)};
}

// Ids after a prefix such as "tested." among the column names, in column order.
std::vector<std::string> ids_with_prefix(const std::vector<ColumnInfo>& columns,
                                         const std::string& prefix) {
  std::vector<std::string> ids;
  for (const ColumnInfo& c : columns) {
    if (c.name.rfind(prefix, 0) == 0) ids.push_back(c.name.substr(prefix.size()));
  }
  return ids;
}

std::size_t column(const std::vector<ColumnInfo>& columns, const std::string& name) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return i;
  }
  throw std::out_of_range("the trial table has no column " + name);
}

}  // namespace

std::vector<Measure> standard_measures(const std::vector<ColumnInfo>& cols,
                                       const std::vector<std::string>& outcome_labels) {
  const std::size_t attacked = column(cols, "attacked"), war = column(cols, "war_months"),
                    outcome = column(cols, "outcome"), escalation = column(cols, "max_escalation"),
                    month = column(cols, "attack_month");
  std::vector<Measure> m;
  m.push_back(rate("attacked", "the challenger attacked within the horizon",
                   [=](const ColumnBlock& b, std::size_t r) { return b.number(attacked, r); }));
  m.push_back(
      rate("deterred", "no attack within the horizon",
           [=](const ColumnBlock& b, std::size_t r) { return 1.0 - b.number(attacked, r); }));
  m.push_back(rate("war", "a war was fought", [=](const ColumnBlock& b, std::size_t r) {
    return b.number(war, r) > 0 ? 1.0 : 0.0;
  }));
  for (std::size_t code = 0; code < outcome_labels.size(); ++code) {
    m.push_back(rate("outcome." + outcome_labels[code], "outcome class " + outcome_labels[code],
                     [=](const ColumnBlock& b, std::size_t r) {
                       return b.number(outcome, r) == static_cast<double>(code) ? 1.0 : 0.0;
                     }));
  }
  m.push_back(rate("escalation_ge_2", "a direct clash with a guarantor or worse",
                   [=](const ColumnBlock& b, std::size_t r) {
                     return b.number(escalation, r) >= 2 ? 1.0 : 0.0;
                   }));
  m.push_back(rate("nuclear_use", "the ladder reached nuclear use",
                   [=](const ColumnBlock& b, std::size_t r) {
                     return b.number(escalation, r) >= 3 ? 1.0 : 0.0;
                   }));
  for (const std::string& g : ids_with_prefix(cols, "tested.")) {
    const std::size_t tested = column(cols, "tested." + g), honored = column(cols, "honored." + g);
    m.push_back(rate("tested." + g, "an attack tested " + g + "'s promise",
                     [=](const ColumnBlock& b, std::size_t r) { return b.number(tested, r); }));
    m.push_back(rate("honored_when_tested." + g,
                     g + " kept its promise, among trials that tested it",
                     [=](const ColumnBlock& b, std::size_t r) -> Value {
                       if (b.number(tested, r) == 0) return std::nullopt;
                       return b.number(honored, r);
                     }));
    m.push_back(rate("backed_down." + g, g + " was tested and backed down",
                     [=](const ColumnBlock& b, std::size_t r) {
                       return b.number(tested, r) * (1.0 - b.number(honored, r));
                     }));
  }
  m.push_back(mean("attack_month", "month of the first attack, among trials with one",
                   [=](const ColumnBlock& b, std::size_t r) -> Value {
                     if (b.number(attacked, r) == 0) return std::nullopt;
                     return b.number(month, r);
                   }));
  m.push_back(mean("war_months_if_war", "months of war, among trials with a war",
                   [=](const ColumnBlock& b, std::size_t r) -> Value {
                     if (b.number(war, r) == 0) return std::nullopt;
                     return b.number(war, r);
                   }));
  m.push_back(mean("max_escalation", "highest escalation level (0..3)",
                   [=](const ColumnBlock& b, std::size_t r) { return b.number(escalation, r); }));
  // The mean of a column (or of a function of it), over the trials where it is not NaN.
  const auto column_mean = [&](const std::string& name, const std::string& description,
                               const std::string& source, double (*transform)(double)) {
    const std::size_t c = column(cols, source);
    m.push_back(mean(name, description, [=](const ColumnBlock& b, std::size_t r) -> Value {
      const double x = b.number(c, r);
      if (std::isnan(x)) return std::nullopt;
      return transform(x);
    }));
  };
  const auto plain_mean = [&](const std::string& name, const std::string& description) {
    column_mean(name, description, name, [](double x) { return x; });
  };
  plain_mean("territory", "target's territory share at the horizon");
  plain_mean("cohesion", "alliance cohesion at the horizon");
  plain_mean("probes", "probes made");
  plain_mean("policy_flips", "changes of administration among guarantors");
  plain_mean("burden_share_allies", "allies' share of the guarantors' cost, when there is any");
  for (const std::string& id : ids_with_prefix(cols, "cost.")) {
    plain_mean("cost." + id, id + "'s cumulative cost (stake units)");
  }
  for (const std::string& g : ids_with_prefix(cols, "credibility.")) {
    plain_mean("credibility." + g,
               "challenger's belief mean of " + g + "'s resolve at the horizon");
    column_mean("abs_ambiguity." + g,
                "gap between believed and true resolve of " + g + " at month 0", "ambiguity." + g,
                [](double x) { return std::abs(x); });
  }
  return m;
}

}  // namespace detsim
