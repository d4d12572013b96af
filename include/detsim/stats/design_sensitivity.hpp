// Sensitivity indices of a design's outputs, from the design as a results file records it
// (/design: each point's role, base row, trajectory, step and unit-cube coordinates): the
// points sorted into Saltelli's A, B and AB_i matrices, or into Morris trajectories.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "detsim/stats/sensitivity.hpp"

namespace detsim {

// /design as read, one entry per design point.
struct DesignRows {
  std::vector<std::string> role;  // "A", "B", "AB_<i>" (1-based i), "morris", ...
  std::vector<std::int32_t> base_row;
  std::vector<std::int32_t> trajectory;
  std::vector<std::int32_t> step;
  Eigen::MatrixXd u;  // points x factors
};

// For a Saltelli design: outputs[p] is point p's output. std::invalid_argument when the roles do
// not make complete A, B and AB_i matrices over the same base rows.
SobolIndices sobol_of_design(const DesignRows& design, const Eigen::VectorXd& outputs,
                             const Bootstrap& bootstrap);

// For a Morris design: the trajectories' points in step order, their elementary effects and
// statistics. std::invalid_argument when a trajectory lacks a step.
MorrisIndices morris_of_design(const DesignRows& design, const Eigen::VectorXd& outputs,
                               const Bootstrap& bootstrap);

}  // namespace detsim
