// A study file: a scenario it names and a design of factors to run it at, read and checked
// before anything runs. The design's points are made by detsim/design/design.hpp; what a point
// sets in the scenario is checked by load_scenario_points, as --set would be.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "detsim/design/design.hpp"
#include "detsim/scenario/quantity.hpp"

namespace detsim {

// One factor: a dotted scenario path (as --set takes it) and the values a unit-cube coordinate u
// maps to.
struct DesignFactor {
  enum class Kind { levels, range, distribution };
  std::string path;
  Kind kind = Kind::levels;
  std::vector<double> levels;  // levels: u -> levels[min(n - 1, floor(u n))]
  double lo = 0, hi = 0;       // range: u -> lo + u (hi - lo)
  Quantity distribution;       // distribution (constant arguments): u -> its quantile at u
  std::string where;           // "FILE:LINE:COL" of the factor's key
  // Where each level is written (levels), or lo and hi (range): a bad value is reported there.
  std::vector<std::string> value_where;
  std::string spec;  // the factor's definition in one line, for /design: "levels: [0, 0.5, 1]"
  // The key holds a whole number (horizon_months, ...): a range's or distribution's value is
  // rounded to the nearest one, so every point is a scenario the loader accepts.
  bool integer = false;
};

struct Study {
  std::filesystem::path file;
  std::filesystem::path scenario;  // as written, taken relative to the study file's folder
  std::string name;
  DesignShape shape;
  std::vector<DesignFactor> factors;
  std::vector<std::string> structures;  // empty: the scenario's own preset
  std::optional<std::int64_t> trials;   // per point and structure; default the scenario's
  // The study's precision section as a setting of every point ("precision={...}", applied as
  // --set would be, so the scenario loader checks it), and where it is written; empty if none.
  std::string precision;
  std::string precision_where;
  std::string text;  // the study file as read, for /design
};

// Whether the file is a study (its top level has detsim_study). A file that cannot be read or
// parsed is not one: the scenario loader then says what is wrong with it.
bool is_study_file(const std::filesystem::path& file);

// Reads and checks the study file (not yet its points against the scenario): every error at
// once, FILE:LINE:COL, as InputError.
Study load_study(const std::filesystem::path& file);

}  // namespace detsim
