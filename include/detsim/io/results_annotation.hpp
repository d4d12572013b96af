// Adding a table derived from a results file (such as /sensitivity) to that file, without putting
// the file at risk: the table is written into a copy beside it, and the copy renamed over it.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "detsim/table/column_block.hpp"

namespace detsim {

// Writes `table` as group `group` of the results file `file` (replacing a group of that name),
// with string attributes on the group. A failure at any point leaves `file` as it was (and no
// temporary file); a run writing `file` at the same time is refused (InputError), as two runs
// are. RunError for anything else that fails.
void add_results_table(const std::filesystem::path& file, const std::string& group,
                       const ColumnBlock& table,
                       const std::vector<std::pair<std::string, std::string>>& attributes);

}  // namespace detsim
