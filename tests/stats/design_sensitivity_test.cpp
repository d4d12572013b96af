// Sensitivity indices through a recorded design: the designs' own points (Sobol sequence,
// Saltelli's roles, Morris trajectories) sorted back into the estimators' matrices, on functions
// whose indices are known; the order of the rows does not matter.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <numeric>

#include "detsim/design/design.hpp"
#include "detsim/stats/design_sensitivity.hpp"

using namespace detsim;

namespace {

DesignRows rows_of(const std::vector<DesignPoint>& points, std::size_t factors) {
  DesignRows d;
  d.u.resize(static_cast<Eigen::Index>(points.size()), static_cast<Eigen::Index>(factors));
  for (std::size_t p = 0; p < points.size(); ++p) {
    d.role.push_back(points[p].role);
    d.base_row.push_back(points[p].base_row);
    d.trajectory.push_back(points[p].trajectory);
    d.step.push_back(points[p].step);
    for (std::size_t i = 0; i < factors; ++i) {
      d.u(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(i)) = points[p].u[i];
    }
  }
  return d;
}

// The rows in reverse order, as a reader that sorted them otherwise would hand them over.
DesignRows reversed(const DesignRows& d, Eigen::VectorXd& outputs) {
  DesignRows r = d;
  const Eigen::Index n = d.u.rows();
  for (Eigen::Index p = 0; p < n; ++p) {
    const auto q = static_cast<std::size_t>(n - 1 - p);
    r.role[static_cast<std::size_t>(p)] = d.role[q];
    r.base_row[static_cast<std::size_t>(p)] = d.base_row[q];
    r.trajectory[static_cast<std::size_t>(p)] = d.trajectory[q];
    r.step[static_cast<std::size_t>(p)] = d.step[q];
    r.u.row(p) = d.u.row(static_cast<Eigen::Index>(q));
  }
  outputs.reverseInPlace();
  return r;
}

double ishigami(const Eigen::RowVectorXd& u) {
  constexpr double pi = 3.14159265358979323846;
  const Eigen::RowVectorXd x = (u.array() * 2 * pi - pi).matrix();
  return std::sin(x[0]) + 7 * std::pow(std::sin(x[1]), 2) +
         0.1 * std::pow(x[2], 4) * std::sin(x[0]);
}

double standard_error(const Estimate& e) { return (e.interval.high - e.interval.low) / (2 * kZ95); }

}  // namespace

TEST_CASE("Sobol indices of Ishigami from a Saltelli design's own points", "[stats][sensitivity]") {
  DesignShape shape;
  shape.method = DesignMethod::sobol;
  shape.n = 4096;
  const auto points = expand_design(shape, 3);
  const DesignRows design = rows_of(points, 3);
  Eigen::VectorXd y(design.u.rows());
  for (Eigen::Index p = 0; p < y.size(); ++p) y[p] = ishigami(design.u.row(p));
  const SobolIndices s = sobol_of_design(design, y, {200, 1, 0.95});
  constexpr std::array<double, 3> first{0.3139, 0.4424, 0.0}, total{0.5576, 0.4424, 0.2437};
  for (int i = 0; i < 3; ++i) {
    INFO("factor " << i + 1 << ": S " << s.first[i].value << ", ST " << s.total[i].value);
    CHECK(std::abs(s.first[i].value - first[i]) < 4 * standard_error(s.first[i]) + 1e-4);
    CHECK(std::abs(s.total[i].value - total[i]) < 4 * standard_error(s.total[i]) + 1e-4);
  }
  Eigen::VectorXd y_reversed = y;
  const DesignRows backwards = reversed(design, y_reversed);
  const SobolIndices again = sobol_of_design(backwards, y_reversed, {200, 1, 0.95});
  for (int i = 0; i < 3; ++i) CHECK(again.first[i].value == s.first[i].value);
}

TEST_CASE("Morris statistics of a linear model from a Morris design's own trajectories",
          "[stats][sensitivity]") {
  DesignShape shape;
  shape.method = DesignMethod::morris;
  shape.n = 12;
  shape.morris_levels = 4;
  shape.seed = 3;
  const DesignRows design = rows_of(expand_design(shape, 3), 3);
  Eigen::VectorXd y(design.u.rows());
  for (Eigen::Index p = 0; p < y.size(); ++p) {
    y[p] = 3 * design.u(p, 0) - 1 * design.u(p, 1) + 0.5 * design.u(p, 2);
  }
  Eigen::VectorXd y_reversed = y;
  const DesignRows backwards = reversed(design, y_reversed);
  for (const MorrisIndices& m : {morris_of_design(design, y, {100, 1, 0.95}),
                                 morris_of_design(backwards, y_reversed, {100, 1, 0.95})}) {
    CHECK(m.mu_star[0].value == Approx(3));
    CHECK(m.mu[1] == Approx(-1));
    CHECK(m.mu_star[2].value == Approx(0.5));
    CHECK(m.sigma[0].value == Approx(0).margin(1e-9));
  }
}

TEST_CASE("A design whose points do not fill Saltelli's matrices is refused",
          "[stats][sensitivity]") {
  DesignShape shape;
  shape.method = DesignMethod::sobol;
  shape.n = 8;
  DesignRows design = rows_of(expand_design(shape, 2), 2);
  Eigen::VectorXd y = Eigen::VectorXd::LinSpaced(design.u.rows(), 0, 1);
  CHECK_NOTHROW(sobol_of_design(design, y, {100, 0, 0.95}));
  design.role[3] = "AB_7";  // no seventh factor
  CHECK_THROWS_AS(sobol_of_design(design, y, {100, 0, 0.95}), std::invalid_argument);
  design.role[3] = design.role[0];  // a second point in row 0's A cell
  design.base_row[3] = design.base_row[0];
  CHECK_THROWS_AS(sobol_of_design(design, y, {100, 0, 0.95}), std::invalid_argument);
  y[0] = std::nan("");  // a failed point
  DesignRows intact = rows_of(expand_design(shape, 2), 2);
  CHECK_THROWS_AS(sobol_of_design(intact, y, {100, 0, 0.95}), std::invalid_argument);
}
