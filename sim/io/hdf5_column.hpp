// Private to the io part: table columns as HDF5 datasets. A column grows along its first dimension
// a block of rows at a time; reading maps the stored type back to a ColumnType.
#pragma once

#include <cstdint>
#include <deque>
#include <string_view>
#include <vector>

#include "detsim/table/column_block.hpp"
#include "hdf5_object.hpp"

namespace detsim::detail {

// Rows per chunk so that one chunk holds about 64 KiB: large enough for deflate to work well and
// for few chunk-index entries, small enough that reading a few rows decompresses little. A row is
// `width` values (1 for a plain column, the months of a path).
hsize_t chunk_rows_for(ColumnType type, hsize_t width);

// "f64", "i32", "i8", "str": how messages name a column type.
const char* type_name(ColumnType type);

class ColumnDataset {
 public:
  // Creates an empty dataset named info.name under parent: [0] when width is 0, else [0, width];
  // unlimited rows, chunked by chunk_rows, shuffled and deflated (level 4); with a description
  // attribute and, when info.units is not empty, a units attribute.
  ColumnDataset(const Object& parent, const ColumnInfo& info, hsize_t width, hsize_t chunk_rows);

  // Extends by block.rows() and writes column `column` of block there.
  void append(const ColumnBlock& block, std::size_t column);
  void append(const double* values, hsize_t rows);
  void append(const std::int32_t* values, hsize_t rows);

  // Stores one chunk already packed as the dataset's filters would have (chunk_filter.hpp) at
  // first_row (a multiple of chunk_rows), first extending the dataset to end_row rows if it is
  // shorter. For columns of a fixed-size type.
  void write_packed_chunk(hsize_t first_row, hsize_t end_row, const void* packed,
                          std::size_t bytes);

  hsize_t rows() const { return rows_; }
  hsize_t width() const { return width_; }
  hsize_t chunk_rows() const { return chunk_rows_; }
  // Bytes of one value in the file and in memory (fixed-size types only).
  std::size_t value_size() const;
  ColumnType type() const { return type_; }
  const Object& object() const { return object_; }
  void close() { object_.handle.close(object_.where()); }
  // Sets the length to `rows` without writing: a dimension's length follows the rows it labels.
  void extend_to(hsize_t rows);

 private:
  void append_raw(hid_t memory_type, const void* data, hsize_t rows);
  void require_type(ColumnType type) const;

  Object object_;
  ColumnType type_;
  hsize_t width_;  // 0 for a 1-D dataset
  hsize_t chunk_rows_;
  hsize_t rows_ = 0;
  Handle string_type_;                 // variable-length UTF-8, for str columns only
  Handle transfer_;                    // H5Dwrite's properties, made at the first write
  std::vector<const char*> pointers_;  // reused across blocks: no allocation once it is big enough
  // Strings that were not UTF-8, as stored: a deque, whose elements stay where they are as it
  // grows (pointers_ points at them), and which holds no room for the usual block of valid text.
  std::deque<std::string> repaired_;
};

struct StoredColumn {
  ColumnType type = ColumnType::f64;
  int rank = 0;
  hsize_t rows = 0;
};

// The ColumnType a dataset maps to, its rank and its length. RunError for a type detsim does not
// read (compound, 64-bit integer, ...).
StoredColumn stored_column(const Object& dataset);
// Reads a 1-D dataset into column `column` of block, which must already have its rows.
void read_column(const Object& dataset, ColumnBlock& block, std::size_t column);

}  // namespace detsim::detail
