// Private to the io part: open HDF5 files, groups and datasets that know their own names, so every
// error can say which file and which object failed.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "hdf5_handle.hpp"

namespace detsim::detail {

struct Object {
  Handle handle;
  std::string file;  // the file as given, e.g. "out/results.h5.part"
  std::string path;  // the object inside it, "/" for the root group

  // "out/results.h5.part: /trials/territory", the prefix of every error about this object.
  std::string where() const;
  // The absolute path of a child (name relative) or of name itself (name absolute).
  std::string child_path(std::string_view name) const;
};

// Creates a new HDF5 file for writing, failing if anything exists at the path; the root group is
// the returned object.
Object create_file(const std::filesystem::path& path);
// Opens an existing file read-only. RunError, naming the file, when it is missing, unreadable or
// not HDF5.
Object open_file_read_only(const std::filesystem::path& path);
// Opens an existing file for reading and writing (a copy made to be changed, never a run's
// output while it runs). RunError naming the file on failure.
Object open_file_read_write(const std::filesystem::path& path);

// Removes the link `name` under parent if there is one (HDF5 1.10 does not reclaim the space).
void remove_link(const Object& parent, std::string_view name);

// Renames the link `from` under parent to `to` (which must not exist): the object stays as it is.
void move_link(const Object& parent, std::string_view from, std::string_view to);

// Writes everything HDF5 holds in memory for this file to disk, so the file opens if the process
// dies afterwards.
void flush(const Object& file);

// Hands back to malloc what HDF5 keeps on free lists of its own (they only grow otherwise); `file`
// names the file being written, for the error.
void collect_free_lists(const std::string& file);

Object create_group(const Object& parent, std::string_view name);
Object open_group(const Object& parent, std::string_view name);
// A group or dataset, by relative or absolute path; RunError if there is no such object.
Object open_object(const Object& parent, std::string_view name);
bool has_link(const Object& parent, std::string_view name);

}  // namespace detsim::detail
