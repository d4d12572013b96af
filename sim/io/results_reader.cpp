// Reading a results file back: root attributes, tables and string-array attributes.
#include "detsim/io/results_reader.hpp"

#include <algorithm>

#include "detsim/error.hpp"
#include "detsim/io/table_file.hpp"
#include "hdf5_attribute.hpp"
#include "hdf5_column.hpp"
#include "hdf5_object.hpp"
#include "results_schema.hpp"
#include "table_io.hpp"

namespace detsim {

namespace {

using detail::attribute;
using detail::Object;

// A results file says so in file_type, and the layout it follows in schema_version; anything else
// is refused before its contents are misread. A calibration file (table_file.hpp) has the same
// table layout, at the same schema_version, so its tables are read alike.
void require_readable(const Object& root) {
  if (!detail::has_attribute(root, "file_type")) {
    throw RunError(root.file + ": not a detsim results file (no file_type attribute)");
  }
  const auto file_type = attribute<std::string>(root, "file_type");
  if (file_type != detail::results_file_type && file_type != calibration_file_type) {
    throw RunError(root.file + ": not a detsim results file (file_type is '" + file_type + "')");
  }
  const auto version = attribute<std::int64_t>(root, "schema_version");
  if (version != detail::results_schema_version) {
    throw RunError(root.file + ": results schema_version " + std::to_string(version) +
                   " is not supported; this build of detsim reads schema_version " +
                   std::to_string(detail::results_schema_version));
  }
}

}  // namespace

ResultsFileInfo read_results_info(const std::filesystem::path& path) {
  const Object root = detail::open_file_read_only(path);
  require_readable(root);
  ResultsFileInfo info;
  info.schema_version = detail::results_schema_version;
  info.detsim_version = attribute<std::string>(root, "detsim_version");
  info.git_revision = attribute<std::string>(root, "git_revision");
  info.created_utc = attribute<std::string>(root, "created_utc");
  info.command_line = attribute<std::string>(root, "command_line");
  info.seed = attribute<std::uint64_t>(root, "seed");
  info.complete = attribute<std::int64_t>(root, "complete") != 0;
  info.trials_completed = attribute<std::int64_t>(root, "trials_completed");
  info.scenario_yaml = attribute<std::string>(detail::open_group(root, "scenario"), "yaml");
  const auto optional_text = [&](const char* name, std::string& field) {
    if (detail::has_attribute(root, name)) field = attribute<std::string>(root, name);
  };
  const auto optional_number = [&](const char* name, std::int64_t& field) {
    if (detail::has_attribute(root, name)) field = attribute<std::int64_t>(root, name);
  };
  optional_number("git_dirty", info.git_dirty);
  optional_text("compiler", info.compiler);
  optional_text("library_versions", info.library_versions);
  optional_text("working_directory", info.working_directory);
  optional_number("threads", info.threads);
  optional_number("block_size", info.block_size);
  optional_text("rerun_of", info.rerun_of);
  optional_text("posterior", info.posterior);
  return info;
}

ColumnBlock read_table(const std::filesystem::path& path, const std::string& group,
                       const std::vector<RequiredColumn>& required) {
  ColumnBlock table = read_table(path, group);
  for (const RequiredColumn& column : required) {
    const std::string where = path.string() + ": /" + group + "/" + column.name;
    const auto& schema = table.schema();
    const auto found = std::find_if(schema.begin(), schema.end(),
                                    [&](const ColumnInfo& c) { return c.name == column.name; });
    if (found == schema.end()) throw RunError(where + ": missing");
    if (found->type != column.type) {
      throw RunError(where + ": holds " + detail::type_name(found->type) + " values, not " +
                     detail::type_name(column.type) + " as detsim writes it");
    }
  }
  return table;
}

bool has_group(const std::filesystem::path& path, const std::string& group) {
  const Object root = detail::open_file_read_only(path);
  require_readable(root);
  return detail::has_link(root, group);
}

std::vector<std::string> read_member_names(const std::filesystem::path& path,
                                           const std::string& group) {
  const Object root = detail::open_file_read_only(path);
  require_readable(root);
  return detail::member_names(detail::open_group(root, group));
}

ColumnBlock read_table(const std::filesystem::path& path, const std::string& group) {
  const Object root = detail::open_file_read_only(path);
  require_readable(root);
  return detail::read_table(detail::open_group(root, group));
}

std::vector<std::string> read_string_array_attribute(const std::filesystem::path& path,
                                                     const std::string& object,
                                                     const std::string& attribute) {
  const Object root = detail::open_file_read_only(path);
  return detail::attribute<std::vector<std::string>>(detail::open_object(root, object), attribute);
}

}  // namespace detsim
