// Differences from the baseline matched by trial index: whatever order the experiments' blocks
// come in, only unmatched trials are held, and a measure that counts different trials in the two
// experiments is not called paired.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "detsim/stats/paired_differences.hpp"

using namespace detsim;

namespace {

// Trial t's one measure: t in the baseline (experiment 0), 3t + 1 in experiment 1.
double value(std::size_t experiment, std::int64_t t) {
  return experiment == 0 ? static_cast<double>(t) : 3.0 * static_cast<double>(t) + 1.0;
}

}  // namespace

TEST_CASE("blocks in the engine's order are matched by trial, holding one round at most") {
  // Experiment 1 comes first in each round, so it waits for the baseline's block.
  const std::int64_t trials = 100, block = 10;
  PairedDifferences differences(1, {trials, trials}, 0);
  std::size_t most_held = 0;
  for (std::int64_t first = 0; first < trials; first += block) {
    for (const std::size_t e : {std::size_t{1}, std::size_t{0}}) {
      for (std::int64_t t = first; t < first + block; ++t) {
        const double v = value(e, t);
        differences.add(e, t, std::span<const double>(&v, 1));
        most_held = std::max(most_held, differences.buffered_trials());
      }
    }
  }
  CHECK(most_held == static_cast<std::size_t>(block));
  CHECK(differences.buffered_trials() == 0);
  REQUIRE(differences.paired(1, 0));
  const RunningMean& d = differences.pairing(1, 0).difference;
  CHECK(d.count() == trials);
  CHECK(d.mean() == Approx(2.0 * 49.5 + 1.0));  // mean of 2t + 1
  CHECK_FALSE(differences.paired(0, 0));        // the baseline is not paired with itself
}

TEST_CASE("a measure counted in one experiment's trial and not the other's is not paired") {
  PairedDifferences differences(2, {3, 3, 2}, 0);
  const double nan = NAN;
  const std::vector<std::vector<double>> baseline{{1, nan}, {2, 5}, {3, 6}};
  const std::vector<std::vector<double>> other{{1, nan}, {4, nan}, {3, 6}};
  for (std::int64_t t = 0; t < 3; ++t) {
    differences.add(0, t, baseline[static_cast<std::size_t>(t)]);
    differences.add(1, t, other[static_cast<std::size_t>(t)]);
  }
  for (std::int64_t t = 0; t < 2; ++t) differences.add(2, t, baseline[static_cast<std::size_t>(t)]);
  CHECK(differences.paired(1, 0));
  CHECK(differences.pairing(1, 0).difference.mean() == Approx(2.0 / 3.0));
  CHECK_FALSE(differences.paired(1, 1));  // trial 1 counts in the baseline only
  CHECK_FALSE(differences.paired(2, 0));  // two trials against three: nothing to match
  CHECK(differences.buffered_trials() == 0);
}

TEST_CASE("an experiment's trials out of order are refused") {
  PairedDifferences differences(1, {2, 2}, 1);
  const double v = 0;
  differences.add(0, 0, std::span<const double>(&v, 1));
  CHECK_THROWS_AS(differences.add(0, 0, std::span<const double>(&v, 1)), std::logic_error);
  CHECK_THROWS_AS(PairedDifferences(1, {2, 2}, 2), std::invalid_argument);
}

TEST_CASE("an experiment that stops early is paired over the trials both ran, and nothing waits") {
  const std::int64_t planned = 100, block = 10;
  // Experiment 1 stops after 30 trials, the baseline after 60, experiment 2 runs all 100.
  PairedDifferences differences(1, {planned, planned, planned}, 0);
  const std::vector<std::int64_t> stops{60, 30, planned};
  std::vector<std::int64_t> next(3, 0);
  std::size_t most_held = 0;
  for (std::int64_t first = 0; first < planned; first += block) {
    // Experiment 2 first, so it waits for the baseline's block while the baseline runs.
    for (const std::size_t e : {std::size_t{2}, std::size_t{1}, std::size_t{0}}) {
      if (first >= stops[e]) continue;
      for (std::int64_t t = first; t < first + block; ++t) {
        const double v = value(e == 0 ? 0 : 1, t);
        differences.add(e, t, std::span<const double>(&v, 1));
        most_held = std::max(most_held, differences.buffered_trials());
      }
      if (first + block == stops[e] && stops[e] < planned) differences.stop(e, stops[e]);
    }
  }
  CHECK(most_held <= 2 * static_cast<std::size_t>(block));
  CHECK(differences.buffered_trials() == 0);  // neither waits for a trial that never comes
  REQUIRE(differences.paired(1, 0));
  CHECK(differences.pairing(1, 0).difference.count() == 30);
  CHECK(differences.pairing(1, 0).difference.mean() == Approx(2.0 * 14.5 + 1.0));
  REQUIRE(differences.paired(2, 0));
  CHECK(differences.pairing(2, 0).difference.count() == 60);
  CHECK(differences.pairing(2, 0).difference.mean() == Approx(2.0 * 29.5 + 1.0));
}

TEST_CASE("a baseline that stops before later experiments begin holds nothing for them") {
  // The baseline (experiment 0) stops after 5 of its 10 trials, before any other experiment has
  // begun: what is held must not grow with the experiments still to come, and each of them is
  // then paired over the trials both ran.
  const auto run = [](std::size_t experiments) {
    PairedDifferences differences(1, std::vector<std::int64_t>(experiments, 10), 0);
    for (std::int64_t t = 0; t < 5; ++t) {
      const double v = value(0, t);
      differences.add(0, t, std::span<const double>(&v, 1));
    }
    differences.stop(0, 5);
    const std::size_t held = differences.held_bytes();
    for (std::int64_t t = 0; t < 10; ++t) {
      const double v = value(1, t);
      differences.add(1, t, std::span<const double>(&v, 1));
    }
    // Only the baseline's 5 trials wait, for the experiments still to come.
    CHECK(differences.buffered_trials() == (experiments > 2 ? 5 : 0));
    CHECK(differences.pairing(1, 0).difference.count() == 5);
    CHECK(differences.pairing(1, 0).difference.mean() == Approx(2.0 * 2.0 + 1.0));
    return held;
  };
  CHECK(run(20000) == run(2));
}
