// BetaQuantileTable: an adaptive table of the beta CDF, inverted cell by cell.
#include "detsim/model/beta_table.hpp"

#include <algorithm>
#include <cmath>

#include "beta_functions.hpp"
#include "detsim/model/distribution.hpp"

namespace detsim {

namespace {

constexpr int kCoarseCells = 32;
constexpr int kMaxHalvings = 120;
// A tenth of the promised accuracy: the margin covers the rest of the cell, where the error of a
// quintic Hermite interpolant, t^3 (1 - t)^3 h^6 F^(6) / 720, is smaller for a smooth F.
constexpr double kMidpointTolerance = BetaQuantileTable::kAccuracy / 10;
// A cell with less mass than this cannot miss u by more, whatever the interpolant.
constexpr double kNegligibleMass = BetaQuantileTable::kAccuracy / 10;

// The density and its slope at the end x = 0 of a beta with this shape argument there (alpha;
// for the end x = 1, beta, and the slope's sign flips): 0, finite or infinite by the shape.
std::pair<double, double> density_at_zero(double shape, double other) {
  if (shape < 1.0) return {INFINITY, -INFINITY};
  if (shape == 1.0) return {other, -other * (other - 1.0)};  // other (1 - x)^(other - 1)
  if (shape < 2.0) return {0.0, INFINITY};
  return {0.0, shape == 2.0 ? other * (other + 1.0) : 0.0};
}

}  // namespace

BetaQuantileTable::BetaQuantileTable(double mean, double concentration)
    : mean_(mean),
      concentration_(concentration),
      alpha_(mean * concentration),
      beta_((1.0 - mean) * concentration) {
  Knot lo = knot(0.0);
  x_.push_back(lo.x);
  cdf_.push_back(lo.cdf);
  for (int i = 1; i <= kCoarseCells; ++i) {
    const Knot hi = knot(static_cast<double>(i) / kCoarseCells);
    refine(lo, hi, 0);
    lo = hi;
  }
}

BetaQuantileTable::Knot BetaQuantileTable::knot(double x) const {
  if (x <= 0.0) {
    const auto [density, slope] = density_at_zero(alpha_, beta_);
    return {0.0, 0.0, density, slope};
  }
  if (x >= 1.0) {
    const auto [density, slope] = density_at_zero(beta_, alpha_);
    return {1.0, 1.0, density, -slope};
  }
  const double density = detail::beta_density(alpha_, beta_, x);
  const double slope = density * ((alpha_ - 1.0) / x - (beta_ - 1.0) / (1.0 - x));
  return {x, detail::beta_cdf(alpha_, beta_, x), density, slope};
}

void BetaQuantileTable::refine(const Knot& lo, const Knot& hi, int depth) {
  if (hi.cdf - lo.cdf <= kNegligibleMass) return add_cell(lo, hi, false);
  const Knot mid = knot(0.5 * (lo.x + hi.x));
  const double h = hi.x - lo.x;
  const double quintic_mid = 0.5 * (lo.cdf + hi.cdf) + 5.0 / 32.0 * h * (lo.density - hi.density) +
                             h * h * (lo.slope + hi.slope) / 64.0;
  if (std::isfinite(quintic_mid) && std::abs(quintic_mid - mid.cdf) <= kMidpointTolerance) {
    return add_cell(lo, hi, false);
  }
  if (depth >= kMaxHalvings || mid.x <= lo.x || mid.x >= hi.x) return add_cell(lo, hi, true);
  refine(lo, mid, depth + 1);
  refine(mid, hi, depth + 1);
}

void BetaQuantileTable::add_cell(const Knot& lo, const Knot& hi, bool exact) {
  const double rise = hi.cdf - lo.cdf, h = hi.x - lo.x;
  const double d0 = h * lo.density, d1 = h * hi.density;
  const double c0 = h * h * lo.slope, c1 = h * h * hi.slope;
  std::array<double, 5> p{};
  if (exact) {
    p[0] = NAN;
  } else if (rise <= kNegligibleMass || !std::isfinite(d0 + d1 + c0 + c1)) {
    p[0] = rise;  // a cell of negligible mass: the straight line
  } else {
    // The quintic with values 0 and rise, first derivatives d0 and d1 and second derivatives
    // c0 and c1 at t = 0 and 1, in powers of t.
    p = {d0, c0 / 2, (20 * rise - 3 * c0 + c1 - 12 * d0 - 8 * d1) / 2,
         (-30 * rise + 3 * c0 - 2 * c1 + 16 * d0 + 14 * d1) / 2,
         (12 * rise - c0 + c1 - 6 * d0 - 6 * d1) / 2};
  }
  poly_.push_back(p);
  x_.push_back(hi.x);
  cdf_.push_back(hi.cdf);
}

std::size_t BetaQuantileTable::exact_cells() const {
  return static_cast<std::size_t>(
      std::count_if(poly_.begin(), poly_.end(), [](const auto& p) { return std::isnan(p[0]); }));
}

double BetaQuantileTable::quantile(double u) const {
  // The cell i with cdf_[i] <= u < cdf_[i + 1]: it has mass, since u lies inside it.
  const auto above = std::upper_bound(cdf_.begin(), cdf_.end(), u);
  const auto i = static_cast<std::size_t>(
      std::clamp<std::ptrdiff_t>(above - cdf_.begin() - 1, 0, std::ssize(poly_) - 1));
  const std::array<double, 5>& p = poly_[i];
  if (std::isnan(p[0])) {
    const double args[] = {mean_, concentration_};
    return detsim::quantile(DistributionKind::beta, args, u);
  }
  // Solve R(t) = u - F(x_i) for t in [0, 1], R rising from 0 to the cell's mass: Newton steps,
  // replaced by bisection whenever one would leave the bracket.
  const double target = u - cdf_[i], rise = cdf_[i + 1] - cdf_[i];
  double lo = 0.0, hi = 1.0;
  double t = std::clamp(target / rise, 0.0, 1.0);
  // Below this |R(t) - target| is rounding noise: stop there.
  const double resolution = 0x1.0p-52 * (std::abs(target) + rise);
  for (int iteration = 0; iteration < 100; ++iteration) {
    const double r = t * (p[0] + t * (p[1] + t * (p[2] + t * (p[3] + t * p[4])))) - target;
    if (std::abs(r) <= resolution) break;
    (r > 0 ? hi : lo) = t;
    const double slope = p[0] + t * (2 * p[1] + t * (3 * p[2] + t * (4 * p[3] + t * 5 * p[4])));
    const double step = r / slope;
    if (!(t - step > lo && t - step < hi)) {
      t = 0.5 * (lo + hi);
      if (hi - lo <= 0x1.0p-52) break;
    } else {
      t -= step;
      if (std::abs(step) <= 0x1.0p-52) break;  // converged to the last bits of t
    }
  }
  return std::clamp(x_[i] + t * (x_[i + 1] - x_[i]), x_[i], x_[i + 1]);
}

std::shared_ptr<const BetaQuantileTable> BetaTables::get(double mean, double concentration) {
  if (!build_) return nullptr;
  const std::lock_guard lock(mutex_);
  auto& entry = tables_[{mean, concentration}];
  if (auto table = entry.lock()) return table;
  auto table = std::make_shared<const BetaQuantileTable>(mean, concentration);
  entry = table;
  if (tables_.size() >= sweep_at_) {
    std::erase_if(tables_, [](const auto& e) { return e.second.expired(); });
    sweep_at_ = 2 * tables_.size() + 64;
  }
  return table;
}

}  // namespace detsim
