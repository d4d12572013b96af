// The challenger's belief about one guarantor's resolve r in [0, 1]: a point mass (atom) plus
// cell masses on a regular grid, updated exactly by Bayes' rule.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <span>

#include "detsim/model/parameter_plan.hpp"

namespace detsim {

// P(honor | r) on a belief's grid for one test: honors iff r + audience_cost >= severity + eps,
// eps ~ Normal(0, noise). With noise 0 it is an indicator, and the cell holding the threshold
// gets the exact share of the cell above it (the mass inside a cell is taken as uniform).
// Computed once per trial for each guarantor and test, so the monthly loop only multiplies.
class HonorLikelihood {
 public:
  // Recomputes only when the threshold, noise or grid changed; allocates only on a new grid size.
  void set(int cells, double audience_cost, double severity, double noise);
  // The rule itself: does a guarantor of this resolve honor, given the noise draw eps? The
  // believed chances below use the same comparison, so a tie never splits them from the truth.
  bool honors(double resolve, double eps) const {
    return resolve + audience_cost_ >= severity_ + eps;
  }
  // P(honor | r) for a resolve r off the grid (an atom).
  double at(double resolve) const;
  double audience_cost() const { return audience_cost_; }
  double severity() const { return severity_; }
  // The sd of the challenger's uncertainty about the rule: honoring noise and, for a vague
  // promise, its uncertainty about the threshold the promise sets.
  double noise() const { return noise_; }
  const Eigen::VectorXd& cells() const { return cells_; }

 private:
  Eigen::VectorXd cells_;
  double audience_cost_ = 0.0, severity_ = 0.0;
  double noise_ = -1.0;  // -1: never set
};

class Belief {
 public:
  // Sets the belief to a distribution with the given arguments (values of its slots).
  // A constant becomes an atom; any other law puts on each cell its exact probability,
  // F(right edge) - F(left edge), so the grid never biases a probability at a cell edge.
  void assign(const DistributionSlots& law, std::span<const double> values, int cells);

  double mean() const;
  // Variance of r: the cells' spread about the mean plus each cell's own (uniform: width^2 / 12).
  double variance() const;
  // The believed chance that the guarantor honors the test `honor` describes. With noise 0 the
  // answer is exact for any law whose CDF is linear within the threshold's cell and off by at
  // most (cell width)^2 * max|f'| / 8 otherwise.
  double honor_probability(const HonorLikelihood& honor) const;
  // The believed chance of what was seen: honor_probability, or its complement for backing
  // down.
  double chance_of(bool honored, const HonorLikelihood& honor) const;
  // Bayes' rule after seeing the guarantor honor or back down in that test. If the observation
  // had probability zero under the belief, the refuted belief is replaced by the uniform prior
  // updated instead.
  void observe(bool honored, const HonorLikelihood& honor) { update(honored, honor, 1.0, 0.0); }
  // The precedent update, the exact posterior of the mixture "with probability `weight` this
  // guarantor's resolve is the observed guarantor's, otherwise independent of it": the
  // likelihood is weight * P(observation | r) + (1 - weight) * marginal, `marginal` being the
  // chance the challenger gave the observation under its belief about the observed guarantor
  // (chance_of, read before that belief's own update).
  void observe_by_precedent(bool honored, const HonorLikelihood& honor, double weight,
                            double marginal) {
    update(honored, honor, weight, marginal);
  }
  // (1 - weight) * this + weight * other: a new administration seen with partial transparency.
  void mix(const Belief& other, double weight);

  int cells() const { return static_cast<int>(mass_.size()); }
  const Eigen::VectorXd& masses() const { return mass_; }
  double atom_weight() const { return atom_weight_; }
  double atom_at() const { return atom_at_; }

 private:
  // Multiplies by the likelihood weight * P(observation | r) + (1 - weight) * marginal.
  void update(bool honored, const HonorLikelihood& honor, double weight, double marginal);

  Eigen::VectorXd mass_;
  double atom_weight_ = 0.0;
  double atom_at_ = 0.0;
  // The mean is read every month for recorded paths, and mean and variance at every refresh of a
  // pooled alliance's believed chance, but they change only with evidence: cached, NaN when
  // stale.
  mutable double mean_ = NAN, variance_ = NAN;
};

// Remembers the last prior built, so trials whose law has the same arguments (the common case:
// a belief whose parameters are not themselves drawn) copy it instead of recomputing the CDF
// at every cell edge.
class BeliefPriorCache {
 public:
  const Belief& prior(const DistributionSlots& law, std::span<const double> values, int cells);

 private:
  bool valid_ = false;
  DistributionKind kind_ = DistributionKind::constant;
  double args_[4] = {0, 0, 0, 0};
  int cells_ = 0;
  Belief belief_;
};

}  // namespace detsim
