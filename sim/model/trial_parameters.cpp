// TrialParameters: registering every numeric scenario value with the plan under its dotted path
// (the path, not the order, chooses each drawn value's stream).
#include "detsim/model/trial_parameters.hpp"

namespace detsim {

TrialParameters::TrialParameters(const Scenario& s, BetaTables* tables, const Posterior* posterior)
    : plan(tables, posterior) {
  const auto add = [this](const Quantity& q, const std::string& path) { return plan.add(q, path); };
  const auto constant = [this](double v, const std::string& path) {
    return plan.add(Quantity::constant(v), path);
  };

  rationality = add(s.rationality, "rationality");
  honor_noise = add(s.honor_noise, "honor_noise");
  severity_probe = add(s.severity.probe, "severity.probe");
  severity_war = add(s.severity.war, "severity.war");
  severity_aid = add(s.severity.aid, "severity.aid");
  belief_cells = s.dynamics.belief_grid;
  forecast_months = constant(s.dynamics.forecast_months, "dynamics.forecast_months");
  horizon_months = s.horizon_months;
  probe_interval_months = s.dynamics.probe_interval;
  aid_observed = s.dynamics.aid_observed != 0;
  crisis_cooldown_months = s.dynamics.crisis_cooldown_months;

  const Dynamics& d = s.dynamics;
  const auto dyn = [&](const Quantity& q, const char* name) {
    return add(q, std::string("dynamics.") + name);
  };
  precedent_weight = dyn(d.precedent_weight, "precedent_weight");
  probe_gain = dyn(d.probe_gain, "probe_gain");
  probe_cost = dyn(d.probe_cost, "probe_cost");
  contested_territory = dyn(d.contested_territory, "contested_territory");
  opportunity_volatility = dyn(d.opportunity_volatility, "opportunity_volatility");
  opportunity_persistence = dyn(d.opportunity_persistence, "opportunity_persistence");
  challenger_discount = dyn(d.challenger_discount, "challenger_discount");
  front_speed = dyn(d.front_speed, "front_speed");
  front_noise = dyn(d.front_noise, "front_noise");
  aid_depreciation = dyn(d.aid_depreciation, "aid_depreciation");
  guarantor_war_cost = dyn(d.guarantor_war_cost, "guarantor_war_cost");
  sanctions_cost_share = dyn(d.sanctions_cost_share, "sanctions_cost_share");
  target_war_cost = dyn(d.target_war_cost, "target_war_cost");
  settlement_rate = dyn(d.settlement_rate, "settlement_rate");
  capitulation_territory = dyn(d.capitulation_territory, "capitulation_territory");
  target_endurance = dyn(d.target_endurance, "target_endurance");
  exhaustion = dyn(d.exhaustion, "exhaustion");
  lanchester_weight = dyn(d.lanchester_weight, "lanchester_weight");
  capitulation_balance = dyn(d.capitulation_balance, "capitulation_balance");
  cost_weight = dyn(d.cost_weight, "cost_weight");
  escalation_cost = dyn(d.escalation_cost, "escalation_cost");
  preventive_weight = dyn(d.preventive_weight, "preventive_weight");
  clash_base = dyn(d.clash_base, "clash_base");
  clash_direct = dyn(d.clash_direct, "clash_direct");
  nuclear_from_clash = dyn(d.nuclear_from_clash, "nuclear_from_clash");
  nuclear_from_war = dyn(d.nuclear_from_war, "nuclear_from_war");
  desperation_weight = dyn(d.desperation_weight, "desperation_weight");
  cohesion_initial = dyn(d.cohesion_initial, "cohesion_initial");
  cohesion_volatility = dyn(d.cohesion_volatility, "cohesion_volatility");
  cohesion_honor_bonus = dyn(d.cohesion_honor_bonus, "cohesion_honor_bonus");
  cohesion_renege_penalty = dyn(d.cohesion_renege_penalty, "cohesion_renege_penalty");
  cohesion_outside_erosion = dyn(d.cohesion_outside_erosion, "cohesion_outside_erosion");
  cohesion_free_riding = dyn(d.cohesion_free_riding, "cohesion_free_riding");
  burden_shifting = dyn(d.burden_shifting, "burden_shifting");

  collective = s.guarantee.collective;
  cohesion_shift = add(s.guarantee.cohesion_shift, "guarantee.cohesion_shift");

  for (const Actor& a : s.actors) {
    const std::string path = "actors." + a.id + ".";
    switch (a.role) {
      case Role::challenger:
        challenger_id = a.id;
        challenger_capability = add(a.capability, path + "capability");
        challenger_resolve = add(a.resolve, path + "resolve");
        stake = add(a.stake, path + "stake");
        war_cost = add(a.war_cost, path + "war_cost");
        nuclear = a.nuclear;
        can_probe = a.can_probe;
        break;
      case Role::target:
        target_id = a.id;
        target_capability = add(a.capability, path + "capability");
        target_resolve = add(a.resolve, path + "resolve");
        territory = add(a.territory, path + "territory");
        break;
      case Role::guarantor: {
        GuarantorSlots g;
        g.id = a.id;
        g.stream = stream_key(a.id);
        g.lead = a.lead;
        g.capability = add(a.capability, path + "capability");
        g.resolve = plan.add_redrawable(a.resolve, path + "resolve", g.resolve_law);
        g.credibility = plan.add_distribution(a.credibility, path + "credibility");
        const std::string terms = "guarantee.terms." + a.id + ".";
        for (const TermInfo& term : kTerms) {
          g.terms[term.term] = add(a.terms[term.term], terms + std::string(term.key));
        }
        if (a.elections) {
          const Elections& e = *a.elections;
          const std::string ep = path + "elections.";
          g.has_elections = true;
          g.every_months = e.every_months;
          g.first_month = e.first_month;
          g.flip_probability = add(e.flip_probability, ep + "flip_probability");
          g.transparency = add(e.transparency, ep + "transparency");
          g.resolve_after_flip =
              plan.add_distribution(e.resolve_after_flip, ep + "resolve_after_flip", true);
        }
        guarantors.push_back(std::move(g));
        break;
      }
    }
  }
}

}  // namespace detsim
