// The scenario's YAML keys, their ranges and what they mean, written once: the loader reads by
// these tables, the emitter writes by them and `detsim schema` describes them, so none can drift.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "detsim/scenario/scenario.hpp"
#include "range.hpp"

namespace detsim::detail {

// Every row carries the words an editor shows for its key (schema.cpp): what it is and its unit
// ("" for a probability, a share or a count, whose unit the description already says).
template <class T>
struct QuantityField {
  std::string key;
  Quantity T::*member;
  Range range;
  std::string description;
  std::string unit;
};

template <class T>
struct IntegerField {
  std::string key;
  int T::*member;
  std::int64_t min;
  std::int64_t max;
  std::string description;
  std::string unit;
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
  std::string description;
  std::string unit;
};
struct ActorBoolField {
  std::string key;
  bool Actor::*member;
  std::optional<Role> role;
  std::string description;
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

// The keys of the maps that are not rows of a typed table above (the top level of a scenario and
// of a preset, guarantee, output), by what they hold. A `section` is a map read by its own
// reader; schema.cpp has one builder per section name and refuses a section it has none for.
enum class KeyKind { text, boolean, integer, unsigned_integer, quantity, section };
struct KeyField {
  std::string key;
  KeyKind kind;
  std::string description;
  bool required = false;
  Range range = Range::any();  // quantity
  std::int64_t min = 0;        // integer
  std::int64_t max = 0;
  std::string unit = "";
};
const std::vector<KeyField>& scenario_fields();
const std::vector<KeyField>& guarantee_fields();
const std::vector<KeyField>& output_fields();
const std::vector<KeyField>& preset_fields();
// A scenario's `precision` section (read_scenario.cpp).
const std::vector<KeyField>& precision_fields();
// A study file's top level and its design (study.cpp).
const std::vector<KeyField>& study_fields();
const std::vector<KeyField>& design_fields();
// A calibration targets file (targets.cpp): its top level, and each entry of its `targets`.
const std::vector<KeyField>& targets_file_fields();
const std::vector<KeyField>& target_fields();
// The row of `key` in `table`; a key missing from its table is a bug, so this throws logic_error.
const KeyField& key_field(const std::vector<KeyField>& table, const std::string& key);

// Whether a dotted scenario path (split at its dots) names a key that holds a whole number
// (horizon_months, an election's every_months, ...): a design's range or distribution over it
// must give whole numbers.
bool is_integer_key(const std::vector<std::string>& segments);

// An actor's `elections` (a map of the elections tables, or empty for none) and `role`.
inline constexpr const char* elections_description =
    "a guarantor's elections: every so many months its leadership may flip to one of another "
    "resolve, which the challenger learns of only in part; leave out (or empty) for none";
inline constexpr const char* role_description =
    "the actor's part: exactly one challenger and one target; the others guarantee the target";

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
