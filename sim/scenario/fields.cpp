// The tables of scenario keys, their C++ fields and their allowed ranges.
#include "fields.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace detsim::detail {

namespace {

const Range unit = Range::closed(0, 1);
const Range non_negative = Range::at_least(0);
const Range positive = Range::above(0);

}  // namespace

const std::vector<QuantityField<Severity>>& severity_fields() {
  static const std::vector<QuantityField<Severity>> fields{
      {"probe", &Severity::probe, Range::closed(0, 2),
       "resolve a guarantor needs to answer a probe (and the severity at which an attack tests a "
       "guarantor that promised only aid or sanctions)",
       "resolve units"},
      {"war", &Severity::war, Range::closed(0, 2),
       "resolve a guarantor needs to fight a war it promised to", "resolve units"},
      {"aid", &Severity::aid, Range::closed(0, 2),
       "resolve a guarantor needs to keep its aid going month after month", "resolve units"},
  };
  return fields;
}

const std::vector<QuantityField<Dynamics>>& dynamics_quantity_fields() {
  // Probabilities, rates and shares lie in [0, 1]; the rest are non-negative magnitudes.
  static const std::vector<QuantityField<Dynamics>> fields{
      {"precedent_weight", &Dynamics::precedent_weight, unit,
       "how far one guarantor's record of honoring or backing down moves beliefs about the others",
       "probability"},
      {"probe_gain", &Dynamics::probe_gain, unit, "what an unanswered probe wins",
       "share of the stake and of the contested territory"},
      {"probe_cost", &Dynamics::probe_cost, non_negative,
       "what an answered probe costs the challenger", "stake units"},
      {"contested_territory", &Dynamics::contested_territory, unit,
       "the territory the stake stands for", "share of the target's territory"},
      {"opportunity_volatility", &Dynamics::opportunity_volatility, non_negative,
       "stationary sd of the log-shock to the value of the stake (0: a constant stake)",
       "sd of a log shock"},
      {"opportunity_persistence", &Dynamics::opportunity_persistence, unit,
       "monthly autocorrelation of the log-shock to the stake's value: how long a window of "
       "opportunity lasts (0: a fresh draw every month)",
       "autocorrelation per month"},
      {"challenger_discount", &Dynamics::challenger_discount, unit,
       "the challenger's monthly discount factor on what waiting may bring (0: it compares "
       "attacking now only with the status quo)",
       "per month"},
      {"front_speed", &Dynamics::front_speed, non_negative,
       "how fast the front moves at full power advantage", "territory share per month"},
      {"front_noise", &Dynamics::front_noise, non_negative, "sd of the front's monthly movement",
       "territory share per month"},
      {"aid_depreciation", &Dynamics::aid_depreciation, unit,
       "share of delivered aid capability lost each month", "per month"},
      {"guarantor_war_cost", &Dynamics::guarantor_war_cost, non_negative,
       "what fighting costs a guarantor", "stake units per committed capability-month"},
      {"sanctions_cost_share", &Dynamics::sanctions_cost_share, non_negative,
       "what imposing sanctions costs the sender, per unit they cost the challenger",
       "stake units per stake unit imposed"},
      {"target_war_cost", &Dynamics::target_war_cost, non_negative,
       "what each month of war costs the target", "stake units per month"},
      {"settlement_rate", &Dynamics::settlement_rate, unit,
       "monthly hazard of a negotiated settlement of a war", "per month"},
      {"capitulation_territory", &Dynamics::capitulation_territory, unit,
       "the target capitulates when it holds less than this share of its territory",
       "territory share"},
      {"exhaustion", &Dynamics::exhaustion, non_negative,
       "the challenger quits a war whose cumulative cost reaches this multiple of the stake",
       "multiples of the stake"},
      {"target_endurance", &Dynamics::target_endurance, non_negative,
       "the target capitulates when its war cost reaches this multiple of its resolve",
       "stake units per unit of the target's resolve"},
      {"lanchester_weight", &Dynamics::lanchester_weight, unit,
       "share of each side's monthly war loss that follows the force it faces (0: flat costs)",
       "share of each side's war cost"},
      {"capitulation_balance", &Dynamics::capitulation_balance, unit,
       "the target capitulates on cost only while the challenger holds at least this share of "
       "the power (0: whatever the balance)",
       "challenger's share of power"},
      {"cost_weight", &Dynamics::cost_weight, non_negative,
       "resolve a guarantor free to weigh costs needs per stake unit of the expected cost of "
       "fighting (0: costs are not weighed)",
       "resolve units per stake unit"},
      {"escalation_cost", &Dynamics::escalation_cost, non_negative,
       "what a guarantor weighing costs puts on a direct clash with a nuclear challenger, the "
       "nuclear risk it carries included",
       "stake units"},
      {"preventive_weight", &Dynamics::preventive_weight, unit,
       "share of the war value a guarantor's forces will take once they bind that the challenger "
       "adds to its value of attacking before they do (0: it does not look ahead)",
       "share of the coming loss"},
      {"clash_base", &Dynamics::clash_base, unit,
       "monthly chance of a clash with a guarantor engaged in the war (honoring with arms or "
       "sanctions) whose forces do not fight",
       "per war month"},
      {"clash_direct", &Dynamics::clash_direct, unit,
       "added monthly chance of a clash when a guarantor fights directly", "per war month"},
      {"nuclear_from_clash", &Dynamics::nuclear_from_clash, unit,
       "monthly chance of nuclear use after a clash (escalation level 2; nuclear challenger only)",
       "per month at level 2"},
      {"nuclear_from_war", &Dynamics::nuclear_from_war, unit,
       "monthly chance of nuclear use in a war (escalation level 1; nuclear challenger only)",
       "per month at level 1"},
      {"desperation_weight", &Dynamics::desperation_weight, non_negative,
       "multiplies the nuclear chances by (1 + weight * desperation)", ""},
      {"cohesion_initial", &Dynamics::cohesion_initial, unit,
       "alliance cohesion at month 0: the chance a collective alliance follows its lead", ""},
      {"cohesion_volatility", &Dynamics::cohesion_volatility, non_negative,
       "sd of the monthly random walk of cohesion", "sd per month"},
      {"cohesion_honor_bonus", &Dynamics::cohesion_honor_bonus, unit,
       "cohesion gained when a collective guarantor honors", "per event"},
      {"cohesion_renege_penalty", &Dynamics::cohesion_renege_penalty, unit,
       "cohesion lost when any guarantor backs down", "per guarantor backing down"},
      {"cohesion_outside_erosion", &Dynamics::cohesion_outside_erosion, non_negative,
       "cohesion lost a year while the lead's promise to fight is one the other guarantors are "
       "not bound to, outside a collective alliance (a pact outside the alliance), times the "
       "unshared share of that promise",
       "cohesion per year"},
      {"cohesion_free_riding", &Dynamics::cohesion_free_riding, non_negative,
       "cohesion lost a year per unit of the share of the allies' promised aid they do not send "
       "(free riding)",
       "cohesion per year per share of promised aid"},
      {"burden_shifting", &Dynamics::burden_shifting, unit,
       "share of their promised aid the other guarantors withhold when the lead commits all its "
       "forces and cohesion is 0; scaled by the lead's defend term and by 1 - cohesion",
       "share of promised aid"},
  };
  return fields;
}

