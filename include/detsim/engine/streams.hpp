// Seeds for every random stream, derived from (master seed, experiment, trial, purpose) alone, so
// a trial draws the same numbers whichever thread, process or block runs it.
#pragma once

#include <cstdint>

#include "detsim/model/random_stream.hpp"

namespace detsim {

// A 64-bit seed from the four coordinates: each is folded in through SplitMix64's finaliser,
// a bijection with full avalanche, so neighbouring trials get unrelated seeds.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t experiment, std::uint64_t trial,
                          StreamPurpose purpose);

// Seeds each of the trial's streams afresh.
void seed_trial_streams(TrialStreams& streams, std::uint64_t seed, std::uint64_t experiment,
                        std::uint64_t trial);

}  // namespace detsim
