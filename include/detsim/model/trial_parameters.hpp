// Where each drawn parameter of a trial lives in the slot array of a ParameterPlan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "detsim/model/parameter_plan.hpp"
#include "detsim/scenario/scenario.hpp"

namespace detsim {

struct GuarantorSlots {
  std::string id;
  std::uint64_t stream = 0;  // stream_key(id): the sub-key of its honoring and election draws
  bool lead = false;
  int capability = 0, resolve = 0;
  TermArray<int> terms;
  DistributionSlots resolve_law, credibility;
  bool has_elections = false;
  int every_months = 0, first_month = 0;
  int flip_probability = 0, transparency = 0;
  DistributionSlots resolve_after_flip;
};

struct TrialParameters {
  ParameterPlan plan;
  std::string challenger_id, target_id;
  int challenger_capability = 0, challenger_resolve = 0, stake = 0, war_cost = 0;
  bool nuclear = false, can_probe = false;
  int target_capability = 0, target_resolve = 0, territory = 0;
  std::vector<GuarantorSlots> guarantors;
  bool collective = false;
  int cohesion_shift = 0;
  int rationality = 0, honor_noise = 0;
  int severity_probe = 0, severity_war = 0, severity_aid = 0;
  int belief_cells = 0, forecast_months = 0, horizon_months = 0;
  // Dynamics.
  int probe_interval_months = 0;
  bool aid_observed = false;
  int crisis_cooldown_months = 0;  // 0: a war ends the trial's crises
  int precedent_weight = 0, probe_gain = 0, probe_cost = 0, contested_territory = 0,
      opportunity_volatility = 0, opportunity_persistence = 0, challenger_discount = 0,
      front_speed = 0, front_noise = 0, aid_depreciation = 0, guarantor_war_cost = 0,
      sanctions_cost_share = 0, target_war_cost = 0, settlement_rate = 0,
      capitulation_territory = 0, target_endurance = 0, exhaustion = 0, clash_base = 0,
      clash_direct = 0, nuclear_from_clash = 0, nuclear_from_war = 0, desperation_weight = 0,
      cohesion_initial = 0, cohesion_volatility = 0, cohesion_honor_bonus = 0,
      cohesion_renege_penalty = 0, lanchester_weight = 0, capitulation_balance = 0, cost_weight = 0,
      escalation_cost = 0, preventive_weight = 0, cohesion_outside_erosion = 0,
      cohesion_free_riding = 0, burden_shifting = 0;

  // Beta quantile tables come from `tables` when given (shared between experiments). A posterior,
  // when given, sets the paths it applies to in every trial (it must outlive these parameters).
  explicit TrialParameters(const Scenario& scenario, BetaTables* tables = nullptr,
                           const Posterior* posterior = nullptr);
};

}  // namespace detsim
