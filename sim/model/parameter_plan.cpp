// ParameterPlan: compiling quantity trees into slots and drawing them per trial.
#include "detsim/model/parameter_plan.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <stdexcept>

namespace detsim {

int ParameterPlan::new_slot(double constant) {
  constants_.push_back(constant);
  return static_cast<int>(constants_.size()) - 1;
}

int ParameterPlan::add_node(const Quantity& quantity, const std::string& path, bool draw_top,
                            DistributionSlots* distribution) {
  if (quantity.is_constant()) {
    const int slot = new_slot(quantity.value);
    named_.push_back({"param." + path, slot, false});
    if (distribution)
      *distribution = DistributionSlots{DistributionKind::constant, {slot, 0, 0, 0}};
    return slot;
  }
  const auto& names = distribution_argument_names(quantity.kind);
  if (quantity.args.size() != names.size()) {
    throw std::logic_error("quantity at " + path + " has the wrong number of arguments");
  }
  Node node;
  node.distribution.kind = quantity.kind;
  const std::string prefix = path + "." + distribution_name(quantity.kind) + ".";
  for (std::size_t i = 0; i < names.size(); ++i) {
    node.distribution.args[i] = add_node(quantity.args[i], prefix + names[i], true, nullptr);
  }
  if (distribution) *distribution = node.distribution;
  if (!draw_top) return -1;
  node.out = new_slot(NAN);
  nodes_.push_back(node);
  recorded_.push_back({"param." + path, node.out, true});
  named_.push_back(recorded_.back());
  return node.out;
}

int ParameterPlan::slot_of(const std::string& name) const {
  for (const RecordedParameter& r : named_) {
    if (r.name == name) return r.slot;
  }
  return -1;
}

int ParameterPlan::add(const Quantity& quantity, const std::string& path) {
  return add_node(quantity, path, true, nullptr);
}

DistributionSlots ParameterPlan::add_distribution(const Quantity& quantity,
                                                  const std::string& path) {
  DistributionSlots slots;
  add_node(quantity, path, false, &slots);
  return slots;
}

int ParameterPlan::add_redrawable(const Quantity& quantity, const std::string& path,
                                  DistributionSlots& out) {
  return add_node(quantity, path, true, &out);
}

namespace {

// Rejection from the untruncated normal while the window holds most of the mass; otherwise
// inversion of the CDF, which never loops.
double truncated_normal(double mean, double sd, double lo, double hi, RandomStream& rng) {
  boost::random::normal_distribution<double> normal(mean, sd);
  for (int attempt = 0; attempt < 64; ++attempt) {
    const double x = normal(rng);
    if (x >= lo && x <= hi) return x;
  }
  const boost::math::normal_distribution<double> law(mean, sd);
  const double p_lo = std::isfinite(lo) ? boost::math::cdf(law, lo) : 0.0;
  const double p_hi = std::isfinite(hi) ? boost::math::cdf(law, hi) : 1.0;
  const double u = boost::random::uniform_01<double>()(rng);
  const double p = std::clamp(p_lo + u * (p_hi - p_lo), 1e-300, 1.0 - 1e-16);
  return std::clamp(boost::math::quantile(law, p), lo, hi);
}

}  // namespace

double ParameterPlan::draw_from(const DistributionSlots& d, RandomStream& rng,
                                std::span<const double> v) {
  const auto arg = [&](int i) { return v[static_cast<std::size_t>(d.args[i])]; };
  switch (d.kind) {
    case DistributionKind::constant: return arg(0);
    case DistributionKind::uniform:
      return arg(0) + (arg(1) - arg(0)) * boost::random::uniform_01<double>()(rng);
    case DistributionKind::beta: {
      const double mean = arg(0), k = arg(1);
      const double x = boost::random::beta_distribution<double>(mean * k, (1.0 - mean) * k)(rng);
      if (std::isfinite(x)) return x;
      // At tiny concentration both gamma draws underflow to 0 (0/0); the beta's limit as the
      // concentration vanishes is a coin with P(1) = mean.
      return boost::random::uniform_01<double>()(rng) < mean ? 1.0 : 0.0;
    }
    case DistributionKind::normal: return truncated_normal(arg(0), arg(1), arg(2), arg(3), rng);
    case DistributionKind::triangular:
      return boost::random::triangle_distribution<double>(arg(0), arg(1), arg(2))(rng);
  }
  throw std::logic_error("unknown distribution kind");
}

void ParameterPlan::draw(RandomStream& rng, std::span<double> values) const {
  std::copy(constants_.begin(), constants_.end(), values.begin());
  for (const Node& node : nodes_) {
    values[static_cast<std::size_t>(node.out)] = draw_from(node.distribution, rng, values);
  }
}

}  // namespace detsim
