// The columns of /trials and the variables of /paths, each written once: its name, type, units,
// description and how it is read from a trial's state. A compiled layout expands the per-actor
// entries over the actors and adds the recorded parameters.
#pragma once

#include <span>
#include <vector>

#include "detsim/model/trial_parameters.hpp"
#include "detsim/model/trial_state.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim {

// Whose value an entry holds: the trial's, or one per actor of a role, named prefix + id.
enum class ColumnOwner { trial, challenger, target, guarantor };

struct OutputColumn {
  ColumnOwner owner;
  const char* name;  // the column's name, or for an actor the prefix its id completes ("cost.")
  ColumnType type;   // f64, i32 or i8; the value is read as a double and stored exactly
  const char* units;
  const char* description;
  double (*of_trial)(const TrialState&) = nullptr;  // owner trial, challenger or target
  // Owner guarantor; the trial's state too, for what depends on the alliance (cohesion).
  double (*of_guarantor)(const TrialState&, const GuarantorState&) = nullptr;
};

// The lists. In a layout, the trial's entries and the challenger's and target's come in list
// order, then every guarantor entry for the first guarantor, for the second, and so on.
std::span<const OutputColumn> trial_column_list();
std::span<const OutputColumn> path_variable_list();

// Reads one column of a compiled layout from a trial's state: how recorded trials fill /paths
// every month (and how tests check the row writer). Flat, since it runs per variable and month.
class ColumnReader {
 public:
  ColumnReader(const OutputColumn& entry, int guarantor);  // guarantor -1 unless owner guarantor
  explicit ColumnReader(int parameter_slot);               // a recorded parameter

  double operator()(const TrialState& s) const {
    if (of_trial_) return of_trial_(s);
    if (of_guarantor_) return of_guarantor_(s, s.guarantors[static_cast<std::size_t>(index_)]);
    return s.values[static_cast<std::size_t>(index_)];
  }

 private:
  double (*of_trial_)(const TrialState&) = nullptr;
  double (*of_guarantor_)(const TrialState&, const GuarantorState&) = nullptr;
  int index_ = -1;  // the guarantor, or the parameter's slot
};

// A list expanded for one compiled scenario: the columns and, in the same order, their readers.
struct OutputLayout {
  std::vector<ColumnInfo> columns;
  std::vector<ColumnReader> readers;
};

// /trials: the trial column list, then one f64 column per recorded parameter.
OutputLayout trial_layout(const TrialParameters& parameters,
                          const std::vector<RecordedParameter>& recorded);
// /paths.
OutputLayout path_layout(const TrialParameters& parameters);

// Writes a finished trial's row of the trial_layout with these recorded parameters. The list is
// unrolled at compile time, so the row costs no call per column; a test checks it against the
// layout's readers.
void write_trial_row(const TrialState& s, std::span<const RecordedParameter> parameters,
                     ColumnBlock& out, std::size_t row);

}  // namespace detsim