const std::vector<IntegerField<Dynamics>>& dynamics_integer_fields() {
  static const std::vector<IntegerField<Dynamics>> fields{
      {"belief_grid", &Dynamics::belief_grid, 16, 65536,
       "cells of each belief over a guarantor's resolve in [0, 1]", "cells"},
      {"forecast_months", &Dynamics::forecast_months, 1, 2147483647,
       "months of war the challenger prices when it decides", "months"},
      {"probe_interval", &Dynamics::probe_interval, 1, 2147483647,
       "months between two probes at least", "months"},
      {"aid_observed", &Dynamics::aid_observed, 0, 1,
       "1: the challenger reads each guarantor's aid flowing or not as evidence of its resolve "
       "(by the aid rule); 0: it sees the aid only through the balance of power",
       "switch"},
      {"crisis_cooldown_months", &Dynamics::crisis_cooldown_months, 0, 2147483647,
       "months after a war ends before the challenger may challenge again (0: never, the first "
       "war ends the trial's crises)",
       "months"},
  };
  return fields;
}

const std::vector<QuantityField<Elections>>& elections_quantity_fields() {
  static const std::vector<QuantityField<Elections>> fields{
      {"flip_probability", &Elections::flip_probability, unit,
       "chance that an election changes the administration", "probability"},
      {"resolve_after_flip", &Elections::resolve_after_flip, unit,
       "the law of the alternate administration's resolve (its value is drawn at each flip)",
       "resolve units"},
      {"transparency", &Elections::transparency, unit,
       "how far the challenger's belief moves toward the new administration's law at a flip",
       "share"},
  };
  return fields;
}

