// `detsim run` writes only to a regular file that is not one of its inputs, one run per file, and
// a full disk ends it with status 1, the old file intact and no crash.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <thread>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;
using Catch::Contains;

namespace {

CommandResult run_example(const TempDir& dir, std::vector<std::string> more) {
  std::vector<std::string> args{"run", kInterfaceExample.string(), "--quiet", "--trials", "50"};
  args.insert(args.end(), more.begin(), more.end());
  return run_detsim(args, dir);
}

void check_refused(const CommandResult& r, const std::string& says) {
  INFO("stderr: " << r.err);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 2);
  CHECK_THAT(r.err, Contains(says));
}

}  // namespace

TEST_CASE("run -o naming a device is refused and the device stays a device", "[cli][output]") {
  const TempDir dir;
  // A null device of the test's own (as root; a pipe otherwise), never the system's /dev/null:
  // a detsim that regressed would replace it with its results file.
  const auto device = dir / "null";
  const bool is_device = ::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0;
  if (!is_device) REQUIRE(::mkfifo(device.c_str(), 0666) == 0);
  check_refused(run_example(dir, {"-o", device.string()}), is_device ? "is a device" : "is a pipe");
  struct stat st {};
  REQUIRE(::stat(device.c_str(), &st) == 0);
  CHECK((is_device ? S_ISCHR(st.st_mode) : S_ISFIFO(st.st_mode)));
}

TEST_CASE("run -o naming the scenario or a preset file it uses is refused, the file unchanged",
          "[cli][output]") {
  const TempDir dir;
  const std::string scenario_text = read_text_file(kInterfaceExample);
  const auto scenario = dir / "s.yaml";
  write_text_file(scenario, scenario_text);
  check_refused(run_detsim({"run", scenario.string(), "--quiet", "-o", scenario.string()}, dir),
                "is an input of this run");
  CHECK(read_text_file(scenario) == scenario_text);

  const std::string preset_text =
      read_text_file(kSourceDir / "scenarios" / "presets" / "bilateral_pact.yaml");
  const auto preset = dir / "pact.yaml";
  write_text_file(preset, preset_text);
  // Given with --structure, and with --set guarantee.preset (relative to the scenario's folder).
  check_refused(run_detsim({"run", scenario.string(), "--quiet", "--structure", preset.string(),
                            "-o", preset.string()},
                           dir),
                "is an input of this run");
  check_refused(run_detsim({"run", scenario.string(), "--quiet", "--set",
                            "guarantee.preset=pact.yaml", "-o", preset.string()},
                           dir),
                "is an input of this run");
  CHECK(read_text_file(preset) == preset_text);
  CHECK(files_beside(preset).empty());
}

TEST_CASE("run -o naming a directory, or a new one with a trailing slash, fails before the run",
          "[cli][output]") {
  const TempDir dir;
  check_refused(run_example(dir, {"-o", dir.path().string()}), "is a directory");
  const std::string missing = (dir / "newdir").string() + "/";
  check_refused(
      run_detsim({"run", kUkraine.string(), "--quiet", "--trials", "2000000", "-o", missing}, dir),
      "names a directory");
  // Refused before the run: it used to create newdir/, run every trial, and fail at the rename.
  CHECK_FALSE(std::filesystem::exists(dir / "newdir"));
}

TEST_CASE("a symbolic link planted at the old fixed temporary name is never written through",
          "[cli][output]") {
  const TempDir dir;
  const auto victim = dir / "victim.txt";
  write_text_file(victim, "keep me");
  std::filesystem::create_symlink(victim, dir / "out.h5.part");
  const CommandResult r = run_example(dir, {"-o", (dir / "out.h5").string()});
  INFO("stderr: " << r.err);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 0);
  CHECK(read_text_file(victim) == "keep me");
  CHECK(read_results_info(dir / "out.h5").complete);
}

TEST_CASE("a second run on the same output while one is running is refused", "[cli][output]") {
  const TempDir dir;
  const auto out = dir / "busy.h5";
  write_text_file(dir / "earlier.txt", "");
  ChildProcess first({DETSIM_BINARY, "run", kUkraine.string(), "--trials", "2000000", "--threads",
                      "1", "--quiet", "-o", out.string()},
                     dir.path(), dir / "first.out", dir / "first.err");
  wait_for_part_file(out);
  const CommandResult second = run_example(dir, {"-o", out.string()});
  check_refused(second, "another detsim run is writing this file");
  REQUIRE(first.running());
  first.send_signal(SIGTERM);
  const auto exit = first.wait_for(std::chrono::seconds(300));  // a limit for hangs only
  REQUIRE(exit.has_value());
  CHECK(exit->exited);
  CHECK(exit->status == 128 + SIGTERM);
  // The first run's file is the first run's: it was stopped, so it says incomplete.
  CHECK_FALSE(read_results_info(out).complete);
  CHECK(files_beside(out).empty());
  // And the output is free again.
  const CommandResult third = run_example(dir, {"-o", out.string()});
  REQUIRE(third.exit.exited);
  CHECK(third.exit.status == 0);
  CHECK(read_results_info(out).complete);
}

TEST_CASE("a full disk ends the run with status 1, the old file intact, and no crash",
          "[cli][output]") {
  if (std::system("command -v prlimit >/dev/null 2>&1") != 0) {
    WARN("prlimit (util-linux) is missing: the full disk is simulated with RLIMIT_FSIZE");
    return;
  }
  const TempDir dir;
  const auto out = dir / "kept.h5";
  const CommandResult earlier = run_example(dir, {"-o", out.string()});
  REQUIRE(earlier.exit.status == 0);
  const std::string before = read_text_file(out);
  // RLIMIT_FSIZE makes writes past 300 kB fail with EFBIG, as a full disk fails them with ENOSPC;
  // SIGXFSZ is ignored so the write fails instead of killing the process.
  const std::string command = "trap '' XFSZ; exec prlimit --fsize=300000 " +
                              std::string(DETSIM_BINARY) + " run " + kUkraine.string() +
                              " --quiet --trials 200000 -o " + out.string();
  const CommandResult full = run_command({"/bin/sh", "-c", command}, dir.path());
  INFO("stderr: " << full.err);
  REQUIRE(full.exit.exited);  // not killed by a signal (it was SIGSEGV at exit, status 139)
  CHECK(full.exit.status == 1);
  CHECK_THAT(full.err, Contains("File too large"));
  CHECK(read_text_file(out) == before);
}
