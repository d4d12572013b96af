// A test of the guarantors' promises: who honors, what the challenger learns, what reneging costs.
#include <array>

#include "detsim/model/submodels.hpp"

namespace detsim {

namespace {

// The guarantor's honoring rule for this kind of test (its severity, its audience cost).
const HonorLikelihood& rule_of(const GuarantorState& g, Test test) {
  return test == Test::probe ? g.honor_probe : g.honor_war;
}

}  // namespace

unsigned test_guarantors(const TrialParameters& p, TrialState& s, Test test,
                         const TrialStreams& streams) {
  const std::size_t m = s.committed.size();
  if (m == 0) return 0;
  const double noise = value_of(s, p.honor_noise);
  const auto month = static_cast<std::uint64_t>(s.month);
  const bool acts_as_one =
      s.pooled && streams.open(StreamPurpose::collective, 0, month).uniform() < s.cohesion;

  std::array<double, kMaxGuarantors> eps{};
  unsigned honored = 0, members = 0;
  for (std::size_t b = 0; b < m; ++b) {
    const auto index = static_cast<std::size_t>(s.committed[b]);
    const GuarantorState& g = s.guarantors[index];
    // Keyed by the guarantor, not its place among the committed, which other guarantors change.
    eps[b] =
        noise > 0
            ? noise *
                  streams.open(StreamPurpose::honoring, p.guarantors[index].stream, month).normal()
            : 0.0;
    if (g.revoked) continue;  // a revoked commitment is not honored, and that is no news
    members |= 1U << b;
    if (rule_of(g, test).honors(g.resolve, eps[b])) honored |= 1U << b;
  }
  if (acts_as_one) honored = pooled_honors(s, test, std::span(eps).first(m)) ? members : 0U;

  // The challenger learns: fully about each tested guarantor, by precedent about the others.
  const double precedent = value_of(s, p.precedent_weight);
  for (std::size_t b = 0; b < m; ++b) {
    if (!((members >> b) & 1U)) continue;
    const std::size_t tested = static_cast<std::size_t>(s.committed[b]);
    const bool kept = (honored >> b) & 1U;
    // Precedent: with probability `precedent` the others share the observed guarantor's
    // resolve, so its choice in its own test (its severity, its audience cost) is evidence
    // about them too.
    learn_from_act(s, tested, kept, rule_of(s.guarantors[tested], test), precedent);
    GuarantorState& g = s.guarantors[tested];
    if (!kept) {
      g.cost += g.terms[Term::audience_cost];  // tied hands: backing down is paid at home
      s.cohesion -= value_of(s, p.cohesion_renege_penalty);
    }
  }
  // A shared success: a collective alliance that stood together.
  if (p.collective && members != 0 && honored == members) {
    s.cohesion += value_of(s, p.cohesion_honor_bonus);
  }
  s.cohesion = std::clamp(s.cohesion, 0.0, 1.0);
  refresh_believed_honoring(s);
  return honored;
}

}  // namespace detsim
