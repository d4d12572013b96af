// The random numbers of a trial: counter-based streams addressed by what a draw is, so that no
// draw depends on the experiment, thread or block that asks for it, nor on what was drawn before.
//
// A stream is Random123's Philox4x64-10 under the key (seed, trial) and the counter
// (purpose, sub-key, index, block): word j of the stream is word j mod 4 of the block
// j / 4 (docs/MODEL.md 3.2 has the layout and how to re-derive any draw).
#pragma once

#include <Random123/philox.h>

#include <boost/random/normal_distribution.hpp>
#include <cstdint>
#include <string_view>

namespace detsim {

// What a stream is for: the first word of its counter. Stable numbers: renumbering one changes
// every result drawn from it.
enum class StreamPurpose : std::uint64_t {
  parameter = 1,   // one drawn parameter; sub-key: stream_key(its dotted path)
  month = 2,       // the month's shocks (opportunity, cohesion) and logit choice; index: month
  collective = 3,  // whether a collective alliance acts as one in the month's test; index: month
  honoring = 4,    // a guarantor's honoring noise in the month's test; sub-key: stream_key(id)
  election = 5,    // a guarantor's election in the month: flip, new resolve; sub-key: as above
  war = 6,         // a war month: front, direct clash, nuclear use, settlement; index: month
  // A study's design (Latin hypercube permutations, Morris starts), keyed by the design seed and
  // trial 0, never by a trial's: sub-key: stream_key(method); index: factor or trajectory.
  design = 7,
  // The particle of a calibration's posterior the trial takes (every path it sets at once):
  // sub-key 0, index 0.
  posterior = 8,
  // A calibration's ABC (detsim calibrate), keyed by the calibration seed and its generation in
  // place of the trial: sub-key: stream_key of what is drawn ("prior", "proposal",
  // "count.<target>"); index: the candidate. Never by thread or batch, so the posterior is the same
  // whatever runs it.
  calibration = 9,
};

// The sub-key of a parameter's or an actor's streams: FNV-1a (64-bit) of its text, so that it
// depends on the name alone, never on the position of the thing named.
constexpr std::uint64_t stream_key(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// One stream: a UniformRandomBitGenerator of 64-bit words, so Boost.Random's distributions take
// it. Made in a few nanoseconds (no state to seed), so every draw site makes its own.
class RandomStream {
 public:
  using result_type = std::uint64_t;

  RandomStream(std::uint64_t seed, std::uint64_t trial, StreamPurpose purpose, std::uint64_t sub,
               std::uint64_t index)
      : key_{{seed, trial}}, counter_{{static_cast<std::uint64_t>(purpose), sub, index, 0}} {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }

  result_type operator()() {
    if (next_ == 4) {
      block_ = r123::Philox4x64()(counter_, key_);
      ++counter_.v[3];
      next_ = 0;
    }
    return block_.v[next_++];
  }

  // U in (0, 1): the next word's top 53 bits, centred in their interval of width 2^-53. Never 0
  // or 1, so every quantile function takes it; `U < p` is true with probability p to within 2^-53.
  double uniform() { return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53; }

  // A standard normal: Boost.Random's ziggurat, one word in about 99 draws in 100.
  double normal() { return boost::random::normal_distribution<double>()(*this); }

 private:
  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type counter_;
  r123::Philox4x64::ctr_type block_{};
  unsigned next_ = 4;
};

// The trial a submodel is running, as its streams see it: the experiment is not part of it, so
// trial t of every experiment faces the same draws wherever the model's state allows.
struct TrialStreams {
  std::uint64_t seed = 0;
  std::uint64_t trial = 0;

  RandomStream open(StreamPurpose purpose, std::uint64_t sub, std::uint64_t index) const {
    return RandomStream(seed, trial, purpose, sub, index);
  }
};

}  // namespace detsim
