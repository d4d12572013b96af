// A calibration targets file: published figures, each with where it comes from and how it maps
// onto a scenario's /summary measure, and the judgment values fitted to them with their priors.
// Read and checked before anything runs; `detsim calibrate` fits them (sim/cli/calibrate_*.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "detsim/scenario/load.hpp"
#include "detsim/scenario/study.hpp"

namespace detsim {

// A value fitted: its dotted path in the calibration scenario, its prior (written as a study
// factor: a range is a uniform prior, a distribution that law; levels are refused), and the
// path it sets when a scenario is run with the posterior (targets.yaml's `propagate`).
struct FittedValue {
  DesignFactor prior;      // prior.path is the fitted path
  std::string applies_to;  // default prior.path
};

struct CalibrationTarget {
  enum class Kind {
    count,      // `count` successes in `n` cases: the measure's rate
    rate,       // a published rate without its counts
    direction,  // the measure is lower (or higher) than under the `versus` settings, paired
  };
  std::string name;
  std::string where;  // "FILE:LINE:COL" of the target's key
  std::string source, period, unit, description;
  std::filesystem::path scenario;  // resolved against the targets file's folder
  std::string measure;             // a /summary measure of the scenario (checked when run)
  std::string measure_where;       // "FILE:LINE:COL" of the measure's value
  std::int64_t horizon_months = 0;
  // Further values of the target's scenario, as --set would set them, each located.
  std::vector<PointSetting> settings;
  Kind kind = Kind::count;
  std::int64_t count = -1, n = -1;  // count targets; -1 otherwise
  double rate = 0;                  // count / n, or the published rate; NaN for a direction
  // Direction targets: the comparison arm's settings, and whether the measure should be lower
  // under the target's own settings than under them.
  std::vector<PointSetting> versus;
  bool lower = true;
  bool fit = false;  // used in the fit (else held out, predicted at the posterior's particles)
};

struct CalibrationTargets {
  std::filesystem::path file;
  std::string text;  // the file as read
  std::string name, description;
  std::vector<FittedValue> fitted;
  std::vector<CalibrationTarget> targets;
};

// Reads and checks a targets file: every error at once, FILE:LINE:COL, as InputError. What a
// target's settings and measure mean is checked against its scenario when calibration starts.
CalibrationTargets load_targets(const std::filesystem::path& file);

}  // namespace detsim
