// The shipped Ukraine scenario run under one structure, with overrides, for engine tests that
// compare runs: the same seed in every run, so trial t of two runs is the same trial (paired).
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "detsim/scenario/load.hpp"
#include "support/collecting_sink.hpp"

namespace detsim::testing {

inline const std::string kUkraineScenario =
    std::string(DETSIM_SOURCE_DIR) + "/scenarios/ukraine.yaml";

inline CollectingSink run_ukraine(const std::string& structure, std::vector<std::string> overrides,
                                  std::int64_t trials, int threads = 2) {
  LoadOptions options;
  options.overrides = std::move(overrides);
  options.overrides.push_back("trials=" + std::to_string(trials));
  options.structure = structure;
  Simulation simulation({{structure, load_scenario(kUkraineScenario, options)}});
  CollectingSink sink;
  RunOptions run_options;
  run_options.threads = threads;
  run_options.seed = 20261126;
  run_options.block_size = 500;
  REQUIRE(simulation.run(run_options, sink).complete);
  return sink;
}

}  // namespace detsim::testing
