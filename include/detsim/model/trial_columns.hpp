// The columns of /trials and the variables of /paths that a compiled scenario produces.
#pragma once

#include <vector>

#include "detsim/model/trial_parameters.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim {

std::vector<ColumnInfo> trial_columns_for(const TrialParameters& parameters,
                                          const std::vector<RecordedParameter>& recorded);
std::vector<ColumnInfo> path_variables_for(const TrialParameters& parameters);

}  // namespace detsim
