// Range membership and its description in messages.
#include "range.hpp"

#include <cmath>

#include "numbers.hpp"

namespace detsim::detail {

bool Range::contains(double value) const {
  if (std::isnan(value)) return false;
  if (std::isinf(value)) {
    if (!infinite_ok) return false;
    return value > 0 ? std::isinf(hi) && hi > 0 : std::isinf(lo) && lo < 0;
  }
  const bool above_lo = lo_open ? value > lo : value >= lo;
  const bool below_hi = hi_open ? value < hi : value <= hi;
  return above_lo && below_hi;
}

std::string Range::describe() const {
  const bool has_lo = std::isfinite(lo);
  const bool has_hi = std::isfinite(hi);
  std::string text;
  if (has_lo && has_hi) {
    text = std::string("must be in ") + (lo_open ? "(" : "[") + format_number(lo) + ", " +
           format_number(hi) + (hi_open ? ")" : "]");
  } else if (has_lo) {
    text = std::string("must be ") + (lo_open ? "> " : ">= ") + format_number(lo);
  } else if (has_hi) {
    text = std::string("must be ") + (hi_open ? "< " : "<= ") + format_number(hi);
  } else {
    return infinite_ok ? "must be a number" : "must be a finite number";
  }
  if (infinite_ok && !has_hi) text += " (.inf allowed)";
  if (infinite_ok && !has_lo) text += " (-.inf allowed)";
  return text;
}

std::string Range::describe_for(double value) const {
  if (std::isnan(value)) return describe() + " (.nan is not a number)";
  // An infinity beyond a finite bound is simply out of range; at an open end, say "finite".
  const bool unbounded_side = std::isinf(value) && std::isinf(value > 0 ? hi : lo);
  const bool says_finite = !std::isfinite(lo) && !std::isfinite(hi);
  if (unbounded_side && !infinite_ok && !says_finite) return describe() + " and finite";
  return describe();
}

}  // namespace detsim::detail
