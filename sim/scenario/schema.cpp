// The JSON Schema of scenario and preset files, built by walking the loader's tables (fields.cpp,
// kTerms, the distribution argument names), so a new key or term appears here with no edit.
//
// To add a section (a `design:` map, say): give it a KeyField row of kind `section` in its
// table (scenario_fields() for a key of the scenario) and a builder in section_builders() below;
// the generator refuses a section that has none, and the schema test catches it. A file of
// another kind (a design file of its own) is one more branch of document(), keyed by its
// version key as presets are by detsim_preset.
#include "detsim/scenario/schema.hpp"

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <stdexcept>

#include "detsim/scenario/scenario.hpp"
#include "did_you_mean.hpp"
#include "fields.hpp"
#include "json.hpp"
#include "numbers.hpp"

namespace detsim {

namespace detail {
namespace {

constexpr const char* kIdPattern = "^[a-z][a-z0-9_]*$";

std::string describe_field(const std::string& description, const std::string& unit) {
  return unit.empty() ? description : description + " (unit: " + unit + ")";
}

// A part of a definition name for a bound: "0", "-1", "0.5".
std::string bound_text(double value) { return format_number(value); }

// The definitions a schema refers to: one quantity definition per distinct range.
class SchemaBuilder {
 public:
  // {"$ref": ...} to the quantity definition for `range`, built on first use.
  Json quantity(const Range& range) {
    const std::string name = quantity_name(range);
    if (!definitions_.count(name)) {
      definitions_[name] = Json();  // reserved: a distribution's arguments refer back to it
      definitions_[name] = quantity_definition(range);
    }
    return ref(name);
  }

  Json quantity_field(const Range& range, const std::string& description, const std::string& unit,
                      const Quantity* default_value) {
    // draft-07 ignores the siblings of $ref, so the reference sits inside allOf.
    Json field = Json::object();
    field.set("description", describe_field(description, unit));
    if (default_value && default_value->is_constant() && std::isfinite(default_value->value)) {
      field.set("default", default_value->value);
    }
    field.set("allOf", Json::Array{quantity(range)});
    return field;
  }

  void define(const std::string& name, Json schema) { definitions_[name] = std::move(schema); }
  static Json ref(const std::string& name) {
    return Json::object().set("$ref", "#/definitions/" + name);
  }

  Json definitions() const {
    Json all = Json::object();
    for (const auto& [name, schema] : definitions_) all.set(name, schema);
    return all;
  }

 private:
  static std::string quantity_name(const Range& r) {
    std::string name = "quantity";
    if (std::isfinite(r.lo)) name += (r.lo_open ? "_above_" : "_from_") + bound_text(r.lo);
    if (std::isfinite(r.hi)) name += (r.hi_open ? "_below_" : "_to_") + bound_text(r.hi);
    if (!std::isfinite(r.lo) && !std::isfinite(r.hi)) name += "_any";
    if (r.infinite_ok) name += "_or_inf";
    return name;
  }

  static Json number(const Range& r) {
    Json schema = Json::object().set("type", "number");
    if (std::isfinite(r.lo)) schema.set(r.lo_open ? "exclusiveMinimum" : "minimum", r.lo);
    if (std::isfinite(r.hi)) schema.set(r.hi_open ? "exclusiveMaximum" : "maximum", r.hi);
    return schema;
  }

  // {key: value} and nothing else: how a distribution is written.
  static Json single_key(const std::string& key, Json value) {
    return Json::object()
        .set("type", "object")
        .set("required", Json::Array{key})
        .set("additionalProperties", false)
        .set("properties", Json::object().set(key, std::move(value)));
  }

