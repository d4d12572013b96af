// Every numeric scenario value compiled into slots of one flat array. Each random value is drawn
// once per trial from a stream of its own, keyed by its dotted path, as F^-1(U); random values
// are recorded as `param.<dotted.path>` columns. The paths a calibration's posterior sets are
// drawn jointly instead: one particle per trial, by the inverse CDF of the weights.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "detsim/model/beta_table.hpp"
#include "detsim/model/posterior.hpp"
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
  // A beta whose arguments are constants draws through this table, owned by the plan.
  const BetaQuantileTable* table = nullptr;
  // A beta whose arguments are constants or set by the posterior draws through the table of the
  // trial's particle (the slot `particle` holds its index), one per particle, owned by the plan.
  const BetaQuantileTable* const* particle_tables = nullptr;
  int particle = 0;
};

class ParameterPlan {
 public:
  // Betas with constant arguments get quantile tables, from `tables` when given (shared with
  // every plan that uses it; it must outlive the calls that add quantities), else built for
  // this plan alone.
  // `posterior`, when given, sets the paths it applies to: each is a drawn value (recorded),
  // whatever the scenario holds there, taken from the trial's particle. It must outlive the plan.
  explicit ParameterPlan(BetaTables* tables = nullptr, const Posterior* posterior = nullptr);

  // A value drawn once per trial; returns its slot.
  int add(const Quantity& quantity, const std::string& path);
  // A distribution that is not drawn at month 0; only its arguments are (credibility).
  // `redrawn`: submodels draw from it later (a new administration's resolve).
  DistributionSlots add_distribution(const Quantity& quantity, const std::string& path,
                                     bool redrawn = false);
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
  // The posterior's paths that no value of the plan answers to (the scenario has no such
  // numeric value): a run with it is refused.
  std::vector<std::string> unset_posterior_paths() const;

  // Fills values (size slots()) for one trial: first the posterior's particle, the first uniform
  // of the stream (posterior, 0, 0) through the weights' inverse CDF, and the values it sets;
  // then each random value F^-1(U), U the first uniform of its stream (parameter,
  // stream_key(path), 0), each distribution's arguments first.
  void draw(const TrialStreams& streams, std::span<double> values) const;
  // F^-1(u) of a distribution whose arguments are already in values.
  static double quantile_of(const DistributionSlots& distribution, double u,
                            std::span<const double> values);

 private:
  struct Node {
    DistributionSlots distribution;
    int out = 0;
    std::uint64_t stream = 0;  // stream_key of the path
  };
  int add_node(const Quantity& quantity, const std::string& path, bool draw_top,
               DistributionSlots* distribution, bool redrawn);
  int new_slot(double constant);
  const BetaQuantileTable* table_for(const Quantity& beta);
  // A table per particle for a beta whose arguments are constants or set by the posterior (at
  // least one), or null.
  const BetaQuantileTable* const* particle_tables_for(const Quantity& beta,
                                                      const std::string& prefix);
  int add_posterior_value(std::size_t k, const std::string& path, DistributionSlots* distribution);

  BetaTables* tables_;
  std::vector<std::shared_ptr<const BetaQuantileTable>> owned_tables_;
  std::vector<double> constants_;  // initial value of every slot
  std::vector<Node> nodes_;        // random nodes in evaluation order (arguments first)
  std::vector<RecordedParameter> recorded_;
  std::vector<RecordedParameter> named_;
  const Posterior* posterior_;
  int particle_slot_ = -1;
  std::vector<int> posterior_slots_;  // [k]: the slot of applies_to()[k], -1 if none yet
  std::vector<std::unique_ptr<const BetaQuantileTable*[]>> particle_tables_;
};

}  // namespace detsim
