// The values a numeric field allows, and the words that say so in error messages.
#pragma once

#include <limits>
#include <string>

namespace detsim::detail {

struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;
  // Whether .inf / -.inf are values (at an unbounded end); otherwise numbers must be finite.
  bool infinite_ok = false;

  static Range closed(double a, double b) { return {a, b, false, false, false}; }
  static Range open(double a, double b) { return {a, b, true, true, false}; }
  static Range above(double a) { return {a, std::numeric_limits<double>::infinity(), true}; }
  static Range at_least(double a) { return {a, std::numeric_limits<double>::infinity()}; }
  static Range any() { return {}; }
  Range with_infinity(bool ok = true) const {
    Range r = *this;
    r.infinite_ok = ok;
    return r;
  }

  bool contains(double value) const;
  // "must be in [0, 1]", "must be > 0", "must be >= 0 (or .inf)", "must be a finite number";
  // `value` adds "and finite" or "not .nan" when that is what is wrong with it.
  std::string describe() const;
  std::string describe_for(double value) const;
};

}  // namespace detsim::detail
