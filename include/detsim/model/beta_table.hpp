// A beta's quantile function from a table of its CDF, for a beta whose arguments are the same in
// every trial: Boost's ibeta_inv costs microseconds per draw (more than all the rest of a trial),
// a lookup in the table tens of nanoseconds.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace detsim {

// Knots x_0 = 0 < ... < x_n = 1 carry the CDF F, the density f and its slope f'. Within a cell F
// is the quintic Hermite interpolant of (F, f, f') at its ends; a draw finds the cell holding u
// by binary search and solves the quintic for u by safeguarded Newton steps. Cells are halved,
// starting from 32, until the quintic matches F at the cell's midpoint (where its error peaks) to
// 1e-13, or the cell holds less than 1e-13 of the mass (then a straight line serves). A cell next
// to an infinite density (a shape argument below 1) that still holds more mass after 120
// halvings is answered by ibeta_inv. The table is a function of (mean, concentration) alone, so
// a draw never depends on which plan built it or whether another shared it.
class BetaQuantileTable {
 public:
  // |F(quantile(u)) - u| <= kAccuracy for every u in (0, 1), F the exact CDF, or no double is
  // nearer the exact quantile (near an infinite density doubles are too coarse for 1e-12);
  // tests/model/beta_table_test.cpp checks it against boost::math::ibeta.
  static constexpr double kAccuracy = 1e-12;

  BetaQuantileTable(double mean, double concentration);

  double quantile(double u) const;
  std::size_t cells() const { return poly_.size(); }
  // Cells answered by ibeta_inv (none unless a shape argument is well below 1).
  std::size_t exact_cells() const;

 private:
  struct Knot {
    double x, cdf, density, slope;
  };
  Knot knot(double x) const;
  void refine(const Knot& lo, const Knot& hi, int depth);
  void add_cell(const Knot& lo, const Knot& hi, bool exact);

  double mean_, concentration_, alpha_, beta_;
  std::vector<double> x_, cdf_;  // knots
  // Per cell, F(x_i + t h) = cdf_[i] + sum of p[k] t^k for k = 1..5; p[0] NaN for a cell answered
  // by ibeta_inv.
  std::vector<std::array<double, 5>> poly_;
};

// Tables shared by every parameter plan that asks for the same arguments. Safe to use from any
// thread. It keeps no table alive by itself: a table lives as long as some plan holds it, so
// memory follows the experiments in use, not every experiment ever compiled.
class BetaTables {
 public:
  // build = false: an outline, whose get() gives no table (null), for plans compiled only to
  // learn their parameters' names and constants and never drawn from, so that no table is built
  // for nothing (a quantile without a table is computed directly).
  explicit BetaTables(bool build = true) : build_(build) {}
  std::shared_ptr<const BetaQuantileTable> get(double mean, double concentration);

 private:
  std::mutex mutex_;
  std::map<std::pair<double, double>, std::weak_ptr<const BetaQuantileTable>> tables_;
  std::size_t sweep_at_ = 64;  // map size at which expired entries are next swept out
  bool build_;
};

}  // namespace detsim
