// A run stopped by SIGINT or SIGTERM returns 128 + the signal and leaves a readable results file
// marked incomplete, holding exactly the trials it completed.
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <chrono>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

void check_stopped_run(int signal) {
  const TempDir dir;
  const auto out = dir / "stopped.h5";
  // Hours of work even on a fast machine: the signal always comes long before the end.
  const std::int64_t requested = 20000000;
  ChildProcess child({DETSIM_BINARY, "run", kUkraine.string(), "--trials",
                      std::to_string(requested), "--threads", "2", "-o", out.string(), "--progress",
                      "always", "--progress-interval", "0.1", "--block-size", "1000"},
                     dir.path(), dir / "stdout.txt", dir / "stderr.txt");

  // A progress line reports trials already handed to the writer, and detsim writes it only under
  // its SIGINT and SIGTERM handlers: after one, a signal must leave those trials in the file,
  // however slowly a busy machine got there.
  const std::vector<ProgressLine> seen = wait_for_progress_lines(child, dir / "stderr.txt", 1);
  INFO("stderr: " << read_text_file(dir / "stderr.txt"));
  REQUIRE_FALSE(seen.empty());
  REQUIRE(seen.back().trials_done > 0);
  REQUIRE(child.running());

  child.send_signal(signal);
  const auto exit = child.wait_for(std::chrono::seconds(300));
  REQUIRE(exit.has_value());
  const std::string err = read_text_file(dir / "stderr.txt");
  INFO("stderr: " << err);
  REQUIRE(exit->exited);  // it returned; the signal did not kill it
  CHECK(exit->status == 128 + signal);
  CHECK(err.find("incomplete") != std::string::npos);

  REQUIRE(std::filesystem::exists(out));
  CHECK(files_beside(out).empty());
  const ResultsFileInfo info = read_results_info(out);
  CHECK_FALSE(info.complete);
  CHECK(info.trials_completed >= seen.back().trials_done);
  CHECK(info.trials_completed < requested);

  const ColumnBlock trials = read_table(out, "trials");
  CHECK(trials.rows() == static_cast<std::size_t>(info.trials_completed));
  for (std::size_t c = 0; c < trials.columns(); ++c) {
    INFO("column " << trials.schema()[c].name);
    CHECK(column_length(trials, c) == static_cast<std::size_t>(info.trials_completed));
  }
  // Trials completed are a prefix: numbered 0 .. trials_completed - 1 in order.
  const auto& number = trials.i32(trials.index_of("trial"));
  bool in_order = true;
  for (std::size_t r = 0; r < number.size(); ++r)
    in_order = in_order && number[r] == std::int32_t(r);
  CHECK(in_order);

  // The summary covers the trials written, and summarize says the run is incomplete.
  const ColumnBlock summary = read_table(out, "summary");
  REQUIRE(summary.rows() > 0);
  const auto& measure = summary.str(summary.index_of("outcome"));
  const auto attacked = std::find(measure.begin(), measure.end(), "attacked");
  REQUIRE(attacked != measure.end());
  CHECK(summary.number(summary.index_of("n"), attacked - measure.begin()) ==
        static_cast<double>(info.trials_completed));
  const CommandResult sum = run_detsim({"summarize", out.string()}, dir);
  CHECK(sum.exit.status == 0);
  CHECK(sum.out.find("INCOMPLETE") != std::string::npos);
}

}  // namespace

TEST_CASE("SIGINT stops a run with status 130 and an incomplete, readable file", "[cli][signal]") {
  check_stopped_run(SIGINT);
}

TEST_CASE("SIGTERM stops a run with status 143 and an incomplete, readable file", "[cli][signal]") {
  check_stopped_run(SIGTERM);
}
