// Private to the io part: typed attributes on HDF5 groups and datasets. Each overload fixes the
// type in the file (little-endian integers, IEEE doubles, variable-length UTF-8 strings), and
// writing an attribute that exists replaces it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hdf5_object.hpp"

namespace detsim::detail {

void write_attribute(const Object& object, std::string_view name, std::int8_t value);
void write_attribute(const Object& object, std::string_view name, std::int64_t value);
void write_attribute(const Object& object, std::string_view name, std::uint64_t value);
void write_attribute(const Object& object, std::string_view name, double value);
void write_attribute(const Object& object, std::string_view name, std::string_view value);
void write_attribute(const Object& object, std::string_view name,
                     const std::vector<std::string>& values);
// Without this a string literal would be a pointer and pick no overload, or the wrong one.
inline void write_attribute(const Object& object, std::string_view name, const char* value) {
  write_attribute(object, name, std::string_view(value));
}

bool has_attribute(const Object& object, std::string_view name);
// Removes the attribute if the object has it.
void remove_attribute(const Object& object, std::string_view name);

// Reading converts between integer widths (an int8 flag reads as int64) but never between numbers
// and strings; RunError names the file, object and attribute when it is missing or mistyped.
void read_attribute(const Object& object, std::string_view name, std::int64_t& value);
void read_attribute(const Object& object, std::string_view name, std::uint64_t& value);
void read_attribute(const Object& object, std::string_view name, double& value);
void read_attribute(const Object& object, std::string_view name, std::string& value);
void read_attribute(const Object& object, std::string_view name, std::vector<std::string>& values);

template <typename T>
T attribute(const Object& object, std::string_view name) {
  T value{};
  read_attribute(object, name, value);
  return value;
}

}  // namespace detsim::detail
