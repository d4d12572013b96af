// ColumnDataset: creating, extending and writing column datasets; reading them back.
#include "hdf5_column.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "chunk_filter.hpp"
#include "detsim/error.hpp"
#include "detsim/table/utf8.hpp"
#include "hdf5_attribute.hpp"
#include "hdf5_string.hpp"

namespace detsim::detail {

namespace {

constexpr hsize_t chunk_bytes = 64 * 1024;

// Bytes one value occupies in the file; a variable-length string is a 16-byte heap reference.
hsize_t stored_size(ColumnType type) {
  switch (type) {
    case ColumnType::f64: return 8;
    case ColumnType::i32: return 4;
    case ColumnType::i8: return 1;
    case ColumnType::i64: return 8;
    case ColumnType::str: return 16;
  }
  return 8;
}

hid_t fixed_file_type(ColumnType type) {
  switch (type) {
    case ColumnType::f64: return H5T_IEEE_F64LE;
    case ColumnType::i32: return H5T_STD_I32LE;
    case ColumnType::i8: return H5T_STD_I8LE;
    case ColumnType::i64: return H5T_STD_I64LE;
    case ColumnType::str: break;
  }
  throw std::logic_error("strings have no fixed-size HDF5 type");
}

hid_t native_type(ColumnType type) {
  switch (type) {
    case ColumnType::f64: return H5T_NATIVE_DOUBLE;
    case ColumnType::i32: return H5T_NATIVE_INT32;
    case ColumnType::i8: return H5T_NATIVE_INT8;
    case ColumnType::i64: return H5T_NATIVE_INT64;
    case ColumnType::str: break;
  }
  throw std::logic_error("strings have no native HDF5 type");
}

}  // namespace

const char* type_name(ColumnType type) {
  switch (type) {
    case ColumnType::f64: return "f64";
    case ColumnType::i32: return "i32";
    case ColumnType::i8: return "i8";
    case ColumnType::i64: return "i64";
    case ColumnType::str: return "str";
  }
  return "?";
}

namespace {

Handle creation_properties(int rank, const hsize_t* chunk, std::string_view where) {
  Handle properties = checked(H5Pcreate(H5P_DATASET_CREATE), HandleKind::property_list, where,
                              "cannot create dataset properties");
  check(H5Pset_chunk(properties.get(), rank, chunk), where, "cannot set chunk size");
  check(H5Pset_shuffle(properties.get()), where, "cannot set shuffle filter");
  check(H5Pset_deflate(properties.get(), static_cast<unsigned>(deflate_level)), where,
        "cannot set deflate filter");
  return properties;
}

}  // namespace

hsize_t chunk_rows_for(ColumnType type, hsize_t width) {
  const hsize_t row_bytes = stored_size(type) * std::max<hsize_t>(width, 1);
  return std::max<hsize_t>(1, chunk_bytes / row_bytes);
}

ColumnDataset::ColumnDataset(const Object& parent, const ColumnInfo& info, hsize_t width,
                             hsize_t chunk_rows)
    : object_{Handle(), parent.file, parent.child_path(info.name)},
      type_(info.type),
      width_(width),
      chunk_rows_(std::max<hsize_t>(chunk_rows, 1)) {
  const std::string where = object_.where();
  const int rank = width_ == 0 ? 1 : 2;
  const hsize_t dims[2] = {0, width_};
  const hsize_t max_dims[2] = {H5S_UNLIMITED, width_};
  const hsize_t chunk[2] = {chunk_rows_, std::max<hsize_t>(width_, 1)};
  const Handle space = checked(H5Screate_simple(rank, dims, max_dims), HandleKind::dataspace, where,
                               "cannot create dataspace");
  const Handle properties = creation_properties(rank, chunk, where);
  hid_t file_type = -1;
  if (type_ == ColumnType::str) {
    string_type_ = make_string_type(where);
    file_type = string_type_.get();
  } else {
    file_type = fixed_file_type(type_);
  }
  // Rows are only ever appended, so a chunk once full is never touched again: a cache of two
  // chunks, evicting full chunks first (w0 = 1), keeps memory flat however many trials are
  // written. HDF5's default (1 MiB per dataset) grows with the file up to that bound.
  const Handle access = checked(H5Pcreate(H5P_DATASET_ACCESS), HandleKind::property_list, where,
                                "cannot create dataset access properties");
  const hsize_t chunk_size = chunk[0] * chunk[1] * stored_size(type_);
  check(H5Pset_chunk_cache(access.get(), 13, 2 * chunk_size, 1.0), where, "cannot set chunk cache");
  object_.handle = checked(H5Dcreate2(parent.handle.get(), info.name.c_str(), file_type,
                                      space.get(), H5P_DEFAULT, properties.get(), access.get()),
                           HandleKind::dataset, where, "cannot create dataset");
  write_attribute(object_, "description", std::string_view(info.description));
  if (!info.units.empty()) write_attribute(object_, "units", std::string_view(info.units));
}

void ColumnDataset::append(const ColumnBlock& block, std::size_t column) {
  const ColumnType type = block.schema()[column].type;
  require_type(type);
  const hsize_t rows = block.rows();
  switch (type) {
    case ColumnType::f64: append_raw(H5T_NATIVE_DOUBLE, block.f64(column).data(), rows); break;
    case ColumnType::i32: append_raw(H5T_NATIVE_INT32, block.i32(column).data(), rows); break;
    case ColumnType::i8: append_raw(H5T_NATIVE_INT8, block.i8(column).data(), rows); break;
    case ColumnType::i64: append_raw(H5T_NATIVE_INT64, block.i64(column).data(), rows); break;
    case ColumnType::str: {
      const std::vector<std::string>& strings = block.str(column);
      pointers_.resize(strings.size());
      repaired_.clear();
      for (std::size_t i = 0; i < strings.size(); ++i) {
        // The type says UTF-8; a string that is not is stored repaired, never as it is.
        if (valid_utf8_prefix(strings[i]) == strings[i].size()) {
          pointers_[i] = strings[i].c_str();
        } else {
          pointers_[i] = repaired_.emplace_back(to_valid_utf8(strings[i])).c_str();
        }
      }
      append_raw(string_type_.get(), pointers_.data(), rows);
      break;
    }
  }
}

void ColumnDataset::append(const double* values, hsize_t rows) {
  require_type(ColumnType::f64);
  append_raw(H5T_NATIVE_DOUBLE, values, rows);
}

void ColumnDataset::append(const std::int32_t* values, hsize_t rows) {
  require_type(ColumnType::i32);
  append_raw(H5T_NATIVE_INT32, values, rows);
}

void ColumnDataset::require_type(ColumnType type) const {
  if (type != type_) {
    throw std::logic_error(object_.where() + ": appending " + type_name(type) +
                           " values to a column of " + type_name(type_));
  }
}

std::size_t ColumnDataset::value_size() const {
  if (type_ == ColumnType::str) throw std::logic_error("strings have no fixed size");
  return stored_size(type_);
}

void ColumnDataset::extend_to(hsize_t rows) {
  const hsize_t new_dims[2] = {rows, width_};
  check(H5Dset_extent(object_.handle.get(), new_dims), object_.where(), "cannot extend dataset");
  rows_ = rows;
}

void ColumnDataset::write_packed_chunk(hsize_t first_row, hsize_t end_row, const void* packed,
                                       std::size_t bytes) {
  if (end_row > rows_) extend_to(end_row);
  const hsize_t offset[2] = {first_row, 0};
  // Filter mask 0: every filter of the dataset (shuffle, deflate) was applied.
  check(H5Dwrite_chunk(object_.handle.get(), H5P_DEFAULT, 0, offset, bytes, packed),
        object_.where(), "cannot write chunk");
}

namespace {

// A write that converts (text to HDF5's variable-length strings) goes through a conversion buffer
// and a background buffer, 1 MiB each by default, which HDF5's free lists then keep. The rows
// written at a time are a few thousand, so 64 KiB each converts them in a few strips: written
// while the run goes on (a study's /summary), the default's two megabytes were a tenth of the
// run's heap.
constexpr std::size_t kConversionBufferBytes = 64 * 1024;

Handle small_conversion_buffer(const std::string& where) {
  Handle transfer = checked(H5Pcreate(H5P_DATASET_XFER), HandleKind::property_list, where,
                            "cannot create transfer properties");
  check(H5Pset_buffer(transfer.get(), kConversionBufferBytes, nullptr, nullptr), where,
        "cannot set the conversion buffer");
  return transfer;
}

}  // namespace

void ColumnDataset::append_raw(hid_t memory_type, const void* data, hsize_t rows) {
  if (rows == 0) return;
  const std::string where = object_.where();
  const int rank = width_ == 0 ? 1 : 2;
  const hsize_t old_rows = rows_;
  extend_to(rows_ + rows);
  const Handle file_space = checked(H5Dget_space(object_.handle.get()), HandleKind::dataspace,
                                    where, "cannot read dataspace");
  const hsize_t start[2] = {old_rows, 0};
  const hsize_t count[2] = {rows, width_};
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
        where, "cannot select rows");
  const Handle memory_space = checked(H5Screate_simple(rank, count, nullptr), HandleKind::dataspace,
                                      where, "cannot create dataspace");
  if (!transfer_) transfer_ = small_conversion_buffer(where);
  check(H5Dwrite(object_.handle.get(), memory_type, memory_space.get(), file_space.get(),
                 transfer_.get(), data),
        where, "cannot write rows");
}

