// Sobol and Morris estimators on functions whose indices are known, the coverage of their
// bootstrap intervals under repeated sampling, and the Monte Carlo noise check.
#include <catch2/catch.hpp>

#include <array>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <functional>

#include "detsim/stats/sensitivity.hpp"

using namespace detsim;

namespace {

constexpr double pi = 3.14159265358979323846;
using Function = std::function<double(const Eigen::RowVector3d&)>;

// Ishigami & Homma (1990) on [-pi, pi]^3 with a = 7, b = 0.1; its indices in closed form.
double ishigami(const Eigen::RowVector3d& x) {
  const double a = 7, b = 0.1;
  return std::sin(x[0]) + a * std::pow(std::sin(x[1]), 2) + b * std::pow(x[2], 4) * std::sin(x[0]);
}
Eigen::RowVector3d to_ishigami(Eigen::RowVector3d u) { return (u.array() * 2 * pi - pi).matrix(); }
constexpr std::array<double, 3> ishigami_first{0.3139, 0.4424, 0.0};
constexpr std::array<double, 3> ishigami_total{0.5576, 0.4424, 0.2437};

// A Saltelli design of n pseudo-random base rows, evaluated: the estimators are unbiased under
// random sampling, which is what a coverage test needs.
SaltelliOutputs saltelli(const Function& f, bool on_ishigami_cube, int n, std::uint64_t seed) {
  boost::random::mt19937_64 engine(seed);
  boost::random::uniform_01<double> unit;
  const auto draw = [&] {
    Eigen::RowVector3d u(unit(engine), unit(engine), unit(engine));
    return on_ishigami_cube ? to_ishigami(u) : u;
  };
  SaltelliOutputs o{Eigen::VectorXd(n), Eigen::VectorXd(n), Eigen::MatrixXd(n, 3)};
  for (int j = 0; j < n; ++j) {
    const Eigen::RowVector3d a = draw(), b = draw();
    o.a[j] = f(a);
    o.b[j] = f(b);
    for (int i = 0; i < 3; ++i) {
      Eigen::RowVector3d ab = a;
      ab[i] = b[i];
      o.ab(j, i) = f(ab);
    }
  }
  return o;
}

// Half the interval's width over z: the bootstrap's standard error, near enough for a margin.
double standard_error(const Estimate& e) { return (e.interval.high - e.interval.low) / (2 * kZ95); }

bool covers(const Estimate& e, double truth) {
  return e.interval.low <= truth && truth <= e.interval.high;
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function match its closed form", "[stats][sensitivity]") {
  const SobolIndices s = sobol_indices(saltelli(ishigami, true, 8192, 11), {200, 7, 0.95});
  for (int i = 0; i < 3; ++i) {
    INFO("factor " << i + 1 << ": S " << s.first[i].value << ", ST " << s.total[i].value);
    CHECK(std::abs(s.first[i].value - ishigami_first[i]) < 4 * standard_error(s.first[i]) + 1e-4);
    CHECK(std::abs(s.total[i].value - ishigami_total[i]) < 4 * standard_error(s.total[i]) + 1e-4);
    CHECK(standard_error(s.first[i]) < 0.03);  // the intervals are informative at this size
  }
  CHECK(s.variance == Approx(13.8446).epsilon(0.05));  // a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2
}

TEST_CASE("Sobol indices of a linear model are its squared weights' shares",
          "[stats][sensitivity]") {
  const Function linear = [](const Eigen::RowVector3d& x) { return x[0] + 2 * x[1] + 3 * x[2]; };
  const SobolIndices s = sobol_indices(saltelli(linear, false, 4096, 3), {200, 1, 0.95});
  for (int i = 0; i < 3; ++i) {
    const double truth = (i + 1.0) * (i + 1.0) / 14;  // additive: S_i = ST_i
    INFO("factor " << i + 1);
    CHECK(std::abs(s.first[i].value - truth) < 4 * standard_error(s.first[i]) + 1e-4);
    CHECK(std::abs(s.total[i].value - truth) < 4 * standard_error(s.total[i]) + 1e-4);
  }
}

TEST_CASE("Sobol bootstrap intervals cover the truth at their nominal rate",
          "[stats][sensitivity]") {
  // 200 independent designs of 512 rows: each 95% interval should cover the true index in about
  // 190 of them. The count's standard error is sqrt(200 x 0.95 x 0.05) = 3.1, so 4 standard
  // errors below is 177.6: fewer than 178 covering is a failure of the intervals.
  constexpr int designs = 200;
  std::array<int, 3> first_covers{}, total_covers{};
  for (int d = 0; d < designs; ++d) {
    const auto o = saltelli(ishigami, true, 512, 1000 + static_cast<std::uint64_t>(d));
    const SobolIndices s = sobol_indices(o, {200, static_cast<std::uint64_t>(d), 0.95});
    for (int i = 0; i < 3; ++i) {
      first_covers[i] += covers(s.first[i], ishigami_first[i]);
      total_covers[i] += covers(s.total[i], ishigami_total[i]);
    }
  }
  for (int i = 0; i < 3; ++i) {
    INFO("factor " << i + 1 << ": S covered " << first_covers[i] << ", ST covered "
                   << total_covers[i] << " of " << designs);
    CHECK(first_covers[i] >= 178);
    CHECK(total_covers[i] >= 178);
  }
}

TEST_CASE("The same bootstrap seed gives the same intervals, another seed others",
          "[stats][sensitivity]") {
  const auto o = saltelli(ishigami, true, 256, 5);
  const SobolIndices once = sobol_indices(o, {150, 42, 0.95});
  const SobolIndices again = sobol_indices(o, {150, 42, 0.95});
  const SobolIndices other = sobol_indices(o, {150, 43, 0.95});
  for (int i = 0; i < 3; ++i) {
    CHECK(once.first[i].interval.low == again.first[i].interval.low);
    CHECK(once.total[i].interval.high == again.total[i].interval.high);
    CHECK(once.first[i].value == other.first[i].value);  // the estimate does not resample
  }
  CHECK(once.first[0].interval.low != other.first[0].interval.low);
}

TEST_CASE("Sobol estimation refuses what it cannot use", "[stats][sensitivity]") {
  auto o = saltelli(ishigami, true, 64, 5);
  CHECK_THROWS_AS(sobol_indices(o, {99, 0, 0.95}), std::invalid_argument);
  o.ab(3, 1) = std::numeric_limits<double>::quiet_NaN();  // a failed design point
  CHECK_THROWS_AS(sobol_indices(o, {100, 0, 0.95}), std::invalid_argument);
  SaltelliOutputs flat{Eigen::VectorXd::Ones(8), Eigen::VectorXd::Ones(8),
                       Eigen::MatrixXd::Ones(8, 2)};
  CHECK_THROWS_AS(sobol_indices(flat, {100, 0, 0.95}), std::invalid_argument);
}

namespace {

// r Morris trajectories on a 4-level grid, each factor moved once by +-2/3 in a random order.
Eigen::MatrixXd trajectories(int r, std::uint64_t seed) {
  boost::random::mt19937_64 engine(seed);
  boost::random::uniform_01<double> unit;
  constexpr double delta = 2.0 / 3;
  Eigen::MatrixXd points(r * 4, 3);
  for (int t = 0; t < r; ++t) {
    Eigen::RowVector3d x;
    for (int i = 0; i < 3; ++i) x[i] = std::floor(unit(engine) * 4) / 3;  // 0, 1/3, 2/3, 1
    std::array<int, 3> order{0, 1, 2};
    if (unit(engine) < 0.5) std::swap(order[0], order[2]);
    if (unit(engine) < 0.5) std::swap(order[1], order[2]);
    points.row(t * 4) = x;
    for (int s = 0; s < 3; ++s) {
      const int i = order[s];
      x[i] += x[i] + delta <= 1 ? delta : -delta;
      points.row(t * 4 + s + 1) = x;
    }
  }
  return points;
}

Eigen::VectorXd evaluate(const Function& f, const Eigen::MatrixXd& points) {
  Eigen::VectorXd y(points.rows());
  for (Eigen::Index j = 0; j < points.rows(); ++j) y[j] = f(points.row(j));
  return y;
}

}  // namespace

TEST_CASE("Morris effects of a linear model are its weights, with no spread",
          "[stats][sensitivity]") {
  const Function linear = [](const Eigen::RowVector3d& x) {
    return 2 * x[0] - 3 * x[1] + 0 * x[2];
  };
  const Eigen::MatrixXd points = trajectories(20, 9);
  const Eigen::MatrixXd effects = elementary_effects(points, evaluate(linear, points));
  const MorrisIndices m = morris_indices(effects, {100, 2, 0.95});
  const std::array<double, 3> weights{2, -3, 0};
  for (int i = 0; i < 3; ++i) {
    INFO("factor " << i + 1);
    CHECK(m.mu_star[i].value == Approx(std::abs(weights[i])).margin(1e-12));
    CHECK(m.mu[i] == Approx(weights[i]).margin(1e-12));
    CHECK(m.sigma[i].value == Approx(0).margin(1e-12));
    CHECK(m.mu_star[i].interval.low <= m.mu_star[i].value + 1e-12);
  }
}

TEST_CASE("Morris sigma shows an interaction that mu* alone would not", "[stats][sensitivity]") {
  // f = x1 x2 + x3: x1's effect is x2, which varies; x3's is 1 everywhere.
  const Function product = [](const Eigen::RowVector3d& x) { return x[0] * x[1] + x[2]; };
  const Eigen::MatrixXd points = trajectories(40, 4);
  const MorrisIndices m =
      morris_indices(elementary_effects(points, evaluate(product, points)), {200, 3, 0.95});
  CHECK(m.sigma[0].interval.low > 0.1);
  CHECK(m.sigma[2].value == Approx(0).margin(1e-12));
  CHECK(m.mu_star[2].value == Approx(1));
}

TEST_CASE("Trajectories that do not move one factor a step are refused", "[stats][sensitivity]") {
  Eigen::MatrixXd points = trajectories(2, 1);
  const Eigen::VectorXd y = Eigen::VectorXd::Zero(points.rows());
  CHECK_NOTHROW(elementary_effects(points, y));
  Eigen::MatrixXd still = points;
  still.row(2) = still.row(1);  // step 2 of trajectory 0 moves nothing
  CHECK_THROWS_AS(elementary_effects(still, y), std::invalid_argument);
  Eigen::MatrixXd twice = points;
  twice(1, 0) += 0.1, twice(1, 1) += 0.1;  // step 1 moves two factors (at least)
  CHECK_THROWS_AS(elementary_effects(twice, y), std::invalid_argument);
  CHECK_THROWS_AS(elementary_effects(points.topRows(7), y.head(7)), std::invalid_argument);
}

TEST_CASE("The noise check gives the noise share and the trials that would shrink it",
          "[stats][sensitivity]") {
  // Four points whose means vary with sample variance 1/3 x (9+1+1+9)/4 ... exactly 20/3.
  const Eigen::Vector4d means(-3, -1, 1, 3);
  const double observed = 20.0 / 3;
  const Eigen::Vector4d se2 = Eigen::Vector4d::Constant(observed / 4);  // a quarter is noise
  const NoiseCheck check = monte_carlo_noise(means, se2, 100, 0.05);
  CHECK(check.share == Approx(0.25));
  CHECK(check.large);
  // With n' trials the noise is (observed / 4) x 100 / n'; its share of (true + noise) is 5%.
  const double noise = observed / 4 * 100 / check.trials_needed;
  CHECK(noise / (observed * 3 / 4 + noise) == Approx(0.05));
  const NoiseCheck quiet = monte_carlo_noise(means, Eigen::Vector4d::Constant(0.01), 100, 0.05);
  CHECK_FALSE(quiet.large);
  CHECK(quiet.trials_needed < 100);
  const NoiseCheck all_noise = monte_carlo_noise(means, Eigen::Vector4d::Constant(10), 100, 0.05);
  CHECK(std::isinf(all_noise.trials_needed));
}
