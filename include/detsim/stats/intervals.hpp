// 95% intervals for the summary: Wilson's score interval for rates, the normal interval for means.
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

}  // namespace detsim
