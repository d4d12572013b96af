// Designs of experiments as points of the unit cube: a full grid, a Latin hypercube, Saltelli's
// Sobol sampling and Morris trajectories. What a coordinate means (a level, a place in a range, a
// quantile) is the study's business; this part only places the points and says their roles.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace detsim {

enum class DesignMethod { grid, latin_hypercube, sobol, morris };

const char* design_method_name(DesignMethod method);

struct DesignShape {
  DesignMethod method = DesignMethod::grid;
  // grid: the number of levels of each factor (the number of factors is its size otherwise too).
  std::vector<std::int64_t> levels;
  // latin_hypercube: points; sobol: N, a power of 2 (N (k + 2) points in all); morris: r, the
  // number of trajectories (r (k + 1) points).
  std::int64_t n = 0;
  std::int64_t morris_levels = 4;  // morris: p, even
  std::uint64_t seed = 0;          // latin_hypercube and morris: the permutations and starts
};

// One point: its unit-cube coordinates (one per factor, in [0, 1]; in (0, 1) for the Latin
// hypercube and Sobol) and its role in the design.
struct DesignPoint {
  std::vector<double> u;
  // grid: "grid"; latin_hypercube: "lhs"; sobol: "A", "B" or "AB_<i>" (i the 1-based factor whose
  // column comes from B); morris: "morris".
  std::string role;
  // sobol: the row j of A and B the point belongs to (0..N-1); otherwise the point's own index.
  std::int32_t base_row = 0;
  // morris: the trajectory (0..r-1) and the step in it (0..k; step s > 0 moved factor
  // moved_factor); -1 elsewhere.
  std::int32_t trajectory = -1;
  std::int32_t step = -1;
  std::int32_t moved_factor = -1;
};

// Every point of the design, in a fixed order: grid in odometer order (the last factor fastest);
// Sobol as A then B then AB_1 .. AB_k, each N rows; Morris trajectory by trajectory.
// Throws std::invalid_argument on a shape that makes no design (no factors, N not a power of 2,
// an odd p); the study reader checks these first and says where.
std::vector<DesignPoint> expand_design(const DesignShape& shape, std::size_t factors);

// The number of points expand_design gives, without making them.
std::int64_t design_point_count(const DesignShape& shape, std::size_t factors);

// Morris's step in the unit cube: p / (2 (p - 1)).
double morris_delta(std::int64_t levels);

// The first `count` points of Boost.Random's Sobol sequence in `dimension` dimensions, as
// doubles in (0, 1) (Boost leaves out the origin).
std::vector<std::vector<double>> sobol_sequence(std::size_t dimension, std::size_t count);

}  // namespace detsim
