// Stream seeding by hashing the trial's coordinates.
#include "detsim/engine/streams.hpp"

namespace detsim {

namespace {

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t experiment, std::uint64_t trial,
                          StreamPurpose purpose) {
  std::uint64_t h = mix(seed);
  h = mix(h ^ experiment);
  h = mix(h ^ trial);
  return mix(h ^ static_cast<std::uint64_t>(purpose));
}

void seed_trial_streams(TrialStreams& s, std::uint64_t seed, std::uint64_t experiment,
                        std::uint64_t trial) {
  s.parameters.seed(stream_seed(seed, experiment, trial, StreamPurpose::parameters));
  s.decisions.seed(stream_seed(seed, experiment, trial, StreamPurpose::decisions));
  s.honoring.seed(stream_seed(seed, experiment, trial, StreamPurpose::honoring));
  s.politics.seed(stream_seed(seed, experiment, trial, StreamPurpose::politics));
  s.war.seed(stream_seed(seed, experiment, trial, StreamPurpose::war));
  s.cohesion.seed(stream_seed(seed, experiment, trial, StreamPurpose::cohesion));
}

}  // namespace detsim
