// A file of whole tables (a calibration's posterior and diagnostics): written at once into a
// temporary file and renamed, so it is either complete or absent, as a results file is.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "detsim/io/results_writer.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim {

// The root file_type of a calibration file (detsim calibrate): whole tables in the results
// file's table layout, which the results reader's table functions read as they read a results
// file's (read_table, read_string_array_attribute, has_group).
inline constexpr std::string_view calibration_file_type = "detsim calibration";

struct NamedTable {
  std::string group;  // "posterior" or a nested path such as "calibration/targets"
  ColumnBlock table;
  GroupAttributes attributes;
};

// Writes `tables` (each a group of equal-length 1-D datasets, as results tables are) with the
// root attributes file_type (calibration_file_type), schema_version (the results file's) and
// `root`, through "<out>.XXXXXX.part" renamed to <out> when whole; `out` is
// checked as a run's output is (never one of `inputs`, one writer at a time). InputError for a
// path that may not be written, RunError for an I/O failure (and no file is left).
void write_table_file(const std::filesystem::path& out,
                      const std::vector<std::filesystem::path>& inputs, const GroupAttributes& root,
                      const std::vector<NamedTable>& tables);

}  // namespace detsim
