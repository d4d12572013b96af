// libFuzzer harness: the scenario loader with --set overrides, and the preset reader.
#include <unistd.h>

#include "scenario_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path scratch = [] {
    auto dir = std::filesystem::temp_directory_path() / ("detsim-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    return dir;
  }();
  detsim::fuzz::load_scenario_input(data, size, scratch);
  return 0;
}
