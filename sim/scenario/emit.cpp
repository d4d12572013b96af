// emit_scenario_yaml: the resolved scenario written back as a scenario file that loads to an
// equal Scenario (every field explicit, numbers in their shortest exact form).
#include <cctype>

#include <yaml-cpp/yaml.h>

#include "detsim/scenario/load.hpp"
#include "fields.hpp"
#include "numbers.hpp"

namespace detsim {

namespace {

using detail::format_number;

// Numbers go out as text so that the shortest exact form is written, not a rounded one.
void emit_quantity(YAML::Emitter& out, const Quantity& q) {
  if (q.is_constant()) {
    out << format_number(q.value);
    return;
  }
  out << YAML::Flow << YAML::BeginMap << YAML::Key << distribution_name(q.kind) << YAML::Value;
  const auto& names = distribution_argument_names(q.kind);
  if (q.kind == DistributionKind::uniform || q.kind == DistributionKind::triangular) {
    out << YAML::Flow << YAML::BeginSeq;
    for (const auto& arg : q.args) emit_quantity(out, arg);
    out << YAML::EndSeq;
  } else {
    out << YAML::Flow << YAML::BeginMap;
    for (std::size_t i = 0; i < names.size() && i < q.args.size(); ++i) {
      out << YAML::Key << names[i] << YAML::Value;
      emit_quantity(out, q.args[i]);
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

const char* boolean(bool b) { return b ? "true" : "false"; }

// Text that a YAML 1.1 or 1.2 reader would take for a number, a boolean or null is quoted, so
// that `name: "no"` stays a name in PyYAML too.
YAML::Emitter& text(YAML::Emitter& out, const std::string& s) {
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::vector<std::string> special{"y",   "n",    "yes",   "no",   "on",
                                                "off", "true", "false", "null", "~"};
  bool looks_typed = s.empty() || detail::parse_number(s).has_value();
  for (const auto& word : special) looks_typed = looks_typed || lower == word;
  if (looks_typed) out << YAML::DoubleQuoted;
  return out << s;
}

template <class T>
void emit_fields(YAML::Emitter& out, const std::vector<detail::QuantityField<T>>& fields,
                 const T& value) {
  for (const auto& f : fields) {
    out << YAML::Key << f.key << YAML::Value;
    emit_quantity(out, value.*f.member);
  }
}

template <class T>
void emit_fields(YAML::Emitter& out, const std::vector<detail::IntegerField<T>>& fields,
                 const T& value) {
  for (const auto& f : fields) {
    out << YAML::Key << f.key << YAML::Value << std::to_string(value.*f.member);
  }
}

void emit_actor(YAML::Emitter& out, const Actor& a) {
  out << YAML::Key;
  text(out, a.id) << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "role" << YAML::Value << detail::role_name(a.role);
  for (const auto& f : detail::actor_quantity_fields()) {
    if (f.role && f.role != a.role) continue;
    out << YAML::Key << f.key << YAML::Value;
    emit_quantity(out, a.*f.member);
  }
  for (const auto& f : detail::actor_bool_fields()) {
    if (f.role && f.role != a.role) continue;
    out << YAML::Key << f.key << YAML::Value << boolean(a.*f.member);
  }
  if (a.role == Role::guarantor && a.elections) {
    out << YAML::Key << "elections" << YAML::Value << YAML::BeginMap;
    emit_fields(out, detail::elections_integer_fields(), *a.elections);
    emit_fields(out, detail::elections_quantity_fields(), *a.elections);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void emit_guarantee(YAML::Emitter& out, const Scenario& s) {
  out << YAML::Key << "guarantee" << YAML::Value << YAML::BeginMap;
  // Kept for information: every term below is explicit, so reapplying it changes nothing.
  if (!s.guarantee.preset.empty()) {
    out << YAML::Key << "preset" << YAML::Value;
    text(out, s.guarantee.preset);
  }
  out << YAML::Key << "collective" << YAML::Value << boolean(s.guarantee.collective);
  out << YAML::Key << "cohesion_shift" << YAML::Value;
  emit_quantity(out, s.guarantee.cohesion_shift);
  const auto guarantors = s.guarantors();
  if (!guarantors.empty()) {
    out << YAML::Key << "terms" << YAML::Value << YAML::BeginMap;
    for (const Actor* g : guarantors) {
      out << YAML::Key;
      text(out, g->id) << YAML::Value << YAML::Flow << YAML::BeginMap;
      for (const TermInfo& term : kTerms) {
        out << YAML::Key << std::string(term.key) << YAML::Value;
        emit_quantity(out, g->terms[term.term]);
      }
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

}  // namespace

std::string emit_scenario_yaml(const Scenario& s) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "detsim" << YAML::Value << std::to_string(s.format);
  out << YAML::Key << "name" << YAML::Value;
  text(out, s.name);
  out << YAML::Key << "description" << YAML::Value;
  text(out, s.description);
  out << YAML::Key << "horizon_months" << YAML::Value << std::to_string(s.horizon_months);
  out << YAML::Key << "trials" << YAML::Value << std::to_string(s.trials);
  out << YAML::Key << "seed" << YAML::Value << std::to_string(s.seed);
  out << YAML::Key << "rationality" << YAML::Value;
  emit_quantity(out, s.rationality);
  out << YAML::Key << "honor_noise" << YAML::Value;
  emit_quantity(out, s.honor_noise);
  out << YAML::Key << "severity" << YAML::Value << YAML::BeginMap;
  emit_fields(out, detail::severity_fields(), s.severity);
  out << YAML::EndMap;
  out << YAML::Key << "dynamics" << YAML::Value << YAML::BeginMap;
  emit_fields(out, detail::dynamics_integer_fields(), s.dynamics);
  emit_fields(out, detail::dynamics_quantity_fields(), s.dynamics);
  out << YAML::EndMap;
  out << YAML::Key << "actors" << YAML::Value << YAML::BeginMap;
  for (const auto& actor : s.actors) emit_actor(out, actor);
  out << YAML::EndMap;
  emit_guarantee(out, s);
  out << YAML::Key << "output" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "record_paths" << YAML::Value << std::to_string(s.record_paths);
  out << YAML::EndMap;
  if (s.precision) {
    // Half-widths as a map, one per measure: one form whatever the file wrote.
    out << YAML::Key << "precision" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "half_width" << YAML::Value << YAML::BeginMap;
    for (std::size_t m = 0; m < s.precision->measures.size(); ++m) {
      out << YAML::Key << s.precision->measures[m] << YAML::Value
          << detail::format_number(s.precision->half_widths[m]);
    }
    out << YAML::EndMap;
    out << YAML::Key << "step" << YAML::Value << std::to_string(s.precision->step);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace detsim