const std::vector<IntegerField<Elections>>& elections_integer_fields() {
  static const std::vector<IntegerField<Elections>> fields{
      {"every_months", &Elections::every_months, 1, 2147483647, "months between two elections",
       "months"},
      {"first_month", &Elections::first_month, 1, 2147483647,
       "the first month that holds an election", "month"},
  };
  return fields;
}

const std::vector<ActorQuantityField>& actor_quantity_fields() {
  static const std::vector<ActorQuantityField> fields{
      {"capability", &Actor::capability, positive, std::nullopt,
       "military and economic power (the challenger's is usually the unit, 1)", "capability units"},
      {"resolve", &Actor::resolve, unit, std::nullopt,
       "willingness to bear costs; a guarantor honors when resolve plus audience cost reaches the "
       "severity",
       "resolve units"},
      {"stake", &Actor::stake, positive, Role::challenger,
       "what overturning the settlement is worth to the challenger (usually the unit, 1)",
       "stake units"},
      {"war_cost", &Actor::war_cost, non_negative, Role::challenger,
       "a war costs the challenger war_cost * (1 - resolve)", "stake units"},
      {"territory", &Actor::territory, unit, Role::target,
       "share of its territory the target holds at the start", "share"},
      {"credibility", &Actor::credibility, unit, Role::guarantor,
       "the challenger's prior belief over the guarantor's resolve (not drawn: a constant is "
       "certainty, so give a distribution)",
       "resolve units"},
  };
  return fields;
}

