// The counter-based streams: Philox4x64-10 words at the documented counters (reference words
// from numpy 1.24's Philox bit generator, an independent implementation), FNV-1a keys (the
// published test vectors), uniforms in (0, 1) and streams that depend only on their address.
#include <catch2/catch.hpp>

#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <random>

#include "detsim/model/random_stream.hpp"

using namespace detsim;

static_assert(std::uniform_random_bit_generator<RandomStream>);

TEST_CASE(
    "a stream's words are Philox4x64-10 under key (seed, trial), counter (purpose, sub, "
    "index, block)") {
  // numpy: Philox(key=[1, 2], counter=[0, 5, 6, 0]).random_raw(4) is the block at counter
  // (1, 5, 6, 0) (numpy counts before it draws); counter=[0, 5, 6, 1] gives block 1's words.
  RandomStream stream(1, 2, StreamPurpose::parameter, 5, 6);
  CHECK(stream() == 0xef2ebca47e8d5c20ULL);
  CHECK(stream() == 0xf05e0990a3b5b665ULL);
  CHECK(stream() == 0xfbfe2520d322b9c1ULL);
  CHECK(stream() == 0xd95db71b33554dd9ULL);
  CHECK(stream() == 0x9e29656ddf40bf37ULL);
  CHECK(stream() == 0x6a0e2b0a3cf39061ULL);
}

TEST_CASE("a uniform is the word's top 53 bits, centred: inside (0, 1), never at either end") {
  RandomStream stream(1, 2, StreamPurpose::parameter, 5, 6);
  // ((0xef2ebca47e8d5c20 >> 11) + 0.5) * 2^-53, computed by numpy.
  CHECK(stream.uniform() == 0.9343068982694169);
  RandomStream any(3, 4, StreamPurpose::month, 0, 1);
  double sum = 0, low = 1, high = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = any.uniform();
    sum += u;
    low = std::min(low, u);
    high = std::max(high, u);
  }
  CHECK(low > 0.0);
  CHECK(high < 1.0);
  CHECK(std::abs(sum / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));  // 5 standard errors
}

TEST_CASE("stream keys are FNV-1a of the text: the published test vectors") {
  CHECK(stream_key("") == 0xcbf29ce484222325ULL);
  CHECK(stream_key("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(stream_key("foobar") == 0x85944171f73967e8ULL);
  static_assert(stream_key("a") != stream_key("b"));
}

TEST_CASE("a stream depends on its address alone, and each coordinate changes it") {
  const TrialStreams trial{7, 11};
  const auto first = [](RandomStream s) { return s(); };
  const std::uint64_t word = first(trial.open(StreamPurpose::war, 3, 12));
  CHECK(first(trial.open(StreamPurpose::war, 3, 12)) == word);  // made again: the same words
  CHECK(first(RandomStream(7, 11, StreamPurpose::war, 3, 12)) == word);
  CHECK(first(RandomStream(8, 11, StreamPurpose::war, 3, 12)) != word);       // seed
  CHECK(first(RandomStream(7, 12, StreamPurpose::war, 3, 12)) != word);       // trial
  CHECK(first(RandomStream(7, 11, StreamPurpose::election, 3, 12)) != word);  // purpose
  CHECK(first(RandomStream(7, 11, StreamPurpose::war, 4, 12)) != word);       // sub-key
  CHECK(first(RandomStream(7, 11, StreamPurpose::war, 3, 13)) != word);       // index
}

TEST_CASE("Boost.Random's distributions take a stream: normals with mean 0 and sd 1") {
  RandomStream stream(5, 0, StreamPurpose::month, 0, 0);
  const int n = 100000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double z = stream.normal();
    sum += z;
    sum2 += z * z;
  }
  CHECK(std::abs(sum / n) < 5 / std::sqrt(n));
  // The variance of a sample variance of normals is 2 / n.
  CHECK(std::abs(sum2 / n - 1.0) < 5 * std::sqrt(2.0 / n));
  const int die = boost::random::uniform_int_distribution<int>(1, 6)(stream);
  CHECK(die >= 1);
  CHECK(die <= 6);
}
