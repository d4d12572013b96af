// Whole tables (/experiments, /summary, and /trials when read back) as groups of columns.
#include "table_io.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "detsim/error.hpp"
#include "hdf5_attribute.hpp"
#include "hdf5_column.hpp"

namespace detsim::detail {

namespace {

std::size_t column_size(const ColumnBlock& block, std::size_t column) {
  switch (block.schema()[column].type) {
    case ColumnType::f64: return block.f64(column).size();
    case ColumnType::i32: return block.i32(column).size();
    case ColumnType::i8: return block.i8(column).size();
    case ColumnType::i64: return block.i64(column).size();
    case ColumnType::str: return block.str(column).size();
  }
  return 0;
}

std::string optional_string(const Object& object, std::string_view name) {
  return has_attribute(object, name) ? attribute<std::string>(object, name) : std::string();
}

}  // namespace

std::vector<std::string> member_names(const Object& group) {
  H5G_info_t info{};
  check(H5Gget_info(group.handle.get(), &info), group.where(), "cannot list group");
  std::vector<std::string> names;
  names.reserve(info.nlinks);
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const hid_t id = group.handle.get();
    const ssize_t length =
        H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (length < 0) throw_hdf5_error(group.where(), "cannot list group");
    std::string name(static_cast<std::size_t>(length), '\0');
    if (H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size() + 1,
                           H5P_DEFAULT) < 0) {
      throw_hdf5_error(group.where(), "cannot list group");
    }
    names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

void require_consistent(const ColumnBlock& block, std::string_view what) {
  for (std::size_t c = 0; c < block.columns(); ++c) {
    if (column_size(block, c) != block.rows()) {
      throw std::logic_error(std::string(what) + ": column '" + block.schema()[c].name +
                             "' holds " + std::to_string(column_size(block, c)) +
                             " values in a block of " + std::to_string(block.rows()) + " rows");
    }
  }
}

void write_table(const Object& parent, std::string_view name, const ColumnBlock& block) {
  write_columns(create_group(parent, name), block);
}

TableAppender::TableAppender(const Object& parent, std::string_view name, std::size_t rows)
    : group_(create_group(parent, name)), rows_(rows) {}

TableAppender::~TableAppender() = default;

void TableAppender::append(const ColumnBlock& slice) {
  require_consistent(slice, group_.where());
  if (columns_.empty() && schema_.empty()) {
    schema_ = slice.schema();
    for (const ColumnInfo& info : schema_) {
      // The length is known, so no chunk need be larger than the table itself.
      const hsize_t chunk =
          std::clamp<hsize_t>(chunk_rows_for(info.type, 0), 1, std::max<std::size_t>(1, rows_));
      columns_.push_back(std::make_unique<ColumnDataset>(group_, info, 0, chunk));
    }
  }
  const bool same = slice.columns() == schema_.size() &&
                    std::equal(schema_.begin(), schema_.end(), slice.schema().begin(),
                               [](const ColumnInfo& a, const ColumnInfo& b) {
                                 return a.name == b.name && a.type == b.type;
                               });
  if (!same) throw std::logic_error(group_.where() + ": a slice of other columns than the first");
  if (written_ + slice.rows() > rows_) {
    throw std::logic_error(group_.where() + ": slices of more than the " + std::to_string(rows_) +
                           " rows announced");
  }
  for (std::size_t c = 0; c < columns_.size(); ++c) columns_[c]->append(slice, c);
  written_ += slice.rows();
}

void TableAppender::finish() {
  if (written_ != rows_) {
    throw std::logic_error(group_.where() + ": slices of " + std::to_string(written_) +
                           " rows, not the " + std::to_string(rows_) + " announced");
  }
  for (auto& column : columns_) column->close();
  group_.handle.close(group_.where());
}

void write_columns(const Object& group, const ColumnBlock& block) {
  require_consistent(block, group.where());
  for (std::size_t c = 0; c < block.columns(); ++c) {
    const ColumnInfo& info = block.schema()[c];
    // The length is known, so no chunk need be larger than the table itself.
    const hsize_t chunk = std::min<hsize_t>(chunk_rows_for(info.type, 0), block.rows());
    ColumnDataset column(group, info, 0, chunk);
    column.append(block, c);
    column.close();
  }
}

void write_generated_column(const Object& group, const ColumnInfo& info, std::size_t rows,
                            const std::function<std::string(std::size_t)>& row) {
  // Slices of a few hundred rows: few HDF5 calls, and a few hundred texts held at a time.
  constexpr std::size_t kSlice = 256;
  const hsize_t chunk =
      std::clamp<hsize_t>(chunk_rows_for(info.type, 0), 1, std::max<hsize_t>(1, rows));
  ColumnDataset column(group, info, 0, chunk);
  ColumnBlock slice({info});
  for (std::size_t first = 0; first < rows; first += kSlice) {
    const std::size_t n = std::min(kSlice, rows - first);
    slice.resize(n);
    for (std::size_t r = 0; r < n; ++r) slice.str(0)[r] = row(first + r);
    column.append(slice, 0);
  }
  column.close();
}

ColumnBlock read_table(const Object& group) {
  std::vector<Object> datasets;
  std::vector<ColumnInfo> schema;
  hsize_t rows = 0;
  for (const std::string& name : member_names(group)) {
    Object member = open_object(group, name);
    if (H5Iget_type(member.handle.get()) != H5I_DATASET) continue;
    const StoredColumn stored = stored_column(member);
    if (stored.rank != 1) continue;
    if (!datasets.empty() && stored.rows != rows) {
      throw RunError(member.where() + ": holds " + std::to_string(stored.rows) + " rows, but " +
                     datasets.front().path + " holds " + std::to_string(rows));
    }
    rows = stored.rows;
    schema.push_back({name, stored.type, optional_string(member, "description"),
                      optional_string(member, "units")});
    datasets.push_back(std::move(member));
  }
  ColumnBlock block(std::move(schema));
  block.resize(rows);
  for (std::size_t c = 0; c < datasets.size(); ++c) read_column(datasets[c], block, c);
  return block;
}

}  // namespace detsim::detail
