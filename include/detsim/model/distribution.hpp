// The distribution forms as functions: each one's CDF and quantile function (inverse CDF). A drawn
// parameter is its quantile at a uniform U, so a design can feed exact quantiles, and two
// experiments that draw one parameter from neighbouring laws get neighbouring values.
#pragma once

#include <span>

#include "detsim/scenario/quantity.hpp"

namespace detsim {

// Arguments in the order of distribution_argument_names(kind); a constant has one, its value.

// F(x): P(X <= x). A truncated normal's window may be infinite on either side.
double cdf(DistributionKind kind, std::span<const double> args, double x);

// F^-1(u) for u in (0, 1), exactly as far as double precision and Boost.Math allow:
//   uniform [lo, hi]      lo + (hi - lo) u
//   beta {m, k}           boost::math::ibeta_inv(m k, (1 - m) k, u); its k -> 0 limit (a coin
//                         with P(1) = m: 0 below 1 - m, 1 above) only where Boost gives up
//   normal {m, s, a, b}   m + s Phi^-1(Phi(za) + u (Phi(zb) - Phi(za))), za = (a - m) / s, ...,
//                         from the upper tail when the window lies above the mean, clamped to
//                         [a, b]; a window beyond double precision's reach gives its end nearest m
//   triangular [a, c, b]  a + sqrt(u (b - a)(c - a)) below u = (c - a) / (b - a), else
//                         b - sqrt((1 - u)(b - a)(b - c))
double quantile(DistributionKind kind, std::span<const double> args, double u);

}  // namespace detsim
