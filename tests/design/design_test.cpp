// Design expansion: grid counts and order, Latin hypercube strata, Sobol points against a
// published reference, Saltelli's A/B/AB_i structure and Morris trajectories.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "detsim/design/design.hpp"

using namespace detsim;

TEST_CASE("a grid has the product of the level counts, the last factor turning fastest") {
  DesignShape shape;
  shape.method = DesignMethod::grid;
  shape.levels = {3, 2, 4};
  const auto points = expand_design(shape, 3);
  REQUIRE(points.size() == 24);
  CHECK(design_point_count(shape, 3) == 24);
  // Every combination once: u is the middle of the level's stratum, (level + 1/2) / levels.
  std::set<std::vector<int>> combinations;
  for (const DesignPoint& p : points) {
    std::vector<int> level;
    for (std::size_t f = 0; f < 3; ++f) level.push_back(static_cast<int>(p.u[f] * shape.levels[f]));
    combinations.insert(level);
    CHECK(p.role == "grid");
  }
  CHECK(combinations.size() == 24);
  CHECK(points[0].u == std::vector<double>{1.0 / 6, 1.0 / 4, 1.0 / 8});
  CHECK(points[1].u == std::vector<double>{1.0 / 6, 1.0 / 4, 3.0 / 8});
  CHECK(points[4].u == std::vector<double>{1.0 / 6, 3.0 / 4, 1.0 / 8});
  CHECK(points[8].u == std::vector<double>{3.0 / 6, 1.0 / 4, 1.0 / 8});
}

TEST_CASE("each factor of a Latin hypercube has one value in each of its n strata") {
  DesignShape shape;
  shape.method = DesignMethod::latin_hypercube;
  shape.n = 50;
  shape.seed = 11;
  const auto points = expand_design(shape, 4);
  REQUIRE(points.size() == 50);
  for (std::size_t f = 0; f < 4; ++f) {
    std::vector<int> hits(50, 0);
    for (const DesignPoint& p : points) {
      REQUIRE(p.u[f] > 0);
      REQUIRE(p.u[f] < 1);
      ++hits[static_cast<std::size_t>(p.u[f] * 50)];
    }
    CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
  }
  // The factors are permuted independently (not the same column four times), and the same seed
  // gives the same design, another seed another.
  std::vector<double> column0, column1;
  for (const DesignPoint& p : points) {
    column0.push_back(p.u[0]);
    column1.push_back(p.u[1]);
  }
  CHECK(column0 != column1);
  CHECK(expand_design(shape, 4)[7].u == points[7].u);
  shape.seed = 12;
  CHECK(expand_design(shape, 4)[7].u != points[7].u);
}

TEST_CASE("the Sobol sequence equals Joe and Kuo's for its first points in dimensions 1 to 6") {
  // Joe & Kuo (2008), direction numbers new-joe-kuo-6.21201, Gray-code order, origin left out;
  // the same values are printed by scipy.stats.qmc.Sobol(d=6, scramble=False).random(9)[1:]
  // (SciPy 1.10, Debian 12), an implementation independent of Boost's.
  const std::vector<std::vector<double>> reference{
      {0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
      {0.75, 0.25, 0.25, 0.25, 0.75, 0.75},
      {0.25, 0.75, 0.75, 0.75, 0.25, 0.25},
      {0.375, 0.375, 0.625, 0.875, 0.375, 0.125},
      {0.875, 0.875, 0.125, 0.375, 0.875, 0.625},
      {0.625, 0.125, 0.875, 0.625, 0.625, 0.875},
      {0.125, 0.625, 0.375, 0.125, 0.125, 0.375},
      {0.1875, 0.3125, 0.9375, 0.4375, 0.5625, 0.3125},
  };
  CHECK(sobol_sequence(6, reference.size()) == reference);
  // A lower dimension is the same sequence's first coordinates.
  const auto four = sobol_sequence(4, reference.size());
  for (std::size_t i = 0; i < reference.size(); ++i) {
    CHECK(four[i] == std::vector<double>(reference[i].begin(), reference[i].begin() + 4));
  }
}

TEST_CASE("Saltelli sampling gives A, B and AB_i from the 2k-dimensional Sobol points") {
  DesignShape shape;
  shape.method = DesignMethod::sobol;
  shape.n = 8;
  const std::size_t k = 3;
  const auto points = expand_design(shape, k);
  REQUIRE(points.size() == 8 * (k + 2));
  const auto sequence = sobol_sequence(2 * k, 8);
  for (std::size_t j = 0; j < 8; ++j) {
    const DesignPoint& a = points[j];
    const DesignPoint& b = points[8 + j];
    CHECK(a.role == "A");
    CHECK(b.role == "B");
    CHECK(a.base_row == static_cast<int>(j));
    CHECK(b.base_row == static_cast<int>(j));
    for (std::size_t f = 0; f < k; ++f) {
      CHECK(a.u[f] == sequence[j][f]);
      CHECK(b.u[f] == sequence[j][k + f]);
    }
    for (std::size_t i = 0; i < k; ++i) {
      const DesignPoint& ab = points[(2 + i) * 8 + j];
      CHECK(ab.role == "AB_" + std::to_string(i + 1));
      CHECK(ab.base_row == static_cast<int>(j));
      // A's row with column i from B's.
      for (std::size_t f = 0; f < k; ++f) CHECK(ab.u[f] == (f == i ? b.u[f] : a.u[f]));
    }
  }
  shape.n = 12;
  CHECK_THROWS_AS(expand_design(shape, k), std::invalid_argument);
}

TEST_CASE("a Morris trajectory moves one factor per step by Delta on the p-level grid") {
  DesignShape shape;
  shape.method = DesignMethod::morris;
  shape.n = 20;
  shape.morris_levels = 6;
  shape.seed = 3;
  const std::size_t k = 4;
  const auto points = expand_design(shape, k);
  REQUIRE(points.size() == 20 * (k + 1));
  const double delta = morris_delta(6);
  CHECK(delta == Approx(0.6));
  std::set<double> starts;
  for (std::size_t t = 0; t < 20; ++t) {
    std::set<int> moved;
    for (std::size_t s = 0; s <= k; ++s) {
      const DesignPoint& p = points[t * (k + 1) + s];
      CHECK(p.trajectory == static_cast<int>(t));
      CHECK(p.step == static_cast<int>(s));
      for (double u : p.u) {
        // On the grid {0, 1/5, ..., 1}.
        CHECK(std::abs(u * 5 - std::round(u * 5)) < 1e-12);
        CHECK(u >= 0);
        CHECK(u <= 1);
      }
      if (s == 0) {
        CHECK(p.moved_factor == -1);
        starts.insert(p.u[0]);
        continue;
      }
      const DesignPoint& before = points[t * (k + 1) + s - 1];
      moved.insert(p.moved_factor);
      for (std::size_t f = 0; f < k; ++f) {
        if (static_cast<int>(f) == p.moved_factor) {
          CHECK(std::abs(p.u[f] - before.u[f]) == Approx(delta));
        } else {
          CHECK(p.u[f] == before.u[f]);
        }
      }
    }
    CHECK(moved.size() == k);  // every factor moves once
  }
  CHECK(starts.size() > 1);  // starts are drawn, not all the same
  shape.morris_levels = 5;
  CHECK_THROWS_AS(expand_design(shape, k), std::invalid_argument);
}
