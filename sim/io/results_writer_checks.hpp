// Private to the io part: the programming errors ResultsWriter refuses (std::logic_error), kept
// apart from the writing itself.
#pragma once

#include <cstddef>
#include <vector>

#include "detsim/io/results_writer.hpp"

namespace detsim::detail {

// Column and path-variable names become HDF5 link names: non-empty, no '/', not "." and unique.
void require_valid_layout(const TrialTableLayout& trials,
                          const std::vector<ColumnInfo>& path_variables);
// A trial block must have the layout's columns, in order, by name and type.
void require_trial_schema(const std::vector<ColumnInfo>& layout, const ColumnBlock& block);
// A path block must have the writer's variables and months, and values of matching sizes.
void require_path_shape(const std::vector<ColumnInfo>& variables, std::size_t months,
                        const PathBlock& block);

}  // namespace detsim::detail
