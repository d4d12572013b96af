// Argument parsing with CLI11 and the mapping of failures to exit statuses.
#include "detsim/cli/app.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <map>
#include <thread>

#include "build_info.hpp"
#include "commands.hpp"
#include "detsim/engine/ranks.hpp"
#include "detsim/error.hpp"

namespace detsim {

namespace {

// The options of `run` and `rerun` that say how trials are run and reported (not which).
void add_execution_options(CLI::App* command, cli::ExecutionArguments& x) {
  command->add_option("--threads", x.threads, "worker threads (default: all hardware threads)")
      ->check(CLI::Range(0, 1024));
  command
      ->add_option("--block-size", x.block_size,
                   "trials per block of work; with several experiments, /trials rows come "
                   "block by block from each in turn, so their order depends on it")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10000000}));
  auto* quiet =
      command->add_flag("-q,--quiet", x.quiet, "print neither progress nor the summary table");
  command->add_flag(
      "--resume", x.resume,
      "go on from where an interrupted run of the same command stopped (killed, "
      "or stopped by a signal): its blocks are kept in OUT.journal until it completes");
  static const std::map<std::string, cli::ProgressMode> progress_modes{
      {"auto", cli::ProgressMode::automatic},
      {"always", cli::ProgressMode::lines},
      {"never", cli::ProgressMode::none}};
  command
      ->add_option_function<std::string>(
          "--progress", [&x](const std::string& mode) { x.progress = progress_modes.at(mode); },
          "progress on stderr: auto (a line rewritten in place on a terminal, otherwise a full "
          "line every --progress-interval seconds), always (full lines), never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->excludes(quiet);
  command
      ->add_option("--progress-interval", x.progress_interval,
                   "seconds between full progress lines (default 30)")
      ->check(CLI::Validator(
          [](std::string& text) {
            char* end = nullptr;
            const double seconds = std::strtod(text.c_str(), &end);
            // Written so that NaN fails too: CLI11's Range lets it through.
            return !text.empty() && *end == '\0' && seconds >= 0.1 && seconds <= 86400.0
                       ? std::string()
                       : "must be a number of seconds from 0.1 to 86400, not " + text;
          },
          "SECONDS"));
}

int all_hardware_threads() {
  return static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
}

}  // namespace

namespace {

int run_subcommand(int argc, char** argv, std::string& failure);

}  // namespace

// Under mpirun every rank parses the same command line; only rank 0 talks, and every rank ends
// with rank 0's exit status (mpirun's own status is then that status, whichever rank ends first).
int run_command_line(int argc, char** argv) {
  const Ranks ranks;
  std::string failure;
  const int status = run_subcommand(argc, argv, failure);
  return Ranks::current().finish(status, failure);
}

