// Boost.Math's beta functions under the policy each shape calls for.
#include "beta_functions.hpp"

#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/beta.hpp>

namespace detsim::detail {

namespace {

using InDouble = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

bool regular(double alpha, double beta) { return alpha >= 1.0 && beta >= 1.0; }

}  // namespace

double beta_cdf(double alpha, double beta, double x) {
  return regular(alpha, beta) ? boost::math::ibeta(alpha, beta, x, InDouble())
                              : boost::math::ibeta(alpha, beta, x);
}

double beta_density(double alpha, double beta, double x) {
  return regular(alpha, beta) ? boost::math::ibeta_derivative(alpha, beta, x, InDouble())
                              : boost::math::ibeta_derivative(alpha, beta, x);
}

double beta_inverse(double alpha, double beta, double u) {
  return regular(alpha, beta) ? boost::math::ibeta_inv(alpha, beta, u, InDouble())
                              : boost::math::ibeta_inv(alpha, beta, u);
}

}  // namespace detsim::detail