  // The forms yaml_quantity.cpp reads, with the same ranges for the arguments.
  Json quantity_definition(const Range& range) {
    const Range inner = range.with_infinity(false);
    Json::Array forms{number(range)};
    auto list = [&](DistributionKind kind) {
      const std::size_t n = distribution_argument_names(kind).size();
      // Appended, not "[" + ...: GCC 12 warns falsely (-Wrestrict) on that operator+.
      std::string arguments("[");
      arguments.append(join(distribution_argument_names(kind))).append("]");
      return Json::object()
          .set("type", "array")
          .set("description", arguments)
          .set("minItems", static_cast<std::int64_t>(n))
          .set("maxItems", static_cast<std::int64_t>(n))
          .set("items", quantity(inner));
    };
    forms.push_back(
        single_key(distribution_name(DistributionKind::uniform), list(DistributionKind::uniform)));
    // A beta's draws lie in [0, 1]: offered only where the field allows all of [0, 1].
    if (range.contains(0.0) && range.contains(1.0)) {
      const auto& names = distribution_argument_names(DistributionKind::beta);
      forms.push_back(
          single_key(distribution_name(DistributionKind::beta),
                     Json::object()
                         .set("type", "object")
                         .set("required", Json::Array{names[0], names[1]})
                         .set("additionalProperties", false)
                         .set("properties", Json::object()
                                                .set(names[0], quantity(Range::open(0, 1)))
                                                .set(names[1], quantity(Range::above(0))))));
    }
    {
      // A truncated normal: min and max may be left out only on an unbounded side.
      const auto& names = distribution_argument_names(DistributionKind::normal);
      Json::Array required{names[0], names[1]};
      if (std::isfinite(range.lo)) required.push_back(names[2]);
      if (std::isfinite(range.hi)) required.push_back(names[3]);
      forms.push_back(single_key(
          distribution_name(DistributionKind::normal),
          Json::object()
              .set("type", "object")
              .set("required", std::move(required))
              .set("additionalProperties", false)
              .set("properties", Json::object()
                                     .set(names[0], quantity(Range::any()))
                                     .set(names[1], quantity(Range::above(0)))
                                     .set(names[2], quantity(range.with_infinity(true)))
                                     .set(names[3], quantity(range.with_infinity(true))))));
    }
    forms.push_back(single_key(distribution_name(DistributionKind::triangular),
                               list(DistributionKind::triangular)));
    return Json::object()
        .set("description",
             "a number (it " + range.describe() +
                 ") or a distribution whose every draw does: {uniform: [lo, hi]}, {beta: {mean: "
                 "m, concentration: k}}, {normal: {mean: m, sd: s, min: a, max: b}} or "
                 "{triangular: [lo, mode, hi]}; arguments may be distributions too")
        .set("oneOf", std::move(forms));
  }

