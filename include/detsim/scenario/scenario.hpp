// The validated, fully resolved scenario: a plain value the engine and model take by const
// reference.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "detsim/scenario/quantity.hpp"
#include "detsim/scenario/terms.hpp"

namespace detsim {

enum class Role { challenger, target, guarantor };

// The challenger weighs every set of committed guarantors each month (2^n sets), so n is capped.
inline constexpr std::size_t kMaxGuarantors = 12;

// Every default is written once, here, beside its field; docs/MODEL.md gives the reasons.

struct Elections {
  int every_months = 48;
  int first_month = 1;
  Quantity flip_probability = Quantity::constant(0.5);
  Quantity resolve_after_flip = Quantity::constant(0.5);
  Quantity transparency = Quantity::constant(0.5);
};

// What a guarantor promises, one quantity per term of kTerms; all zero means no commitment.
using GuaranteeTerms = TermArray<Quantity>;

struct Actor {
  std::string id;
  Role role = Role::guarantor;
  Quantity capability = Quantity::constant(1.0);
  Quantity resolve = Quantity::constant(0.5);
  // Challenger only.
  Quantity stake = Quantity::constant(1.0);
  Quantity war_cost = Quantity::constant(1.0);
  bool nuclear = false;
  bool can_probe = true;
  // Target only: share of its territory it holds at the start.
  Quantity territory = Quantity::constant(1.0);
  // Guarantor only.
  bool lead = false;
  Quantity credibility = Quantity::constant(0.5);  // the challenger's prior belief over resolve
  std::optional<Elections> elections;
  GuaranteeTerms terms;  // resolved from preset and overrides
};

struct Severity {
  Quantity probe = Quantity::constant(0.3);
  Quantity war = Quantity::constant(0.7);
  Quantity aid = Quantity::constant(0.2);
};

// Parameters of the monthly submodels (war, escalation, cohesion, probes, beliefs).
struct Dynamics {
  int belief_grid = 256;  // cells of each belief over resolve in [0, 1]
  Quantity precedent_weight =
      Quantity::constant(0.3);  // how far one guarantor's record moves beliefs in others
  Quantity probe_gain = Quantity::constant(0.1);  // share of the stake a probe wins when unanswered
  Quantity probe_cost =
      Quantity::constant(0.05);    // what an answered probe costs the challenger (stake units)
  int probe_interval = 12;         // months between two probes at least
  int aid_observed = 1;            // 1: the challenger reads each guarantor's aid as evidence
  int crisis_cooldown_months = 0;  // months after a war before another crisis (0: never)
  Quantity opportunity_volatility =
      Quantity::constant(0.0);  // stationary sd of the log-shock to the stake's value
  Quantity opportunity_persistence =
      Quantity::constant(0.0);  // monthly autocorrelation of that log-shock (0: a fresh draw)
  Quantity challenger_discount =
      Quantity::constant(0.0);  // monthly discount of a later attack (0: a myopic challenger)
  Quantity contested_territory =
      Quantity::constant(0.2);  // target's territory share the stake stands for
  int forecast_months = 12;     // months of war the challenger prices when it decides
  Quantity front_speed =
      Quantity::constant(0.02);  // territory share per month at full power advantage
  Quantity front_noise = Quantity::constant(0.01);       // sd of monthly front movement
  Quantity aid_depreciation = Quantity::constant(0.02);  // monthly loss of delivered aid capability
  Quantity sanctions_cost_share =
      Quantity::constant(0.5);  // what imposing sanctions costs the guarantor, per unit imposed
  Quantity guarantor_war_cost =
      Quantity::constant(0.05);  // cost per committed capability-month (stake units)
  Quantity target_war_cost = Quantity::constant(0.1);   // target's cost per war month (stake units)
  Quantity settlement_rate = Quantity::constant(0.03);  // monthly hazard of a negotiated settlement
  Quantity capitulation_territory =
      Quantity::constant(0.3);  // the target capitulates below this territory share
  Quantity target_endurance =
      Quantity::constant(2.0);  // target capitulates when its war cost reaches this * its resolve
  Quantity exhaustion =
      Quantity::constant(1.0);  // challenger quits when cumulative war cost reaches this * stake
  Quantity lanchester_weight =
      Quantity::constant(0.0);  // how far war losses follow the force each side faces (0 = flat)
  Quantity capitulation_balance =
      Quantity::constant(0.0);  // the target gives up on cost only at this challenger share or more
  Quantity cost_weight =
      Quantity::constant(0.0);  // resolve needed per stake unit of expected cost (0 = not weighed)
  Quantity escalation_cost =
      Quantity::constant(0.0);  // what a guarantor puts on a clash with a nuclear challenger
  Quantity preventive_weight =
      Quantity::constant(0.0);  // how far the challenger strikes before pending forces bind
  Quantity clash_base =
      Quantity::constant(0.001);  // monthly chance of a guarantor clash without intervention
  Quantity clash_direct =
      Quantity::constant(0.02);  // added monthly chance when a guarantor fights directly
  Quantity nuclear_from_clash =
      Quantity::constant(0.01);  // monthly chance of nuclear use at level 2 (nuclear challenger)
  Quantity nuclear_from_war =
      Quantity::constant(0.0001);  // monthly chance of nuclear use at level 1 (nuclear challenger)
  Quantity desperation_weight =
      Quantity::constant(4.0);  // multiplies nuclear chances by (1 + weight * desperation)
  Quantity cohesion_initial = Quantity::constant(0.8);  // alliance cohesion at month 0
  Quantity cohesion_volatility =
      Quantity::constant(0.01);  // sd of the monthly cohesion random walk
  Quantity cohesion_honor_bonus =
      Quantity::constant(0.05);  // cohesion gained when a collective guarantor honors
  Quantity cohesion_renege_penalty =
      Quantity::constant(0.1);  // cohesion lost when any guarantor backs down
  Quantity cohesion_outside_erosion =
      Quantity::constant(0.0);  // yearly cohesion lost to a promise to fight outside the alliance
  Quantity cohesion_free_riding =
      Quantity::constant(0.0);  // yearly cohesion lost per share of promised aid not sent
  Quantity burden_shifting =
      Quantity::constant(0.0);  // how far allies cut their aid when the lead carries the defence
};

struct GuaranteeSpec {
  // Name of the preset applied, or the absolute path of a preset file ("" = none).
  std::string preset;
  bool collective = false;                            // guarantors bound together (Article 5)
  Quantity cohesion_shift = Quantity::constant(0.0);  // yearly push on alliance cohesion
  // What the resolved guarantee is called, the name its experiment goes by: the preset's name
  // (a preset file's stem), followed by "[...]" listing how this scenario departs from the preset
  // (another lead than the one it was written for, its own collective, cohesion_shift or terms);
  // "custom" without a preset. docs/MODEL.md, "How the terms are resolved".
  std::string structure = "custom";
};

// Run each experiment in steps of `step` trials until the 95% interval of every named measure is
// at most its half-width, or its `trials` (the cap) are run: docs/MODEL.md, "Stopping at a
// precision". The measures are named as /summary names them; which names exist depends on the
// actors, so they are checked when the run knows its measures (`where` locates each one).
struct PrecisionTarget {
  std::vector<std::string> measures;
  std::vector<double> half_widths;  // one per measure
  std::int64_t step = 1000;         // trials between two checks
  std::vector<std::string> where;   // "FILE:LINE:COL" (or the --set) of each measure's name
};

struct Scenario {
  std::string source;  // file the scenario was read from
  int format = 1;
  std::string name;
  std::string description;
  int horizon_months = 120;
  std::int64_t trials = 10000;
  std::uint64_t seed = 20261126;
  Quantity rationality = Quantity::constant(std::numeric_limits<double>::infinity());
  Quantity honor_noise = Quantity::constant(0.0);
  Severity severity;
  Dynamics dynamics;
  std::vector<Actor> actors;  // in file order; exactly one challenger and one target
  GuaranteeSpec guarantee;
  std::int64_t record_paths = 0;
  std::optional<PrecisionTarget> precision;  // none: every experiment runs its `trials`

  const Actor& challenger() const;
  const Actor& target() const;
  std::vector<const Actor*> guarantors() const;
  // The guarantor with lead = true; nullptr when there is no guarantor.
  const Actor* lead_guarantor() const;
};

}  // namespace detsim