namespace {

// Runs the command; `failure` receives the message of an error (printed by rank 0 only).
int run_subcommand(int argc, char** argv, std::string& failure) {
  const bool leader = Ranks::current().leader();
  CLI::App app{"detsim: Monte Carlo simulation of extended deterrence under security guarantees"};
  app.set_version_flag("--version", "detsim " + cli::version_line());
  app.require_subcommand(1);

  const std::string command_line = cli::quoted_command_line(argc, argv);
  cli::RunArguments run;
  run.execution.command_line = command_line;
  auto* run_cmd = app.add_subcommand("run", "run a scenario and write a results file");
  run_cmd->add_option("scenario", run.scenario, "scenario YAML file")->required();
  run_cmd->add_option("-o,--output", run.execution.output,
                      "results file (default: SCENARIO_STEM.h5)");
  run_cmd->add_option("--trials", run.trials, "trials per experiment (overrides the scenario)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{2147483647}));
  // CLI11 would wrap "-1" into 2^64 - 1 and saturate 2^64 and above silently; a seed is an
  // integer that fits in 64 bits, or two different seeds would give the same trials.
  const CLI::Validator non_negative(
      [](std::string& text) {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        return !text.empty() && text.front() != '-' && error == std::errc() && stop == end
                   ? std::string()
                   : "must be a non-negative integer of at most 18446744073709551615, not " + text;
      },
      "UINT64");
  run_cmd->add_option("--seed", run.seed, "master seed (overrides the scenario)")
      ->check(non_negative);
  run_cmd->add_option("--set", run.overrides, "override a scenario value: dotted.path=YAML")
      ->take_all();
  run_cmd
      ->add_option("--structure", run.structures,
                   "guarantee preset to run (repeatable); 'all' runs every shipped preset")
      ->take_all();
  run_cmd->add_option("--baseline", run.baseline,
                      "experiment (its name, as in /experiments structure) the summary's "
                      "differences are taken from (default: the first)");
  run_cmd->add_option("--posterior", run.posterior,
                      "a calibration's posterior (HDF5, /posterior as `detsim calibrate` writes "
                      "it): each trial draws a particle by weight and runs with its values");
  add_execution_options(run_cmd, run.execution);

  cli::RerunArguments rerun;
  rerun.execution.command_line = command_line;
  auto* rerun_cmd = app.add_subcommand(
      "rerun", "run one experiment of a results file again, alone, into a new results file");
  rerun_cmd->add_option("results", rerun.results, "results file (.h5)")->required();
  rerun_cmd
      ->add_option("--experiment", rerun.experiment,
                   "the experiment: its name (/experiments structure) or its index")
      ->required();
  rerun_cmd->add_option("-o,--output", rerun.execution.output, "results file to write")->required();
  add_execution_options(rerun_cmd, rerun.execution);

  std::vector<std::string> validate_files, validate_overrides;
  auto* validate_cmd = app.add_subcommand("validate", "check scenario files without running");
  validate_cmd->add_option("scenarios", validate_files, "scenario YAML files")->required();
  validate_cmd->add_option("--set", validate_overrides, "override as in run")->take_all();

  std::string summarize_file;
  auto* summarize_cmd =
      app.add_subcommand("summarize", "print the summary table of a results file");
  summarize_cmd->add_option("results", summarize_file, "results file (.h5)")->required();

  cli::CompareArguments compare;
  auto* compare_cmd = app.add_subcommand(
      "compare",
      "differences of every summary measure between experiments, with 95% intervals: within "
      "one results file, or each experiment of B against A's experiment of the same name");
  compare_cmd->add_option("A", compare.first, "results file (.h5)")->required();
  compare_cmd->add_option("B", compare.second, "second results file (.h5)");
  compare_cmd->add_option("--baseline", compare.baseline,
                          "experiment of A (name or index) the differences are taken from "
                          "(default: the first; with B, A's experiment of the same name)");

  cli::AnalyzeArguments analyze;
  auto* analyze_cmd = app.add_subcommand(
      "analyze",
      "sensitivity indices of a study's file (sobol or morris design) with bootstrap intervals, "
      "printed and written to its /sensitivity");
  analyze_cmd->add_option("results", analyze.results, "results file of a study (.h5)")->required();
  analyze_cmd->add_option("--measure", analyze.measures,
                          "a /summary measure to analyse (repeatable; default: attacked, "
                          "honored_when_tested.*, war_months_if_war, escalation_ge_2, cost.*, "
                          "cohesion, territory)");
  analyze_cmd->add_option("--resamples", analyze.resamples, "bootstrap resamples (at least 100)")
      ->check(CLI::Range(100, 100000))
      ->capture_default_str();
  analyze_cmd->add_option("--seed", analyze.seed, "bootstrap seed")->capture_default_str();

  cli::CalibrateArguments calibrate;
  calibrate.command_line = command_line;
  auto* calibrate_cmd = app.add_subcommand(
      "calibrate",
      "fit the judgment values a targets file names to its published figures (ABC by population "
      "Monte Carlo), predict its held-out figures, and write the weighted posterior");
  calibrate_cmd->add_option("scenario", calibrate.scenario, "the calibration scenario (YAML)")
      ->required();
  calibrate_cmd->add_option("targets", calibrate.targets, "the targets file (YAML)")->required();
  calibrate_cmd->add_option("-o,--output", calibrate.output, "calibration file to write (.h5)")
      ->required();
  calibrate_cmd->add_option("--seed", calibrate.seed, "seed (default: the scenario's)")
      ->check(non_negative);
  calibrate_cmd->add_option("--threads", calibrate.threads, "worker threads (default: all)")
      ->check(CLI::Range(0, 1024));
  calibrate_cmd->add_option("--particles", calibrate.particles, "particles per generation")
      ->check(CLI::Range(std::int64_t{10}, std::int64_t{100000}))
      ->capture_default_str();
  calibrate_cmd
      ->add_option("--generations", calibrate.generations,
                   "generations at most (the fit stops earlier once its tolerance reaches 0)")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  calibrate_cmd
      ->add_option("--trials", calibrate.trials,
                   "trials per candidate and scenario (default: the scenario's)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{2147483647}));
  calibrate_cmd->add_flag("-q,--quiet", calibrate.quiet, "print neither progress nor tables");

  auto* presets_cmd = app.add_subcommand("presets", "list the shipped guarantee structures");
  auto* schema_cmd = app.add_subcommand(
      "schema", "print the JSON Schema of scenario and preset files (for editors)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    failure = e.what();
    if (!leader) return e.get_exit_code() == 0 ? 0 : 2;
    const int status = app.exit(e);
    return status == 0 ? 0 : 2;
  }

  try {
    if (*run_cmd) {
      if (run.execution.threads == 0) run.execution.threads = all_hardware_threads();
      run.execution.quiet = run.execution.quiet || !leader;
      return cli::run_command(run);
    }
    if (*rerun_cmd) {
      if (rerun.execution.threads == 0) rerun.execution.threads = all_hardware_threads();
      rerun.execution.quiet = rerun.execution.quiet || !leader;
      return cli::rerun_command(rerun);
    }
    // Another rank has nothing to do in a command that is not a run: rank 0 does it alone.
    if (!leader) return 0;
    if (*validate_cmd) return cli::validate_command(validate_files, validate_overrides);
    if (*summarize_cmd) return cli::summarize_command(summarize_file);
    if (*compare_cmd) return cli::compare_command(compare);
    if (*analyze_cmd) return cli::analyze_command(analyze);
    if (*calibrate_cmd) {
      if (calibrate.threads == 0) calibrate.threads = all_hardware_threads();
      return cli::calibrate_command(calibrate);
    }
    if (*presets_cmd) return cli::presets_command();
    if (*schema_cmd) return cli::schema_command();
  } catch (const InputError& e) {
    failure = e.what();
    if (leader) std::cerr << e.what() << '\n';
    return 2;
  } catch (const RunError& e) {
    failure = e.what();
    if (leader) std::cerr << "detsim: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    failure = e.what();
    if (leader) std::cerr << "detsim: internal error: " << e.what() << '\n';
    return 1;
  }
  return 2;
}

}  // namespace

}  // namespace detsim
