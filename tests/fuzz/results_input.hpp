// One fuzz input for the results reader, shared by the libFuzzer harness and the regression test:
// the bytes are a results file, read the way `detsim summarize` reads one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "detsim/error.hpp"
#include "detsim/io/results_reader.hpp"

namespace detsim::fuzz {

// Reads every part of the file summarize and the tests use; a damaged file must end in
// RunError. (Crashes inside libhdf5 itself are possible on some damaged files: summarize reads
// in a child process for that reason, see sim/cli/crash_guard.hpp.)
inline void read_results_input(const std::uint8_t* data, std::size_t size,
                               const std::filesystem::path& file) {
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    read_results_info(file);
    read_table(file, "experiments",
               {{"experiment", ColumnType::i32}, {"structure", ColumnType::str}});
    if (has_group(file, "summary")) {
      read_table(file, "summary", {{"experiment", ColumnType::i32}, {"mean", ColumnType::f64}});
    }
    read_table(file, "trials");
    read_string_array_attribute(file, "trials", "outcome_labels");
  } catch (const RunError&) {
  }
}

}  // namespace detsim::fuzz
