// The promise of INTERFACE.md, checked with the tools analysts use: h5py 3 and pandas read
// /trials as one tidy table. Skipped (with a warning) where python3-h5py or pandas is missing.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "detsim/io/results_writer.hpp"
#include "io_test_support.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

bool python_has_h5py_and_pandas() {
  const std::string command =
      std::string(DETSIM_PYTHON) + " -c 'import h5py, pandas' > /dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

// Run as: python3 check.py results.h5; exits non-zero with the failed assertion on stderr.
constexpr const char* check_script = R"(
import sys
import h5py
import numpy
import pandas

with h5py.File(sys.argv[1], "r") as f:
    trials = pandas.DataFrame({k: v[()] for k, v in f["trials"].items()})
    assert trials.shape == (15, 6), trials.shape
    assert sorted(trials.columns) == ["attacked", "experiment", "note", "outcome", "territory", "trial"]
    assert trials["territory"].dtype == numpy.float64
    assert trials["trial"].dtype == numpy.int32
    assert trials["attacked"].dtype == numpy.int8
    assert list(trials["trial"]) == list(range(10)) + list(range(5)), list(trials["trial"])
    assert list(trials["attacked"][:4]) == [-1, 1, -1, 1]
    assert trials["territory"][8] == 1.0
    notes = f["trials"]["note"].asstr()[()]
    assert notes[0] == "" and notes[1] == "trial 1 \u00fc\u20ac", notes[:2]
    assert list(f["trials"].attrs["outcome_labels"]) == ["deterred", "fait accompli", "war"]
    assert f["trials"]["territory"].attrs["units"] == "fraction"
    assert f["trials"]["trial"].attrs["description"] == "Trial number within the experiment"
    assert f.attrs["file_type"] == "detsim results"
    assert f.attrs["schema_version"] == 1
    assert f.attrs["complete"] == 1
    assert f.attrs["seed"] == 18446744073709551557
    assert f["scenario"].attrs["yaml"].startswith("actors:")
    assert f["paths"]["escalation"].shape == (5, 13)
    assert f["paths"]["escalation"][4, 12] == 4.12
    summary = pandas.DataFrame({k: v[()] for k, v in f["summary"].items()})
    assert summary.shape == (3, 4), summary.shape
)";

}  // namespace

TEST_CASE("pandas reads /trials as one tidy table") {
  if (!python_has_h5py_and_pandas()) {
    WARN(DETSIM_PYTHON " with h5py and pandas is not installed; skipping the pandas check");
    return;
  }
  TempDir dir;
  const auto path = dir / "results.h5";
  {
    ResultsWriter writer = open_test_writer(path);
    writer.append_trials(test_trials(0, 9));
    writer.append_trials(test_trials(9, 6));
    writer.append_paths(test_paths(0, 5));
    writer.close(test_summary(), true, 15);
  }
  const auto script = dir / "check.py";
  { std::ofstream(script) << check_script; }
  const std::string command =
      std::string(DETSIM_PYTHON) + " '" + script.string() + "' '" + path.string() + "'";
  CHECK(std::system(command.c_str()) == 0);
}
