// Whole tables (/experiments, /summary, and /trials when read back) as groups of columns.
#include "table_io.hpp"

#include <algorithm>
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
