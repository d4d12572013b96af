// ABC-PMC's arithmetic: effective sample size, weighted quantiles and covariance, binomial
// quantiles and mixtures (reference values from scipy.stats.binom, quoted), and the importance
// weights of a perturbed generation against their closed form.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "detsim/stats/abc.hpp"

using namespace detsim;

TEST_CASE("effective sample size is n for equal weights and 1 for a single one", "[stats][abc]") {
  const std::vector<double> equal(50, 0.3);
  CHECK(abc::effective_sample_size(equal) == Approx(50));
  const std::vector<double> one{0, 0, 2, 0};
  CHECK(abc::effective_sample_size(one) == Approx(1));
  const std::vector<double> mixed{1, 3};  // (4)^2 / (1 + 9)
  CHECK(abc::effective_sample_size(mixed) == Approx(1.6));
}

TEST_CASE("weighted quantiles follow the cumulative weight", "[stats][abc]") {
  const std::vector<double> values{3, 1, 2};
  const std::vector<double> weights{0.5, 0.2, 0.3};
  CHECK(abc::weighted_quantile(values, weights, 0.1) == 1);
  CHECK(abc::weighted_quantile(values, weights, 0.2) == 1);
  CHECK(abc::weighted_quantile(values, weights, 0.45) == 2);
  CHECK(abc::weighted_quantile(values, weights, 0.51) == 3);
  CHECK(abc::weighted_quantile(values, weights, 1.0) == 3);
}

TEST_CASE("binomial quantiles and mixtures match scipy", "[stats][abc]") {
  // scipy.stats.binom.ppf([0.025, 0.5, 0.975], 43, 0.14) = [2, 6, 11]
  CHECK(abc::binomial_quantile(43, 0.14, 0.025) == 2);
  CHECK(abc::binomial_quantile(43, 0.14, 0.5) == 6);
  CHECK(abc::binomial_quantile(43, 0.14, 0.975) == 11);
  CHECK(abc::binomial_quantile(10, 0.0, 0.9) == 0);
  CHECK(abc::binomial_quantile(10, 1.0, 0.1) == 10);
  // 0.25 Binomial(43, 0.1) + 0.75 Binomial(43, 0.3): the smallest k whose cumulative mass
  // reaches 0.025, 0.5, 0.975 is 2, 12, 19 (numpy.cumsum of scipy.stats.binom.pmf).
  const std::vector<double> p{0.1, 0.3};
  const std::vector<double> w{1, 3};
  CHECK(abc::binomial_mixture_quantile(p, w, 43, 0.025) == Approx(2.0 / 43));
  CHECK(abc::binomial_mixture_quantile(p, w, 43, 0.5) == Approx(12.0 / 43));
  CHECK(abc::binomial_mixture_quantile(p, w, 43, 0.975) == Approx(19.0 / 43));
}

TEST_CASE("a count's distance is in binomial standard deviations", "[stats][abc]") {
  // p = 6.5 / 44, sd = sqrt(43 p (1 - p))
  const double p = 6.5 / 44;
  CHECK(abc::count_distance(9, 6, 43) == Approx(3 / std::sqrt(43 * p * (1 - p))));
  CHECK(abc::count_distance(6, 6, 43) == 0);
  CHECK(abc::count_distance(0, 0, 20) == 0);
  CHECK(abc::count_distance(1, 0, 20) > 0);
}

TEST_CASE("weighted covariance and PMC weights agree with their closed forms", "[stats][abc]") {
  Eigen::MatrixXd points(2, 1);
  points << 0.2, 0.6;
  const std::vector<double> equal{0.5, 0.5};
  // Mean 0.4, weighted variance 0.04, reliability correction 1 / (1 - 0.5) = 2.
  CHECK(abc::weighted_covariance(points, equal)(0, 0) == Approx(0.08));

  // From one old particle at 0.5 with kernel variance s2, a new point x weighs
  // 1 / exp(-(x - 0.5)^2 / (2 s2)), normalised.
  Eigen::MatrixXd old(1, 1);
  old << 0.5;
  Eigen::MatrixXd fresh(2, 1);
  fresh << 0.5, 0.7;
  Eigen::MatrixXd kernel(1, 1);
  kernel << 0.01;
  const std::vector<double> one{1.0};
  const std::vector<double> w = abc::pmc_weights(fresh, old, one, kernel);
  const double far = std::exp(0.04 / 0.02);
  CHECK(w[0] == Approx(1 / (1 + far)));
  CHECK(w[1] == Approx(far / (1 + far)));
}
