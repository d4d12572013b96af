// Signal handlers that only record the signal (async-signal-safe: a lock-free atomic store).
#include "detsim/engine/cancellation.hpp"

#include <csignal>
#include <stdexcept>

namespace detsim {

namespace {

CancellationFlag* active_flag = nullptr;
void (*previous_int)(int) = SIG_DFL;
void (*previous_term)(int) = SIG_DFL;

extern "C" void record_signal(int signal) {
  if (active_flag != nullptr) active_flag->request(signal);
}

}  // namespace

SignalScope::SignalScope(CancellationFlag& flag) {
  if (active_flag != nullptr) throw std::logic_error("only one SignalScope at a time");
  active_flag = &flag;
  previous_int = std::signal(SIGINT, record_signal);
  previous_term = std::signal(SIGTERM, record_signal);
}

SignalScope::~SignalScope() {
  std::signal(SIGINT, previous_int);
  std::signal(SIGTERM, previous_term);
  active_flag = nullptr;
}

}  // namespace detsim
