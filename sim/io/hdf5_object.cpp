// Object: files, groups and datasets with the names their error messages use.
#include "hdf5_object.hpp"

#include <cstring>
#include <fstream>
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

namespace {

// HDF5's default metadata cache starts at 2 MiB and grows up to 32 MiB as its hit rate asks. A
// study's /summary, written while the run goes on, puts its text cells in global heap collections
// that such a cache then holds by the megabyte, memory that grew with the number of design points.
// Rows are only ever appended and little metadata is read back, so a small cache costs no
// measurable time (bench/study_points.sh and the default comparison, CPU time alike).
constexpr std::size_t kMetadataCacheBytes = 256 * 1024;

Handle small_metadata_cache(const std::string& name) {
  Handle access = checked(H5Pcreate(H5P_FILE_ACCESS), HandleKind::property_list, name,
                          "cannot create file access properties");
  H5AC_cache_config_t config{};
  config.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  check(H5Pget_mdc_config(access.get(), &config), name, "cannot read metadata cache settings");
  config.set_initial_size = true;
  config.initial_size = kMetadataCacheBytes;
  config.min_size = kMetadataCacheBytes / 2;
  config.max_size = kMetadataCacheBytes;
  check(H5Pset_mdc_config(access.get(), &config), name, "cannot set metadata cache settings");
  return access;
}

}  // namespace

Object create_file(const std::filesystem::path& path) {
  silence_hdf5_errors();
  const std::string name = path.string();
  // Default (earliest) format bounds on purpose: files in the newest superblock format carry a
  // "file is open for writing" flag, and one left by a killed run would then refuse to open.
  // H5F_ACC_EXCL opens with O_CREAT | O_EXCL: nothing already at the path, not even a symbolic
  // link, is opened or written through.
  Handle file =
      checked(H5Fcreate(name.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, small_metadata_cache(name).get()),
              HandleKind::file, name, "cannot create file");
  return Object{std::move(file), name, "/"};
}

namespace {

std::uint64_t little_endian(const unsigned char* bytes, int size) {
  std::uint64_t value = 0;
  for (int i = size - 1; i >= 0; --i) value = (value << 8) | bytes[i];
  return value;
}

// HDF5 looks for its superblock at 0, 512, 1024, ... and trusts the end-of-file address it holds.
// A file shorter than that address was cut (a copy or a disk that ran out) and is refused here,
// with a message that says so, before HDF5 reads past what is there.
void require_whole_file(const std::string& name) {
  std::ifstream in(name, std::ios::binary);
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(name, error);
  if (!in || error) return;  // HDF5's open says why
  static constexpr unsigned char signature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  for (std::uint64_t at = 0; at + 64 <= size; at = at == 0 ? 512 : at * 2) {
    unsigned char block[64] = {};
    in.seekg(static_cast<std::streamoff>(at));
    if (!in.read(reinterpret_cast<char*>(block), sizeof block)) return;
    if (std::memcmp(block, signature, sizeof signature) != 0) continue;
    const int version = block[8];
    int offsets = 0;
    std::size_t eof_field = 0;
    if (version == 0 || version == 1) {
      offsets = block[13];
      eof_field = (version == 0 ? 24 : 28) + 2 * static_cast<std::size_t>(offsets);
    } else if (version == 2 || version == 3) {
      offsets = block[9];
      eof_field = 12 + 2 * static_cast<std::size_t>(offsets);
    } else {
      throw RunError(name + ": HDF5 superblock version " + std::to_string(version) +
                     " is unknown: the file is damaged or not from a known HDF5 library");
    }
    if (offsets != 2 && offsets != 4 && offsets != 8) {
      throw RunError(name + ": the HDF5 superblock is damaged (offsets of " +
                     std::to_string(offsets) + " bytes)");
    }
    if (eof_field + static_cast<std::size_t>(offsets) > sizeof block) return;
    const std::uint64_t end = little_endian(block + eof_field, offsets);
    if (end != ~std::uint64_t{0} >> (64 - 8 * offsets) && at + end > size) {
      throw RunError(name + ": truncated: the file has " + std::to_string(size) +
                     " bytes but says it has " + std::to_string(at + end) +
                     " (an interrupted copy, or a disk that filled up)");
    }
    return;
  }
}

}  // namespace

Object open_file_read_only(const std::filesystem::path& path) {
  silence_hdf5_errors();
  const std::string name = path.string();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw RunError(name + ": no such file");
  if (std::filesystem::is_directory(path, error)) {
    throw RunError(name + ": is a directory, not a results file");
  }
  if (!std::filesystem::is_regular_file(path, error)) {
    throw RunError(name + ": is not a regular file, not a results file");
  }
  if (!check_tri(H5Fis_hdf5(name.c_str()), name, "cannot read file")) {
    throw RunError(name + ": not an HDF5 file");
  }
  require_whole_file(name);
  Handle file = checked(H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), HandleKind::file, name,
                        "cannot open file");
  return Object{std::move(file), name, "/"};
}

Object open_file_read_write(const std::filesystem::path& path) {
  silence_hdf5_errors();
  const std::string name = path.string();
  Handle file = checked(H5Fopen(name.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), HandleKind::file, name,
                        "cannot open file for writing");
  return Object{std::move(file), name, "/"};
}

void remove_link(const Object& parent, std::string_view name) {
  if (!has_link(parent, name)) return;
  const std::string link(name);
  check(H5Ldelete(parent.handle.get(), link.c_str(), H5P_DEFAULT), parent.child_path(name),
        "cannot remove");
}

void move_link(const Object& parent, std::string_view from, std::string_view to) {
  const std::string source(from), target(to);
  check(H5Lmove(parent.handle.get(), source.c_str(), parent.handle.get(), target.c_str(),
                H5P_DEFAULT, H5P_DEFAULT),
        parent.child_path(from), "cannot rename to " + target);
}

void flush(const Object& file) {
  check(H5Fflush(file.handle.get(), H5F_SCOPE_LOCAL), file.file, "cannot flush file");
}

void collect_free_lists(const std::string& file) {
  check(H5garbage_collect(), file, "cannot collect HDF5's free lists");
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
