// The beta law's special functions at the precision and speed the model needs, with shape
// arguments alpha and beta. Private to sim/model.
#pragma once

namespace detsim::detail {

// Boost.Math computes in double where both shapes are at least 1: its default promotes doubles
// to long double inside ibeta and ibeta_inv, which costs ten times as much (30 ns against 440
// for ibeta(4, 4, x); 0.6 us against 4.6 for ibeta_inv) for agreement in the last two bits.
// Below 1, where quantiles reach into the subnormal numbers, the default's precision is kept.
double beta_cdf(double alpha, double beta, double x);      // x in (0, 1)
double beta_density(double alpha, double beta, double x);  // x in (0, 1)
double beta_inverse(double alpha, double beta, double u);  // u in (0, 1); throws where Boost does

}  // namespace detsim::detail
