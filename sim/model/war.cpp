// One month of war: the front moves with the balance of power, costs and sanctions accrue, the
// ladder may be climbed, and the war may end by exhaustion, capitulation or settlement.
#include "detsim/model/submodels.hpp"

namespace detsim {

namespace {

unsigned fighting_set(const TrialState& s) {
  unsigned set = 0;
  for (std::size_t b = 0; b < s.committed.size(); ++b) {
    if (s.guarantors[static_cast<std::size_t>(s.committed[b])].fighting) set |= 1U << b;
  }
  return set;
}

}  // namespace

WarLosses war_losses(double lanchester_weight, double target_capability, double defence) {
  // Lanchester's linear law: a side's losses grow with the fire it faces. The challenger's
  // fire is fixed (its own capability) and spread over the defence in proportion to size,
  // so the target's share of it, and so its own losses, is c_T / D; the challenger faces
  // the whole defence, D / c_T times what the target alone brings.
  const double faced = defence / target_capability;
  return {1.0 - lanchester_weight + lanchester_weight * faced,
          1.0 - lanchester_weight + lanchester_weight / faced};
}

void fight_month(const TrialParameters& p, TrialState& s, const TrialStreams& streams) {
  RandomStream draws = streams.open(StreamPurpose::war, 0, static_cast<std::uint64_t>(s.month));
  const double front_shock = draws.normal();
  const double u_clash = draws.uniform(), u_nuclear = draws.uniform(), u_settle = draws.uniform();
  if (s.crises == 1) ++s.war_months;  // the first war's months, as with a single crisis
  const unsigned set = fighting_set(s);
  const double attacker = s.challenger_capability;
  const double defender = defending_capability(s, set);
  const double share = attacker / (attacker + defender);  // contest success function

  // The front: the challenger advances when it holds more than half the power.
  const double shock = value_of(s, p.front_noise) * front_shock;
  s.territory =
      std::clamp(s.territory + value_of(s, p.front_speed) * (1.0 - 2.0 * share) + shock, 0.0, 1.0);

  // Costs: the challenger prices its war at k over the forecast horizon, as a war against the
  // target alone; who fights scales each side's losses (war_losses), and sanctions come on top.
  const WarLosses losses =
      war_losses(value_of(s, p.lanchester_weight), s.target_capability, defender);
  const double monthly_cost = s.war_cost / value_of(s, p.forecast_months) * losses.challenger;
  const double war_cost = monthly_cost + s.subset_sanctions[set];
  s.challenger_war_cost += war_cost;
  s.challenger_cost += war_cost;
  const double target_cost = value_of(s, p.target_war_cost) * losses.target;
  s.target_cost += target_cost;
  s.crisis_target_cost += target_cost;
  // Honoring guarantors pay for the forces they commit and for the sanctions they impose
  // (trade forgone): a share of what the sanctions cost the challenger.
  const double guarantor_rate = value_of(s, p.guarantor_war_cost);
  const double sanctions_share = value_of(s, p.sanctions_cost_share);
  for (GuarantorState& g : s.guarantors) {
    if (g.fighting) {
      g.cost += guarantor_rate * g.terms[Term::defend] * g.capability +
                sanctions_share * g.terms[Term::sanctions];
    }
  }

  if (climb_ladder(p, s, u_clash, u_nuclear)) {
    end_war(p, s, Outcome::nuclear_use);
    return;
  }
  // Termination, in the order a war is decided: the attacker's exhaustion, the defender's
  // collapse (territory lost, or more cost than its resolve bears while the balance is against
  // it: a target whose side holds the stronger forces does not sue for peace), then a
  // negotiated end.
  const bool settles = u_settle < settlement_chance(p, s);
  const bool worn_out =
      s.crisis_target_cost >= value_of(s, p.target_endurance) * s.target_resolve &&
      share >= value_of(s, p.capitulation_balance);
  const bool target_broken = s.territory < value_of(s, p.capitulation_territory) || worn_out;
  if (s.challenger_war_cost >= value_of(s, p.exhaustion) * s.stake) {
    end_war(p, s, Outcome::target_holds);
  } else if (target_broken) {
    end_war(p, s, Outcome::challenger_gains);
  } else if (settles) {
    end_war(p, s, Outcome::stalemate_or_ceasefire);
  }
}

}  // namespace detsim
