// libFuzzer harness: reading a results file (root attributes, tables, string attributes).
#include <unistd.h>

#include "results_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("detsim-fuzz-" + std::to_string(getpid()) + ".h5");
  detsim::fuzz::read_results_input(data, size, file);
  return 0;
}
