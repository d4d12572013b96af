// Everything needed to run single trials of a model outside the engine: state, streams, a
// one-row output block and one monthly series per path variable.
#pragma once

#include <string>
#include <vector>

#include "detsim/model/trial_model.hpp"

namespace detsim::testing {

struct SingleTrial {
  explicit SingleTrial(const Scenario& scenario)
      : model(scenario),
        state(model.make_state()),
        out(model.trial_columns()),
        series(model.path_variables().size(), std::vector<double>(model.path_months())) {
    out.resize(1);
    for (auto& v : series) rows.push_back(v.data());
  }
  // Runs trial `trial` of seed `seed`; with record_paths its monthly series land in `series`.
  void run(int trial, bool record_paths = true, std::uint64_t seed = 0) {
    const std::span<double* const> paths =
        record_paths ? std::span<double* const>(rows) : std::span<double* const>();
    model.run(TrialStreams{seed, static_cast<std::uint64_t>(trial)}, state, 0, trial, out, 0,
              paths);
  }
  // The monthly series of a path variable by name.
  const std::vector<double>& path(const std::string& name) const {
    for (std::size_t v = 0; v < series.size(); ++v) {
      if (model.path_variables()[v].name == name) return series[v];
    }
    throw std::out_of_range("no path variable " + name);
  }

  TrialModel model;
  TrialState state;
  ColumnBlock out;
  std::vector<std::vector<double>> series;
  std::vector<double*> rows;
};

}  // namespace detsim::testing
