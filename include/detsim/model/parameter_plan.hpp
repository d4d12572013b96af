// Every numeric scenario value compiled into slots of one flat array, drawn once per trial in a
// fixed order; random values are recorded as `param.<dotted.path>` columns.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "detsim/model/random_stream.hpp"
#include "detsim/scenario/quantity.hpp"

namespace detsim {

struct RecordedParameter {
  std::string name;  // "param.actors.russia.resolve"
  int slot = 0;
};

// A distribution whose arguments live in slots: how a credibility (a belief, never drawn) and a
// redrawn resolve (a new administration) are described once their arguments are drawn.
struct DistributionSlots {
  DistributionKind kind = DistributionKind::constant;
  int args[4] = {0, 0, 0, 0};  // for constant, args[0] holds the value's slot
};

class ParameterPlan {
 public:
  // A value drawn once per trial; returns its slot.
  int add(const Quantity& quantity, const std::string& path);
  // A distribution that is not drawn itself; only its arguments are (credibility).
  DistributionSlots add_distribution(const Quantity& quantity, const std::string& path);
  // Both: the value is drawn, and the distribution is kept to draw again later (resolve).
  int add_redrawable(const Quantity& quantity, const std::string& path, DistributionSlots& out);

  std::size_t slots() const { return constants_.size(); }
  const std::vector<RecordedParameter>& recorded() const { return recorded_; }

  // Fills values (size slots()) for one trial.
  void draw(RandomStream& rng, std::span<double> values) const;
  // A fresh draw from a distribution whose arguments are already in values.
  static double draw_from(const DistributionSlots& distribution, RandomStream& rng,
                          std::span<const double> values);

 private:
  struct Node {
    DistributionSlots distribution;
    int out = 0;
  };
  int add_node(const Quantity& quantity, const std::string& path, bool draw_top,
               DistributionSlots* distribution);
  int new_slot(double constant);

  std::vector<double> constants_;  // initial value of every slot
  std::vector<Node> nodes_;        // random nodes in evaluation order (arguments first)
  std::vector<RecordedParameter> recorded_;
};

}  // namespace detsim
