// A file of whole tables (a calibration's): nested groups, 64-bit counts and attributes read
// back as written, and nothing left beside it but the file; an input is never overwritten.
#include <catch2/catch.hpp>

#include <limits>

#include "detsim/error.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/io/table_file.hpp"
#include "io_test_support.hpp"

using namespace detsim;
using namespace detsim::test;

TEST_CASE("a table file holds nested tables with 64-bit counts, and only the file is left",
          "[io][table_file]") {
  TempDir dir;
  const auto out = dir / "calibration.h5";
  ColumnBlock counts({{"simulations", ColumnType::i64, "candidates simulated", ""},
                      {"tolerance", ColumnType::f64, "", ""}});
  counts.resize(2);
  counts.i64(0) = {std::numeric_limits<std::int64_t>::max(), -1};
  counts.f64(1) = {std::numeric_limits<double>::infinity(), 0.5};
  ColumnBlock names({{"target", ColumnType::str, "", ""}});
  names.resize(1);
  names.str(0) = {"pacts"};
  GroupAttributes attributes;
  attributes.lists = {{"parameters", {"severity.war", "honor_noise"}}};
  GroupAttributes root;
  root.text = {{"file_type", "detsim calibration"}};
  write_table_file(out, {}, root,
                   {{"calibration/generations", counts, {}},
                    {"calibration/targets", names, {}},
                    {"posterior", names, attributes}});
  const ColumnBlock read = read_table(out, "calibration/generations");
  REQUIRE(read.has_column("simulations", ColumnType::i64));
  CHECK(read.i64(read.index_of("simulations")) == counts.i64(0));
  CHECK(read.f64(read.index_of("tolerance")) == counts.f64(1));
  CHECK(read_table(out, "calibration/targets").str(0) == names.str(0));
  CHECK(read_string_array_attribute(out, "posterior", "parameters") ==
        std::vector<std::string>{"severity.war", "honor_noise"});
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);

  // Its own input is never the output.
  CHECK_THROWS_AS(write_table_file(out, {out}, root, {{"posterior", names, {}}}), InputError);
}

TEST_CASE("text that is not UTF-8 is stored repaired in its own row, however many rows are",
          "[io][table_file]") {
  // Many rows with a repaired one every few: each stored string must be its own row's, whatever
  // the repaired ones' storage does as it grows (the file holds pointers to it while writing).
  TempDir dir;
  const auto out = dir / "text.h5";
  ColumnBlock text({{"label", ColumnType::str, "", ""}});
  constexpr std::size_t kRows = 3000;
  text.resize(kRows);
  for (std::size_t r = 0; r < kRows; ++r) {
    text.str(0)[r] = r % 7 == 3 ? "bad\xff" + std::to_string(r) : "row " + std::to_string(r);
  }
  write_table_file(out, {}, {}, {{"text", text, {}}});
  const ColumnBlock read = read_table(out, "text");
  REQUIRE(read.rows() == kRows);
  for (std::size_t r = 0; r < kRows; ++r) {
    INFO("row " << r);
    CHECK(read.str(0)[r] ==
          (r % 7 == 3 ? "bad\xEF\xBF\xBD" + std::to_string(r) : "row " + std::to_string(r)));
  }
}
