// String types and string reads for attributes and datasets.
#include "hdf5_string.hpp"

#include <cstring>

#include "detsim/error.hpp"

namespace detsim::detail {

namespace {

bool is_attribute(const Handle& source) { return source.kind() == HandleKind::attribute; }

Handle type_of(const Handle& source, std::string_view where) {
  const hid_t type = is_attribute(source) ? H5Aget_type(source.get()) : H5Dget_type(source.get());
  return checked(type, HandleKind::datatype, where, "cannot read datatype");
}

Handle space_of(const Handle& source, std::string_view where) {
  const hid_t space =
      is_attribute(source) ? H5Aget_space(source.get()) : H5Dget_space(source.get());
  return checked(space, HandleKind::dataspace, where, "cannot read dataspace");
}

void read_raw(const Handle& source, const Handle& memory_type, void* buffer,
              std::string_view where) {
  const herr_t status = is_attribute(source) ? H5Aread(source.get(), memory_type.get(), buffer)
                                             : H5Dread(source.get(), memory_type.get(), H5S_ALL,
                                                       H5S_ALL, H5P_DEFAULT, buffer);
  check(status, where, "cannot read strings");
}

// Frees the strings HDF5 allocated for a variable-length read, on every path out.
class VlenReclaim {
 public:
  VlenReclaim(const Handle& type, const Handle& space, std::vector<char*>& buffer)
      : type_(type), space_(space), buffer_(buffer) {}
  ~VlenReclaim() { H5Dvlen_reclaim(type_.get(), space_.get(), H5P_DEFAULT, buffer_.data()); }
  VlenReclaim(const VlenReclaim&) = delete;
  VlenReclaim& operator=(const VlenReclaim&) = delete;

 private:
  const Handle& type_;
  const Handle& space_;
  std::vector<char*>& buffer_;
};

void read_variable_length(const Handle& source, H5T_cset_t cset, const Handle& space,
                          std::size_t count, std::string_view where,
                          std::vector<std::string>& out) {
  Handle memory_type = make_string_type(where);
  // HDF5 converts no character sets, so the memory type declares the file's.
  check(H5Tset_cset(memory_type.get(), cset), where, "cannot set character set");
  std::vector<char*> buffer(count, nullptr);
  read_raw(source, memory_type, buffer.data(), where);
  VlenReclaim reclaim(memory_type, space, buffer);
  out.resize(count);
  for (std::size_t i = 0; i < count; ++i) out[i] = buffer[i] != nullptr ? buffer[i] : "";
}

void read_fixed_length(const Handle& source, const Handle& file_type, std::size_t count,
                       std::string_view where, std::vector<std::string>& out) {
  const std::size_t size = H5Tget_size(file_type.get());
  if (size == 0) throw_hdf5_error(where, "cannot read string size");
  const bool space_padded = H5Tget_strpad(file_type.get()) == H5T_STR_SPACEPAD;
  Handle memory_type =
      checked(H5Tcopy(file_type.get()), HandleKind::datatype, where, "cannot copy datatype");
  std::vector<char> buffer(size * count);
  read_raw(source, memory_type, buffer.data(), where);
  out.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const char* begin = buffer.data() + i * size;
    const void* nul = std::memchr(begin, '\0', size);
    std::size_t length = nul != nullptr ? static_cast<const char*>(nul) - begin : size;
    if (space_padded) {
      while (length > 0 && begin[length - 1] == ' ') --length;
    }
    out[i].assign(begin, length);
  }
}

}  // namespace

Handle make_string_type(std::string_view where) {
  Handle type = checked(H5Tcopy(H5T_C_S1), HandleKind::datatype, where, "cannot copy string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), where, "cannot make string type variable-length");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), where, "cannot set UTF-8");
  check(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), where, "cannot set string padding");
  return type;
}

void read_strings(const Handle& source, std::string_view where, std::vector<std::string>& out) {
  const Handle file_type = type_of(source, where);
  if (H5Tget_class(file_type.get()) != H5T_STRING) {
    throw RunError(std::string(where) + ": holds numbers, not strings");
  }
  const Handle space = space_of(source, where);
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points < 0) throw_hdf5_error(where, "cannot read dataspace size");
  const auto count = static_cast<std::size_t>(points);
  if (count == 0) {  // HDF5 refuses a read into no buffer; there is nothing to read anyway
    out.clear();
    return;
  }
  const htri_t variable = H5Tis_variable_str(file_type.get());
  if (check_tri(variable, where, "cannot read string type")) {
    const H5T_cset_t cset = H5Tget_cset(file_type.get());
    if (cset < 0) throw_hdf5_error(where, "cannot read character set");
    read_variable_length(source, cset, space, count, where, out);
  } else {
    read_fixed_length(source, file_type, count, where, out);
  }
}

}  // namespace detsim::detail
