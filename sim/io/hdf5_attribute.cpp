// Typed attribute writes and reads.
#include "hdf5_attribute.hpp"

#include "detsim/error.hpp"
#include "detsim/table/utf8.hpp"
#include "hdf5_string.hpp"

namespace detsim::detail {

namespace {

std::string where_attribute(const Object& object, std::string_view name) {
  return object.where() + ": attribute '" + std::string(name) + "'";
}

Handle scalar_space(std::string_view where) {
  return checked(H5Screate(H5S_SCALAR), HandleKind::dataspace, where, "cannot create dataspace");
}

// Creates the attribute afresh (deleting any old one, whose type may differ) and writes it.
void write_new(const Object& object, std::string_view name, hid_t file_type, const Handle& space,
               hid_t memory_type, const void* data) {
  const std::string where = where_attribute(object, name);
  const std::string key(name);
  remove_attribute(object, name);
  const Handle attribute = checked(H5Acreate2(object.handle.get(), key.c_str(), file_type,
                                              space.get(), H5P_DEFAULT, H5P_DEFAULT),
                                   HandleKind::attribute, where, "cannot create attribute");
  check(H5Awrite(attribute.get(), memory_type, data), where, "cannot write attribute");
}

void write_scalar(const Object& object, std::string_view name, hid_t file_type, hid_t memory_type,
                  const void* data) {
  write_new(object, name, file_type, scalar_space(where_attribute(object, name)), memory_type,
            data);
}

Handle open_attribute(const Object& object, std::string_view name) {
  const std::string where = where_attribute(object, name);
  if (!has_attribute(object, name)) throw RunError(where + ": missing");
  const std::string key(name);
  return checked(H5Aopen(object.handle.get(), key.c_str(), H5P_DEFAULT), HandleKind::attribute,
                 where, "cannot open attribute");
}

// Reads a one-element numeric attribute of the given class (integer, or float/integer for double).
void read_number(const Object& object, std::string_view name, bool allow_float, hid_t memory_type,
                 void* data) {
  const std::string where = where_attribute(object, name);
  const Handle attribute = open_attribute(object, name);
  const Handle type =
      checked(H5Aget_type(attribute.get()), HandleKind::datatype, where, "cannot read datatype");
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_INTEGER && !(allow_float && type_class == H5T_FLOAT)) {
    throw RunError(where + ": is not " + (allow_float ? "a number" : "an integer"));
  }
  const Handle space =
      checked(H5Aget_space(attribute.get()), HandleKind::dataspace, where, "cannot read dataspace");
  if (H5Sget_simple_extent_npoints(space.get()) != 1) throw RunError(where + ": is not a scalar");
  check(H5Aread(attribute.get(), memory_type, data), where, "cannot read attribute");
}

}  // namespace

void write_attribute(const Object& object, std::string_view name, std::int8_t value) {
  write_scalar(object, name, H5T_STD_I8LE, H5T_NATIVE_INT8, &value);
}

void write_attribute(const Object& object, std::string_view name, std::int64_t value) {
  write_scalar(object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

void write_attribute(const Object& object, std::string_view name, std::uint64_t value) {
  write_scalar(object, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &value);
}

void write_attribute(const Object& object, std::string_view name, double value) {
  write_scalar(object, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

void write_attribute(const Object& object, std::string_view name, std::string_view value) {
  const std::string where = where_attribute(object, name);
  const Handle type = make_string_type(where);
  // NUL-terminated, as HDF5 wants it, and valid UTF-8, as the type declares.
  const std::string text = to_valid_utf8(value);
  const char* pointer = text.c_str();
  write_scalar(object, name, type.get(), type.get(), &pointer);
}

void write_attribute(const Object& object, std::string_view name,
                     const std::vector<std::string>& values) {
  const std::string where = where_attribute(object, name);
  const Handle type = make_string_type(where);
  const hsize_t size = values.size();
  const Handle space = checked(H5Screate_simple(1, &size, nullptr), HandleKind::dataspace, where,
                               "cannot create dataspace");
  // One spare slot: HDF5 wants a buffer even when there are no elements to write.
  std::vector<std::string> texts;
  texts.reserve(values.size());
  for (const std::string& value : values) texts.push_back(to_valid_utf8(value));
  std::vector<const char*> pointers(values.size() + 1, "");
  for (std::size_t i = 0; i < values.size(); ++i) pointers[i] = texts[i].c_str();
  write_new(object, name, type.get(), space, type.get(), pointers.data());
}

bool has_attribute(const Object& object, std::string_view name) {
  const std::string key(name);
  return check_tri(H5Aexists(object.handle.get(), key.c_str()), where_attribute(object, name),
                   "cannot look up attribute");
}

void remove_attribute(const Object& object, std::string_view name) {
  if (!has_attribute(object, name)) return;
  const std::string key(name);
  check(H5Adelete(object.handle.get(), key.c_str()), where_attribute(object, name),
        "cannot remove attribute");
}

void read_attribute(const Object& object, std::string_view name, std::int64_t& value) {
  read_number(object, name, false, H5T_NATIVE_INT64, &value);
}

void read_attribute(const Object& object, std::string_view name, std::uint64_t& value) {
  read_number(object, name, false, H5T_NATIVE_UINT64, &value);
}

void read_attribute(const Object& object, std::string_view name, double& value) {
  read_number(object, name, true, H5T_NATIVE_DOUBLE, &value);
}

void read_attribute(const Object& object, std::string_view name, std::string& value) {
  const std::string where = where_attribute(object, name);
  std::vector<std::string> values;
  read_strings(open_attribute(object, name), where, values);
  if (values.size() != 1) throw RunError(where + ": is not a single string");
  value = std::move(values.front());
}

void read_attribute(const Object& object, std::string_view name, std::vector<std::string>& values) {
  read_strings(open_attribute(object, name), where_attribute(object, name), values);
}

}  // namespace detsim::detail
