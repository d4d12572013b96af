// `detsim run --progress`: a batch job's log gets one parseable line per report, a terminal a
// line rewritten in place, and --quiet or never nothing at all.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <regex>

#include "../../sim/cli/progress.hpp"
#include "cli_test_support.hpp"

using namespace detsim::test;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A run that ends whatever the machine's speed, small enough for a sanitizer build.
std::vector<std::string> short_run(const TempDir& dir) {
  return {"run", kInterfaceExample.string(), "--trials", "3000", "-o", (dir / "out.h5").string()};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Runs detsim with stderr on a pseudo-terminal, as in an interactive shell, and returns what it
// wrote there (the terminal turns each "\n" into "\r\n"; they are turned back).
std::string terminal_stderr_of(const std::vector<std::string>& args, const TempDir& dir) {
  const int terminal = ::posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(terminal >= 0);
  REQUIRE(::grantpt(terminal) == 0);
  REQUIRE(::unlockpt(terminal) == 0);
  const std::filesystem::path device = ::ptsname(terminal);
  std::vector<std::string> argv{DETSIM_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess child(argv, dir.path(), dir / "stdout.txt", device);

  // Read while it runs: a terminal holds only a few kilobytes before the writer blocks.
  std::string text;
  const auto drain = [&] {
    for (;;) {
      pollfd p{terminal, POLLIN, 0};
      if (::poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN)) return;
      char buffer[4096];
      const ssize_t n = ::read(terminal, buffer, sizeof buffer);
      if (n <= 0) return;  // EIO once the child has closed its end
      text.append(buffer, static_cast<std::size_t>(n));
    }
  };
  std::optional<ChildExit> exit;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(300);
  while (!(exit = child.wait_for(std::chrono::milliseconds(20))) &&
         std::chrono::steady_clock::now() < deadline) {
    drain();
  }
  drain();
  ::close(terminal);
  INFO("terminal: " << text);
  REQUIRE(exit.has_value());
  REQUIRE(exit->exited);
  REQUIRE(exit->status == 0);
  return std::regex_replace(text, std::regex("\r\n"), "\n");
}

}  // namespace

TEST_CASE("progress auto writes one parseable line per report to a log, ending where the run ends",
          "[cli][progress]") {
  const TempDir dir;
  const CommandResult r = run_detsim(with(short_run(dir), {"--progress-interval", "0.1"}), dir);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == 0);
  CHECK_FALSE(contains(r.err, "\r"));
  const std::vector<ProgressLine> lines = progress_lines(r.err);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.back().trials_done == 3000);
  for (const ProgressLine& line : lines) CHECK(line.trials_total == 3000);
  CHECK(contains(r.out, "measure"));  // the table still comes, on stdout
}

TEST_CASE("progress lines come while the run goes, at most one per --progress-interval",
          "[cli][progress]") {
  const TempDir dir;
  const std::int64_t requested = 20000000;  // hours of work: stopped once the lines are seen
  const double interval = 1.0;
  ChildProcess child(
      {DETSIM_BINARY, "run", kUkraine.string(), "--trials", std::to_string(requested), "--threads",
       "2", "-o", (dir / "long.h5").string(), "--progress-interval", "1"},
      dir.path(), dir / "stdout.txt", dir / "stderr.txt");
  const std::vector<ProgressLine> lines = wait_for_progress_lines(child, dir / "stderr.txt", 3);
  INFO("stderr: " << read_text_file(dir / "stderr.txt"));
  REQUIRE(lines.size() >= 3);
  REQUIRE(child.running());  // the lines came from a run under way, not from its end
  for (std::size_t i = 1; i < lines.size(); ++i) {
    INFO("line " << i);
    CHECK(lines[i].trials_done > lines[i - 1].trials_done);
    CHECK(lines[i].trials_total == requested);
    // elapsed_s is rounded to a tenth of a second.
    CHECK(lines[i].elapsed_s - lines[i - 1].elapsed_s >= interval - 0.1);
  }
  child.send_signal(SIGTERM);
  const auto exit = child.wait_for(std::chrono::seconds(300));
  REQUIRE(exit.has_value());
  CHECK(exit->status == 128 + SIGTERM);
  // The log ends with where the run stopped.
  const std::vector<ProgressLine> all = progress_lines(read_text_file(dir / "stderr.txt"));
  CHECK(all.back().trials_done >= lines.back().trials_done);
}

