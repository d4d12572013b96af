// The measures that make each argument of the guarantee debate a number with an interval, as
// records: what each reads, how, and which trials it counts.
#include "detsim/stats/measures.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace detsim {

namespace {

const char* kind_name(MeasureKind k) { return k == MeasureKind::rate ? "rate" : "mean"; }

const char* transform_name(Transform t) {
  switch (t) {
    case Transform::identity: return "identity";
    case Transform::equals: return "equals";
    case Transform::at_least: return "at_least";
    case Transform::nonzero: return "nonzero";
    case Transform::absolute: return "absolute";
  }
  return "unknown";
}

const char* otherwise_name(Otherwise o) { return o == Otherwise::skip ? "skip" : "zero"; }

// Ids after a prefix such as "tested." among the column names, in column order.
std::vector<std::string> ids_with_prefix(const std::vector<ColumnInfo>& columns,
                                         const std::string& prefix) {
  std::vector<std::string> ids;
  for (const ColumnInfo& c : columns) {
    if (c.name.rfind(prefix, 0) == 0) ids.push_back(c.name.substr(prefix.size()));
  }
  return ids;
}

Measure rate(std::string name, std::string description, std::string column,
             Transform transform = Transform::identity, double threshold = 0) {
  return {std::move(name),
          MeasureKind::rate,
          std::move(description),
          std::move(column),
          transform,
          threshold,
          "",
          Otherwise::skip};
}

Measure mean(std::string name, std::string description, std::string column,
             Transform transform = Transform::identity) {
  return {std::move(name),
          MeasureKind::mean,
          std::move(description),
          std::move(column),
          transform,
          0,
          "",
          Otherwise::skip};
}

// `m` counted only where `given` is nonzero; elsewhere skipped or counted as 0.
Measure given(Measure m, std::string column, Otherwise otherwise = Otherwise::skip) {
  m.given = std::move(column);
  m.otherwise = otherwise;
  return m;
}

}  // namespace

std::optional<double> measure_value(const Measure& m, double x, double given_value) {
  if (std::isnan(x)) return std::nullopt;
  if (!m.given.empty() && given_value == 0) {
    if (m.otherwise == Otherwise::skip) return std::nullopt;
    return 0.0;
  }
  switch (m.transform) {
    case Transform::identity: return x;
    case Transform::equals: return x == m.threshold ? 1.0 : 0.0;
    case Transform::at_least: return x >= m.threshold ? 1.0 : 0.0;
    case Transform::nonzero: return x != 0 ? 1.0 : 0.0;
    case Transform::absolute: return std::abs(x);
  }
  throw std::logic_error("unknown transform");
}

std::vector<Measure> standard_measures(const std::vector<ColumnInfo>& cols,
                                       const std::vector<std::string>& outcome_labels) {
  using T = Transform;
  std::vector<Measure> m;
  m.push_back(rate("attacked", "the challenger attacked within the horizon", "attacked"));
  m.push_back(rate("deterred", "no attack within the horizon", "attacked", T::equals, 0));
  m.push_back(rate("war", "a war was fought", "war_months", T::nonzero));
  for (std::size_t code = 0; code < outcome_labels.size(); ++code) {
    m.push_back(rate("outcome." + outcome_labels[code], "outcome class " + outcome_labels[code],
                     "outcome", T::equals, static_cast<double>(code)));
  }
  m.push_back(rate("escalation_ge_2", "a direct clash with a guarantor or worse", "max_escalation",
                   T::at_least, 2));
  m.push_back(
      rate("nuclear_use", "the ladder reached nuclear use", "max_escalation", T::at_least, 3));
  for (const std::string& g : ids_with_prefix(cols, "tested.")) {
    m.push_back(rate("tested." + g, "an attack tested " + g + "'s promise", "tested." + g));
    m.push_back(given(rate("honored_when_tested." + g,
                           g + " kept its promise, among trials that tested it", "honored." + g),
                      "tested." + g));
    m.push_back(given(
        rate("backed_down." + g, g + " was tested and backed down", "honored." + g, T::equals, 0),
        "tested." + g, Otherwise::zero));
  }
  for (const std::string& g : ids_with_prefix(cols, "revoked.")) {
    m.push_back(rate("revoked." + g, "a new administration revoked " + g + "'s commitment",
                     "revoked." + g));
  }
  m.push_back(given(
      mean("attack_month", "month of the first attack, among trials with one", "attack_month"),
      "attacked"));
  m.push_back(
      given(mean("war_months_if_war", "months of war, among trials with a war", "war_months"),
            "war_months"));
  m.push_back(mean("max_escalation", "highest escalation level (0..3)", "max_escalation"));
  m.push_back(mean("territory", "target's territory share at the horizon", "territory"));
  m.push_back(mean("cohesion", "alliance cohesion at the horizon", "cohesion"));
  m.push_back(mean("probes", "probes made", "probes"));
  // Repeated crises; results files written before them have no `crises` column.
  const auto has = [&](const char* name) {
    for (const ColumnInfo& c : cols) {
      if (c.name == name) return true;
    }
    return false;
  };
  if (has("crises")) {
    m.push_back(mean("crises", "crises begun (attacks)", "crises"));
    m.push_back(rate("second_crisis", "a second crisis began within the horizon", "crises",
                     T::at_least, 2));
  }
  m.push_back(mean("policy_flips", "changes of administration among guarantors", "policy_flips"));
  m.push_back(mean("burden_share_allies",
                   "allies' share of the guarantors' cost, when there is any",
                   "burden_share_allies"));
  for (const std::string& id : ids_with_prefix(cols, "cost.")) {
    m.push_back(mean("cost." + id, id + "'s cumulative cost (stake units)", "cost." + id));
  }
  for (const std::string& g : ids_with_prefix(cols, "credibility.")) {
    m.push_back(mean("credibility." + g,
                     "challenger's belief mean of " + g + "'s resolve at the horizon",
                     "credibility." + g));
    m.push_back(mean("believed_honor." + g,
                     "challenger's believed chance at the horizon that " + g +
                         " would honor a war test, among trials where it is committed",
                     "believed_honor." + g));
    m.push_back(mean("abs_ambiguity." + g,
                     "gap between the believed and the true chance that " + g +
                         " honors an attack, at month 0, among trials where it is committed",
                     "ambiguity." + g, T::absolute));
  }
  return m;
}

