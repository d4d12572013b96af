// 95% intervals for the summary: Wilson's score interval for rates, the normal interval for means,
// and for the difference of two independent estimates Newcombe's interval (rates) or Welch's
// (means).
#pragma once

#include <cstdint>

namespace detsim {

inline constexpr double kZ95 = 1.959963984540054;  // standard normal quantile at 0.975

struct Interval {
  double low = 0, high = 0;
};

// Wilson score interval for k successes in n trials (n > 0).
Interval wilson_interval(std::int64_t successes, std::int64_t n, double z = kZ95);

// Running mean and variance in the order values arrive (Welford), so a sum over trials in
// trial order is bit-identical however the trials were computed.
class RunningMean {
 public:
  void add(double x);
  std::int64_t count() const { return n_; }
  double mean() const { return mean_; }
  double variance() const;  // sample variance; NaN below two values
  Interval interval(double z = kZ95) const;

 private:
  std::int64_t n_ = 0;
  double mean_ = 0, m2_ = 0;
};

// Interval for p1 - p2 from k1 of n1 and k2 of n2 independent trials: Newcombe's hybrid score
// interval (1998, method 10), built from the two Wilson intervals, which keeps its coverage near
// 0 and 1 where the normal interval fails. NaN when either n is 0.
Interval newcombe_interval(std::int64_t k1, std::int64_t n1, std::int64_t k2, std::int64_t n2,
                           double z = kZ95);

// Interval for mean1 - mean2 of independent samples with unequal variances (Welch):
// difference +- z sqrt(s1^2 / n1 + s2^2 / n2). NaN when either has fewer than two values.
Interval welch_interval(const RunningMean& first, const RunningMean& second, double z = kZ95);

}  // namespace detsim
