// The challenger's belief about one guarantor's resolve r in [0, 1]: a point mass (atom) plus
// cell masses on a regular grid, updated exactly by Bayes' rule.
#pragma once

#include <Eigen/Core>
#include <span>

#include "detsim/model/parameter_plan.hpp"

namespace detsim {

class Belief {
 public:
  // Sets the belief to a distribution with the given arguments (values of its slots).
  // A constant becomes an atom; any other law puts on each cell its exact probability,
  // F(right edge) - F(left edge), so the grid never biases a probability at a cell edge.
  void assign(const DistributionSlots& law, std::span<const double> values, int cells);

  double mean() const;
  // P(r + audience_cost >= threshold + eps), eps ~ Normal(0, noise): the believed chance that
  // the guarantor honors a test of severity `threshold`. Within a cell the mass is taken as
  // uniform, so with noise 0 the answer is exact for any law whose CDF is linear in the cell
  // and off by at most (cell width)^2 * max|f'| / 8 otherwise.
  double honor_probability(double audience_cost, double threshold, double noise) const;
  // Bayes' rule after seeing the guarantor honor or back down. `weight` < 1 is the precedent
  // update: with probability weight the observed guarantor's type is this one's too, so the
  // likelihood is (1 - weight) + weight * P(observation | r). If the observation had probability
  // zero under the belief, the refuted belief is replaced by the uniform prior updated instead.
  void observe(bool honored, double audience_cost, double threshold, double noise,
               double weight = 1.0);
  // (1 - weight) * this + weight * other: a new administration seen with partial transparency.
  void mix(const Belief& other, double weight);

  int cells() const { return static_cast<int>(mass_.size()); }
  double atom_weight() const { return atom_weight_; }
  double atom_at() const { return atom_at_; }

 private:
  // Likelihood of the observation for resolve r (noise 0: an indicator; exact share of a cell).
  double cell_likelihood(int cell, bool honored, double threshold_resolve, double noise) const;
  void normalise_or_reset(double total, bool honored, double threshold_resolve, double noise,
                          double weight);

  Eigen::VectorXd mass_;
  double atom_weight_ = 0.0;
  double atom_at_ = 0.0;
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
