// ColumnBlock: column storage and typed access.
#include "detsim/table/column_block.hpp"

#include <algorithm>
#include <stdexcept>

namespace detsim {

ColumnBlock::ColumnBlock(std::vector<ColumnInfo> schema)
    : schema_(std::move(schema)),
      f64_(schema_.size()),
      i32_(schema_.size()),
      i8_(schema_.size()),
      i64_(schema_.size()),
      str_(schema_.size()) {}

void ColumnBlock::resize(std::size_t rows) {
  rows_ = rows;
  for (std::size_t c = 0; c < schema_.size(); ++c) {
    switch (schema_[c].type) {
      case ColumnType::f64: f64_[c].resize(rows); break;
      case ColumnType::i32: i32_[c].resize(rows); break;
      case ColumnType::i8: i8_[c].resize(rows); break;
      case ColumnType::i64: i64_[c].resize(rows); break;
      case ColumnType::str: str_[c].resize(rows); break;
    }
  }
}

void ColumnBlock::copy_column(std::size_t column, const ColumnBlock& source, std::size_t from) {
  switch (schema_[column].type) {
    case ColumnType::f64: f64_[column] = source.f64_[from]; break;
    case ColumnType::i32: i32_[column] = source.i32_[from]; break;
    case ColumnType::i8: i8_[column] = source.i8_[from]; break;
    case ColumnType::i64: i64_[column] = source.i64_[from]; break;
    case ColumnType::str: str_[column] = source.str_[from]; break;
  }
}

std::size_t ColumnBlock::index_of(std::string_view name) const {
  for (std::size_t c = 0; c < schema_.size(); ++c) {
    if (schema_[c].name == name) return c;
  }
  throw std::out_of_range("no column named '" + std::string(name) + "'");
}

bool ColumnBlock::has_column(std::string_view name, ColumnType type) const {
  return std::any_of(schema_.begin(), schema_.end(),
                     [&](const ColumnInfo& c) { return c.name == name && c.type == type; });
}

double ColumnBlock::number(std::size_t column, std::size_t row) const {
  switch (schema_[column].type) {
    case ColumnType::f64: return f64_[column][row];
    case ColumnType::i32: return i32_[column][row];
    case ColumnType::i8: return i8_[column][row];
    case ColumnType::i64: return static_cast<double>(i64_[column][row]);
    case ColumnType::str: break;
  }
  throw std::logic_error("column '" + schema_[column].name + "' holds strings, not numbers");
}

}  // namespace detsim
