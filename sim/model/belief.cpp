// Belief: exact cell probabilities from each law's CDF, Bayes' rule on a grid plus an atom.
#include "detsim/model/belief.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "detsim/model/distribution.hpp"

namespace detsim {

namespace {

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// The CDF of a law given its argument values, for x in [0, 1]. A normal's window is cut to
// [0, 1], resolve's range, before it is measured, so that a window in a far tail of the normal
// keeps its precision (distribution.cpp measures it in the tail's own probabilities).
double law_cdf(const DistributionSlots& law, std::span<const double> v, double x) {
  const std::size_t count =
      law.kind == DistributionKind::constant ? 1 : distribution_argument_names(law.kind).size();
  double args[4] = {0, 0, 0, 0};
  for (std::size_t i = 0; i < count; ++i) args[i] = v[static_cast<std::size_t>(law.args[i])];
  if (law.kind == DistributionKind::normal) {
    args[2] = std::max(args[2], 0.0);
    args[3] = std::min(args[3], 1.0);
  }
  return cdf(law.kind, std::span<const double>(args, count), x);
}

// P(r >= t) for r uniform on the cell [lo, hi].
double share_at_least(double t, double lo, double hi) {
  return std::clamp((hi - t) / (hi - lo), 0.0, 1.0);
}

}  // namespace

void Belief::assign(const DistributionSlots& law, std::span<const double> values, int cells) {
  mean_ = variance_ = NAN;
  mass_.setZero(cells);
  const bool degenerate_uniform =
      law.kind == DistributionKind::uniform && values[static_cast<std::size_t>(law.args[0])] ==
                                                   values[static_cast<std::size_t>(law.args[1])];
  if (law.kind == DistributionKind::constant || degenerate_uniform) {
    atom_weight_ = 1.0;
    atom_at_ = values[static_cast<std::size_t>(law.args[0])];
    return;
  }
  atom_weight_ = 0.0;
  double previous = law_cdf(law, values, 0.0);
  for (int i = 0; i < cells; ++i) {
    const double next = law_cdf(law, values, static_cast<double>(i + 1) / cells);
    mass_[i] = std::max(next - previous, 0.0);
    previous = next;
  }
  // A normal window beyond double precision's reach (tens of sds from its mean) has its CDF's
  // limit, a step at the end nearest the mean: its cell takes all the mass.
  const double total = mass_.sum();
  if (!(std::isfinite(total) && total > 0)) throw std::logic_error("belief law has no mass");
  mass_ /= total;
}

// The moments are read whenever a belief has moved (the alliance's pooled chance of honoring
// needs both), so they are sums over the cells in cell units (centres 0.5, 1.5, ...), divided
// once at the end, as expressions Eigen evaluates in vector registers.
double Belief::mean() const {
  if (!std::isnan(mean_)) return mean_;
  const int n = cells();
  const double centres = mass_.dot(Eigen::VectorXd::LinSpaced(n, 0.5, n - 0.5));
  mean_ = atom_weight_ * atom_at_ + centres / n;
  return mean_;
}

double Belief::variance() const {
  if (!std::isnan(variance_)) return variance_;
  const int n = cells();
  const double mu = mean();
  // Each cell's mass spread evenly over it: its own variance, 1 / (12 n^2), beside its centre's.
  const double square =
      (mass_.array() * (Eigen::ArrayXd::LinSpaced(n, 0.5, n - 0.5) - n * mu).square()).sum();
  const double nn = static_cast<double>(n) * n;
  variance_ =
      atom_weight_ * (atom_at_ - mu) * (atom_at_ - mu) + square / nn + mass_.sum() / (12.0 * nn);
  return variance_;
}

void HonorLikelihood::set(int cells, double audience_cost, double severity, double noise) {
  if (cells_.size() == cells && audience_cost == audience_cost_ && severity == severity_ &&
      noise == noise_) {
    return;
  }
  audience_cost_ = audience_cost;
  severity_ = severity;
  noise_ = noise;
  const double threshold = severity - audience_cost;
  cells_.resize(cells);
  for (int i = 0; i < cells; ++i) {
    const double lo = static_cast<double>(i) / cells, hi = static_cast<double>(i + 1) / cells;
    cells_[i] = noise <= 0.0 ? share_at_least(threshold, lo, hi)
                             : normal_cdf(((lo + hi) / 2 - threshold) / noise);
  }
}

double HonorLikelihood::at(double resolve) const {
  if (noise_ <= 0.0) return honors(resolve, 0.0) ? 1.0 : 0.0;
  return normal_cdf((resolve + audience_cost_ - severity_) / noise_);
}

double Belief::honor_probability(const HonorLikelihood& honor) const {
  return atom_weight_ * honor.at(atom_at_) + mass_.dot(honor.cells());
}

double Belief::chance_of(bool honored, const HonorLikelihood& honor) const {
  const double p = honor_probability(honor);
  return honored ? p : 1.0 - p;
}

void Belief::update(bool honored, const HonorLikelihood& honor, double weight, double marginal) {
  mean_ = variance_ = NAN;
  // The branch where the observed guarantor's resolve is not this one's says nothing about r,
  // but it still had to produce the observation: it weighs (1 - weight) by how likely that was.
  const double unrelated = (1.0 - weight) * marginal;
  const auto tempered = [&](double p_honor) {
    return unrelated + weight * (honored ? p_honor : 1.0 - p_honor);
  };
  atom_weight_ *= tempered(honor.at(atom_at_));
  double total = atom_weight_;
  for (int i = 0; i < cells(); ++i) {
    mass_[i] *= tempered(honor.cells()[i]);
    total += mass_[i];
  }
  if (total > 1e-300) {
    atom_weight_ /= total;
    mass_ /= total;
    return;
  }
  // The observation refuted the belief: start again from ignorance (uniform) and update that.
  // If no resolve in [0, 1] could have produced it either, it says nothing the belief can hold,
  // and the uniform stands.
  atom_weight_ = 0.0;
  double fresh = 0.0;
  for (int i = 0; i < cells(); ++i) {
    mass_[i] = tempered(honor.cells()[i]);
    fresh += mass_[i];
  }
  if (fresh > 1e-300) {
    mass_ /= fresh;
  } else {
    mass_.setConstant(1.0 / cells());
  }
}

void Belief::mix(const Belief& other, double weight) {
  mean_ = variance_ = NAN;
  const int n = cells();
  if (other.cells() != n) throw std::logic_error("mixing beliefs on different grids");
  mass_ = (1.0 - weight) * mass_ + weight * other.mass_;
  const double other_atom = weight * other.atom_weight_;
  atom_weight_ *= 1.0 - weight;
  if (other_atom <= 0.0) return;
  if (atom_weight_ <= 0.0 || other.atom_at_ == atom_at_) {
    atom_at_ = other.atom_at_;
    atom_weight_ += other_atom;
    return;
  }
  // Two atoms at different places: the newcomer's mass is spread over its grid cell.
  const int j = std::clamp(static_cast<int>(other.atom_at_ * n), 0, n - 1);
  mass_[j] += other_atom;
}

const Belief& BeliefPriorCache::prior(const DistributionSlots& law, std::span<const double> values,
                                      int cells) {
  const int count = static_cast<int>(distribution_argument_names(law.kind).size());
  const int used = law.kind == DistributionKind::constant ? 1 : count;
  bool same = valid_ && kind_ == law.kind && cells_ == cells;
  for (int i = 0; i < used && same; ++i) {
    same = args_[i] == values[static_cast<std::size_t>(law.args[i])];
  }
  if (!same) {
    belief_.assign(law, values, cells);
    valid_ = true;
    kind_ = law.kind;
    cells_ = cells;
    for (int i = 0; i < used; ++i) args_[i] = values[static_cast<std::size_t>(law.args[i])];
  }
  return belief_;
}

}  // namespace detsim