namespace {

// Deflate never compresses better than about 1032:1, so data larger than that multiple of the
// whole file cannot be in it: its dimensions are damaged, and reading would exhaust memory.
void require_plausible_size(const Object& dataset, const hsize_t* dims, int rank,
                            std::size_t element_size) {
  std::error_code error;
  const std::uintmax_t file_size = std::filesystem::file_size(dataset.file, error);
  if (error) return;  // the file went away: HDF5's own read reports that
  const long double limit = 1100.0L * static_cast<long double>(file_size) + (1 << 20);
  long double bytes = std::max<std::size_t>(element_size, 1);
  for (int d = 0; d < rank; ++d) bytes *= static_cast<long double>(dims[d]);
  if (bytes > limit) {
    throw RunError(dataset.where() + ": claims " + std::to_string(static_cast<double>(bytes)) +
                   " bytes of data, more than a file of " + std::to_string(file_size) +
                   " bytes can hold: the file is damaged");
  }
  // Compact data lives inside the object header, in a buffer of the size its layout message
  // gives; HDF5 1.10 copies as many bytes as the dataspace says, past that buffer when a damaged
  // message disagrees, and no API call shows the buffer's size. detsim never writes compact data
  // (nor do h5py or pandas by default), so it is refused. Contiguous data is read from the file
  // at the size stored, which must cover the dataspace.
  const Handle properties =
      checked(H5Dget_create_plist(dataset.handle.get()), HandleKind::property_list, dataset.where(),
              "cannot read dataset properties");
  const H5D_layout_t layout = H5Pget_layout(properties.get());
  if (layout == H5D_CHUNKED) return;
  if (layout != H5D_CONTIGUOUS) {
    throw RunError(dataset.where() +
                   ": has a storage layout detsim does not read (it writes chunked datasets)");
  }
  const long double stored = static_cast<long double>(H5Dget_storage_size(dataset.handle.get()));
  if (stored < bytes) {
    throw RunError(dataset.where() + ": stores " + std::to_string(static_cast<double>(stored)) +
                   " bytes for " + std::to_string(static_cast<double>(bytes)) +
                   " bytes of data: the file is damaged");
  }
}

}  // namespace

