// The tables of scenario keys, their C++ fields and their allowed ranges.
#include "fields.hpp"

namespace detsim::detail {

namespace {

const Range unit = Range::closed(0, 1);
const Range non_negative = Range::at_least(0);
const Range positive = Range::above(0);

}  // namespace

const std::vector<QuantityField<Severity>>& severity_fields() {
  static const std::vector<QuantityField<Severity>> fields{
      {"probe", &Severity::probe, Range::closed(0, 2)},
      {"war", &Severity::war, Range::closed(0, 2)},
      {"aid", &Severity::aid, Range::closed(0, 2)},
  };
  return fields;
}

const std::vector<QuantityField<Dynamics>>& dynamics_quantity_fields() {
  // Probabilities, rates and shares lie in [0, 1]; the rest are non-negative magnitudes.
  static const std::vector<QuantityField<Dynamics>> fields{
      {"precedent_weight", &Dynamics::precedent_weight, unit},
      {"probe_gain", &Dynamics::probe_gain, unit},
      {"probe_cost", &Dynamics::probe_cost, non_negative},
      {"contested_territory", &Dynamics::contested_territory, unit},
      {"opportunity_volatility", &Dynamics::opportunity_volatility, non_negative},
      {"front_speed", &Dynamics::front_speed, non_negative},
      {"front_noise", &Dynamics::front_noise, non_negative},
      {"aid_depreciation", &Dynamics::aid_depreciation, unit},
      {"guarantor_war_cost", &Dynamics::guarantor_war_cost, non_negative},
      {"sanctions_cost_share", &Dynamics::sanctions_cost_share, non_negative},
      {"target_war_cost", &Dynamics::target_war_cost, non_negative},
      {"settlement_rate", &Dynamics::settlement_rate, unit},
      {"capitulation_territory", &Dynamics::capitulation_territory, unit},
      {"exhaustion", &Dynamics::exhaustion, non_negative},
      {"target_endurance", &Dynamics::target_endurance, non_negative},
      {"clash_base", &Dynamics::clash_base, unit},
      {"clash_direct", &Dynamics::clash_direct, unit},
      {"nuclear_from_clash", &Dynamics::nuclear_from_clash, unit},
      {"nuclear_from_war", &Dynamics::nuclear_from_war, unit},
      {"desperation_weight", &Dynamics::desperation_weight, non_negative},
      {"cohesion_initial", &Dynamics::cohesion_initial, unit},
      {"cohesion_volatility", &Dynamics::cohesion_volatility, non_negative},
      {"cohesion_honor_bonus", &Dynamics::cohesion_honor_bonus, unit},
      {"cohesion_renege_penalty", &Dynamics::cohesion_renege_penalty, unit},
  };
  return fields;
}

const std::vector<IntegerField<Dynamics>>& dynamics_integer_fields() {
  static const std::vector<IntegerField<Dynamics>> fields{
      {"belief_grid", &Dynamics::belief_grid, 16, 65536},
      {"forecast_months", &Dynamics::forecast_months, 1, 2147483647},
      {"probe_interval", &Dynamics::probe_interval, 1, 2147483647},
  };
  return fields;
}

const std::vector<QuantityField<Elections>>& elections_quantity_fields() {
  static const std::vector<QuantityField<Elections>> fields{
      {"flip_probability", &Elections::flip_probability, unit},
      {"resolve_after_flip", &Elections::resolve_after_flip, unit},
      {"transparency", &Elections::transparency, unit},
  };
  return fields;
}

const std::vector<IntegerField<Elections>>& elections_integer_fields() {
  static const std::vector<IntegerField<Elections>> fields{
      {"every_months", &Elections::every_months, 1, 2147483647},
      {"first_month", &Elections::first_month, 1, 2147483647},
  };
  return fields;
}

const std::vector<ActorQuantityField>& actor_quantity_fields() {
  static const std::vector<ActorQuantityField> fields{
      {"capability", &Actor::capability, positive, std::nullopt},
      {"resolve", &Actor::resolve, unit, std::nullopt},
      {"stake", &Actor::stake, positive, Role::challenger},
      {"war_cost", &Actor::war_cost, non_negative, Role::challenger},
      {"territory", &Actor::territory, unit, Role::target},
      {"credibility", &Actor::credibility, unit, Role::guarantor},
  };
  return fields;
}

const std::vector<ActorBoolField>& actor_bool_fields() {
  static const std::vector<ActorBoolField> fields{
      {"nuclear", &Actor::nuclear, Role::challenger},
      {"can_probe", &Actor::can_probe, Role::challenger},
      {"lead", &Actor::lead, Role::guarantor},
  };
  return fields;
}

std::vector<std::string> actor_keys(std::optional<Role> role) {
  std::vector<std::string> keys{"role"};
  auto wanted = [&](const std::optional<Role>& owner) { return !owner || !role || owner == role; };
  for (const auto& f : actor_quantity_fields()) {
    if (wanted(f.role)) keys.push_back(f.key);
  }
  for (const auto& f : actor_bool_fields()) {
    if (wanted(f.role)) keys.push_back(f.key);
  }
  if (!role || role == Role::guarantor) keys.push_back("elections");
  return keys;
}

std::optional<Role> actor_key_role(const std::string& key) {
  for (const auto& f : actor_quantity_fields()) {
    if (f.key == key) return f.role;
  }
  for (const auto& f : actor_bool_fields()) {
    if (f.key == key) return f.role;
  }
  if (key == "elections") return Role::guarantor;
  return std::nullopt;
}

const char* role_name(Role role) {
  switch (role) {
    case Role::challenger: return "challenger";
    case Role::target: return "target";
    case Role::guarantor: return "guarantor";
  }
  return "unknown";
}

std::optional<Role> role_from_name(const std::string& name) {
  for (Role r : {Role::challenger, Role::target, Role::guarantor}) {
    if (name == role_name(r)) return r;
  }
  return std::nullopt;
}

const std::vector<std::string>& role_names() {
  static const std::vector<std::string> names{"challenger", "target", "guarantor"};
  return names;
}

const std::vector<std::string>& scenario_keys() {
  static const std::vector<std::string> keys{
      "detsim", "name",        "description", "horizon_months", "trials",
      "seed",   "rationality", "honor_noise", "severity",       "dynamics",
      "actors", "guarantee",   "output"};
  return keys;
}

const std::vector<std::string>& guarantee_keys() {
  static const std::vector<std::string> keys{"preset", "collective", "cohesion_shift", "terms"};
  return keys;
}

const std::vector<std::string>& output_keys() {
  static const std::vector<std::string> keys{"record_paths"};
  return keys;
}

const std::vector<std::string>& preset_keys() {
  static const std::vector<std::string> keys{"detsim_preset", "name",       "description",
                                             "written_for",   "collective", "cohesion_shift",
                                             "lead",          "others"};
  return keys;
}

}  // namespace detsim::detail
