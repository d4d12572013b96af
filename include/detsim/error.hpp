// The two kinds of failure detsim reports, each mapped by the command line to its exit status.
#pragma once

#include <stdexcept>
#include <string>

namespace detsim {

// Bad input: a scenario, preset, override or command-line value that cannot be used.
// The message is complete (FILE:LINE:COL: path = value: what is allowed); exit status 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A failure while running (I/O, disk full, a corrupt results file); exit status 1.
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace detsim
