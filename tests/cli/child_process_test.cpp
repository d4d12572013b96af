// The child-process helper itself: the CLI tests are only as good as the statuses it reports.
#include <catch2/catch.hpp>

#include <signal.h>

#include "cli_test_support.hpp"

using namespace detsim::test;

TEST_CASE("run_command reports the exit status and captures stdout and stderr", "[cli][helper]") {
  const TempDir dir;
  const CommandResult r =
      run_command({"/bin/sh", "-c", "echo out; echo err >&2; pwd; exit 3"}, dir.path());
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 3);
  CHECK(r.out == "out\n" + std::filesystem::canonical(dir.path()).string() + "\n");
  CHECK(r.err == "err\n");
}

TEST_CASE("ChildProcess tells a running child from one killed by a signal", "[cli][helper]") {
  const TempDir dir;
  ChildProcess child({"/bin/sleep", "3600"}, dir.path(), dir / "out", dir / "err");
  CHECK(child.running());
  CHECK_FALSE(child.wait_for(std::chrono::milliseconds(50)).has_value());
  child.send_signal(SIGTERM);
  const auto exit = child.wait_for(std::chrono::seconds(10));
  REQUIRE(exit.has_value());
  CHECK_FALSE(exit->exited);
  CHECK(exit->signal == SIGTERM);
  CHECK_FALSE(child.running());
}
