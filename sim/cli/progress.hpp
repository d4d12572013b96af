// How a run reports where it is on stderr: a line rewritten in place on a terminal, or full
// lines every few seconds in a log (a Slurm job's output, nohup.out), one report per line.
#pragma once

#include <cstdint>
#include <cstdio>

namespace detsim::cli {

// What `--progress` asks for. automatic: in place on a terminal, lines otherwise; lines: lines
// even on a terminal (`always`); none: nothing (`never`, and what `--quiet` means).
enum class ProgressMode { automatic, lines, none };

enum class ProgressStyle { none, in_place, lines };

ProgressStyle progress_style(ProgressMode mode, bool stderr_is_terminal);

// Receives the engine's reports (about every half second, between blocks) and writes those its
// style calls for: every one in place, or in lines at most one per `interval_seconds`, the last
// report always written by finish() so a log ends with where the run stopped.
class ProgressReport {
 public:
  ProgressReport(ProgressStyle style, double interval_seconds, std::FILE* out)
      : style_(style), interval_(interval_seconds), out_(out) {}

  // `replayed` of the `done` trials came from a resumed run's journal in no time: the rate and
  // the time left are of the trials computed, or a resumed run would promise to end too soon.
  void report(std::int64_t done, std::int64_t replayed, std::int64_t total, double seconds);
  // Ends the in-place line, or writes the last report if its line is still due.
  void finish();

 private:
  void write_line(std::int64_t done, std::int64_t total, double seconds, double rate);

  ProgressStyle style_;
  double interval_;
  std::FILE* out_;
  bool in_place_shown_ = false;
  double last_line_seconds_ = 0;
  bool pending_ = false;  // a report arrived since the last line
  std::int64_t pending_done_ = 0, pending_total_ = 0;
  double pending_seconds_ = 0, pending_rate_ = 0;
};

}  // namespace detsim::cli
