// Checks of the layout and of each appended block against it.
#include "results_writer_checks.hpp"

#include <set>
#include <stdexcept>
#include <string>

#include "table_io.hpp"

namespace detsim::detail {

namespace {

void require_names(const std::vector<ColumnInfo>& columns, std::set<std::string>& seen,
                   const std::string& where) {
  for (const ColumnInfo& column : columns) {
    if (column.name.empty() || column.name == "." || column.name.find('/') != std::string::npos) {
      throw std::logic_error(where + ": column name '" + column.name +
                             "' cannot name an HDF5 dataset");
    }
    if (!seen.insert(column.name).second) {
      throw std::logic_error(where + ": two columns are named '" + column.name + "'");
    }
  }
}

}  // namespace

void require_valid_layout(const TrialTableLayout& trials,
                          const std::vector<ColumnInfo>& path_variables) {
  std::set<std::string> trial_names;
  require_names(trials.columns, trial_names, "/trials");
  // /paths holds the variables beside its own experiment and trial columns.
  std::set<std::string> path_names{"experiment", "trial"};
  require_names(path_variables, path_names, "/paths");
  for (const ColumnInfo& variable : path_variables) {
    if (variable.type != ColumnType::f64) {
      throw std::logic_error("/paths: variable '" + variable.name + "' must be of type f64");
    }
  }
}

void require_trial_schema(const std::vector<ColumnInfo>& layout, const ColumnBlock& block) {
  const std::vector<ColumnInfo>& schema = block.schema();
  if (schema.size() != layout.size()) {
    throw std::logic_error("/trials: block has " + std::to_string(schema.size()) +
                           " columns, the layout " + std::to_string(layout.size()));
  }
  for (std::size_t c = 0; c < layout.size(); ++c) {
    if (schema[c].name != layout[c].name || schema[c].type != layout[c].type) {
      throw std::logic_error("/trials: block column " + std::to_string(c) + " ('" + schema[c].name +
                             "') differs from the layout's ('" + layout[c].name +
                             "') in name or type");
    }
  }
  require_consistent(block, "/trials");
}

void require_path_shape(const std::vector<ColumnInfo>& variables, std::size_t months,
                        const PathBlock& block) {
  if (block.variables.size() != variables.size() || block.values.size() != variables.size()) {
    throw std::logic_error("/paths: block has " + std::to_string(block.variables.size()) +
                           " variables, the writer " + std::to_string(variables.size()));
  }
  if (block.months != months) {
    throw std::logic_error("/paths: block has " + std::to_string(block.months) +
                           " months, the writer " + std::to_string(months));
  }
  if (block.experiment.size() != block.trial.size()) {
    throw std::logic_error("/paths: block has " + std::to_string(block.experiment.size()) +
                           " experiment numbers for " + std::to_string(block.trial.size()) +
                           " trials");
  }
  for (std::size_t v = 0; v < variables.size(); ++v) {
    if (block.variables[v].name != variables[v].name) {
      throw std::logic_error("/paths: block variable '" + block.variables[v].name +
                             "' where the writer has '" + variables[v].name + "'");
    }
    if (block.values[v].size() != block.rows() * months) {
      throw std::logic_error("/paths/" + variables[v].name + ": block holds " +
                             std::to_string(block.values[v].size()) + " values, not rows x months");
    }
  }
}

}  // namespace detsim::detail
