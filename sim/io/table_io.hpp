// Private to the io part: a whole ColumnBlock as a group of equal-length 1-D datasets, and back.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "detsim/table/column_block.hpp"
#include "hdf5_object.hpp"

namespace detsim::detail {

class ColumnDataset;

// The names of the group's members, sorted.
std::vector<std::string> member_names(const Object& group);
// Throws std::logic_error naming the block unless every column holds block.rows() values.
void require_consistent(const ColumnBlock& block, std::string_view what);

// Creates group `name` under parent with one chunked, compressed dataset per column of block.
void write_table(const Object& parent, std::string_view name, const ColumnBlock& block);
// A table of `rows` rows in all written as write_table would, a slice at a time as its rows
// become known, so it is never held whole: group `name` is created at once, its columns with the
// first slice. Each slice must have the first one's columns, and finish() comes after the last
// row (std::logic_error otherwise).
class TableAppender {
 public:
  TableAppender(const Object& parent, std::string_view name, std::size_t rows);
  ~TableAppender();  // in the .cpp, where ColumnDataset is complete
  void append(const ColumnBlock& slice);
  // Rows announced, and written so far.
  std::size_t rows() const { return rows_; }
  std::size_t rows_written() const { return written_; }
  const Object& group() const { return group_; }
  // Closes the columns and the group; std::logic_error unless every row announced was written.
  void finish();

 private:
  Object group_;
  std::size_t rows_;
  std::size_t written_ = 0;
  std::vector<ColumnInfo> schema_;
  std::vector<std::unique_ptr<ColumnDataset>> columns_;
};

// Adds block's columns to an existing group, as write_table writes them.
void write_columns(const Object& group, const ColumnBlock& block);

// Adds a string column of `rows` rows to an existing group, as write_columns writes it, its rows
// made by `row` and written a slice at a time: a column of long texts is never held whole.
void write_generated_column(const Object& group, const ColumnInfo& info, std::size_t rows,
                            const std::function<std::string(std::size_t)>& row);

// Every 1-D dataset of the group (other members are skipped), columns sorted by name, with their
// description and units. RunError if the columns differ in length.
ColumnBlock read_table(const Object& group);

}  // namespace detsim::detail
