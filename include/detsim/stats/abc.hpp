// The arithmetic of approximate Bayesian computation by population Monte Carlo (Beaumont,
// Cornuet, Marin & Robert 2009), with particles in the prior's unit cube (each coordinate the
// prior's CDF at the value), where the prior is uniform: the weights need no prior density.
// Random numbers come from the caller (sim/cli/calibrate_*.cpp), so these are pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <Eigen/Dense>

namespace detsim::abc {

// Kish's effective sample size of weights (normalised or not): (sum w)^2 / sum w^2.
double effective_sample_size(std::span<const double> weights);

// The weighted covariance of points (rows), weights normalised to sum 1, with the unbiased
// reliability correction 1 / (1 - sum w^2) (0 when one particle holds all the weight).
Eigen::MatrixXd weighted_covariance(const Eigen::MatrixXd& points, std::span<const double> weights);

// ABC-PMC's importance weights of new points drawn from the previous generation (points, weights)
// perturbed by a Gaussian kernel of covariance `kernel`, each redrawn (parent and step) until it
// fell inside the unit cube, so the proposal's normalising constant is the same for every point
// and cancels: w_i = 1 / sum_j weights_j phi(new_i; old_j, kernel), normalised to sum 1.
std::vector<double> pmc_weights(const Eigen::MatrixXd& new_points,
                                const Eigen::MatrixXd& old_points,
                                std::span<const double> old_weights, const Eigen::MatrixXd& kernel);

// The q-quantile of values under weights (normalised or not): the smallest value whose
// cumulative weight reaches q.
double weighted_quantile(std::span<const double> values, std::span<const double> weights, double q);

// F^-1(u) of Binomial(n, p): the smallest k with P(K <= k) >= u.
std::int64_t binomial_quantile(std::int64_t n, double p, double u);

// The posterior predictive of a count at n: the mixture of Binomial(n, p_j) with weights w_j.
// Returns the q-quantile of the count divided by n.
double binomial_mixture_quantile(std::span<const double> p, std::span<const double> weights,
                                 std::int64_t n, double q);

// How far a simulated count is from the observed one, in binomial standard deviations at the
// observed rate (shrunk by half a case toward 1/2 so that 0 of n or n of n has a spread).
double count_distance(std::int64_t simulated, std::int64_t observed, std::int64_t n);

}  // namespace detsim::abc
