// Drawn parameters: each form's moments, nested draws, what is recorded and under which name.
// Tolerances are 5 Monte Carlo standard errors of the mean with n = 20000 and a fixed seed.
#include <catch2/catch.hpp>
#include <cmath>

#include "detsim/model/parameter_plan.hpp"
#include "support/canonical_game.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

struct Moments {
  double mean = 0, sd = 0, min = INFINITY, max = -INFINITY;
};

Moments moments_of(const Quantity& q, int n = 20000) {
  ParameterPlan plan;
  const int slot = plan.add(q, "x");
  std::vector<double> values(plan.slots());
  double sum = 0, sum2 = 0;
  Moments m;
  for (int i = 0; i < n; ++i) {
    plan.draw(TrialStreams{42, static_cast<std::uint64_t>(i)}, values);
    const double x = values[static_cast<std::size_t>(slot)];
    sum += x;
    sum2 += x * x;
    m.min = std::min(m.min, x);
    m.max = std::max(m.max, x);
  }
  m.mean = sum / n;
  m.sd = std::sqrt(sum2 / n - m.mean * m.mean);
  return m;
}

void check_mean(const Quantity& q, double mean, double sd) {
  const Moments m = moments_of(q);
  const double tolerance = 5 * sd / std::sqrt(20000.0);
  CHECK(std::abs(m.mean - mean) < tolerance);
  CHECK(m.sd == Approx(sd).epsilon(0.05));
}

}  // namespace

TEST_CASE("each distribution form draws with its law's mean and spread") {
  // Means and sds from the laws' formulas (scipy agrees: stats.beta(6, 4).std() = 0.1477...).
  check_mean(beta(0.6, 10), 0.6, std::sqrt(0.6 * 0.4 / 11));
  check_mean(uniform(0.2, 0.8), 0.5, 0.6 / std::sqrt(12.0));
  check_mean(triangular(0.0, 0.3, 1.0), 1.3 / 3, std::sqrt((1 + 0.09 - 0.3) / 18));
  // Truncated normal on [0, 1] with mean 0.6, sd 0.15: scipy truncnorm mean 0.598304127081,
  // sd 0.1434... (stats.truncnorm(-4, 8/3, 0.6, 0.15).std() = 0.143459...).
  check_mean(truncated_normal(0.6, 0.15, 0, 1), 0.598304127081, 0.143459);
}

TEST_CASE("a truncated normal never leaves its window, even when the window is in a tail") {
  const Moments m = moments_of(truncated_normal(0.0, 0.1, 0.5, 0.6), 2000);
  CHECK(m.min >= 0.5);
  CHECK(m.max <= 0.6);
}

TEST_CASE("constants are not recorded, while random values and random arguments are, by path") {
  ParameterPlan plan;
  plan.add(Quantity::constant(1.0), "actors.russia.capability");
  plan.add(beta(0.6, 20), "actors.russia.resolve");
  const Quantity nested{DistributionKind::beta, 0, {uniform(0.3, 0.7), Quantity::constant(8)}};
  plan.add_distribution(nested, "actors.united_states.credibility");
  std::vector<std::string> names;
  for (const auto& r : plan.recorded()) names.push_back(r.name);
  CHECK(names == std::vector<std::string>{"param.actors.russia.resolve",
                                          "param.actors.united_states.credibility.beta.mean"});
  CHECK(plan.slot_of("param.actors.russia.capability") >= 0);
  CHECK(plan.slot_of("param.nothing") == -1);
}

TEST_CASE("a nested distribution draws its arguments first, within their supports") {
  ParameterPlan plan;
  const Quantity nested{DistributionKind::beta, 0, {uniform(0.3, 0.7), Quantity::constant(8)}};
  const int top = plan.add(nested, "x");
  const int mean = plan.slot_of("param.x.beta.mean");
  REQUIRE(mean >= 0);
  std::vector<double> values(plan.slots());
  for (int i = 0; i < 1000; ++i) {
    plan.draw(TrialStreams{7, static_cast<std::uint64_t>(i)}, values);
    CHECK(values[static_cast<std::size_t>(mean)] >= 0.3);
    CHECK(values[static_cast<std::size_t>(mean)] <= 0.7);
    CHECK(values[static_cast<std::size_t>(top)] >= 0.0);
    CHECK(values[static_cast<std::size_t>(top)] <= 1.0);
  }
}

TEST_CASE("a drawn parameter is F^-1(U), U the first uniform of the stream keyed by its path") {
  ParameterPlan plan;
  const int x = plan.add(uniform(0.2, 0.6), "dynamics.front_speed");
  const Quantity nested{DistributionKind::beta, 0, {uniform(0.3, 0.7), Quantity::constant(8)}};
  plan.add(nested, "actors.united_states.resolve");
  const int mean = plan.slot_of("param.actors.united_states.resolve.beta.mean");
  std::vector<double> values(plan.slots());
  for (std::uint64_t trial = 0; trial < 50; ++trial) {
    const TrialStreams streams{99, trial};
    plan.draw(streams, values);
    const auto u = [&](const char* path) {
      return streams.open(StreamPurpose::parameter, stream_key(path), 0).uniform();
    };
    CHECK(values[static_cast<std::size_t>(x)] == 0.2 + (0.6 - 0.2) * u("dynamics.front_speed"));
    // A distribution's argument is drawn from a stream of its own path.
    CHECK(values[static_cast<std::size_t>(mean)] ==
          0.3 + (0.7 - 0.3) * u("actors.united_states.resolve.beta.mean"));
  }
}

TEST_CASE("adding a parameter, anywhere in the plan, leaves every other draw alone") {
  ParameterPlan before, after;
  const int a0 = before.add(beta(0.65, 20), "actors.russia.resolve");
  const int b0 = before.add(truncated_normal(0.6, 0.15, 0, 1), "severity.war");
  // The same two, with new random parameters before, between and after them.
  after.add(triangular(0, 0.2, 1), "honor_noise");
  const int a1 = after.add(beta(0.65, 20), "actors.russia.resolve");
  after.add(Quantity{DistributionKind::beta, 0, {uniform(0.3, 0.7), Quantity::constant(8)}},
            "actors.ukraine.resolve");
  const int b1 = after.add(truncated_normal(0.6, 0.15, 0, 1), "severity.war");
  after.add(uniform(0, 1), "dynamics.clash_base");
  std::vector<double> x(before.slots()), y(after.slots());
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    before.draw(TrialStreams{5, trial}, x);
    after.draw(TrialStreams{5, trial}, y);
    CHECK(x[static_cast<std::size_t>(a0)] == y[static_cast<std::size_t>(a1)]);
    CHECK(x[static_cast<std::size_t>(b0)] == y[static_cast<std::size_t>(b1)]);
  }
}
