// Paired random numbers: an experiment's trials do not depend on its position among the
// experiments, and trial t of every structure draws the same parameters.
#include <catch2/catch.hpp>

#include <numeric>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

std::filesystem::path run_structures(const TempDir& dir, const std::string& name,
                                     const std::vector<std::string>& structures) {
  const auto out = dir / name;
  std::vector<std::string> args{"run",       kUkraine.string(), "--trials", "400",     "--threads",
                                "2",         "--block-size",    "50",       "--quiet", "-o",
                                out.string()};
  for (const std::string& s : structures) {
    args.push_back("--structure");
    args.push_back(s);
  }
  const CommandResult r = run_detsim(args, dir);
  INFO("detsim stderr: " << r.err);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == 0);
  return out;
}

// The /trials rows of the experiment running `structure`, in trial order, without the
// `experiment` column (the one thing its position may change).
ColumnBlock trials_of(const std::filesystem::path& file, const std::string& structure) {
  const ColumnBlock experiments = read_table(file, "experiments");
  std::int32_t index = -1;
  for (std::size_t r = 0; r < experiments.rows(); ++r) {
    if (experiments.str(experiments.index_of("structure"))[r] == structure) {
      index = experiments.i32(experiments.index_of("experiment"))[r];
    }
  }
  REQUIRE(index >= 0);
  const ColumnBlock all = read_table(file, "trials");
  const auto& experiment = all.i32(all.index_of("experiment"));
  const auto& trial = all.i32(all.index_of("trial"));
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < all.rows(); ++r) {
    if (experiment[r] == index) rows.push_back(r);
  }
  std::sort(rows.begin(), rows.end(),
            [&](std::size_t a, std::size_t b) { return trial[a] < trial[b]; });
  std::vector<ColumnInfo> schema;
  for (const ColumnInfo& c : all.schema()) {
    if (c.name != "experiment") schema.push_back(c);
  }
  ColumnBlock out(schema);
  out.resize(rows.size());
  for (std::size_t c = 0; c < schema.size(); ++c) {
    const std::size_t from = all.index_of(schema[c].name);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      switch (schema[c].type) {
        case ColumnType::f64: out.f64(c)[r] = all.f64(from)[rows[r]]; break;
        case ColumnType::i32: out.i32(c)[r] = all.i32(from)[rows[r]]; break;
        case ColumnType::i8: out.i8(c)[r] = all.i8(from)[rows[r]]; break;
        case ColumnType::str: out.str(c)[r] = all.str(from)[rows[r]]; break;
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("reversing the order of the experiments leaves each one's trials unchanged",
          "[cli][paired]") {
  const TempDir dir;
  const auto forward = run_structures(dir, "forward.h5", {"none", "nato_article5"});
  const auto reverse = run_structures(dir, "reverse.h5", {"nato_article5", "none"});
  for (const std::string structure : {"none", "nato_article5"}) {
    const ColumnBlock a = trials_of(forward, structure), b = trials_of(reverse, structure);
    REQUIRE(a.rows() == 400);
    std::string difference;
    const bool same = identical_columns(a, b, difference);
    INFO(structure << ": " << difference);
    CHECK(same);
  }
}

TEST_CASE("trial t of every structure draws the same parameters", "[cli][paired]") {
  const TempDir dir;
  const auto file = run_structures(dir, "all.h5", kShippedPresets);
  const ColumnBlock first = trials_of(file, kShippedPresets.front());
  std::vector<std::string> parameters;
  for (const ColumnInfo& c : first.schema()) {
    if (c.name.rfind("param.", 0) == 0) parameters.push_back(c.name);
  }
  REQUIRE(!parameters.empty());  // the shipped scenario draws resolves
  for (std::size_t s = 1; s < kShippedPresets.size(); ++s) {
    const ColumnBlock other = trials_of(file, kShippedPresets[s]);
    REQUIRE(other.rows() == first.rows());
    for (const std::string& name : parameters) {
      INFO(kShippedPresets[s] << " " << name);
      CHECK(other.f64(other.index_of(name)) == first.f64(first.index_of(name)));
    }
    // The structures differ in what happens: the pairing is of draws, not of outcomes.
    CHECK(other.f64(other.index_of("cohesion")) != first.f64(first.index_of("cohesion")));
  }
}
