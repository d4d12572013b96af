// Running a calibration's candidate parameter sets: each candidate under each arm (a scenario
// and the settings a target measures it under) is an experiment of one Simulation, built as a
// study's points are, so the threads share the work and trial t draws the same random numbers
// under every candidate (common random numbers). Private to sim/cli.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "detsim/engine/simulation.hpp"
#include "detsim/scenario/load.hpp"
#include "detsim/scenario/targets.hpp"

namespace detsim::cli {

struct CalibrationArm {
  std::filesystem::path scenario;
  std::vector<PointSetting> settings;
  bool same_as(const CalibrationArm& other) const;
};

// A /summary row of one experiment: the measure's estimate and the trials it counts.
struct MeasureValue {
  double mean = 0;
  std::int64_t n = 0;
};

class CalibrationRuns {
 public:
  // `measures`: the /summary measures read from every experiment (each target's). `options`:
  // overrides every experiment takes (trials, seed).
  CalibrationRuns(std::vector<CalibrationArm> arms, std::vector<FittedValue> fitted,
                  std::vector<std::string> measures, LoadOptions options, int threads);

  // Loads every arm at each fitted value's prior ends (or median) and builds (without running)
  // the simulation, so a bad setting, a path the scenario lacks, arms that do not share actors
  // and horizon, or a measure it has not, is an InputError before any trial runs.
  void check(const std::vector<std::string>& measure_where) const;

  // values[c][f]: candidate c's value of fitted value f. Returns [c][arm][measure].
  std::vector<std::vector<std::vector<MeasureValue>>> evaluate(
      const std::vector<std::vector<double>>& values) const;

  const std::vector<CalibrationArm>& arms() const { return arms_; }

 private:
  std::vector<ExperimentSpec> experiments(const std::vector<std::vector<double>>& values) const;
  std::vector<CalibrationArm> arms_;
  std::vector<FittedValue> fitted_;
  std::vector<std::string> measures_;
  LoadOptions options_;
  int threads_;
};

// A fitted value's prior at its unit-cube coordinate u (the prior's CDF at the value): a range's
// lo + u (hi - lo), a distribution's quantile at u, as a study maps a factor's u.
double prior_value(const DesignFactor& prior, double u);

// The setting a fitted value makes: "path=value", written so it reads back as the same double.
std::string fitted_setting(const std::string& path, double value);

}  // namespace detsim::cli
