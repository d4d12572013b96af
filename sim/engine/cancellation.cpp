// Signal handlers that only record the signal (async-signal-safe: lock-free atomic stores).
// The first SIGINT or SIGTERM asks the run to stop after the blocks under way; the handler is
// then reset (SA_RESETHAND), so a second one ends the process at once, as users expect. A signal
// the process inherited as ignored is left ignored.
#include "detsim/engine/cancellation.hpp"

#include <signal.h>

#include <atomic>
#include <stdexcept>

namespace detsim {

namespace {

std::atomic<CancellationFlag*> active_flag{nullptr};
struct sigaction previous_int {};
struct sigaction previous_term {};

extern "C" void record_signal(int signal) {
  if (CancellationFlag* flag = active_flag.load()) flag->request(signal);
}

}  // namespace

SignalScope::SignalScope(CancellationFlag& flag) {
  CancellationFlag* none = nullptr;
  if (!active_flag.compare_exchange_strong(none, &flag)) {
    throw std::logic_error("only one SignalScope at a time");
  }
  struct sigaction action {};
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  // A signal ignored when detsim started stays ignored: a shell starts background jobs (`&`,
  // `nohup`) with SIGINT ignored so that Ctrl-C at the terminal leaves them running.
  const auto take_over = [&](int signal, struct sigaction& previous) {
    sigaction(signal, nullptr, &previous);
    if (previous.sa_handler != SIG_IGN) sigaction(signal, &action, nullptr);
  };
  take_over(SIGINT, previous_int);
  take_over(SIGTERM, previous_term);
}

SignalScope::~SignalScope() {
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
  active_flag.store(nullptr);
}

}  // namespace detsim