TEST_CASE("progress never and --quiet print no progress at all", "[cli][progress]") {
  const TempDir dir;
  // The last report is always written as a line, so a run that printed any would show it.
  const CommandResult never =
      run_detsim(with(short_run(dir), {"--progress", "never", "--progress-interval", "0.1"}), dir);
  INFO("stderr: " << never.err);
  REQUIRE(never.exit.status == 0);
  CHECK_FALSE(contains(never.err, "progress"));
  CHECK_FALSE(contains(never.err, "%"));
  CHECK(contains(never.err, "trials in"));  // the closing report still comes

  const CommandResult quiet = run_detsim(with(short_run(dir), {"--quiet"}), dir);
  INFO("stderr: " << quiet.err);
  REQUIRE(quiet.exit.status == 0);
  CHECK(quiet.err.empty());
  CHECK(quiet.out.empty());
}

TEST_CASE("progress options refused with exit 2: with --quiet, an unknown mode, a bad interval",
          "[cli][progress]") {
  const TempDir dir;
  for (const auto& bad : std::vector<std::vector<std::string>>{{"--quiet", "--progress", "always"},
                                                               {"--progress", "sometimes"},
                                                               {"--progress-interval", "0"},
                                                               {"--progress-interval", "nan"},
                                                               {"--progress-interval", "soon"}}) {
    const CommandResult r = run_detsim(with(short_run(dir), bad), dir);
    INFO(bad.front() << " " << bad.back() << " stderr: " << r.err);
    REQUIRE(r.exit.exited);
    CHECK(r.exit.status == 2);
    CHECK(contains(r.err, "--progress"));
    CHECK_FALSE(std::filesystem::exists(dir / "out.h5"));
  }
}

TEST_CASE("on a terminal, progress auto rewrites one line in place and always writes lines",
          "[cli][progress]") {
  const TempDir dir;
  const std::string in_place = terminal_stderr_of(short_run(dir), dir);
  CHECK(std::regex_search(in_place, std::regex("\r100%  3000/3000 trials  \\d+ trials/s")));
  CHECK(progress_lines(in_place).empty());

  const std::string lines = terminal_stderr_of(with(short_run(dir), {"--progress", "always"}), dir);
  CHECK_FALSE(contains(lines, "\r"));
  REQUIRE_FALSE(progress_lines(lines).empty());
  CHECK(progress_lines(lines).back().trials_done == 3000);
}

// The report itself, fed as the engine feeds it. A resumed run replays the journal's trials in no
// time; counting them in the rate would promise the rest far too soon.
namespace {

std::string report_lines(std::int64_t done, std::int64_t replayed, std::int64_t total,
                         double seconds) {
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  detsim::cli::ProgressReport report(detsim::cli::ProgressStyle::lines, 0.0, out);
  report.report(done, replayed, total, seconds);
  report.finish();
  std::rewind(out);
  std::string text;
  for (int c; (c = std::fgetc(out)) != EOF;) text.push_back(static_cast<char>(c));
  std::fclose(out);
  return text;
}

}  // namespace

TEST_CASE("progress after a resume rates only the trials computed, not those replayed",
          "[cli][progress]") {
  // 800 replayed and 200 computed in 2 s: 100 trials/s and 1,000 left, so 10 s to go.
  const std::string resumed = report_lines(1000, 800, 2000, 2.0);
  INFO(resumed);
  CHECK(contains(resumed, "trials_done=1000 trials_total=2000 "));
  CHECK(contains(resumed, "trials_per_s=100 eta_s=10\n"));
  // The same point reached without a journal: 500 trials/s, 2 s to go.
  CHECK(contains(report_lines(1000, 0, 2000, 2.0), "trials_per_s=500 eta_s=2\n"));
  // Only replayed so far: no rate to tell, so no line; all replayed: the run is done.
  CHECK(report_lines(1000, 1000, 2000, 2.0).empty());
  CHECK(contains(report_lines(2000, 2000, 2000, 2.0), "trials_per_s=0 eta_s=0\n"));
}