const std::vector<ActorBoolField>& actor_bool_fields() {
  static const std::vector<ActorBoolField> fields{
      {"nuclear", &Actor::nuclear, Role::challenger,
       "whether the challenger has nuclear weapons (nuclear use becomes possible in a war)"},
      {"can_probe", &Actor::can_probe, Role::challenger,
       "whether the challenger may probe (limited incursions) as well as go to war"},
      {"lead", &Actor::lead, Role::guarantor,
       "whether this guarantor takes a preset's lead terms and leads a collective alliance (at "
       "most one; needed with two guarantors or more and a preset or collective)"},
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

const std::vector<KeyField>& scenario_fields() {
  static const std::vector<KeyField> fields{
      {.key = "detsim",
       .kind = KeyKind::integer,
       .description = "the scenario format version: 1",
       .required = true,
       .min = 1,
       .max = 1},
      {.key = "name", .kind = KeyKind::text, .description = "a label for the scenario"},
      {.key = "description", .kind = KeyKind::text, .description = "a line on what it is"},
      {.key = "horizon_months",
       .kind = KeyKind::integer,
       .description = "months each trial runs",
       .min = 1,
       .max = max_horizon_months,
       .unit = "months"},
      {.key = "trials",
       .kind = KeyKind::integer,
       .description = "trials per experiment (--trials overrides it)",
       .min = 1,
       .max = max_trials},
      {.key = "seed",
       .kind = KeyKind::unsigned_integer,
       .description = "master seed: the same seed gives the same trials (--seed overrides it)"},
      {.key = "rationality",
       .kind = KeyKind::quantity,
       .description = "the challenger's logit precision: .inf chooses the best option, a number "
                      "chooses noisily",
       .range = Range::at_least(0).with_infinity(),
       .unit = "1/stake unit"},
      {.key = "honor_noise",
       .kind = KeyKind::quantity,
       .description = "sd of the noise on a guarantor's resolve when it decides whether to honor",
       .range = Range::at_least(0),
       .unit = "resolve units"},
      {.key = "severity",
       .kind = KeyKind::section,
       .description = "the resolve each kind of test asks of a guarantor"},
      {.key = "dynamics",
       .kind = KeyKind::section,
       .description = "parameters of the monthly submodels: war, escalation, cohesion, probes, "
                      "beliefs"},
      {.key = "actors",
       .kind = KeyKind::section,
       .description = "the actors by id (a lowercase letter, then lowercase letters, digits or "
                      "_): one challenger, one target, up to 12 guarantors",
       .required = true},
      {.key = "guarantee",
       .kind = KeyKind::section,
       .description = "the guarantee structure: a preset and the scenario's own changes to it"},
      {.key = "output", .kind = KeyKind::section, .description = "what the results file keeps"},
      {.key = "precision",
       .kind = KeyKind::section,
       .description = "stop each experiment once the named measures are known to a 95% "
                      "half-width; trials is then the cap"},
  };
  return fields;
}

const std::vector<KeyField>& precision_fields() {
  static const std::vector<KeyField> fields{
      {.key = "measures",
       .kind = KeyKind::section,
       .description = "the measures to make precise, named as /summary names them (attacked, "
                      "honored_when_tested.<guarantor>, cohesion, ...); may be left out when "
                      "half_width is a map"},
      {.key = "half_width",
       .kind = KeyKind::section,
       .description = "the 95% interval's half-width to reach (Wilson's for a rate, the normal "
                      "one for a mean): one number for every measure, or a map from measure to "
                      "its own",
       .required = true},
      {.key = "step",
       .kind = KeyKind::integer,
       .description = "trials between two checks of the target (default 1000); no more than "
                      "trials",
       .min = 1,
       .max = max_trials,
       .unit = "trials"},
  };
  return fields;
}

const std::vector<KeyField>& guarantee_fields() {
  static const std::vector<KeyField> fields{
      {.key = "preset",
       .kind = KeyKind::text,
       .description = "a shipped preset (detsim presets lists them) or a path to a preset file, "
                      "relative to the scenario; --structure replaces it"},
      {.key = "collective",
       .kind = KeyKind::boolean,
       .description = "guarantors bound together: with probability equal to cohesion the "
                      "alliance follows its lead (default: the preset's, else false)"},
      {.key = "cohesion_shift",
       .kind = KeyKind::quantity,
       .description = "yearly push on alliance cohesion (default: the preset's, else 0)",
       .range = cohesion_shift_range(),
       .unit = "cohesion per year"},
      {.key = "terms",
       .kind = KeyKind::section,
       .description = "terms by guarantor id; each given term replaces the preset's"},
  };
  return fields;
}

const std::vector<KeyField>& output_fields() {
  static const std::vector<KeyField> fields{
      {.key = "record_paths",
       .kind = KeyKind::integer,
       .description = "monthly paths are kept for the first record_paths trials of each "
                      "experiment; 0 keeps none",
       .min = 0,
       .max = std::numeric_limits<std::int64_t>::max(),
       .unit = "trials"},
  };
  return fields;
}

const std::vector<KeyField>& preset_fields() {
  static const std::vector<KeyField> fields{
      {.key = "detsim_preset",
       .kind = KeyKind::integer,
       .description = "the preset format version: 1",
       .required = true,
       .min = 1,
       .max = 1},
      {.key = "name", .kind = KeyKind::text, .description = "the preset's name"},
      {.key = "description", .kind = KeyKind::text, .description = "a line on what it is"},
      {.key = "written_for",
       .kind = KeyKind::text,
       .description = "the actor id the lead terms were set for; another lead runs as "
                      "NAME[lead=ID]"},
      {.key = "collective",
       .kind = KeyKind::boolean,
       .description = "guarantors bound together (Article 5)"},
      {.key = "cohesion_shift",
       .kind = KeyKind::quantity,
       .description = "yearly push on alliance cohesion",
       .range = cohesion_shift_range(),
       .unit = "cohesion per year"},
      {.key = "lead", .kind = KeyKind::section, .description = "the lead guarantor's terms"},
      {.key = "others", .kind = KeyKind::section, .description = "every other guarantor's terms"},
  };
  return fields;
}

const std::vector<KeyField>& study_fields() {
  static const std::vector<KeyField> fields{
      {.key = "detsim_study",
       .kind = KeyKind::integer,
       .description = "the study format version: 1",
       .required = true,
       .min = 1,
       .max = 1},
      {.key = "name", .kind = KeyKind::text, .description = "the study's name"},
      {.key = "description", .kind = KeyKind::text, .description = "a line on what it asks"},
      {.key = "scenario",
       .kind = KeyKind::text,
       .description = "the scenario file the design varies, relative to the study file",
       .required = true},
      {.key = "design",
       .kind = KeyKind::section,
       .description = "the factors, the structures they are crossed with and how points are "
                      "placed",
       .required = true},
      {.key = "precision",
       .kind = KeyKind::section,
       .description = "a precision target for every point and structure, as a scenario's "
                      "precision section (it replaces the scenario's own); design.trials is then "
                      "the cap"},
  };
  return fields;
}

const std::vector<KeyField>& design_fields() {
  static const std::vector<KeyField> fields{
      {.key = "method",
       .kind = KeyKind::text,
       .description = "grid (every combination of levels), latin_hypercube (n points), sobol "
                      "(Saltelli's A, B and AB_i from N points of a 2k-dimensional Sobol "
                      "sequence) or morris (r trajectories on a p-level grid)",
       .required = true},
      {.key = "factors",
       .kind = KeyKind::section,
       .description = "dotted scenario paths (as --set takes them), each with levels: [...], "
                      "range: [lo, hi] or distribution: {...}",
       .required = true},
      {.key = "structures",
       .kind = KeyKind::section,
       .description = "the guarantee presets (names or files) every point runs under; default "
                      "the scenario's own"},
      {.key = "trials",
       .kind = KeyKind::integer,
       .description = "trials per point and structure (--trials overrides it; default the "
                      "scenario's)",
       .min = 1,
       .max = max_trials},
      {.key = "seed",
       .kind = KeyKind::unsigned_integer,
       .description = "the design's seed (Latin hypercube permutations, Morris starts); trials "
                      "use the scenario's seed"},
      {.key = "n",
       .kind = KeyKind::integer,
       .description = "latin_hypercube: the number of points; sobol: N, a power of 2 (N (k + 2) "
                      "points)",
       .min = 1,
       .max = 1 << 30},
      {.key = "trajectories",
       .kind = KeyKind::integer,
       .description = "morris: the number of trajectories r (r (k + 1) points)",
       .min = 1,
       .max = 1 << 24},
      {.key = "morris_levels",
       .kind = KeyKind::integer,
       .description = "morris: the number of grid levels p, even (default 4)",
       .min = 2,
       .max = 1000},
  };
  return fields;
}

const std::vector<KeyField>& targets_file_fields() {
  static const std::vector<KeyField> fields{
      {.key = "detsim_targets",
       .kind = KeyKind::integer,
       .description = "the targets format version: 1",
       .required = true,
       .min = 1,
       .max = 1},
      {.key = "name", .kind = KeyKind::text, .description = "the targets' name"},
      {.key = "description", .kind = KeyKind::text, .description = "a line on what they anchor"},
      {.key = "fit",
       .kind = KeyKind::section,
       .description = "the judgment values fitted: dotted paths of the calibration scenario (as "
                      "--set takes them), each with its prior as range: [lo, hi] or "
                      "distribution: {...}",
       .required = true},
      {.key = "propagate",
       .kind = KeyKind::section,
       .description = "for a fitted path, the path it sets when another scenario is run with the "
                      "posterior (detsim run --posterior); default the same path"},
      {.key = "targets",
       .kind = KeyKind::section,
       .description = "the published figures, by name",
       .required = true},
  };
  return fields;
}

const std::vector<KeyField>& target_fields() {
  static const std::vector<KeyField> fields{
      {.key = "source",
       .kind = KeyKind::text,
       .description = "the publication the figure comes from",
       .required = true},
      {.key = "period",
       .kind = KeyKind::text,
       .description = "the years it covers",
       .required = true},
      {.key = "unit",
       .kind = KeyKind::text,
       .description = "the unit of analysis: what a case is, what counts as invoked and as honored",
       .required = true},
      {.key = "description", .kind = KeyKind::text, .description = "a line on the target"},
      {.key = "scenario",
       .kind = KeyKind::text,
       .description = "the scenario the figure is measured on, relative to the targets file",
       .required = true},
      {.key = "measure",
       .kind = KeyKind::text,
       .description = "the /summary measure the figure is compared with (honored_when_tested.<id>, "
                      "attacked, ...)",
       .required = true},
      {.key = "horizon_months",
       .kind = KeyKind::integer,
       .description = "the horizon the measure is taken over",
       .required = true,
       .min = 1,
       .max = 12000,
       .unit = "months"},
      {.key = "settings",
       .kind = KeyKind::section,
       .description = "further values of the scenario for this target: dotted paths to values, "
                      "as --set takes them"},
      {.key = "count",
       .kind = KeyKind::integer,
       .description = "the cases that count (honored, ...), with n",
       .min = 0,
       .max = max_trials},
      {.key = "n",
       .kind = KeyKind::integer,
       .description = "the cases observed, with count",
       .min = 1,
       .max = max_trials},
      {.key = "rate",
       .kind = KeyKind::quantity,
       .description = "a published rate without its counts (instead of count and n)",
       .range = Range::closed(0, 1)},
      {.key = "direction",
       .kind = KeyKind::text,
       .description = "lower or higher: the measure is lower (higher) under the target's settings "
                      "than under versus, on paired trials (instead of count and n)"},
      {.key = "versus",
       .kind = KeyKind::section,
       .description = "a direction's comparison: dotted paths to values, as --set takes them"},
      {.key = "fit",
       .kind = KeyKind::boolean,
       .description = "true: used in the fit; false: held out, predicted at the posterior's "
                      "particles",
       .required = true},
  };
  return fields;
}

const KeyField& key_field(const std::vector<KeyField>& table, const std::string& key) {
  for (const KeyField& field : table) {
    if (field.key == key) return field;
  }
  throw std::logic_error("no row for key " + key);
}

bool is_integer_key(const std::vector<std::string>& segments) {
  const auto whole = [](KeyKind kind) {
    return kind == KeyKind::integer || kind == KeyKind::unsigned_integer;
  };
  const auto in_keys = [&](const std::vector<KeyField>& table, const std::string& key) {
    return std::any_of(table.begin(), table.end(),
                       [&](const KeyField& f) { return f.key == key && whole(f.kind); });
  };
  const auto in_integers = [](const auto& table, const std::string& key) {
    return std::any_of(table.begin(), table.end(), [&](const auto& f) { return f.key == key; });
  };
  const std::size_t n = segments.size();
  if (n == 1) return in_keys(scenario_fields(), segments[0]);
  if (n == 2 && segments[0] == "dynamics")
    return in_integers(dynamics_integer_fields(), segments[1]);
  if (n == 2 && segments[0] == "output") return in_keys(output_fields(), segments[1]);
  if (n == 4 && segments[0] == "actors" && segments[2] == "elections") {
    return in_integers(elections_integer_fields(), segments[3]);
  }
  return false;
}

const std::vector<std::string>& scenario_keys() {
  static const std::vector<std::string> keys = keys_of(scenario_fields());
  return keys;
}

const std::vector<std::string>& guarantee_keys() {
  static const std::vector<std::string> keys = keys_of(guarantee_fields());
  return keys;
}

const std::vector<std::string>& output_keys() {
  static const std::vector<std::string> keys = keys_of(output_fields());
  return keys;
}

const std::vector<std::string>& preset_keys() {
  static const std::vector<std::string> keys = keys_of(preset_fields());
  return keys;
}

}  // namespace detsim::detail
