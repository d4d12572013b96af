// ParameterPlan: compiling quantity trees into slots and drawing them per trial.
#include "detsim/model/parameter_plan.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "detsim/model/distribution.hpp"

namespace detsim {

ParameterPlan::ParameterPlan(BetaTables* tables, const Posterior* posterior)
    : tables_(tables), posterior_(posterior) {
  if (posterior_) {
    particle_slot_ = new_slot(0);
    posterior_slots_.assign(posterior_->applies_to().size(), -1);
  }
}

int ParameterPlan::new_slot(double constant) {
  constants_.push_back(constant);
  return static_cast<int>(constants_.size()) - 1;
}

const BetaQuantileTable* ParameterPlan::table_for(const Quantity& q) {
  if (q.kind != DistributionKind::beta || q.args[0].is_random() || q.args[1].is_random()) {
    return nullptr;
  }
  const double mean = q.args[0].value, concentration = q.args[1].value;
  owned_tables_.push_back(tables_ ? tables_->get(mean, concentration)
                                  : std::make_shared<const BetaQuantileTable>(mean, concentration));
  return owned_tables_.back().get();
}

const BetaQuantileTable* const* ParameterPlan::particle_tables_for(const Quantity& q,
                                                                   const std::string& prefix) {
  if (!posterior_ || q.kind != DistributionKind::beta) return nullptr;
  const auto& names = distribution_argument_names(q.kind);
  int set[2] = {-1, -1};
  for (std::size_t i = 0; i < 2; ++i) {
    set[i] = posterior_->index_of(prefix + names[i]);
    if (set[i] < 0 && q.args[i].is_random()) return nullptr;
  }
  if (set[0] < 0 && set[1] < 0) return nullptr;
  // Built once for each particle's constant arguments, as a constant beta's is once per run;
  // particles of equal arguments share theirs through `tables_`.
  const std::size_t n = posterior_->particles();
  auto tables = std::make_unique<const BetaQuantileTable*[]>(n);
  for (std::size_t j = 0; j < n; ++j) {
    double args[2];
    for (std::size_t i = 0; i < 2; ++i) {
      args[i] =
          set[i] < 0 ? q.args[i].value : posterior_->value(static_cast<std::size_t>(set[i]), j);
    }
    owned_tables_.push_back(tables_ ? tables_->get(args[0], args[1])
                                    : std::make_shared<const BetaQuantileTable>(args[0], args[1]));
    tables[j] = owned_tables_.back().get();
  }
  particle_tables_.push_back(std::move(tables));
  return particle_tables_.back().get();
}

int ParameterPlan::add_posterior_value(std::size_t k, const std::string& path,
                                       DistributionSlots* distribution) {
  // As if the scenario held the particle's value here: a constant of the trial, drawn jointly
  // with the posterior's other paths, and recorded as a drawn value is.
  if (posterior_slots_[k] >= 0) throw std::logic_error("two values at one path: " + path);
  const int slot = new_slot(NAN);
  posterior_slots_[k] = slot;
  recorded_.push_back({"param." + path, slot, true});
  named_.push_back(recorded_.back());
  if (distribution)
    *distribution = DistributionSlots{DistributionKind::constant, {slot, 0, 0, 0}, nullptr};
  return slot;
}

std::vector<std::string> ParameterPlan::unset_posterior_paths() const {
  std::vector<std::string> unset;
  for (std::size_t k = 0; k < posterior_slots_.size(); ++k) {
    if (posterior_slots_[k] < 0) unset.push_back(posterior_->applies_to()[k]);
  }
  return unset;
}

int ParameterPlan::add_node(const Quantity& quantity, const std::string& path, bool draw_top,
                            DistributionSlots* distribution, bool redrawn) {
  if (posterior_) {
    const int k = posterior_->index_of(path);
    if (k >= 0) return add_posterior_value(static_cast<std::size_t>(k), path, distribution);
  }
  if (quantity.is_constant()) {
    const int slot = new_slot(quantity.value);
    named_.push_back({"param." + path, slot, false});
    if (distribution)
      *distribution = DistributionSlots{DistributionKind::constant, {slot, 0, 0, 0}, nullptr};
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
    node.distribution.args[i] = add_node(quantity.args[i], prefix + names[i], true, nullptr, false);
  }
  if (draw_top || redrawn) {
    node.distribution.particle_tables = particle_tables_for(quantity, prefix);
    if (node.distribution.particle_tables) {
      node.distribution.particle = particle_slot_;
    } else {
      node.distribution.table = table_for(quantity);
    }
  }
  if (distribution) *distribution = node.distribution;
  if (!draw_top) return -1;
  node.out = new_slot(NAN);
  node.stream = stream_key(path);
  for (const Node& other : nodes_) {
    // Two paths with one key would draw the same numbers; FNV-1a makes it all but impossible.
    if (other.stream == node.stream)
      throw std::logic_error("two parameters share a stream: " + path);
  }
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
  return add_node(quantity, path, true, nullptr, false);
}

DistributionSlots ParameterPlan::add_distribution(const Quantity& quantity, const std::string& path,
                                                  bool redrawn) {
  DistributionSlots slots;
  add_node(quantity, path, false, &slots, redrawn);
  return slots;
}

int ParameterPlan::add_redrawable(const Quantity& quantity, const std::string& path,
                                  DistributionSlots& out) {
  return add_node(quantity, path, true, &out, true);
}

double ParameterPlan::quantile_of(const DistributionSlots& d, double u, std::span<const double> v) {
  if (d.table) return d.table->quantile(u);
  if (d.particle_tables) {
    const BetaQuantileTable* table =
        d.particle_tables[static_cast<std::size_t>(v[static_cast<std::size_t>(d.particle)])];
    if (table) return table->quantile(u);
  }
  const std::size_t count =
      d.kind == DistributionKind::constant ? 1 : distribution_argument_names(d.kind).size();
  double args[4];
  for (std::size_t i = 0; i < count; ++i) args[i] = v[static_cast<std::size_t>(d.args[i])];
  return quantile(d.kind, std::span<const double>(args, count), u);
}

void ParameterPlan::draw(const TrialStreams& streams, std::span<double> values) const {
  std::copy(constants_.begin(), constants_.end(), values.begin());
  if (posterior_) {
    const double u = streams.open(StreamPurpose::posterior, 0, 0).uniform();
    const std::size_t j = posterior_->particle_at(u);
    values[static_cast<std::size_t>(particle_slot_)] = static_cast<double>(j);
    for (std::size_t k = 0; k < posterior_slots_.size(); ++k) {
      if (posterior_slots_[k] >= 0)
        values[static_cast<std::size_t>(posterior_slots_[k])] = posterior_->value(k, j);
    }
  }
  for (const Node& node : nodes_) {
    const double u = streams.open(StreamPurpose::parameter, node.stream, 0).uniform();
    values[static_cast<std::size_t>(node.out)] = quantile_of(node.distribution, u, values);
  }
}

}  // namespace detsim
