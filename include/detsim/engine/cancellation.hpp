// Stopping a run cleanly on SIGINT or SIGTERM: the handler only sets a flag; the engine finishes
// the blocks under way and the caller writes what is complete.
#pragma once

#include <atomic>

namespace detsim {

class CancellationFlag {
 public:
  bool requested() const { return signal_.load(std::memory_order_relaxed) != 0; }
  int signal() const { return signal_.load(std::memory_order_relaxed); }
  void request(int signal) { signal_.store(signal, std::memory_order_relaxed); }

 private:
  std::atomic<int> signal_{0};
};

// While alive, the first SIGINT or SIGTERM sets the flag instead of killing the process; a
// second one kills it (the user insists). The previous handlers come back on destruction. One
// at a time per process.
class SignalScope {
 public:
  explicit SignalScope(CancellationFlag& flag);
  ~SignalScope();
  SignalScope(const SignalScope&) = delete;
  SignalScope& operator=(const SignalScope&) = delete;
};

}  // namespace detsim
