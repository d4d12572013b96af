// Per-experiment state held only for the experiments under way: made when an experiment is first
// asked for, dropped once it is released. A study's thousands of points run nearly one after
// another and are released a slice at a time, so the summary holds the few under way, not a slot
// for every point from the start to the end of the run.
#pragma once

#include <cstddef>
#include <deque>
#include <stdexcept>
#include <string>

namespace detsim {

template <class T>
class LiveExperiments {
 public:
  // Experiment e's state, made as T{} (with every unmade one before it) if it was not. A
  // std::logic_error once e is released.
  T& operator[](std::size_t e) {
    if (e < first_) {
      throw std::logic_error("summary: experiment " + std::to_string(e) + " was released");
    }
    while (end() <= e) live_.emplace_back();
    return live_[e - first_];
  }
  // Experiment e's state; null when it was never made or is released.
  const T* find(std::size_t e) const {
    return e >= first_ && e < end() ? &live_[e - first_] : nullptr;
  }
  // Experiments before `end` are dropped, for good.
  void release(std::size_t end) {
    while (first_ < end && !live_.empty()) {
      live_.pop_front();
      ++first_;
    }
    if (first_ < end) first_ = end;
  }
  // The experiments held are [first(), end()).
  std::size_t first() const { return first_; }
  std::size_t end() const { return first_ + live_.size(); }
  // The states of [first(), end()), in order.
  const std::deque<T>& held() const { return live_; }

 private:
  std::deque<T> live_;
  std::size_t first_ = 0;
};

}  // namespace detsim
