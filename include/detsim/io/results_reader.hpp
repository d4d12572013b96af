// Reading back what ResultsWriter wrote: for `detsim summarize` and for tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "detsim/table/column_block.hpp"

namespace detsim {

struct ResultsFileInfo {
  std::string detsim_version;
  std::string git_revision;
  std::int64_t schema_version = 0;
  std::string created_utc;
  std::string command_line;
  std::uint64_t seed = 0;
  bool complete = false;
  std::int64_t trials_completed = 0;
  std::string scenario_yaml;
  // Provenance added within schema_version 1: empty (git_dirty -1, threads and block_size 0) in a
  // file written before it.
  std::int64_t git_dirty = -1;
  std::string compiler;
  std::string library_versions;
  std::string working_directory;
  std::int64_t threads = 0;
  std::int64_t block_size = 0;
  std::string rerun_of;   // empty unless `detsim rerun` wrote the file
  std::string posterior;  // empty unless the run drew parameters from a posterior (--posterior)
};

// Root attributes and /scenario. Throws RunError naming the file and object on failure: a missing
// file, one that is not HDF5 or not a detsim results file (root attribute file_type), a missing
// attribute, and a schema_version other than the one this build reads (1). A .part file left by
// a stopped run reads too, with complete = false.
ResultsFileInfo read_results_info(const std::filesystem::path& path);

// Every reader refuses, before HDF5 walks it, a file whose superblock says it is longer than it
// is (a truncated copy, a disk that filled up), and any column longer than its file could hold
// even at deflate's best ratio: such a file is damaged, and HDF5 would misread or exhaust memory.
//
// A group of equal-length 1-D columns (/experiments, /trials, /summary) with their
// description and units attributes, columns in alphabetical order of name. Other members (the
// 2-D series of /paths) are skipped, so read_table(path, "paths") gives experiment and trial.
ColumnBlock read_table(const std::filesystem::path& path, const std::string& group);

// A column a reader relies on: present, with this type (a file of another writer, or a damaged
// one, may hold anything).
struct RequiredColumn {
  std::string name;
  ColumnType type;
};

// read_table, then RunError naming the file and column unless every required column is there
// with its type.
ColumnBlock read_table(const std::filesystem::path& path, const std::string& group,
                       const std::vector<RequiredColumn>& required);

// The names of a group's members (a table's columns, sorted), without reading their data.
std::vector<std::string> read_member_names(const std::filesystem::path& path,
                                           const std::string& group);

// Whether `group` exists in the results file (e.g. /summary, written only when a run ends).
bool has_group(const std::filesystem::path& path, const std::string& group);

// A string-array attribute of a group or dataset, such as /trials outcome_labels; a scalar string
// attribute (description, units) reads as one element.
std::vector<std::string> read_string_array_attribute(const std::filesystem::path& path,
                                                     const std::string& object,
                                                     const std::string& attribute);

}  // namespace detsim
