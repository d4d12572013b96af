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
  bool random = false;
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
  // The parameters drawn at random, recorded as columns.
  const std::vector<RecordedParameter>& recorded() const { return recorded_; }
  // Every named value, constant or random, so that experiments whose parameters differ in what
  // is random can still share one set of columns.
  const std::vector<RecordedParameter>& named() const { return named_; }
  // The slot of a named value ("param.<path>"), or -1.
  int slot_of(const std::string& name) const;
  double initial_value(int slot) const { return constants_[static_cast<std::size_t>(slot)]; }

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
  std::vector<RecordedParameter> named_;
};

}  // namespace detsim
