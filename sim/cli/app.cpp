// Argument parsing with CLI11 and the mapping of failures to exit statuses.
#include "detsim/cli/app.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <map>
#include <thread>

#include "commands.hpp"
#include "detsim/error.hpp"
#include "detsim/version.hpp"

namespace detsim {

namespace {

std::string joined_command_line(int argc, char** argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    if (i) line += ' ';
    line += argv[i];
  }
  return line;
}

}  // namespace

int run_command_line(int argc, char** argv) {
  CLI::App app{"detsim: Monte Carlo simulation of extended deterrence under security guarantees"};
  app.set_version_flag("--version", fmt::format("detsim {} (git {})", version, git_revision));
  app.require_subcommand(1);

  cli::RunArguments run;
  run.command_line = joined_command_line(argc, argv);
  auto* run_cmd = app.add_subcommand("run", "run a scenario and write a results file");
  run_cmd->add_option("scenario", run.scenario, "scenario YAML file")->required();
  run_cmd->add_option("-o,--output", run.output, "results file (default: SCENARIO_STEM.h5)");
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
  run_cmd->add_option("--threads", run.threads, "worker threads (default: all hardware threads)")
      ->check(CLI::Range(0, 1024));
  run_cmd
      ->add_option("--block-size", run.block_size,
                   "trials per block of work; with several experiments, /trials rows come "
                   "block by block from each in turn, so their order depends on it")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10000000}));
  run_cmd->add_option("--set", run.overrides, "override a scenario value: dotted.path=YAML")
      ->take_all();
  run_cmd
      ->add_option("--structure", run.structures,
                   "guarantee preset to run (repeatable); 'all' runs every shipped preset")
      ->take_all();
  run_cmd->add_option("--baseline", run.baseline,
                      "experiment (structure name) the summary's differences are taken from "
                      "(default: the first)");
  auto* quiet =
      run_cmd->add_flag("-q,--quiet", run.quiet, "print neither progress nor the summary table");
  const std::map<std::string, cli::ProgressMode> progress_modes{
      {"auto", cli::ProgressMode::automatic},
      {"always", cli::ProgressMode::lines},
      {"never", cli::ProgressMode::none}};
  run_cmd
      ->add_option_function<std::string>(
          "--progress", [&](const std::string& mode) { run.progress = progress_modes.at(mode); },
          "progress on stderr: auto (a line rewritten in place on a terminal, otherwise a full "
          "line every --progress-interval seconds), always (full lines), never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->excludes(quiet);
  run_cmd
      ->add_option("--progress-interval", run.progress_interval,
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

  std::vector<std::string> validate_files, validate_overrides;
  auto* validate_cmd = app.add_subcommand("validate", "check scenario files without running");
  validate_cmd->add_option("scenarios", validate_files, "scenario YAML files")->required();
  validate_cmd->add_option("--set", validate_overrides, "override as in run")->take_all();

  std::string summarize_file;
  auto* summarize_cmd =
      app.add_subcommand("summarize", "print the summary table of a results file");
  summarize_cmd->add_option("results", summarize_file, "results file (.h5)")->required();

  auto* presets_cmd = app.add_subcommand("presets", "list the shipped guarantee structures");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  try {
    if (*run_cmd) {
      if (run.threads == 0)
        run.threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
      return cli::run_command(run);
    }
    if (*validate_cmd) return cli::validate_command(validate_files, validate_overrides);
    if (*summarize_cmd) return cli::summarize_command(summarize_file);
    if (*presets_cmd) return cli::presets_command();
  } catch (const InputError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  } catch (const RunError& e) {
    std::cerr << "detsim: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "detsim: internal error: " << e.what() << '\n';
    return 1;
  }
  return 2;
}

}  // namespace detsim
