// One fuzz input for the scenario loader, shared by the libFuzzer harness and the regression test
// that replays kept inputs: the bytes up to the first NUL are a scenario (and, written to a file,
// a preset), each NUL-separated piece after it a --set override.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "detsim/error.hpp"
#include "detsim/scenario/load.hpp"
#include "detsim/scenario/preset.hpp"

namespace detsim::fuzz {

// Loads the input as the command line would; bad input must end in InputError, and anything else
// (a crash, a hang, another exception) is a bug. A scenario that loads must emit YAML that loads
// back.
inline void load_scenario_input(const std::uint8_t* data, std::size_t size,
                                const std::filesystem::path& scratch) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::size_t end = bytes.find('\0');
  const std::string text(bytes.substr(0, end));
  LoadOptions options;
  for (std::size_t at = end; at != std::string_view::npos && options.overrides.size() < 8;) {
    const std::size_t next = bytes.find('\0', at + 1);
    options.overrides.emplace_back(bytes.substr(
        at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1));
    at = next;
  }
  try {
    const Scenario scenario = load_scenario_text(text, "fuzz.yaml", options);
    const Scenario again = load_scenario_text(emit_scenario_yaml(scenario), "emitted.yaml");
    if (again.horizon_months != scenario.horizon_months || again.trials != scenario.trials) {
      throw std::logic_error("the emitted scenario reads back different");
    }
  } catch (const InputError&) {
  }
  const auto preset = scratch / "fuzz_preset.yaml";
  std::ofstream(preset, std::ios::binary | std::ios::trunc) << text;
  try {
    load_preset(preset.string(), {});
  } catch (const InputError&) {
  }
}

}  // namespace detsim::fuzz
