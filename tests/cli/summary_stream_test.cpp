// The summary written as experiments finish: the rows SummaryStream streams out, releasing each
// slice of finished experiments, are the rows of the whole table (with precision stops, failed
// experiments, unpaired rows and a baseline inside a slice), and what the summary holds then
// stays near the few experiments still running instead of growing with every experiment.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <vector>

#include "../../sim/cli/summary_stream.hpp"
#include "cli_test_support.hpp"
#include "detsim/stats/summary.hpp"

using namespace detsim;
using detsim::cli::SummaryStream;
using detsim::test::identical_columns;

namespace {

// Per measure pair: a rate of x > 0.5 over every trial, and the mean of x over the trials where
// g is set (so two experiments can count different trials: no pairing then).
std::vector<Measure> measures(std::size_t pairs) {
  std::vector<Measure> out;
  for (std::size_t i = 0; i < pairs; ++i) {
    const std::string k = std::to_string(i);
    out.push_back({"high" + k, MeasureKind::rate, "", "x", Transform::at_least, 0.5, "", {}});
    out.push_back({"x_given" + k, MeasureKind::mean, "", "x", Transform::identity, 0, "g", {}});
  }
  return out;
}

// A value in [0, 1) that depends on (experiment, trial) alone, as a trial's draws do.
double draw(std::size_t e, std::int64_t t, std::uint64_t salt) {
  std::uint64_t z = (static_cast<std::uint64_t>(e) << 32) ^ static_cast<std::uint64_t>(t) ^ salt;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

struct Run {
  std::vector<std::int64_t> trials;              // per experiment
  std::int64_t block = 10;                       // trials per block
  std::map<std::size_t, std::int64_t> stops;     // experiment: trials after which it stops
  std::map<std::size_t, std::int64_t> failures;  // experiment: the first trial of the block that
                                                 // fails (none of it counted)
  std::size_t baseline = 0;
  std::size_t g_differs_from = 1 << 30;  // experiments from here count g on odd trials only
};

struct Streamed {
  ColumnBlock rows;  // every row, as written: slices during the run, the rest at the end
  ColumnBlock whole;
  std::size_t most_held_bytes = 0;
  std::size_t whole_held_bytes = 0;
  std::size_t slices_streamed = 0;     // written during the run
  std::int64_t last_streamed_at = -1;  // first trial of the round of blocks that wrote the last
};

// Feeds both accumulators the blocks in the engine's order (block k of every experiment before
// block k + 1 of any; a failed experiment's stop told at its failing block, whose trials are not
// added), one streamed by SummaryStream with slices of `slice` experiments, the other whole.
Streamed stream(const Run& run, std::size_t measure_pairs, std::size_t slice = 4) {
  const std::vector<Measure> ms = measures(measure_pairs);
  SummaryAccumulator streamed(ms, run.trials, run.baseline), whole(ms, run.trials, run.baseline);
  ColumnBlock block({{"experiment", ColumnType::i32, "", ""},
                     {"trial", ColumnType::i32, "", ""},
                     {"x", ColumnType::f64, "", ""},
                     {"g", ColumnType::i8, "", ""}});
  Streamed out;
  std::vector<ColumnBlock> written;
  const std::size_t table_rows = run.trials.size() * ms.size();
  std::int64_t first = 0;
  SummaryStream streaming(
      streamed,
      [&](const ColumnBlock& rows, std::size_t total) {
        CHECK(total == table_rows);
        written.push_back(rows);
        ++out.slices_streamed;
        out.last_streamed_at = first;
      },
      [&](std::size_t end) {
        // Told while the summary still holds what it is about to drop.
        CHECK_NOTHROW(streamed.half_width(end - 1, 0));
      },
      slice);
  std::vector<bool> failed(run.trials.size(), false);
  std::int64_t most = 0;
  for (const std::int64_t t : run.trials) most = std::max(most, t);
  for (; first < most; first += run.block) {
    for (std::size_t e = 0; e < run.trials.size(); ++e) {
      const auto stop = run.stops.find(e);
      const std::int64_t last = stop == run.stops.end() ? run.trials[e] : stop->second;
      if (first >= last || failed[e]) continue;
      if (const auto f = run.failures.find(e); f != run.failures.end() && first == f->second) {
        failed[e] = true;
        // As ResultsSink::failed: the rows the experiment held back are written at once.
        streamed.stop(e, first);
        whole.stop(e, first);
        streaming.write_finished();
        continue;
      }
      const std::int64_t n = std::min(run.block, run.trials[e] - first);
      block.resize(static_cast<std::size_t>(n));
      for (std::int64_t i = 0; i < n; ++i) {
        const auto r = static_cast<std::size_t>(i);
        const std::int64_t t = first + i;
        block.i32(0)[r] = static_cast<std::int32_t>(e);
        block.i32(1)[r] = static_cast<std::int32_t>(t);
        block.f64(2)[r] = draw(e, t, 1);
        block.i8(3)[r] = e >= run.g_differs_from ? static_cast<std::int8_t>(t % 2)
                                                 : static_cast<std::int8_t>(draw(0, t, 2) < 0.7);
      }
      streamed.add(block);
      whole.add(block);
      if (first + n == last && last < run.trials[e]) {
        streamed.stop(e, last);
        whole.stop(e, last);
      }
      streaming.write_finished();
      out.most_held_bytes = std::max(out.most_held_bytes, streamed.held_bytes());
    }
  }
  streaming.write_finished();
  REQUIRE(streamed.finished() == run.trials.size());
  const TableSlices rest = streaming.rest();
  std::size_t rest_rows = 0;
  for (std::size_t i = 0; i < rest.slices; ++i) {
    written.push_back(rest.slice(i));
    rest_rows += written.back().rows();
  }
  CHECK(rest_rows == rest.rows);
  out.whole = whole.table();
  out.whole_held_bytes = whole.held_bytes();
  out.rows = ColumnBlock(out.whole.schema());
  std::size_t rows = 0;
  for (const ColumnBlock& w : written) rows += w.rows();
  out.rows.resize(rows);
  std::size_t at = 0;
  for (const ColumnBlock& w : written) {
    for (std::size_t r = 0; r < w.rows(); ++r, ++at) {
      for (std::size_t c = 0; c < w.columns(); ++c) {
        if (w.schema()[c].type == ColumnType::str) {
          out.rows.str(c)[at] = w.str(c)[r];
        } else if (w.schema()[c].type == ColumnType::i32) {
          out.rows.i32(c)[at] = w.i32(c)[r];
        } else {
          out.rows.f64(c)[at] = w.f64(c)[r];
        }
      }
    }
  }
  return out;
}

// Every value equal, bit for bit (NaN where the other is NaN), in columns of the same names.
void require_same_rows(const ColumnBlock& a, const ColumnBlock& b) {
  std::string difference;
  const bool same = identical_columns(a, b, difference);
  INFO(difference);
  REQUIRE(same);
}

std::size_t count_of(const ColumnBlock& rows, const std::string& pairing) {
  const std::vector<std::string>& column = rows.str(rows.index_of("pairing"));
  return static_cast<std::size_t>(std::count(column.begin(), column.end(), pairing));
}

}  // namespace

TEST_CASE("rows written as experiments finish are the whole table's with stops and no pairing") {
  // 11 experiments of 40 trials in blocks of 10 (experiment 2 of 30: unpaired), experiment 5
  // stopping at 20 trials and the baseline at 30 (each a precision stop), experiments 8 on
  // counting the mean's trials differently from the baseline (paired, then not).
  Run run;
  run.trials.assign(11, 40);
  run.trials[2] = 30;
  run.stops = {{5, 20}, {0, 30}};
  run.g_differs_from = 8;
  const Streamed s = stream(run, 1);
  require_same_rows(s.rows, s.whole);
  // Every kind of row is among them.
  CHECK(count_of(s.whole, "paired") > 0);
  CHECK(count_of(s.whole, "unpaired") >= 2 + 3);
  CHECK(count_of(s.whole, "baseline") == 2);
  const std::vector<std::int32_t>& n = s.whole.i32(s.whole.index_of("n"));
  CHECK(n[5 * 2] == 20);  // the stopped experiment's rate counts its 20 trials
}

TEST_CASE("a baseline inside a slice keeps its tally for the unpaired rows after its slice") {
  // Baseline 6 of 11, slices of 4: written and released with experiments 4 to 7, its tally is
  // still read by experiments 8 on, which count the mean's trials differently (unpaired).
  Run run;
  run.trials.assign(11, 40);
  run.baseline = 6;
  run.g_differs_from = 8;
  const Streamed s = stream(run, 1, 4);
  require_same_rows(s.rows, s.whole);
  CHECK(s.slices_streamed == 2);
  CHECK(count_of(s.whole, "baseline") == 2);
  const std::vector<std::string>& pairing = s.whole.str(s.whole.index_of("pairing"));
  for (std::size_t e = 8; e < 11; ++e) CHECK(pairing[e * 2 + 1] == "unpaired");
  const std::vector<double>& difference = s.whole.f64(s.whole.index_of("difference"));
  for (std::size_t r = 8 * 2; r < 11 * 2; ++r) CHECK(std::isfinite(difference[r]));
}

TEST_CASE("an experiment failed in its first block has rows of no trials, streamed in order") {
  Run run;
  run.trials.assign(9, 30);
  run.failures = {{2, 0}};
  const Streamed s = stream(run, 1, 4);
  require_same_rows(s.rows, s.whole);
  CHECK(s.slices_streamed == 2);
  const std::vector<std::int32_t>& n = s.whole.i32(s.whole.index_of("n"));
  CHECK(n[2 * 2] == 0);
  CHECK(n[2 * 2 + 1] == 0);
  CHECK(n[3 * 2] == 30);
}

TEST_CASE("a failed experiment lets the rows after it stream before the run's last round") {
  // Experiment 1 would run 40 trials, holding back every one-block experiment after it to the
  // last round; it fails in its second block, and every slice is written in that round.
  Run run;
  run.trials.assign(12, 10);
  run.trials[1] = 40;
  run.failures = {{1, 10}};
  const Streamed s = stream(run, 1, 4);
  require_same_rows(s.rows, s.whole);
  CHECK(s.slices_streamed == 3);
  CHECK(s.last_streamed_at == 10);
  const std::vector<std::int32_t>& n = s.whole.i32(s.whole.index_of("n"));
  CHECK(n[1 * 2] == 10);
  // Without the failure, the long experiment holds every slice to its last round.
  run.failures.clear();
  const Streamed held = stream(run, 1, 4);
  CHECK(held.slices_streamed == 3);
  CHECK(held.last_streamed_at == 30);
}

TEST_CASE("the summary's held state stays near a slice of experiments as more of them finish") {
  // A study's shape: many experiments of one block each, so each finishes as it comes.
  const auto held = [](std::size_t experiments) {
    Run run;
    run.trials.assign(experiments, 10);
    return stream(run, 8, 16);
  };
  const Streamed small = held(500), large = held(2000);
  require_same_rows(large.rows, large.whole);
  // Per extra experiment, the whole table holds its tallies and pairings (16 measures of them);
  // the streamed one only a few counters, the rest going with each written slice.
  const double whole_each =
      static_cast<double>(large.whole_held_bytes - small.whole_held_bytes) / 1500.0;
  const double streamed_each =
      static_cast<double>(large.most_held_bytes) - static_cast<double>(small.most_held_bytes);
  CHECK(streamed_each / 1500.0 < whole_each / 8);
  CHECK(large.most_held_bytes < large.whole_held_bytes / 4);
}

TEST_CASE("a released experiment's rows and half-widths are refused and unfinished ones kept") {
  const std::vector<Measure> ms = measures(1);
  SummaryAccumulator summary(ms, {2, 2, 2});
  ColumnBlock block({{"experiment", ColumnType::i32, "", ""},
                     {"trial", ColumnType::i32, "", ""},
                     {"x", ColumnType::f64, "", ""},
                     {"g", ColumnType::i8, "", ""}});
  block.resize(4);
  block.i32(0) = {0, 0, 1, 1};
  block.i32(1) = {0, 1, 0, 1};
  block.f64(2) = {0.2, 0.9, 0.4, 0.6};
  block.i8(3) = {1, 1, 1, 1};
  summary.add(block);
  CHECK(summary.finished() == 2);
  CHECK_THROWS_AS(summary.release(3), std::logic_error);  // experiment 2 has run nothing
  summary.release(2);
  CHECK_THROWS_AS(summary.table(1, 2), std::logic_error);
  CHECK_THROWS_AS(summary.half_width(1, 0), std::logic_error);
  ColumnBlock late = block;  // a trial of experiment 1 after its rows were written
  late.resize(1);
  late.i32(0)[0] = 1;
  CHECK_THROWS_AS(summary.add(late), std::logic_error);
  CHECK(summary.half_width(0, 0) > 0);        // the baseline's tally stays: unpaired rows read it
  CHECK(summary.table(2, 3).i32(6)[0] == 0);  // experiment 2: no trial counted yet
}
