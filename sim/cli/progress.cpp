// ProgressReport: the terminal's in-place line and the log's key=value lines, from one report.
#include "progress.hpp"

#include <fmt/format.h>

namespace detsim::cli {

ProgressStyle progress_style(ProgressMode mode, bool stderr_is_terminal) {
  switch (mode) {
    case ProgressMode::automatic:
      return stderr_is_terminal ? ProgressStyle::in_place : ProgressStyle::lines;
    case ProgressMode::lines: return ProgressStyle::lines;
    case ProgressMode::none: return ProgressStyle::none;
  }
  return ProgressStyle::none;
}

void ProgressReport::report(std::int64_t done, std::int64_t replayed, std::int64_t total,
                            double seconds) {
  if (total <= 0) return;
  const double rate = seconds > 0 ? static_cast<double>(done - replayed) / seconds : 0.0;
  switch (style_) {
    case ProgressStyle::none: return;
    case ProgressStyle::in_place:
      fmt::print(out_, "\r{:>3.0f}%  {}/{} trials  {:.0f} trials/s  ETA {:.0f} s   ",
                 100.0 * static_cast<double>(done) / static_cast<double>(total), done, total, rate,
                 rate > 0 ? static_cast<double>(total - done) / rate : 0.0);
      std::fflush(out_);
      in_place_shown_ = true;
      return;
    case ProgressStyle::lines:
      pending_ = true;
      pending_done_ = done;
      pending_total_ = total;
      pending_seconds_ = seconds;
      pending_rate_ = rate;
      if (seconds - last_line_seconds_ >= interval_) write_line(done, total, seconds, rate);
      return;
  }
}

void ProgressReport::finish() {
  if (in_place_shown_) fmt::print(out_, "\n");
  in_place_shown_ = false;
  if (pending_) write_line(pending_done_, pending_total_, pending_seconds_, pending_rate_);
}

// One report per line, every field key=value with its unit in the key, so `grep 'detsim
// progress:'` and a split on spaces and '=' read a log. A run with trials left and none
// computed yet has no rate or time left to tell, and says nothing.
void ProgressReport::write_line(std::int64_t done, std::int64_t total, double seconds,
                                double rate) {
  pending_ = false;
  last_line_seconds_ = seconds;
  if (done <= 0 || seconds <= 0 || (rate <= 0 && done < total)) return;
  fmt::print(out_,
             "detsim progress: trials_done={} trials_total={} percent={:.1f} elapsed_s={:.1f} "
             "trials_per_s={:.0f} eta_s={:.0f}\n",
             done, total, 100.0 * static_cast<double>(done) / static_cast<double>(total), seconds,
             rate, done < total ? static_cast<double>(total - done) / rate : 0.0);
  std::fflush(out_);
}

}  // namespace detsim::cli
