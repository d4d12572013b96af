// write_table_file: whole tables into a temporary file, renamed when complete.
#include "detsim/io/table_file.hpp"

#include <system_error>

#include "detsim/error.hpp"
#include "detsim/io/output_file.hpp"
#include "hdf5_attribute.hpp"
#include "hdf5_object.hpp"
#include "results_schema.hpp"
#include "table_io.hpp"

namespace detsim {

namespace {

void write_attributes(const detail::Object& object, const GroupAttributes& a) {
  for (const auto& [name, value] : a.text) detail::write_attribute(object, name, value);
  for (const auto& [name, value] : a.lists) detail::write_attribute(object, name, value);
  for (const auto& [name, value] : a.integers) detail::write_attribute(object, name, value);
  for (const auto& [name, value] : a.unsigned_integers) {
    detail::write_attribute(object, name, value);
  }
}

}  // namespace

void write_table_file(const std::filesystem::path& out,
                      const std::vector<std::filesystem::path>& inputs, const GroupAttributes& root,
                      const std::vector<NamedTable>& tables) {
  check_output_path(out, inputs);
  const OutputLock lock(out);
  const std::filesystem::path part = temporary_name(out);
  std::error_code error;
  try {
    {
      detail::Object file = detail::create_file(part);
      detail::write_attribute(file, "file_type", calibration_file_type);
      detail::write_attribute(file, "schema_version", detail::results_schema_version);
      write_attributes(file, root);
      for (const NamedTable& t : tables) {
        // A nested group's parents are made as they are first met.
        detail::Object parent = detail::open_object(file, "/");
        std::string name = t.group;
        for (std::size_t slash; (slash = name.find('/')) != std::string::npos;) {
          const std::string head = name.substr(0, slash);
          parent = detail::has_link(parent, head) ? detail::open_group(parent, head)
                                                  : detail::create_group(parent, head);
          name = name.substr(slash + 1);
        }
        detail::write_table(parent, name, t.table);
        write_attributes(detail::open_group(parent, name), t.attributes);
      }
      file.handle.close(file.file);
    }
    check_replaceable(out);
    std::filesystem::rename(part, out, error);
    if (error) {
      throw RunError(part.string() + ": cannot rename to " + out.string() + ": " + error.message());
    }
  } catch (...) {
    std::filesystem::remove(part, error);
    throw;
  }
}

}  // namespace detsim