ColumnBlock measures_table(const std::vector<Measure>& measures) {
  using C = ColumnType;
  ColumnBlock t(
      {{"measure", C::str, "name of the measure, as in the outcome column of /summary", ""},
       {"kind", C::str, "rate (Wilson interval) or mean (normal interval)", ""},
       {"description", C::str, "what the measure is", ""},
       {"column", C::str, "the /trials column it reads (x)", ""},
       {"transform", C::str,
        "a trial's value from x: identity, equals (x == threshold), at_least "
        "(x >= threshold), nonzero (x != 0), absolute (|x|); NaN x is not counted",
        ""},
       {"threshold", C::f64, "the threshold of equals and at_least (0 otherwise)", ""},
       {"given", C::str,
        "a /trials column: trials where it is 0 are treated as `otherwise` says; empty "
        "for every trial",
        ""},
       {"otherwise", C::str, "skip (such a trial is not counted) or zero (it counts as 0)", ""}});
  t.resize(measures.size());
  for (std::size_t i = 0; i < measures.size(); ++i) {
    const Measure& m = measures[i];
    t.str(0)[i] = m.name;
    t.str(1)[i] = kind_name(m.kind);
    t.str(2)[i] = m.description;
    t.str(3)[i] = m.column;
    t.str(4)[i] = transform_name(m.transform);
    t.f64(5)[i] = m.threshold;
    t.str(6)[i] = m.given;
    t.str(7)[i] = otherwise_name(m.otherwise);
  }
  return t;
}

namespace {

// The value of E whose name is `name`, trying each of `values`.
template <typename E, std::size_t N>
E named(const E (&values)[N], const char* (*name_of)(E), const std::string& name,
        const char* column, std::size_t row) {
  for (const E value : values) {
    if (name == name_of(value)) return value;
  }
  throw std::invalid_argument("/measures/" + std::string(column) + ": row " + std::to_string(row) +
                              " holds '" + name + "', which this detsim does not know");
}

}  // namespace

std::vector<Measure> measures_from_table(const ColumnBlock& table) {
  constexpr MeasureKind kinds[] = {MeasureKind::rate, MeasureKind::mean};
  constexpr Transform transforms[] = {Transform::identity, Transform::equals, Transform::at_least,
                                      Transform::nonzero, Transform::absolute};
  constexpr Otherwise otherwises[] = {Otherwise::skip, Otherwise::zero};
  const auto text = [&](const char* column) -> const std::vector<std::string>& {
    return table.str(table.index_of(column));
  };
  std::vector<Measure> measures(table.rows());
  for (std::size_t r = 0; r < table.rows(); ++r) {
    Measure& m = measures[r];
    m.name = text("measure")[r];
    m.kind = named(kinds, kind_name, text("kind")[r], "kind", r);
    m.description = text("description")[r];
    m.column = text("column")[r];
    m.transform = named(transforms, transform_name, text("transform")[r], "transform", r);
    m.threshold = table.f64(table.index_of("threshold"))[r];
    m.given = text("given")[r];
    m.otherwise = named(otherwises, otherwise_name, text("otherwise")[r], "otherwise", r);
  }
  return measures;
}

}  // namespace detsim
