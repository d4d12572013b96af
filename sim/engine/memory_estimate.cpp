// The memory a run needs, from the shapes Simulation::run allocates: 2 x threads block buffers,
// each with its trial rows and its recorded paths, plus small per-thread and per-dataset parts.
#include "detsim/engine/memory_estimate.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace detsim {

namespace {

std::uint64_t bytes_per_row(const std::vector<ColumnInfo>& columns) {
  std::uint64_t bytes = 0;
  for (const ColumnInfo& c : columns) {
    switch (c.type) {
      case ColumnType::f64: bytes += 8; break;
      case ColumnType::i32: bytes += 4; break;
      case ColumnType::i8: bytes += 1; break;
      case ColumnType::i64: bytes += 8; break;
      case ColumnType::str: bytes += 32; break;  // a short std::string
    }
  }
  return bytes;
}

// Saturating arithmetic: the point is to refuse absurd figures, not to overflow computing them.
std::uint64_t times(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > UINT64_MAX / a) return UINT64_MAX;
  return a * b;
}

std::uint64_t plus(std::uint64_t a, std::uint64_t b) {
  return b > UINT64_MAX - a ? UINT64_MAX : a + b;
}

}  // namespace

MemoryEstimate estimate_run_memory(const Simulation& simulation, const RunOptions& options) {
  const auto threads = static_cast<std::uint64_t>(std::max(1, options.threads));
  const auto block = static_cast<std::uint64_t>(std::max<std::int64_t>(1, options.block_size));
  const std::int64_t recorded = simulation.recorded_paths();
  const std::uint64_t months = simulation.path_months();
  const std::uint64_t variables = simulation.path_variables().size();
  const std::uint64_t path_rows =
      std::min<std::uint64_t>(static_cast<std::uint64_t>(recorded), block);

  // Rank 0 of an MPI job also holds two buffers per lane of the other ranks.
  const std::uint64_t lanes = options.remote ? options.remote->lanes() : 0;
  const std::uint64_t buffers = 2 * (threads + lanes);
  const std::uint64_t trial_rows = times(block, bytes_per_row(simulation.trial_columns()));
  const std::uint64_t path_values =
      plus(times(times(path_rows, months), times(variables, 8)), times(path_rows, 8));
  std::uint64_t bytes = times(buffers, plus(trial_rows, path_values));
  // A trial state per thread, whatever the number of experiments (parameters and guarantor sets:
  // a few KiB, and room to shuffle a chunk), and up to three chunks per dataset in the writer
  // (one filling, two queued or being written: 64 KiB, or one row of a path when that is larger),
  // each raw and packed.
  bytes = plus(bytes, times(threads, 2 * 64 * 1024));
  const std::uint64_t datasets = simulation.trial_columns().size() + variables + 2;
  bytes = plus(bytes, times(datasets, 6 * std::max<std::uint64_t>(64 * 1024, months * 8)));

  MemoryEstimate estimate;
  estimate.bytes = bytes;
  estimate.breakdown =
      lanes == 0
          ? fmt::format("{} block buffers ({} threads x 2) of {} trials", buffers, threads, block)
          : fmt::format(
                "{} block buffers ({} threads and {} lanes of other ranks, x 2) of {} trials",
                buffers, threads, lanes, block);
  if (path_rows > 0) {
    estimate.breakdown += fmt::format(", each with {} recorded paths of {} months x {} variables",
                                      path_rows, months, variables);
  }
  return estimate;
}

}  // namespace detsim