StoredColumn stored_column(const Object& dataset) {
  const std::string where = dataset.where();
  const hid_t id = dataset.handle.get();
  const Handle type = checked(H5Dget_type(id), HandleKind::datatype, where, "cannot read type");
  const Handle space =
      checked(H5Dget_space(id), HandleKind::dataspace, where, "cannot read dataspace");
  StoredColumn stored;
  stored.rank = H5Sget_simple_extent_ndims(space.get());
  if (stored.rank < 0) throw_hdf5_error(where, "cannot read rank");
  hsize_t dims[H5S_MAX_RANK] = {};
  if (stored.rank > 0 && H5Sget_simple_extent_dims(space.get(), dims, nullptr) < 0) {
    throw_hdf5_error(where, "cannot read dimensions");
  }
  stored.rows = stored.rank > 0 ? dims[0] : 1;
  const std::size_t size = H5Tget_size(type.get());
  require_plausible_size(dataset, dims, stored.rank, size);
  switch (H5Tget_class(type.get())) {
    case H5T_FLOAT: stored.type = ColumnType::f64; return stored;
    case H5T_STRING: stored.type = ColumnType::str; return stored;
    case H5T_INTEGER: {
      const bool is_signed = H5Tget_sign(type.get()) == H5T_SGN_2;
      if (size == 1 && is_signed) {
        stored.type = ColumnType::i8;
        return stored;
      }
      if (size < 4 || (size == 4 && is_signed)) {
        stored.type = ColumnType::i32;
        return stored;
      }
      if (size == 8 && is_signed) {
        stored.type = ColumnType::i64;
        return stored;
      }
      throw RunError(where + ": holds " + std::to_string(8 * size) + "-bit " +
                     (is_signed ? "" : "unsigned ") +
                     "integers; detsim reads signed integer columns of at most 64 bits and "
                     "unsigned ones of at most 16");
    }
    default: break;
  }
  throw RunError(where + ": holds neither numbers nor strings");
}

void read_column(const Object& dataset, ColumnBlock& block, std::size_t column) {
  const ColumnType type = block.schema()[column].type;
  const std::string where = dataset.where();
  if (type == ColumnType::str) {
    read_strings(dataset.handle, where, block.str(column));
    return;
  }
  if (block.rows() == 0) return;  // HDF5 refuses a read into no buffer
  void* buffer = nullptr;
  switch (type) {
    case ColumnType::f64: buffer = block.f64(column).data(); break;
    case ColumnType::i32: buffer = block.i32(column).data(); break;
    case ColumnType::i8: buffer = block.i8(column).data(); break;
    case ColumnType::i64: buffer = block.i64(column).data(); break;
    case ColumnType::str: break;
  }
  check(H5Dread(dataset.handle.get(), native_type(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer),
        where, "cannot read column");
}

}  // namespace detsim::detail
