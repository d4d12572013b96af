// One trial of the model: a scenario compiled once, run month by month into one row of results
// (and, when asked, its monthly paths). Knows nothing of YAML, HDF5, threads or the command line.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "detsim/model/random_stream.hpp"
#include "detsim/model/trial_columns.hpp"
#include "detsim/model/trial_parameters.hpp"
#include "detsim/model/trial_state.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim {

class TrialModel {
 public:
  explicit TrialModel(const Scenario& scenario);
  // Records exactly these parameter columns ("param.<path>"), whether random here or not, so
  // that experiments that draw different parameters share one /trials table.
  TrialModel(TrialParameters parameters, const std::vector<std::string>& recorded_parameters);

  // Columns of /trials, in order; the same for every trial of this scenario.
  const std::vector<ColumnInfo>& trial_columns() const { return trials_.columns; }
  static const std::vector<std::string>& outcome_labels();
  // Monthly series kept for recorded trials; each has path_months() values.
  const std::vector<ColumnInfo>& path_variables() const { return paths_.columns; }
  std::size_t path_months() const {
    return static_cast<std::size_t>(parameters_.horizon_months) + 1;
  }
  const TrialParameters& parameters() const { return parameters_; }

  // Grows `state` so that it runs this model's trials without allocating; one state fitted to
  // every model of a run serves all of them. make_state() is a state fitted to this model alone.
  void fit_state(TrialState& state) const;
  TrialState make_state() const;

  // Runs one trial, drawing from `streams` (seed, trial), and writes its row. `paths` is empty,
  // or holds one row pointer per path variable, each to path_months() values.
  void run(const TrialStreams& streams, TrialState& state, std::int32_t experiment,
           std::int32_t trial, ColumnBlock& out, std::size_t row,
           std::span<double* const> paths) const;

 private:
  void record_month(const TrialState& s, std::span<double* const> paths) const;
  void write_row(const TrialState& s, ColumnBlock& out, std::size_t row) const;

  TrialParameters parameters_;
  std::vector<RecordedParameter> recorded_;  // the param.* columns, after the list's
  OutputLayout trials_;
  OutputLayout paths_;
};

}  // namespace detsim
