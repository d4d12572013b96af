// Reading the /posterior group of a calibration's file (or of a results file run with one): its
// table of particles and the attributes that say what each column sets.
#pragma once

#include <filesystem>

#include "detsim/io/results_writer.hpp"
#include "detsim/table/column_block.hpp"

namespace detsim {

struct PosteriorGroup {
  ColumnBlock table;  // particle, weight and one column per fitted parameter, as stored
  // parameters and applies_to (lists); scenario, targets_yaml, method, seed_decimal, source,
  // digest (text) and seed (unsigned) where present: what a results file copies with the table.
  GroupAttributes attributes;
};

// Any HDF5 file with a /posterior group (`detsim calibrate` writes one; so does a run made with
// --posterior). RunError naming the file when it cannot be read, has no /posterior group, or
// lacks the attributes parameters and applies_to.
PosteriorGroup read_posterior_group(const std::filesystem::path& path);

}  // namespace detsim
