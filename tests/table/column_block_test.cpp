// ColumnBlock keeps each column in its own type and finds columns by name.
#include <catch2/catch.hpp>

#include "detsim/table/column_block.hpp"

using namespace detsim;

TEST_CASE("a column block resizes every column and reads numbers whatever their type") {
  ColumnBlock block({{"x", ColumnType::f64, "a float", "months"},
                     {"n", ColumnType::i32, "a count", ""},
                     {"flag", ColumnType::i8, "a flag", ""},
                     {"label", ColumnType::str, "a label", ""}});
  block.resize(3);
  REQUIRE(block.rows() == 3);
  block.f64(0)[2] = 1.5;
  block.i32(1)[1] = 7;
  block.i8(2)[0] = 1;
  block.str(3)[2].assign(1, 'c');  // not operator=(const char*): GCC 12 warns falsely (-Wrestrict)
  CHECK(block.number(0, 2) == 1.5);
  CHECK(block.number(1, 1) == 7.0);
  CHECK(block.number(2, 0) == 1.0);
  CHECK(block.index_of("flag") == 2);
  CHECK_THROWS_AS(block.index_of("missing"), std::out_of_range);
  CHECK_THROWS_AS(block.number(3, 0), std::logic_error);
}
