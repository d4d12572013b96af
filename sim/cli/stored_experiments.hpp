// The experiments of an existing results file, by index and by name, checked as read. Private to
// sim/cli.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "detsim/table/column_block.hpp"

namespace detsim::cli {

// Each experiment's name (/experiments structure) at its index. InputError, naming the file,
// unless the rows number the experiments 0 to n-1 once each.
std::vector<std::string> experiment_names(const std::string& file, const ColumnBlock& experiments);

// The experiment named `wanted`, or else numbered `wanted`. InputError naming the file and
// `option` and listing the file's experiments when there is none.
std::size_t find_experiment(const std::string& file, const std::vector<std::string>& names,
                            const std::string& wanted, std::string_view option);

}  // namespace detsim::cli
