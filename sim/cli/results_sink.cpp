// ResultsSink: blocks to file and summary; a progress line with rate and ETA on a terminal.
#include "results_sink.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace detsim::cli {

void ResultsSink::consume(const TrialBlock&, const ColumnBlock& trials, const PathBlock& paths) {
  writer_.append_trials(trials);
  if (paths.rows() > 0) writer_.append_paths(paths);
  summary_.add(trials);
}

void ResultsSink::progress(std::int64_t done, std::int64_t total, double seconds) {
  if (!show_progress_ || total <= 0) return;
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
  fmt::print(stderr, "\r{:>3.0f}%  {}/{} trials  {:.0f} trials/s  ETA {:.0f} s   ",
             100.0 * static_cast<double>(done) / static_cast<double>(total), done, total, rate,
             eta);
  std::fflush(stderr);
  progress_shown_ = true;
}

void ResultsSink::finish_progress() {
  if (progress_shown_) fmt::print(stderr, "\n");
  progress_shown_ = false;
}

}  // namespace detsim::cli
