// What the results file costs a run: the same experiments (the default comparison's five
// structures) run by the engine alone and with every block written to a results file as
// `detsim run` writes it, at 1 and 2 threads, in one process, interleaved, best of REPEATS.
// The file's share of the wall time is (with file - engine alone) / with file. Usage:
//   build/writer_share [SCENARIO.yaml] [TRIALS per structure] [REPEATS]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "counting_sink.hpp"
#include "detsim/engine/simulation.hpp"
#include "detsim/io/results_writer.hpp"
#include "detsim/scenario/load.hpp"

namespace {

using detsim::bench::CountingSink;

// What the command line's sink does with the file: every block appended, chunks packed by the
// workers between blocks.
class FileSink : public detsim::BlockSink {
 public:
  explicit FileSink(detsim::ResultsWriter& writer) : writer_(writer) {}
  void consume(const detsim::TrialBlock&, const detsim::ColumnBlock& trials,
               const detsim::PathBlock& paths) override {
    writer_.append_trials(trials);
    if (paths.rows() > 0) writer_.append_paths(paths);
  }
  void assist() override { writer_.pack_queued_chunks(); }

 private:
  detsim::ResultsWriter& writer_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double engine_alone(const detsim::Simulation& simulation, int threads, std::uint64_t seed) {
  CountingSink sink;
  detsim::RunOptions options;
  options.threads = threads;
  options.seed = seed;
  const auto start = std::chrono::steady_clock::now();
  simulation.run(options, sink);
  return seconds_since(start);
}

double with_file(const detsim::Simulation& simulation, int threads, std::uint64_t seed,
                 const std::filesystem::path& out) {
  const auto start = std::chrono::steady_clock::now();
  const std::int64_t recorded = simulation.recorded_paths();
  detsim::RunMetadata metadata;
  metadata.threads = threads;
  metadata.seed = seed;
  const detsim::TrialTableLayout layout{simulation.trial_columns(),
                                        detsim::TrialModel::outcome_labels()};
  detsim::ResultsWriter writer(
      out, metadata, simulation.experiments_table(), layout,
      recorded > 0 ? simulation.path_variables() : std::vector<detsim::ColumnInfo>{},
      recorded > 0 ? simulation.path_months() : 0);
  FileSink sink(writer);
  detsim::RunOptions options;
  options.threads = threads;
  options.seed = seed;
  const detsim::RunResult result = simulation.run(options, sink);
  writer.close(detsim::ColumnBlock(std::vector<detsim::ColumnInfo>{}), result.complete,
               result.trials_completed);
  return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string scenario = argc > 1 ? argv[1] : "scenarios/ukraine.yaml";
  const std::string trials = argc > 2 ? argv[2] : "20000";
  const int repeats = argc > 3 ? std::stoi(argv[3]) : 3;
  std::vector<detsim::ExperimentSpec> experiments;
  std::uint64_t seed = 0;
  for (const char* structure :
       {"none", "nato_article5", "bilateral_pact", "security_assistance", "economic_diplomatic"}) {
    detsim::LoadOptions options;
    options.overrides = {"trials=" + trials};
    options.structure = structure;
    experiments.push_back({structure, detsim::load_scenario(scenario, options)});
    seed = experiments.back().scenario.seed;
  }
  const detsim::Simulation simulation(std::move(experiments));
  const std::filesystem::path out = std::filesystem::temp_directory_path() /
                                    ("writer_share." + std::to_string(::getpid()) + ".h5");
  std::printf("scenario %s, 5 structures x %s trials, best of %d\n", scenario.c_str(),
              trials.c_str(), repeats);
  std::printf("%-8s %12s %12s %12s\n", "threads", "engine s", "with file s", "file share");
  double best_file[3] = {1e300, 1e300, 1e300};
  for (const int threads : {1, 2}) {
    double best_engine = 1e300;
    for (int r = 0; r < repeats; ++r) {
      best_engine = std::min(best_engine, engine_alone(simulation, threads, seed));
      best_file[threads] = std::min(best_file[threads], with_file(simulation, threads, seed, out));
    }
    std::printf("%-8d %12.3f %12.3f %11.1f%%\n", threads, best_engine, best_file[threads],
                100.0 * (best_file[threads] - best_engine) / best_file[threads]);
  }
  std::printf("speed-up with the file, 2 threads over 1: %.2f\n", best_file[1] / best_file[2]);
  std::filesystem::remove(out);
  return 0;
}
