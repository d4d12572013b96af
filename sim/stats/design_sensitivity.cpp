// A recorded design's points sorted into the matrices the Sobol and Morris estimators take.
#include "detsim/stats/design_sensitivity.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace detsim {

namespace {

constexpr double unset = std::numeric_limits<double>::quiet_NaN();

// The factor (0-based) of role "AB_<i>", or -1 for any other role.
Eigen::Index ab_factor(const std::string& role) {
  if (role.rfind("AB_", 0) != 0) return -1;
  int i = 0;
  const char* end = role.data() + role.size();
  const auto [stop, error] = std::from_chars(role.data() + 3, end, i);
  if (error != std::errc() || stop != end || i < 1) return -1;
  return i - 1;
}

void require_size(const DesignRows& d, const Eigen::VectorXd& outputs) {
  const auto points = static_cast<std::size_t>(d.u.rows());
  if (d.role.size() != points || d.base_row.size() != points || d.trajectory.size() != points ||
      d.step.size() != points || static_cast<std::size_t>(outputs.size()) != points) {
    throw std::invalid_argument("the design's columns and the outputs differ in length");
  }
}

}  // namespace

SobolIndices sobol_of_design(const DesignRows& d, const Eigen::VectorXd& outputs,
                             const Bootstrap& bootstrap) {
  require_size(d, outputs);
  const Eigen::Index k = d.u.cols();
  Eigen::Index n = 0;
  for (const std::string& role : d.role) n += role == "A";
  SaltelliOutputs o{Eigen::VectorXd::Constant(n, unset), Eigen::VectorXd::Constant(n, unset),
                    Eigen::MatrixXd::Constant(n, k, unset)};
  for (std::size_t p = 0; p < d.role.size(); ++p) {
    const std::int32_t j = d.base_row[p];
    if (j < 0 || j >= n) throw std::invalid_argument("a Saltelli point's base row is out of range");
    const std::string& role = d.role[p];
    const Eigen::Index i = ab_factor(role);
    double* cell = role == "A"       ? &o.a[j]
                   : role == "B"     ? &o.b[j]
                   : i >= 0 && i < k ? &o.ab(j, i)
                                     : nullptr;
    if (!cell) throw std::invalid_argument("'" + role + "' is not a role of Saltelli's design");
    if (!std::isnan(*cell)) throw std::invalid_argument("two points share a Saltelli cell");
    *cell = outputs[static_cast<Eigen::Index>(p)];
  }
  // A cell never filled stays NaN, which sobol_indices refuses as a non-finite output.
  return sobol_indices(o, bootstrap);
}

MorrisIndices morris_of_design(const DesignRows& d, const Eigen::VectorXd& outputs,
                               const Bootstrap& bootstrap) {
  require_size(d, outputs);
  const Eigen::Index k = d.u.cols();
  std::int32_t r = 0;
  for (const std::int32_t t : d.trajectory) r = std::max(r, t + 1);
  Eigen::MatrixXd points = Eigen::MatrixXd::Constant(r * (k + 1), k, unset);
  Eigen::VectorXd y = Eigen::VectorXd::Constant(r * (k + 1), unset);
  for (std::size_t p = 0; p < d.role.size(); ++p) {
    const std::int32_t t = d.trajectory[p], s = d.step[p];
    if (t < 0 || s < 0 || s > k)
      throw std::invalid_argument("a Morris point's step is out of range");
    const Eigen::Index row = t * (k + 1) + s;
    if (!std::isnan(y[row])) throw std::invalid_argument("two points share a Morris step");
    points.row(row) = d.u.row(static_cast<Eigen::Index>(p));
    y[row] = outputs[static_cast<Eigen::Index>(p)];
  }
  if (!points.allFinite()) throw std::invalid_argument("a Morris trajectory lacks a step");
  return morris_indices(elementary_effects(points, y), bootstrap);
}

}  // namespace detsim
