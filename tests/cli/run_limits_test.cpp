// Requests detsim cannot honour are refused before anything is created, with what to change;
// a huge run still stops promptly on SIGTERM; a SIGINT the shell ignored stays ignored.
#include <catch2/catch.hpp>

#include <signal.h>

#include <thread>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;
using Catch::Contains;

namespace {

CommandResult run_example(const TempDir& dir, std::vector<std::string> more) {
  std::vector<std::string> args{"run", kInterfaceExample.string(), "--quiet", "--trials", "20",
                                "-o",  (dir / "out.h5").string()};
  args.insert(args.end(), more.begin(), more.end());
  return run_detsim(args, dir);
}

void check_refused(const TempDir& dir, const CommandResult& r, const std::string& says) {
  INFO("stderr: " << r.err);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 2);
  CHECK_THAT(r.err, Contains(says));
  CHECK_FALSE(std::filesystem::exists(dir / "out.h5"));
  CHECK(files_beside(dir / "out.h5").empty());
}

void wait_until_running(const std::filesystem::path& out) {
  wait_for_part_file(out);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // under the signal handlers
}

}  // namespace

TEST_CASE("a seed above 2^64 - 1 is an error, not saturated", "[cli][limits]") {
  const TempDir dir;
  check_refused(dir, run_example(dir, {"--seed", "18446744073709551616"}), "--seed");
  check_refused(dir, run_example(dir, {"--seed", "99999999999999999999999"}), "at most");
  const CommandResult largest = run_example(dir, {"--seed", "18446744073709551615"});
  INFO("stderr: " << largest.err);
  REQUIRE(largest.exit.status == 0);
  CHECK(read_results_info(dir / "out.h5").seed == 18446744073709551615ULL);
}

TEST_CASE("the same structure twice is refused: experiments need distinct names", "[cli][limits]") {
  const TempDir dir;
  // The example's own terms depart from every preset, so the names carry them in [...].
  check_refused(dir, run_example(dir, {"--structure", "none", "--structure", "none"}),
                "two experiments would be named none[");
  check_refused(dir, run_example(dir, {"--structure", "all", "--structure", "nato_article5"}),
                "two experiments would be named nato_article5[");
}

TEST_CASE("a horizon past the limit is refused up front, so no path chunk can be too large",
          "[cli][limits]") {
  const TempDir dir;
  check_refused(
      dir,
      run_example(dir, {"--set", "horizon_months=600000000", "--set", "output.record_paths=1"}),
      "horizon_months = 600000000: must be an integer in [1, 12000]");
}

TEST_CASE("a run that would need more memory than the machine has is refused with the figure",
          "[cli][limits]") {
  const TempDir dir;
  // Ten million recorded paths of 12,001 months per block buffer: petabytes.
  const CommandResult r =
      run_detsim({"run", kInterfaceExample.string(), "--quiet", "--trials", "10000000",
                  "--block-size", "10000000", "--set", "horizon_months=12000", "--set",
                  "output.record_paths=10000000", "-o", (dir / "out.h5").string()},
                 dir);
  check_refused(dir, r, "the run would need about");
  CHECK_THAT(r.err, Contains("10000000 recorded paths of 12001 months"));
  CHECK_THAT(r.err, Contains("lower --block-size, --threads or output.record_paths"));
}

TEST_CASE("a run of two billion trials over a thousand years stops promptly on SIGTERM",
          "[cli][limits]") {
  const TempDir dir;
  const auto out = dir / "huge.h5";
  // Small blocks: a stop waits for the blocks under way, and a default-size block of 12,000-month
  // trials takes minutes in a sanitizer build on a busy machine. Promptness is about what comes
  // after those blocks (no plan of every block, no counter overflow), not about their size.
  ChildProcess child({DETSIM_BINARY, "run", kUkraine.string(), "--trials", "2147483647", "--set",
                      "horizon_months=12000", "--threads", "2", "--block-size", "16", "--quiet",
                      "-o", out.string()},
                     dir.path(), dir / "stdout.txt", dir / "stderr.txt");
  wait_until_running(out);  // it started at once: no plan of every block first
  REQUIRE(child.running());
  child.send_signal(SIGTERM);
  const auto exit = child.wait_for(std::chrono::seconds(300));  // a limit for hangs only
  REQUIRE(exit.has_value());
  INFO("stderr: " << read_text_file(dir / "stderr.txt"));
  REQUIRE(exit->exited);
  CHECK(exit->status == 128 + SIGTERM);
  CHECK_FALSE(read_results_info(out).complete);
}

TEST_CASE("a SIGINT ignored by the parent (a background job) stays ignored", "[cli][limits]") {
  const TempDir dir;
  const auto out = dir / "background.h5";
  // What a non-interactive shell does for `detsim run ... &`: SIGINT ignored, and the ignoring
  // inherited through exec.
  ChildProcess child(
      {"/bin/sh", "-c", "trap '' INT; exec \"$0\" \"$@\"", DETSIM_BINARY, "run", kUkraine.string(),
       "--trials", "40000", "--threads", "1", "--quiet", "-o", out.string()},
      dir.path(), dir / "stdout.txt", dir / "stderr.txt");
  wait_until_running(out);
  child.send_signal(SIGINT);
  const auto exit = child.wait_for(std::chrono::seconds(600));  // a limit for hangs only
  REQUIRE(exit.has_value());
  INFO("stderr: " << read_text_file(dir / "stderr.txt"));
  REQUIRE(exit->exited);
  CHECK(exit->status == 0);  // it ran to the end
  CHECK(read_results_info(out).complete);
}

TEST_CASE("names that are not UTF-8 are refused in the scenario and repaired from the command line",
          "[cli][limits]") {
  const TempDir dir;
  const std::string text = read_text_file(kInterfaceExample);
  write_text_file(dir / "bad.yaml", replaced(text, "\nname: ", "\nname: \"\xff\xfe\"\n_was: "));
  const CommandResult bad = run_detsim(
      {"run", (dir / "bad.yaml").string(), "--quiet", "-o", (dir / "out.h5").string()}, dir);
  check_refused(dir, bad, "is not UTF-8");

  // A file name is bytes: detsim may write to it, and the command line it stores is repaired.
  const auto odd = dir / "odd\xff.h5";
  const CommandResult ok = run_detsim(
      {"run", kInterfaceExample.string(), "--quiet", "--trials", "20", "-o", odd.string()}, dir);
  INFO("stderr: " << ok.err);
  REQUIRE(ok.exit.status == 0);
  const CommandResult python =
      run_command({DETSIM_PYTHON, "-c",
                   "import sys; sys.path.insert(0, sys.argv[1]); import detsim_results as r; "
                   "info = r.results_info(sys.argv[2]); print(info['command_line'])",
                   (kSourceDir / "scripts").string(), odd.string()},
                  dir.path());
  INFO("python stderr: " << python.err);
  REQUIRE(python.exit.exited);
  CHECK(python.exit.status == 0);
  CHECK_THAT(python.out, Contains("odd\xEF\xBF\xBD.h5"));  // U+FFFD where the bad byte was
}
