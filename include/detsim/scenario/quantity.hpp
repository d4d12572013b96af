// A numeric scenario value: a constant or a distribution whose parameters are themselves
// quantities.
#pragma once

#include <string>
#include <vector>

namespace detsim {

enum class DistributionKind { constant, uniform, beta, normal, triangular };

// Arguments by kind (all are Quantities, so they may be random themselves):
//   constant:   value
//   uniform:    args = {lo, hi}
//   beta:       args = {mean, concentration}      (alpha = mean*k, beta = (1-mean)*k)
//   normal:     args = {mean, sd, min, max}       (truncated to [min, max]; +-inf when unbounded)
//   triangular: args = {lo, mode, hi}
struct Quantity {
  DistributionKind kind = DistributionKind::constant;
  double value = 0.0;
  std::vector<Quantity> args;

  static Quantity constant(double v) { return Quantity{DistributionKind::constant, v, {}}; }
  bool is_constant() const { return kind == DistributionKind::constant; }
  // True when any value inside the tree is drawn per trial.
  bool is_random() const { return !is_constant(); }

  // The same law: same kind, same arguments (a constant: the same value).
  friend bool operator==(const Quantity& a, const Quantity& b) {
    return a.kind == b.kind && (a.is_random() || a.value == b.value) && a.args == b.args;
  }
};

// Argument names by kind, in the order of Quantity::args; used for YAML keys and recorded names.
const std::vector<std::string>& distribution_argument_names(DistributionKind kind);
const char* distribution_name(DistributionKind kind);

// One short line for tables and experiment names: a constant as its shortest exact number
// ("0.25"), a distribution as "beta(0.5,10)", its arguments in the order above.
std::string compact_text(const Quantity& q);

}  // namespace detsim
