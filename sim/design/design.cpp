// expand_design: the points of each method, in the order and with the roles design.hpp states.
#include "detsim/design/design.hpp"

#include <boost/random/sobol.hpp>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "detsim/model/random_stream.hpp"

namespace detsim {

namespace {

bool power_of_two(std::int64_t n) { return n > 0 && (n & (n - 1)) == 0; }

void check(const DesignShape& shape, std::size_t factors) {
  if (factors == 0) throw std::invalid_argument("a design needs at least one factor");
  switch (shape.method) {
    case DesignMethod::grid:
      if (shape.levels.size() != factors)
        throw std::invalid_argument("a grid needs a number of levels for every factor");
      for (const std::int64_t l : shape.levels)
        if (l < 1) throw std::invalid_argument("a grid factor needs at least one level");
      break;
    case DesignMethod::latin_hypercube:
      if (shape.n < 1) throw std::invalid_argument("a Latin hypercube needs n >= 1 points");
      break;
    case DesignMethod::sobol:
      if (!power_of_two(shape.n)) throw std::invalid_argument("Sobol sampling needs N = 2^m");
      break;
    case DesignMethod::morris:
      if (shape.n < 1) throw std::invalid_argument("Morris needs at least one trajectory");
      if (shape.morris_levels < 2 || shape.morris_levels % 2 != 0)
        throw std::invalid_argument("Morris needs an even number of levels p >= 2");
      break;
  }
}

std::vector<DesignPoint> grid(const DesignShape& shape, std::size_t k) {
  std::vector<DesignPoint> points;
  std::vector<std::int64_t> level(k, 0);
  const std::int64_t count = design_point_count(shape, k);
  for (std::int64_t p = 0; p < count; ++p) {
    DesignPoint point;
    point.role = "grid";
    point.base_row = static_cast<std::int32_t>(p);
    // The middle of the level's stratum: a levels factor maps u to level floor(u * levels).
    for (std::size_t f = 0; f < k; ++f)
      point.u.push_back((static_cast<double>(level[f]) + 0.5) /
                        static_cast<double>(shape.levels[f]));
    points.push_back(std::move(point));
    for (std::size_t f = k; f-- > 0;) {  // odometer: the last factor turns fastest
      if (++level[f] < shape.levels[f]) break;
      level[f] = 0;
    }
  }
  return points;
}

// Factor f's n values fall one in each stratum [i/n, (i+1)/n): a permutation of the strata (Fisher
// and Yates) and a uniform place in each, from the design's own stream for that factor.
std::vector<DesignPoint> latin_hypercube(const DesignShape& shape, std::size_t k) {
  const auto n = static_cast<std::size_t>(shape.n);
  std::vector<DesignPoint> points(n);
  for (std::size_t i = 0; i < n; ++i) {
    points[i].role = "lhs";
    points[i].base_row = static_cast<std::int32_t>(i);
    points[i].u.resize(k);
  }
  for (std::size_t f = 0; f < k; ++f) {
    RandomStream stream(shape.seed, 0, StreamPurpose::design, stream_key("latin_hypercube"), f);
    std::vector<std::size_t> stratum(n);
    std::iota(stratum.begin(), stratum.end(), 0);
    for (std::size_t i = n; i > 1; --i) {
      const auto j = static_cast<std::size_t>(stream.uniform() * static_cast<double>(i));
      std::swap(stratum[i - 1], stratum[std::min(j, i - 1)]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      points[i].u[f] =
          (static_cast<double>(stratum[i]) + stream.uniform()) / static_cast<double>(n);
    }
  }
  return points;
}

// Saltelli (2002, 2010): A and B are the first and last k coordinates of the same N points of a
// 2k-dimensional Sobol sequence; AB_i is A with column i taken from B. The estimators of first
// and total indices need exactly these N (k + 2) points.
std::vector<DesignPoint> saltelli(const DesignShape& shape, std::size_t k) {
  const auto n = static_cast<std::size_t>(shape.n);
  const auto sequence = sobol_sequence(2 * k, n);
  std::vector<DesignPoint> points;
  points.reserve(n * (k + 2));
  const auto add = [&](std::string role, std::size_t j, std::vector<double> u) {
    DesignPoint point;
    point.role = std::move(role);
    point.base_row = static_cast<std::int32_t>(j);
    point.u = std::move(u);
    points.push_back(std::move(point));
  };
  for (std::size_t j = 0; j < n; ++j)
    add("A", j, {sequence[j].begin(), sequence[j].begin() + static_cast<std::ptrdiff_t>(k)});
  for (std::size_t j = 0; j < n; ++j)
    add("B", j, {sequence[j].begin() + static_cast<std::ptrdiff_t>(k), sequence[j].end()});
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      std::vector<double> u(sequence[j].begin(),
                            sequence[j].begin() + static_cast<std::ptrdiff_t>(k));
      u[i] = sequence[j][k + i];
      add("AB_" + std::to_string(i + 1), j, std::move(u));
    }
  }
  return points;
}

// Morris (1991): each trajectory starts at a random point of the p-level grid {0, 1/(p-1), .., 1}
// from which every factor can move by Delta = p / (2 (p - 1)) one way or the other, then moves the
// factors one at a time in a random order, up by Delta where that stays in [0, 1], else down.
std::vector<DesignPoint> morris(const DesignShape& shape, std::size_t k) {
  const std::int64_t p = shape.morris_levels;
  const std::int64_t jump = p / 2;  // Delta in grid steps
  std::vector<DesignPoint> points;
  for (std::int64_t t = 0; t < shape.n; ++t) {
    RandomStream stream(shape.seed, 0, StreamPurpose::design, stream_key("morris"),
                        static_cast<std::uint64_t>(t));
    std::vector<std::int64_t> level(k);
    for (std::size_t f = 0; f < k; ++f)
      level[f] = std::min<std::int64_t>(
          p - 1, static_cast<std::int64_t>(stream.uniform() * static_cast<double>(p)));
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = k; i > 1; --i) {
      const auto j = static_cast<std::size_t>(stream.uniform() * static_cast<double>(i));
      std::swap(order[i - 1], order[std::min(j, i - 1)]);
    }
    const auto emit = [&](std::int32_t step, std::int32_t moved) {
      DesignPoint point;
      point.role = "morris";
      point.base_row = static_cast<std::int32_t>(points.size());
      point.trajectory = static_cast<std::int32_t>(t);
      point.step = step;
      point.moved_factor = moved;
      for (const std::int64_t l : level)
        point.u.push_back(static_cast<double>(l) / static_cast<double>(p - 1));
      points.push_back(std::move(point));
    };
    emit(0, -1);
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t f = order[s];
      level[f] += level[f] + jump <= p - 1 ? jump : -jump;
      emit(static_cast<std::int32_t>(s + 1), static_cast<std::int32_t>(f));
    }
  }
  return points;
}

}  // namespace

