// Trials per second of the engine and model alone (no file), at 1 and 2 threads, on a scenario
// and structure given on the command line. Usage:
//   build/trial_throughput [SCENARIO.yaml] [TRIALS] [STRUCTURE] [REPEATS]
// Defaults: scenarios/ukraine.yaml, 20000 trials, none, 3 repeats (the best is reported, the
// usual way to keep other load on the machine out of a throughput figure).
#include <algorithm>
#include <cstdio>
#include <string>

#include "counting_sink.hpp"
#include "detsim/engine/simulation.hpp"
#include "detsim/scenario/load.hpp"

namespace {

using detsim::bench::CountingSink;

double best_rate(const detsim::Simulation& simulation, int threads, int repeats,
                 std::uint64_t seed) {
  double best = 0;
  for (int r = 0; r < repeats; ++r) {
    CountingSink sink;
    detsim::RunOptions options;
    options.threads = threads;
    options.seed = seed;
    const detsim::RunResult result = simulation.run(options, sink);
    best = std::max(best, static_cast<double>(sink.rows) / result.seconds);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string scenario = argc > 1 ? argv[1] : "scenarios/ukraine.yaml";
  const std::string trials = argc > 2 ? argv[2] : "20000";
  const std::string structure = argc > 3 ? argv[3] : "none";
  const int repeats = argc > 4 ? std::stoi(argv[4]) : 3;
  detsim::LoadOptions options;
  options.overrides = {"trials=" + trials};
  options.structure = structure;
  const detsim::Scenario s = detsim::load_scenario(scenario, options);
  const detsim::Simulation simulation({{structure, s}});
  const double one = best_rate(simulation, 1, repeats, s.seed);
  const double two = best_rate(simulation, 2, repeats, s.seed);
  std::printf("scenario %s, structure %s, %s trials of %d months, best of %d\n", scenario.c_str(),
              structure.c_str(), trials.c_str(), s.horizon_months, repeats);
  std::printf("1 thread : %10.0f trials/s\n", one);
  std::printf("2 threads: %10.0f trials/s  (speed-up %.2f)\n", two, two / one);
  return 0;
}
