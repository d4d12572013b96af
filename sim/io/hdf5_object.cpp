// Object: files, groups and datasets with the names their error messages use.
#include "hdf5_object.hpp"

#include <system_error>

#include "detsim/error.hpp"

namespace detsim::detail {

std::string Object::where() const { return file + ": " + path; }

std::string Object::child_path(std::string_view name) const {
  if (!name.empty() && name.front() == '/') return std::string(name);
  std::string result = path;
  if (result.empty() || result.back() != '/') result += '/';
  result += name;
  return result;
}

Object create_file(const std::filesystem::path& path) {
  silence_hdf5_errors();
  const std::string name = path.string();
  // Default (earliest) format bounds on purpose: files in the newest superblock format carry a
  // "file is open for writing" flag, and one left by a killed run would then refuse to open.
  Handle file = checked(H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                        HandleKind::file, name, "cannot create file");
  return Object{std::move(file), name, "/"};
}

Object open_file_read_only(const std::filesystem::path& path) {
  silence_hdf5_errors();
  const std::string name = path.string();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw RunError(name + ": no such file");
  if (std::filesystem::is_directory(path, error)) {
    throw RunError(name + ": is a directory, not a results file");
  }
  if (!check_tri(H5Fis_hdf5(name.c_str()), name, "cannot read file")) {
    throw RunError(name + ": not an HDF5 file");
  }
  Handle file = checked(H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), HandleKind::file, name,
                        "cannot open file");
  return Object{std::move(file), name, "/"};
}

void flush(const Object& file) {
  check(H5Fflush(file.handle.get(), H5F_SCOPE_LOCAL), file.file, "cannot flush file");
}

Object create_group(const Object& parent, std::string_view name) {
  Object group{Handle(), parent.file, parent.child_path(name)};
  const std::string link(name);
  group.handle =
      checked(H5Gcreate2(parent.handle.get(), link.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              HandleKind::group, group.where(), "cannot create group");
  return group;
}

Object open_group(const Object& parent, std::string_view name) {
  Object group{Handle(), parent.file, parent.child_path(name)};
  if (!has_link(parent, name)) throw RunError(group.where() + ": no such group");
  const std::string link(name);
  group.handle = checked(H5Gopen2(parent.handle.get(), link.c_str(), H5P_DEFAULT),
                         HandleKind::group, group.where(), "cannot open group");
  return group;
}

Object open_object(const Object& parent, std::string_view name) {
  Object object{Handle(), parent.file, parent.child_path(name)};
  if (object.path != "/" && !has_link(parent, name)) {
    throw RunError(object.where() + ": no such object");
  }
  const std::string link(name);
  object.handle = checked(H5Oopen(parent.handle.get(), link.c_str(), H5P_DEFAULT),
                          HandleKind::object, object.where(), "cannot open object");
  return object;
}

bool has_link(const Object& parent, std::string_view name) {
  // H5Lexists only looks at the last component; check each one so "/a/b" with no "a" is false.
  const std::string full = parent.child_path(name);
  std::string prefix;
  std::size_t start = 1;
  while (start <= full.size()) {
    std::size_t end = full.find('/', start);
    if (end == std::string::npos) end = full.size();
    if (end > start) {
      prefix = full.substr(0, end);
      if (!check_tri(H5Lexists(parent.handle.get(), prefix.c_str(), H5P_DEFAULT), parent.where(),
                     "cannot look up '" + prefix + "'")) {
        return false;
      }
    }
    start = end + 1;
  }
  return true;
}

}  // namespace detsim::detail
