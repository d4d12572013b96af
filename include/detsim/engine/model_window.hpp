// The trial models of the experiments a run has in flight, built when a block first needs one:
// a run of many experiments (a study of thousands of design points) then holds a few models, not
// one per experiment.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "detsim/model/trial_model.hpp"

namespace detsim {

class ModelWindow {
 public:
  using Build = std::function<std::shared_ptr<const TrialModel>(std::size_t experiment)>;
  // `experiments`: how many the run has. Up to kBase, the window holds them all; beyond, blocks
  // come from each experiment in turn (block_plan.hpp), so every round of blocks builds every
  // model again whatever the window holds, and it keeps only the models in flight.
  ModelWindow(Build build, std::size_t experiments)
      : build_(std::move(build)), base_(experiments <= kBase ? kBase : kInFlight), width_(base_) {}

  // Experiment e's model, built now unless it is held; the least recently used beyond the
  // window's width is let go (a caller still using it keeps it alive). Thread-safe.
  std::shared_ptr<const TrialModel> get(std::size_t experiment);

  // Each worker computing blocks widens the window while it lives: blocks in flight (two per
  // worker, in block order) then find their models held, however many threads a run has.
  void widen();
  void narrow();
  std::size_t held() const;

  // Models held with no worker, and more for each worker. Blocks come from the experiments in
  // turn (block_plan.hpp), so a run of up to kBase experiments (the usual run of a few
  // structures) builds each model once; beyond, each round of blocks builds each experiment's
  // model again, a small cost beside the round's trials (a model is a few tens of KiB, built in
  // well under a millisecond), and holding kBase of them would only be memory (a study of
  // thousands of design points, each model with its own quantile tables): kInFlight then.
  static constexpr std::size_t kBase = 64, kInFlight = 4, kPerWorker = 4;

 private:
  struct Entry {
    std::size_t experiment = 0;
    std::shared_ptr<const TrialModel> model;
    std::uint64_t used = 0;
  };
  Build build_;
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
  std::uint64_t clock_ = 0;
  std::size_t base_;
  std::size_t width_;
};

}  // namespace detsim
