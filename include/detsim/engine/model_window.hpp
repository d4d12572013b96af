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
  // `experiments`: how many the run has (see width()).
  ModelWindow(Build build, std::size_t experiments)
      : build_(std::move(build)), experiments_(experiments) {}

  // Experiment e's model, built now unless it is held; the least recently used beyond the
  // window's width is let go (a caller still using it keeps it alive). Thread-safe.
  std::shared_ptr<const TrialModel> get(std::size_t experiment);

  // Each worker computing blocks widens the window while it lives: blocks in flight (two per
  // worker, in block order) then find their models held, however many threads a run has.
  void widen();
  void narrow();
  std::size_t held() const;

  // Blocks come from the experiments in turn (block_plan.hpp), two in flight per worker. A run
  // whose experiments all fit in kBase models and kPerWorker more for each worker (the usual run
  // of a few structures) holds them all and builds each model once. A larger run builds every
  // model again each round of blocks whatever the window holds (a small cost beside the round's
  // trials: a model is a few tens of KiB, built in well under a millisecond), so it holds only
  // kInFlight and kPerWorker for each worker: more would only be memory (a study of thousands of
  // design points, each model with its own quantile tables).
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
  // Models held now, by the run's experiments and the workers living.
  std::size_t width() const;
  // Lets the least recently used go until width() are held.
  void shrink();
  std::size_t experiments_;
  std::size_t workers_ = 0;
};

}  // namespace detsim
