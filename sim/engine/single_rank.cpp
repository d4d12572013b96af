// Ranks in a build without MPI: every process is a job of one.
#include "detsim/engine/ranks.hpp"

#include <stdexcept>

namespace detsim {

namespace {
Ranks* live = nullptr;
}

Ranks::Ranks() { live = this; }
Ranks::~Ranks() {
  if (live == this) live = nullptr;
}

Ranks& Ranks::current() {
  static Ranks alone{Alone{}};
  return live ? *live : alone;
}

std::unique_ptr<RemoteLanes> Ranks::remote_lanes(CancellationFlag&) { return nullptr; }

int Ranks::serve(const Simulation&, const RunOptions&) {
  throw std::logic_error("a job of one has no other ranks to serve");
}

int Ranks::finish(int status, const std::string&) { return status; }

}  // namespace detsim
