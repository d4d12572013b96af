// The scenario's YAML keys and their ranges, written once: the loader reads by these tables and
// the emitter writes by them, so the two cannot drift apart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "detsim/scenario/scenario.hpp"
#include "range.hpp"

namespace detsim::detail {

template <class T>
struct QuantityField {
  std::string key;
  Quantity T::*member;
  Range range;
};

template <class T>
struct IntegerField {
  std::string key;
  int T::*member;
  std::int64_t min;
  std::int64_t max;
};

const std::vector<QuantityField<Severity>>& severity_fields();
const std::vector<QuantityField<Dynamics>>& dynamics_quantity_fields();
const std::vector<IntegerField<Dynamics>>& dynamics_integer_fields();
const std::vector<QuantityField<Elections>>& elections_quantity_fields();
const std::vector<IntegerField<Elections>>& elections_integer_fields();

// Actor keys: `role` empty means every role has it.
struct ActorQuantityField {
  std::string key;
  Quantity Actor::*member;
  Range range;
  std::optional<Role> role;
};
struct ActorBoolField {
  std::string key;
  bool Actor::*member;
  std::optional<Role> role;
};
const std::vector<ActorQuantityField>& actor_quantity_fields();
const std::vector<ActorBoolField>& actor_bool_fields();

// Every key an actor of `role` may have (role, the common keys, its own); all roles when empty.
std::vector<std::string> actor_keys(std::optional<Role> role);
// The role that owns a role-specific key (stake -> challenger); nullopt for common or unknown.
std::optional<Role> actor_key_role(const std::string& key);

const char* role_name(Role role);
std::optional<Role> role_from_name(const std::string& name);
const std::vector<std::string>& role_names();

const std::vector<std::string>& scenario_keys();
const std::vector<std::string>& guarantee_keys();
const std::vector<std::string>& output_keys();
const std::vector<std::string>& preset_keys();

template <class Table>
std::vector<std::string> keys_of(const Table& table) {
  std::vector<std::string> keys;
  for (const auto& field : table) keys.push_back(std::string(field.key));
  return keys;
}

// The range of a guarantee term, from its row of kTerms.
inline Range term_range(const TermInfo& term) { return Range::closed(term.min, term.max); }

// The largest trials value (trials are indexed by 32-bit signed integers downstream).
inline constexpr std::int64_t max_trials = 2147483647;
// The longest horizon: a thousand years, far past any question a scenario asks, and small enough
// that a month counter or a path of months can never overflow or outgrow memory on its own.
inline constexpr int max_horizon_months = 12000;
// Ranges used by both the scenario and the preset reader.
inline Range cohesion_shift_range() { return Range::closed(-1, 1); }

}  // namespace detsim::detail
