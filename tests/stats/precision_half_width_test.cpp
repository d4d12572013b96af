// The half-width a precision target reads: the /summary interval's, Wilson's for a rate (above 0
// even at 0 of n, so a run of no events does not stop on a fluke), and never 0 for a mean whose
// values all agree or a measure that has counted nothing.
#include <catch2/catch.hpp>

#include <cmath>

#include "detsim/stats/summary.hpp"

using namespace detsim;

namespace {

// Experiment 0's trials: x = 0 for all (a rate of 0); y = 2 for all (a mean without spread);
// z = 0, 1, 2, 3, ... (a mean with spread); w = NaN (counts nothing).
ColumnBlock block(std::int64_t n) {
  ColumnBlock b({{"experiment", ColumnType::i32, "", ""},
                 {"trial", ColumnType::i32, "", ""},
                 {"x", ColumnType::i8, "", ""},
                 {"y", ColumnType::f64, "", ""},
                 {"z", ColumnType::f64, "", ""},
                 {"w", ColumnType::f64, "", ""}});
  b.resize(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < b.rows(); ++i) {
    b.i32(1)[i] = static_cast<std::int32_t>(i);
    b.f64(3)[i] = 2;
    b.f64(4)[i] = static_cast<double>(i % 4);
    b.f64(5)[i] = NAN;
  }
  return b;
}

}  // namespace

TEST_CASE("a precision target reads the summary's interval, and a degenerate one as unknown") {
  const std::vector<Measure> measures{
      {"rate", MeasureKind::rate, "", "x", Transform::identity, 0, "", Otherwise::skip},
      {"flat", MeasureKind::mean, "", "y", Transform::identity, 0, "", Otherwise::skip},
      {"spread", MeasureKind::mean, "", "z", Transform::identity, 0, "", Otherwise::skip},
      {"none", MeasureKind::mean, "", "w", Transform::identity, 0, "", Otherwise::skip}};
  const std::int64_t n = 1000;
  SummaryAccumulator summary(measures, {n});
  summary.add(block(n));
  const Interval wilson = wilson_interval(0, n);
  CHECK(summary.half_width(0, 0) == (wilson.high - wilson.low) / 2);
  CHECK(summary.half_width(0, 0) > 0.0019);  // z^2 / (2 (n + z^2)): about 0.0019
  CHECK(std::isinf(summary.half_width(0, 1)));
  // z = 0, 1, 2, 3 repeated: variance 1.25 n / (n - 1).
  const double sd = std::sqrt(1.25 * static_cast<double>(n) / static_cast<double>(n - 1));
  CHECK(summary.half_width(0, 2) == Approx(kZ95 * sd / std::sqrt(static_cast<double>(n))));
  CHECK(std::isinf(summary.half_width(0, 3)));
  // The same as the /summary row's interval.
  const ColumnBlock table = summary.table();
  CHECK(summary.half_width(0, 2) ==
        Approx((table.f64(table.index_of("ci_high"))[2] - table.f64(table.index_of("ci_low"))[2]) /
               2));
}
