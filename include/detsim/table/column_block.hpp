// A block of rows stored column by column: the unit in which trials, summaries and experiments
// travel from the engine to the results file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace detsim {

// i64: counts that may pass 2^31 (a calibration's simulations), never a per-trial column.
enum class ColumnType { f64, i32, i8, str, i64 };

struct ColumnInfo {
  std::string name;
  ColumnType type = ColumnType::f64;
  std::string description;
  std::string units;  // empty when the column has none
};

class ColumnBlock {
 public:
  ColumnBlock() = default;
  explicit ColumnBlock(std::vector<ColumnInfo> schema);

  const std::vector<ColumnInfo>& schema() const { return schema_; }
  std::size_t columns() const { return schema_.size(); }
  std::size_t rows() const { return rows_; }
  // Resizes every column; allocation happens here, never while a trial runs.
  void resize(std::size_t rows);
  // Index of the column with this name; throws std::out_of_range naming it if absent.
  std::size_t index_of(std::string_view name) const;
  // Whether a column of this name and type is present: for files written before a column was
  // added, or damaged ones.
  bool has_column(std::string_view name, ColumnType type) const;

  std::vector<double>& f64(std::size_t column) { return f64_[column]; }
  std::vector<std::int32_t>& i32(std::size_t column) { return i32_[column]; }
  std::vector<std::int8_t>& i8(std::size_t column) { return i8_[column]; }
  std::vector<std::int64_t>& i64(std::size_t column) { return i64_[column]; }
  std::vector<std::string>& str(std::size_t column) { return str_[column]; }
  const std::vector<double>& f64(std::size_t column) const { return f64_[column]; }
  const std::vector<std::int32_t>& i32(std::size_t column) const { return i32_[column]; }
  const std::vector<std::int8_t>& i8(std::size_t column) const { return i8_[column]; }
  const std::vector<std::int64_t>& i64(std::size_t column) const { return i64_[column]; }
  const std::vector<std::string>& str(std::size_t column) const { return str_[column]; }

  // Column `column` takes the values of `source`'s column `from`, of the same type and row count.
  void copy_column(std::size_t column, const ColumnBlock& source, std::size_t from);

  // The value of a numeric column as a double, whatever its stored type.
  double number(std::size_t column, std::size_t row) const;

 private:
  std::vector<ColumnInfo> schema_;
  std::size_t rows_ = 0;
  // One slot per column; only the vector of the column's own type is used.
  std::vector<std::vector<double>> f64_;
  std::vector<std::vector<std::int32_t>> i32_;
  std::vector<std::vector<std::int8_t>> i8_;
  std::vector<std::vector<std::int64_t>> i64_;
  std::vector<std::vector<std::string>> str_;
};

// Monthly series of recorded trials: for each variable, rows x months values, row-major.
struct PathBlock {
  std::vector<ColumnInfo> variables;  // type f64
  std::size_t months = 0;             // horizon_months + 1 (month 0 is the initial state)
  std::vector<std::int32_t> experiment;
  std::vector<std::int32_t> trial;
  std::vector<std::vector<double>> values;  // [variable][row * months + month]

  std::size_t rows() const { return trial.size(); }
  // No rows, the variables and months kept (a block that holds no trial).
  void clear_rows() {
    experiment.clear();
    trial.clear();
    for (auto& v : values) v.clear();
  }
};

}  // namespace detsim
