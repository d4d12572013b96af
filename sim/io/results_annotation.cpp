// add_results_table: copy, write into the copy, rename over.
#include "detsim/io/results_annotation.hpp"

#include <system_error>

#include "detsim/error.hpp"
#include "detsim/io/output_file.hpp"
#include "hdf5_attribute.hpp"
#include "hdf5_object.hpp"
#include "table_io.hpp"

namespace detsim {

void add_results_table(const std::filesystem::path& file, const std::string& group,
                       const ColumnBlock& table,
                       const std::vector<std::pair<std::string, std::string>>& attributes) {
  // Checks the file reads as a results file (and is whole) before anything is copied.
  { const detail::Object original = detail::open_file_read_only(file); }
  const OutputLock lock(file);
  const std::filesystem::path part = temporary_name(file);
  std::error_code error;
  if (!std::filesystem::copy_file(file, part, std::filesystem::copy_options::none, error)) {
    throw RunError(file.string() + ": cannot copy to " + part.string() + ": " + error.message());
  }
  try {
    {
      detail::Object root = detail::open_file_read_write(part);
      detail::remove_link(root, group);
      detail::write_table(root, group, table);
      const detail::Object written = detail::open_group(root, group);
      for (const auto& [name, value] : attributes) {
        detail::write_attribute(written, name, std::string_view(value));
      }
      root.handle.close(root.file);
    }
    check_replaceable(file);
    std::filesystem::rename(part, file, error);
    if (error) {
      throw RunError(part.string() + ": cannot rename to " + file.string() + ": " +
                     error.message());
    }
  } catch (...) {
    std::filesystem::remove(part, error);
    throw;
  }
}

}  // namespace detsim
