// The measures of /summary as data: each a record {name, kind, description, the /trials column it
// reads, a transform, which trials count}. C++ evaluates them for /summary and writes them to the
// file as /measures, where readers (scripts/detsim_results.py) evaluate the same definitions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "detsim/table/column_block.hpp"

namespace detsim {

enum class MeasureKind { rate, mean };

// What a trial's value is, from x, the value of the measure's column.
enum class Transform {
  identity,  // x
  equals,    // 1 if x == threshold, else 0
  at_least,  // 1 if x >= threshold, else 0
  nonzero,   // 1 if x != 0, else 0
  absolute,  // |x|
};

// What a trial whose `given` column is 0 contributes.
enum class Otherwise {
  skip,  // nothing: the measure is conditional on `given` (its n counts only the others)
  zero,  // a 0
};

struct Measure {
  std::string name;  // the `outcome` column of /summary
  MeasureKind kind = MeasureKind::mean;
  std::string description;
  std::string column;  // the /trials column it reads
  Transform transform = Transform::identity;
  double threshold = 0;  // of equals and at_least; 0 otherwise
  std::string given;     // a /trials column, or "" for every trial
  Otherwise otherwise = Otherwise::skip;
};

// A trial's value: nothing when it does not count (its column is NaN, or `given` is 0 and the
// measure skips), else the transform of x (0 when `given` is 0 and the measure counts it as 0).
// `given_value` is ignored when the measure has no `given`.
std::optional<double> measure_value(const Measure& m, double x, double given_value);

// The measures for a /trials layout; guarantor, actor and outcome names come from its columns.
std::vector<Measure> standard_measures(const std::vector<ColumnInfo>& trial_columns,
                                       const std::vector<std::string>& outcome_labels);

// /measures: one row per measure, columns measure, kind, description, column, transform,
// threshold, given, otherwise (the names of the enums above).
ColumnBlock measures_table(const std::vector<Measure>& measures);

// The records of a /measures table read back, in its order. std::invalid_argument naming the
// row and the value for a kind, transform or otherwise this build does not know.
std::vector<Measure> measures_from_table(const ColumnBlock& table);

}  // namespace detsim