const char* design_method_name(DesignMethod method) {
  switch (method) {
    case DesignMethod::grid: return "grid";
    case DesignMethod::latin_hypercube: return "latin_hypercube";
    case DesignMethod::sobol: return "sobol";
    case DesignMethod::morris: return "morris";
  }
  return "?";
}

double morris_delta(std::int64_t levels) {
  return static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
}

std::int64_t design_point_count(const DesignShape& shape, std::size_t factors) {
  switch (shape.method) {
    case DesignMethod::grid: {
      std::int64_t count = 1;
      for (const std::int64_t l : shape.levels) count *= l;
      return count;
    }
    case DesignMethod::latin_hypercube: return shape.n;
    case DesignMethod::sobol: return shape.n * static_cast<std::int64_t>(factors + 2);
    case DesignMethod::morris: return shape.n * static_cast<std::int64_t>(factors + 1);
  }
  return 0;
}

std::vector<DesignPoint> expand_design(const DesignShape& shape, std::size_t factors) {
  check(shape, factors);
  switch (shape.method) {
    case DesignMethod::grid: return grid(shape, factors);
    case DesignMethod::latin_hypercube: return latin_hypercube(shape, factors);
    case DesignMethod::sobol: return saltelli(shape, factors);
    case DesignMethod::morris: return morris(shape, factors);
  }
  return {};
}

std::vector<std::vector<double>> sobol_sequence(std::size_t dimension, std::size_t count) {
  boost::random::sobol engine(dimension);
  std::vector<std::vector<double>> points(count, std::vector<double>(dimension));
  // Boost returns 64-bit integers: x / 2^64 is the coordinate exactly (Sobol points are dyadic
  // rationals with far fewer than 53 bits for any N a run can reach).
  for (auto& point : points)
    for (double& x : point) x = std::ldexp(static_cast<double>(engine()), -64);
  return points;
}

}  // namespace detsim
