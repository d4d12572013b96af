// ModelWindow: a small least-recently-used set of trial models, keyed by experiment.
#include "detsim/engine/model_window.hpp"

#include <algorithm>

namespace detsim {

std::shared_ptr<const TrialModel> ModelWindow::get(std::size_t experiment) {
  std::lock_guard lock(mutex_);
  ++clock_;
  for (Entry& e : entries_) {
    if (e.experiment == experiment) {
      e.used = clock_;
      return e.model;
    }
  }
  // Built under the lock: building is rare (once per experiment in block order) and the beta
  // tables it shares are built once this way.
  std::shared_ptr<const TrialModel> model = build_(experiment);
  // The newest entry, so never the one shrink() lets go (the window holds at least kInFlight).
  entries_.push_back(Entry{experiment, model, clock_});
  shrink();
  return model;
}

void ModelWindow::widen() {
  std::lock_guard lock(mutex_);
  ++workers_;
}

void ModelWindow::narrow() {
  std::lock_guard lock(mutex_);
  if (workers_ > 0) --workers_;
  shrink();
}

std::size_t ModelWindow::width() const {
  const std::size_t all = kBase + kPerWorker * workers_;
  return experiments_ <= all ? all : kInFlight + kPerWorker * workers_;
}

void ModelWindow::shrink() {
  while (entries_.size() > width()) {
    const auto oldest =
        std::min_element(entries_.begin(), entries_.end(),
                         [](const Entry& a, const Entry& b) { return a.used < b.used; });
    entries_.erase(oldest);
  }
}

std::size_t ModelWindow::held() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace detsim