  std::map<std::string, Json> definitions_;
};

Json integer_schema(std::int64_t min, std::int64_t max, const std::string& description) {
  return Json::object()
      .set("description", description)
      .set("type", "integer")
      .set("minimum", min)
      .set("maximum", max);
}

// A map whose keys are exactly `properties`; null (an empty value) counts as an empty map.
Json closed_map(const std::string& description, Json properties, Json::Array required = {}) {
  Json schema = Json::object()
                    .set("description", description)
                    .set("type", Json::Array{"object", "null"})
                    .set("additionalProperties", false)
                    .set("properties", std::move(properties));
  if (!required.empty()) schema.set("required", std::move(required));
  return schema;
}

template <class T>
Json quantity_properties(SchemaBuilder& b, const std::vector<QuantityField<T>>& fields,
                         Json properties = Json::object()) {
  const T defaults{};
  for (const auto& f : fields) {
    properties.set(f.key, b.quantity_field(f.range, f.description, f.unit, &(defaults.*f.member)));
  }
  return properties;
}

template <class T>
Json integer_properties(const std::vector<IntegerField<T>>& fields,
                        Json properties = Json::object()) {
  const T defaults{};
  for (const auto& f : fields) {
    properties.set(f.key, integer_schema(f.min, f.max, describe_field(f.description, f.unit))
                              .set("default", defaults.*f.member));
  }
  return properties;
}

Json terms_schema(SchemaBuilder& b, const std::string& description) {
  Json properties = Json::object();
  for (const TermInfo& term : kTerms) {
    properties.set(std::string(term.key),
                   b.quantity_field(term_range(term), std::string(term.description),
                                    std::string(term.unit), nullptr));
  }
  return closed_map(description + "; a term left out is the preset's, or 0 (no promise)",
                    std::move(properties));
}

Json actors_schema(SchemaBuilder& b, const std::string& description) {
  const Actor defaults;
  Json elections = closed_map(elections_description,
                              quantity_properties(b, elections_quantity_fields(),
                                                  integer_properties(elections_integer_fields())));
  // One closed map per role, chosen by the value of `role`.
  Json::Array by_role;
  for (const std::string& role_text : role_names()) {
    const Role role = *role_from_name(role_text);
    Json properties =
        Json::object().set("role", Json::object().set("description", role_description));
    for (const auto& f : actor_quantity_fields()) {
      if (f.role && *f.role != role) continue;
      properties.set(f.key,
                     b.quantity_field(f.range, f.description, f.unit, &(defaults.*f.member)));
    }
    for (const auto& f : actor_bool_fields()) {
      if (f.role && *f.role != role) continue;
      properties.set(f.key, Json::object()
                                .set("description", f.description)
                                .set("type", "boolean")
                                .set("default", defaults.*f.member));
    }
    if (role == Role::guarantor) properties.set("elections", elections);
    // The keys here are those the loader allows (actor_keys), no more and no fewer.
    for (const std::string& key : actor_keys(role)) {
      if (!properties.find(key)) throw std::logic_error("actor key without a schema: " + key);
    }
    by_role.push_back(
        Json::object()
            .set("if", Json::object()
                           .set("required", Json::Array{"role"})
                           .set("properties",
                                Json::object().set("role", Json::object().set("const", role_text))))
            .set("then", Json::object()
                             .set("additionalProperties", false)
                             .set("properties", std::move(properties))));
  }
  Json::Array roles;
  for (const std::string& role : role_names()) roles.push_back(role);
  b.define("actor", Json::object()
                        .set("description", "an actor: its role, then the keys of that role")
                        .set("type", "object")
                        .set("required", Json::Array{"role"})
                        .set("properties",
                             Json::object().set("role", Json::object()
                                                            .set("description", role_description)
                                                            .set("enum", std::move(roles))))
                        .set("allOf", std::move(by_role)));
  return Json::object()
      .set("description", description)
      .set("type", "object")
      .set("minProperties", 1)
      .set("maxProperties", static_cast<std::int64_t>(kMaxGuarantors + 2))
      .set("propertyNames", Json::object().set("pattern", kIdPattern))
      .set("additionalProperties", SchemaBuilder::ref("actor"));
}

using SectionBuilder = std::function<Json(SchemaBuilder&, const std::string& description)>;
const std::map<std::string, SectionBuilder>& section_builders();

// The schema of a map described by a KeyField table; `table` names it for section builders.
Json key_fields_schema(SchemaBuilder& b, const std::string& table,
                       const std::vector<KeyField>& fields, const std::string& description) {
  Json properties = Json::object();
  Json::Array required;
  for (const KeyField& f : fields) {
    const std::string text = describe_field(f.description, f.unit);
    switch (f.kind) {
      case KeyKind::text:
        // Any scalar is read as text; an empty value is "".
        properties.set(f.key, Json::object()
                                  .set("description", text)
                                  .set("type", Json::Array{"string", "number", "boolean", "null"}));
        break;
      case KeyKind::boolean:
        properties.set(f.key, Json::object().set("description", text).set("type", "boolean"));
        break;
      case KeyKind::integer: properties.set(f.key, integer_schema(f.min, f.max, text)); break;
      case KeyKind::unsigned_integer:
        properties.set(f.key, Json::object()
                                  .set("description", text)
                                  .set("type", "integer")
                                  .set("minimum", 0)
                                  .set("maximum", std::numeric_limits<std::uint64_t>::max()));
        break;
      case KeyKind::quantity:
        properties.set(f.key, b.quantity_field(f.range, f.description, f.unit, nullptr));
        break;
      case KeyKind::section: {
        const auto builder = section_builders().find(table + "." + f.key);
        if (builder == section_builders().end()) {
          throw std::logic_error("section " + table + "." + f.key +
                                 " has no schema builder in sim/scenario/schema.cpp");
        }
        properties.set(f.key, builder->second(b, text));
        break;
      }
    }
    if (f.required) required.push_back(f.key);
  }
  return closed_map(description, std::move(properties), std::move(required));
}

// A scenario's precision section, and a study's (which is read as one).
Json precision_schema(SchemaBuilder& b, const std::string& description) {
  return key_fields_schema(b, "precision", precision_fields(), description);
}

// A study's factors, and a targets file's fitted values (the same forms, read by one reader).
Json factors_schema(SchemaBuilder&, const std::string& description) {
  const Json number = Json::object().set("type", "number");
  const Json forms =
      Json::object()
          .set("levels", Json::object()
                             .set("description", "the factor's values")
                             .set("type", "array")
                             .set("minItems", 1)
                             .set("items", number))
          .set("range", Json::object()
                            .set("description", "[lo, hi]: u in [0, 1] maps to lo + u (hi - lo)")
                            .set("type", "array")
                            .set("minItems", 2)
                            .set("maxItems", 2)
                            .set("items", number))
          .set("distribution",
               Json::object()
                   .set("description",
                        "a distribution with numbers for arguments: u maps to its quantile")
                   .set("type", "object"));
  return Json::object()
      .set("description", description)
      .set("type", "object")
      .set("minProperties", 1)
      .set("additionalProperties", Json::object()
                                       .set("type", "object")
                                       .set("properties", forms)
                                       .set("additionalProperties", false)
                                       .set("minProperties", 1)
                                       .set("maxProperties", 1));
}

// A map of dotted scenario paths to values, as --set takes them.
Json settings_schema(SchemaBuilder&, const std::string& description) {
  return Json::object()
      .set("description", description)
      .set("type", "object")
      .set("minProperties", 1);
}

const std::map<std::string, SectionBuilder>& section_builders() {
  static const std::map<std::string, SectionBuilder> builders{
      {"scenario.severity",
       [](SchemaBuilder& b, const std::string& description) {
         return closed_map(description, quantity_properties(b, severity_fields()));
       }},
      {"scenario.dynamics",
       [](SchemaBuilder& b, const std::string& description) {
         return closed_map(description,
                           quantity_properties(b, dynamics_quantity_fields(),
                                               integer_properties(dynamics_integer_fields())));
       }},
      {"scenario.actors", actors_schema},
      {"scenario.guarantee",
       [](SchemaBuilder& b, const std::string& description) {
         return key_fields_schema(b, "guarantee", guarantee_fields(), description);
       }},
      {"guarantee.terms",
       [](SchemaBuilder& b, const std::string& description) {
         return Json::object()
             .set("description", description)
             .set("type", Json::Array{"object", "null"})
             .set("propertyNames", Json::object().set("pattern", kIdPattern))
             .set("additionalProperties", terms_schema(b, "a guarantor's terms"));
       }},
      {"scenario.output",
       [](SchemaBuilder& b, const std::string& description) {
         return key_fields_schema(b, "output", output_fields(), description);
       }},
      {"scenario.precision", precision_schema},
      {"study.precision", precision_schema},
      {"precision.measures",
       [](SchemaBuilder&, const std::string& description) {
         return Json::object()
             .set("description", description)
             .set("type", "array")
             .set("minItems", 1)
             .set("uniqueItems", true)
             .set("items", Json::object().set("type", "string"));
       }},
      {"precision.half_width",
       [](SchemaBuilder&, const std::string& description) {
         const Json positive = Json::object().set("type", "number").set("exclusiveMinimum", 0);
         return Json::object()
             .set("description", description)
             .set("anyOf", Json::Array{positive, Json::object()
                                                     .set("type", "object")
                                                     .set("minProperties", 1)
                                                     .set("additionalProperties", positive)});
       }},
      {"study.design",
       [](SchemaBuilder& b, const std::string& description) {
         Json design = key_fields_schema(b, "design", design_fields(), description);
         design.set("type", "object");
         return design;
       }},
      {"design.structures",
       [](SchemaBuilder&, const std::string& description) {
         return Json::object()
             .set("description", description)
             .set("type", "array")
             .set("minItems", 1)
             .set("items", Json::object().set("type", "string"));
       }},
      {"design.factors", factors_schema},
      {"targets.fit", factors_schema},
      {"targets.propagate",
       [](SchemaBuilder&, const std::string& description) {
         return Json::object()
             .set("description", description)
             .set("type", "object")
             .set("additionalProperties", Json::object().set("type", "string"));
       }},
      {"targets.targets",
       [](SchemaBuilder& b, const std::string& description) {
         Json target = key_fields_schema(b, "target", target_fields(), "a published figure");
         target.set("type", "object");
         return Json::object()
             .set("description", description)
             .set("type", "object")
             .set("minProperties", 1)
             .set("additionalProperties", std::move(target));
       }},
      {"target.settings", settings_schema},
      {"target.versus", settings_schema},
      {"preset.lead", terms_schema},
      {"preset.others", terms_schema},
  };
  return builders;
}

// A scenario, a preset when the file says `detsim_preset`, a study when it says `detsim_study`.
Json document() {
  SchemaBuilder b;
  Json scenario = key_fields_schema(b, "scenario", scenario_fields(), "a detsim scenario");
  scenario.set("type", "object");  // the top level may not be empty
  Json preset = key_fields_schema(b, "preset", preset_fields(),
                                  "a guarantee preset: terms by role, for the lead guarantor "
                                  "and for the others");
  preset.set("type", "object");
  Json study = key_fields_schema(b, "study", study_fields(),
                                 "a study: a scenario and a design of factors to run it at");
  study.set("type", "object");
  Json targets = key_fields_schema(b, "targets", targets_file_fields(),
                                   "calibration targets: published figures and the values "
                                   "fitted to them (detsim calibrate)");
  targets.set("type", "object");
  b.define("scenario", std::move(scenario));
  b.define("preset", std::move(preset));
  b.define("study", std::move(study));
  b.define("targets", std::move(targets));
  return Json::object()
      .set("$schema", "http://json-schema.org/draft-07/schema#")
      .set("title", "detsim scenario, guarantee preset, study or calibration targets")
      .set("description",
           "Generated by `detsim schema` from the loader's field tables; do not edit by hand. "
           "The loader checks more than a schema can say (one challenger and one target, at "
           "most one lead, the order of a distribution's arguments, finite numbers): "
           "`detsim validate` has the last word.")
      .set("if", Json::object().set("required", Json::Array{"detsim_preset"}))
      .set("then", SchemaBuilder::ref("preset"))
      .set("else", Json::object()
                       .set("if", Json::object().set("required", Json::Array{"detsim_study"}))
                       .set("then", SchemaBuilder::ref("study"))
                       .set("else", Json::object()
                                        .set("if", Json::object().set(
                                                       "required", Json::Array{"detsim_targets"}))
                                        .set("then", SchemaBuilder::ref("targets"))
                                        .set("else", SchemaBuilder::ref("scenario"))))
      .set("definitions", b.definitions());
}

}  // namespace
}  // namespace detail

std::string scenario_json_schema() { return detail::document().dump(); }

}  // namespace detsim
