// Sensitivity indices of a design's outputs: variance-based (Sobol) indices from a Saltelli
// design, elementary-effect (Morris) statistics from trajectories, each with seeded bootstrap
// intervals; and how much of the outputs' variance across design points is Monte Carlo noise.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "detsim/stats/intervals.hpp"

namespace detsim {

struct Estimate {
  double value = 0;
  Interval interval;  // percentile bootstrap
};

// Percentile bootstrap over the design's independent units (Saltelli base rows, Morris
// trajectories). The same seed gives the same intervals on every machine: draws come from
// Boost.Random, whose engines and distributions are specified, unlike the standard library's.
struct Bootstrap {
  int resamples = 200;  // at least 100
  std::uint64_t seed = 0;
  double level = 0.95;
};

// The outputs of a Saltelli design with N base rows and k factors: f(A) and f(B), N each, and
// f(AB_i) as column i of an N x k matrix, row j of AB_i being row j of A with factor i from B.
struct SaltelliOutputs {
  Eigen::VectorXd a, b;
  Eigen::MatrixXd ab;
};

struct SobolIndices {
  std::vector<Estimate> first;  // S_i: Saltelli et al. (2010), Table 2 (b), f(B) centred
  std::vector<Estimate> total;  // ST_i: Jansen (1999), Saltelli et al. (2010) Table 2 (f)
  double variance = 0;          // of the output over the rows of A and B together
};

// std::invalid_argument when the sizes disagree, N < 2, or a value is not finite.
SobolIndices sobol_indices(const SaltelliOutputs& outputs, const Bootstrap& bootstrap);

// Elementary effects of r Morris trajectories. `points` holds r blocks of k + 1 rows (unit-cube
// coordinates, one column per factor), each row after a block's first moving exactly one factor,
// each factor once; `outputs` one value per row. Row t, column i of the result is factor i's
// effect on trajectory t: (f(after) - f(before)) / (x_i after - x_i before).
// std::invalid_argument for any other shape.
Eigen::MatrixXd elementary_effects(const Eigen::MatrixXd& points, const Eigen::VectorXd& outputs);

struct MorrisIndices {
  std::vector<Estimate> mu_star;  // mean |EE| (Campolongo, Cariboni & Saltelli 2007)
  std::vector<Estimate> sigma;  // standard deviation of EE (Morris 1991): interaction or curvature
  std::vector<double> mu;       // mean EE: its sign is the direction
};

// From r x k elementary effects (r >= 2), resampling trajectories.
MorrisIndices morris_indices(const Eigen::MatrixXd& effects, const Bootstrap& bootstrap);

// A design point's output is a mean over its trials, so the outputs' variance across points is
// the true variance plus the points' mean squared standard error. The noise inflates the
// variance that every Sobol index divides by (and Jansen's total-effect numerator), biasing the
// indices; Morris effects take the noise of two points each.
struct NoiseCheck {
  double share = 0;          // mean squared standard error / variance of the outputs
  bool large = false;        // share above the target
  double trials_needed = 0;  // trials per point that would bring the share to the target
};

// point_means and squared_standard_errors: one per design point, each from trials_per_point
// trials. trials_needed is infinite when the outputs vary no more than their noise.
NoiseCheck monte_carlo_noise(const Eigen::VectorXd& point_means,
                             const Eigen::VectorXd& squared_standard_errors,
                             double trials_per_point, double target_share = 0.05);

}  // namespace detsim
