// What a summary holds grows with the experiments under way, not with those of the run: a study of
// thousands of points runs them nearly one after another.
#include <catch2/catch.hpp>

#include <vector>

#include "detsim/stats/summary.hpp"

using namespace detsim;

namespace {

const std::vector<Measure> kMeasures{
    {"x", MeasureKind::mean, "a mean", "x", Transform::identity, 0, "", Otherwise::skip}};

// A block of trials [first, first + count) of experiment e, its one column x = e + t.
ColumnBlock trials_of(std::int32_t e, std::int32_t first, std::int32_t count) {
  ColumnBlock block({{"experiment", ColumnType::i32, "", ""},
                     {"trial", ColumnType::i32, "", ""},
                     {"x", ColumnType::f64, "", ""}});
  block.resize(static_cast<std::size_t>(count));
  for (std::int32_t i = 0; i < count; ++i) {
    const auto r = static_cast<std::size_t>(i);
    block.i32(0)[r] = e;
    block.i32(1)[r] = first + i;
    block.f64(2)[r] = static_cast<double>(e + first + i);
  }
  return block;
}

}  // namespace

TEST_CASE("held_bytes does not grow with the experiments not yet begun") {
  const auto held = [](std::size_t experiments, std::int32_t begun) {
    SummaryAccumulator summary(kMeasures, std::vector<std::int64_t>(experiments, 10));
    for (std::int32_t e = 0; e < begun; ++e) summary.add(trials_of(e, 0, 5));
    return summary.held_bytes();
  };
  CHECK(held(20000, 0) == held(2, 0));
  // Begun, the same few are held however many are to come (the baseline's trials wait for them).
  CHECK(held(20000, 2) == held(200, 2));
  // Each experiment begun is held: the measure sees it.
  CHECK(held(20000, 2) > held(20000, 1));
}
