// ResultsWriter: the results file of INTERFACE.md, written at <path>.XXXXXX.part and renamed when
// closed.
#include "detsim/io/results_writer.hpp"

#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "chunk_pipeline.hpp"
#include "detsim/error.hpp"
#include "detsim/io/output_file.hpp"
#include "hdf5_attribute.hpp"
#include "hdf5_column.hpp"
#include "hdf5_dimension.hpp"
#include "hdf5_object.hpp"
#include "results_schema.hpp"
#include "results_writer_checks.hpp"
#include "table_io.hpp"

namespace detsim {

namespace {

using detail::ColumnDataset;
using detail::Object;

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

void write_root_attributes(const Object& root, const RunMetadata& metadata) {
  using detail::write_attribute;
  write_attribute(root, "file_type", detail::results_file_type);
  write_attribute(root, "schema_version", detail::results_schema_version);
  write_attribute(root, "detsim_version", std::string_view(metadata.detsim_version));
  write_attribute(root, "git_revision", std::string_view(metadata.git_revision));
  write_attribute(root, "git_dirty", metadata.git_dirty);
  write_attribute(root, "compiler", std::string_view(metadata.compiler));
  write_attribute(root, "library_versions", std::string_view(metadata.library_versions));
  write_attribute(root, "created_utc", std::string_view(utc_now()));
  write_attribute(root, "command_line", std::string_view(metadata.command_line));
  write_attribute(root, "working_directory", std::string_view(metadata.working_directory));
  write_attribute(root, "threads", metadata.threads);
  write_attribute(root, "block_size", metadata.block_size);
  write_attribute(root, "seed", metadata.seed);
  // R's hdf5r and rhdf5 read a uint64 as a double or int64 and lose a seed above 2^63.
  write_attribute(root, "seed_decimal", std::string_view(std::to_string(metadata.seed)));
  if (!metadata.posterior.empty()) {
    write_attribute(root, "posterior", std::string_view(metadata.posterior));
  }
  if (!metadata.rerun_of.empty()) {
    write_attribute(root, "rerun_of", std::string_view(metadata.rerun_of));
  }
  // Present from the start, so a file left by a run that died says it is incomplete.
  write_attribute(root, "complete", std::int8_t{0});
  write_attribute(root, "trials_completed", std::int64_t{0});
}

// The values of a column of a fixed-size type, as stored in memory.
const void* fixed_size_values(const ColumnBlock& block, std::size_t column) {
  switch (block.schema()[column].type) {
    case ColumnType::f64: return block.f64(column).data();
    case ColumnType::i32: return block.i32(column).data();
    case ColumnType::i8: return block.i8(column).data();
    case ColumnType::i64: return block.i64(column).data();
    case ColumnType::str: break;
  }
  throw std::logic_error("strings are not stored as fixed-size values");
}

}  // namespace

struct ResultsWriter::Impl {
  std::chrono::steady_clock::duration flush_interval = std::chrono::seconds(1);
  std::chrono::steady_clock::time_point last_flush = std::chrono::steady_clock::now();
  // Flushes when the interval has passed since the last flush.
  void flush_if_due();

  std::filesystem::path final_path;
  std::filesystem::path part_path;
  // Held until the writer is gone, so no other run can write final_path meanwhile.
  std::optional<OutputLock> lock;
  std::vector<ColumnInfo> trial_layout;
  std::vector<ColumnInfo> path_variables;
  std::size_t path_months = 0;
  bool closed = false;
  // Declared before everything opened inside it, so it is destroyed (closed) after them.
  Object file;
  Object trials_group;
  std::vector<ColumnDataset> trial_columns;
  std::optional<Object> paths_group;
  std::vector<ColumnDataset> path_values;  // one per variable, [rows, months]
  std::optional<ColumnDataset> path_experiment;
  std::optional<ColumnDataset> path_trial;
  // netCDF-4 dimensions, at the root so that a table's group holds its columns only: the rows of
  // /trials, the rows of /paths, and the months of /paths (with their numbers).
  std::optional<ColumnDataset> trial_row;
  std::optional<ColumnDataset> path_row;
  std::optional<ColumnDataset> month;
  hsize_t path_rows_written = 0;
  // Every column of a fixed-size type goes through the pipeline: packed by whichever threads call
  // pack_queued_chunks, written here. Its number for each trial column (no_lane for strings,
  // which HDF5 writes itself: their chunks hold heap references only HDF5 can make).
  detail::ChunkPipeline pipeline;
  static constexpr std::size_t no_lane = static_cast<std::size_t>(-1);
  std::vector<std::size_t> trial_lanes;
  std::vector<std::size_t> path_lanes;  // path_values, then experiment, then trial
  std::size_t trials_written = 0;       // rows of /trials appended
  // /summary_so_far, once append_summary has begun it.
  std::optional<detail::TableAppender> summary;
  static constexpr const char* summary_so_far = "summary_so_far";

  // Creates part_path under a fresh unpredictable name, exclusively.
  void create_part_file();
  void create_trials(const TrialTableLayout& layout);
  void create_paths();
  // The dimensions' lengths brought to the rows written.
  void extend_dimensions();
  void require_open(const char* operation) const;
  // Every row appended so far into the file, trials_completed set to them, and all of it flushed
  // to disk: the state a crash afterwards leaves.
  void write_out();
  // Closes every dataset and group, then the file, reporting any failure.
  void close_all();
};

void ResultsWriter::Impl::create_part_file() {
  for (int attempt = 0;; ++attempt) {
    part_path = temporary_name(final_path);
    struct stat existing {};
    if (::lstat(part_path.c_str(), &existing) == 0 && attempt < 100) continue;  // taken: redraw
    file = detail::create_file(part_path);
    return;
  }
}

void ResultsWriter::Impl::create_trials(const TrialTableLayout& layout) {
  trials_group = detail::create_group(file, "trials");
  detail::write_attribute(trials_group, "outcome_labels", layout.outcome_labels);
  trial_columns.reserve(layout.columns.size());
  for (const ColumnInfo& info : layout.columns) {
    trial_columns.emplace_back(trials_group, info, 0, detail::chunk_rows_for(info.type, 0));
  }
  // Reserved above, so the columns stay where the pipeline points.
  for (ColumnDataset& column : trial_columns) {
    trial_lanes.push_back(column.type() == ColumnType::str ? no_lane : pipeline.add_column(column));
  }
  trial_row.emplace(file,
                    ColumnInfo{"trial_row", ColumnType::i32,
                               "The dimension of every /trials column (netCDF-4); no values", ""},
                    0, detail::chunk_rows_for(ColumnType::i32, 0));
  detail::make_dimension(*trial_row, false);
  for (const ColumnDataset& column : trial_columns) detail::attach_dimension(*trial_row, column, 0);
}

void ResultsWriter::Impl::create_paths() {
  if (path_variables.empty() || path_months == 0) return;
  paths_group = detail::create_group(file, "paths");
  const hsize_t months = path_months;
  path_values.reserve(path_variables.size());
  for (const ColumnInfo& info : path_variables) {
    path_values.emplace_back(*paths_group, info, months,
                             detail::chunk_rows_for(ColumnType::f64, months));
  }
  const hsize_t chunk = detail::chunk_rows_for(ColumnType::i32, 0);
  path_experiment.emplace(*paths_group,
                          ColumnInfo{"experiment", ColumnType::i32,
                                     "Experiment of the recorded trial (row of /experiments)", ""},
                          0, chunk);
  path_trial.emplace(*paths_group,
                     ColumnInfo{"trial", ColumnType::i32,
                                "Trial number within its experiment of the recorded trial", ""},
                     0, chunk);
  for (ColumnDataset& column : path_values) path_lanes.push_back(pipeline.add_column(column));
  path_lanes.push_back(pipeline.add_column(*path_experiment));
  path_lanes.push_back(pipeline.add_column(*path_trial));

  path_row.emplace(file,
                   ColumnInfo{"path_row", ColumnType::i32,
                              "The dimension of the rows of every /paths dataset (netCDF-4); "
                              "no values",
                              ""},
                   0, chunk);
  detail::make_dimension(*path_row, false);
  month.emplace(file,
                ColumnInfo{"month", ColumnType::i32,
                           "Month of each column of a /paths variable; 0 is the initial state", ""},
                0, chunk);
  std::vector<std::int32_t> numbers(path_months);
  for (std::size_t m = 0; m < path_months; ++m) numbers[m] = static_cast<std::int32_t>(m);
  month->append(numbers.data(), months);
  detail::make_dimension(*month, true);
  for (const ColumnDataset& values : path_values) {
    detail::attach_dimension(*path_row, values, 0);
    detail::attach_dimension(*month, values, 1);
  }
  detail::attach_dimension(*path_row, *path_experiment, 0);
  detail::attach_dimension(*path_row, *path_trial, 0);
}

void ResultsWriter::Impl::extend_dimensions() {
  if (trial_row) trial_row->extend_to(trials_written);
  if (path_row) path_row->extend_to(path_rows_written);
}

void ResultsWriter::Impl::write_out() {
  pipeline.write_all();
  extend_dimensions();
  detail::write_attribute(file, "trials_completed", static_cast<std::int64_t>(trials_written));
  // As trials_completed for /trials: the rows a killed run's file holds for certain.
  if (summary) {
    detail::write_attribute(summary->group(), "rows_written",
                            static_cast<std::int64_t>(summary->rows_written()));
  }
  detail::flush(file);
  last_flush = std::chrono::steady_clock::now();
}

void ResultsWriter::Impl::flush_if_due() {
  if (std::chrono::steady_clock::now() - last_flush < flush_interval) return;
  write_out();
}

void ResultsWriter::flush_every(std::chrono::steady_clock::duration interval) {
  impl_->flush_interval = interval;
}

void ResultsWriter::Impl::require_open(const char* operation) const {
  if (closed) {
    throw std::logic_error(final_path.string() + ": " + operation + " after close()");
  }
}

void ResultsWriter::Impl::close_all() {
  for (ColumnDataset& column : trial_columns) column.close();
  for (ColumnDataset& column : path_values) column.close();
  if (path_experiment) path_experiment->close();
  if (path_trial) path_trial->close();
  for (auto* dimension : {&trial_row, &path_row, &month}) {
    if (*dimension) (*dimension)->close();
  }
  if (paths_group) paths_group->handle.close(paths_group->where());
  trials_group.handle.close(trials_group.where());
  file.handle.close(file.file);
}

ResultsWriter::ResultsWriter(std::filesystem::path path, const RunMetadata& metadata,
                             const ColumnBlock& experiments, const TrialTableLayout& trials,
                             const std::vector<ColumnInfo>& path_variables, std::size_t path_months)
    : impl_(std::make_unique<Impl>()) {
  detail::require_valid_layout(trials, path_variables);
  Impl& impl = *impl_;
  impl.final_path = std::move(path);
  impl.trial_layout = trials.columns;
  impl.path_variables = path_variables;
  impl.path_months = path_months;

  check_output_path(impl.final_path, {});
  impl.lock.emplace(impl.final_path);
  impl.create_part_file();
  try {
    write_root_attributes(impl.file, metadata);
    const Object scenario = detail::create_group(impl.file, "scenario");
    detail::write_attribute(scenario, "yaml", std::string_view(metadata.scenario_yaml));
    detail::write_table(impl.file, "experiments", experiments);
    impl.create_trials(trials);
    impl.create_paths();
    detail::flush(impl.file);
  } catch (...) {
    // Nothing was run yet, so a file that could not even be set up is not worth keeping. The
    // handles close first (the lock last), then the file goes.
    const std::filesystem::path part = impl.part_path;
    impl_.reset();
    std::error_code ignored;
    std::filesystem::remove(part, ignored);
    throw;
  }
}

// Without close() (an exception is unwinding), the rows appended so far are written if the file
// still takes them, the handles close quietly and the .part file stays, with complete = 0.
ResultsWriter::~ResultsWriter() {
  if (!impl_ || impl_->closed) return;
  try {
    impl_->write_out();
  } catch (...) {
    // The failure that ended the run is already on its way; this one would only hide it.
  }
}

const std::filesystem::path& ResultsWriter::temporary_path() const { return impl_->part_path; }

void ResultsWriter::write_table(const std::string& group, const ColumnBlock& table,
                                const GroupAttributes& attributes) {
  Impl& impl = *impl_;
  impl.require_open("write_table");
  detail::write_table(impl.file, group, table);
  const detail::Object written = detail::open_group(impl.file, group);
  for (const auto& [name, value] : attributes.text) detail::write_attribute(written, name, value);
  for (const auto& [name, value] : attributes.lists) detail::write_attribute(written, name, value);
  for (const auto& [name, value] : attributes.integers)
    detail::write_attribute(written, name, value);
  for (const auto& [name, value] : attributes.unsigned_integers)
    detail::write_attribute(written, name, value);
  detail::flush(impl.file);
  impl.last_flush = std::chrono::steady_clock::now();
}

void ResultsWriter::add_columns(const std::string& group, const ColumnBlock& columns) {
  Impl& impl = *impl_;
  impl.require_open("add_columns");
  detail::write_columns(detail::open_group(impl.file, group), columns);
  detail::flush(impl.file);
  impl.last_flush = std::chrono::steady_clock::now();
}

void ResultsWriter::add_generated_column(const std::string& group, const ColumnInfo& info,
                                         std::size_t rows,
                                         const std::function<std::string(std::size_t)>& row) {
  Impl& impl = *impl_;
  impl.require_open("add_generated_column");
  detail::write_generated_column(detail::open_group(impl.file, group), info, rows, row);
  detail::flush(impl.file);
  impl.last_flush = std::chrono::steady_clock::now();
}

void ResultsWriter::pack_queued_chunks() { impl_->pipeline.pack_queued(); }

void ResultsWriter::append_trials(const ColumnBlock& block) {
  Impl& impl = *impl_;
  impl.require_open("append_trials");
  detail::require_trial_schema(impl.trial_layout, block);
  for (std::size_t c = 0; c < block.columns(); ++c) {
    const std::size_t lane = impl.trial_lanes[c];
    if (lane == Impl::no_lane) {
      impl.trial_columns[c].append(block, c);
    } else {
      impl.pipeline.append(lane, fixed_size_values(block, c), block.rows());
    }
  }
  impl.trials_written += block.rows();
  impl.flush_if_due();
}

void ResultsWriter::append_paths(const PathBlock& block) {
  Impl& impl = *impl_;
  impl.require_open("append_paths");
  if (!impl.paths_group) {
    if (block.rows() == 0) return;
    throw std::logic_error(impl.final_path.string() +
                           ": append_paths, but the writer records no paths");
  }
  detail::require_path_shape(impl.path_variables, impl.path_months, block);
  const hsize_t rows = block.rows();
  const std::size_t variables = impl.path_values.size();
  for (std::size_t v = 0; v < variables; ++v) {
    impl.pipeline.append(impl.path_lanes[v], block.values[v].data(), rows);
  }
  impl.pipeline.append(impl.path_lanes[variables], block.experiment.data(), rows);
  impl.pipeline.append(impl.path_lanes[variables + 1], block.trial.data(), rows);
  impl.path_rows_written += rows;
  impl.flush_if_due();
}

void ResultsWriter::append_summary(const ColumnBlock& slice, std::size_t rows) {
  Impl& impl = *impl_;
  impl.require_open("append_summary");
  if (!impl.summary) impl.summary.emplace(impl.file, Impl::summary_so_far, rows);
  if (rows != impl.summary->rows()) {
    throw std::logic_error(impl.file.file + ": /summary of " + std::to_string(rows) +
                           " rows, announced as " + std::to_string(impl.summary->rows()) +
                           " before");
  }
  impl.summary->append(slice);
  // HDF5 keeps what writing a slice's strings freed on free lists of its own, which grow with
  // every slice of a run of thousands of experiments; handed back to malloc, later slices reuse
  // it (10,000 design points: 1.7 MiB off the peak, no slower).
  detail::collect_free_lists(impl.file.file);
  impl.flush_if_due();
}

void ResultsWriter::close(const ColumnBlock& summary, bool complete,
                          std::int64_t trials_completed) {
  close(TableSlices{summary.rows(), 1, [&](std::size_t) { return summary; }}, complete,
        trials_completed);
}

void ResultsWriter::close(const TableSlices& summary, bool complete,
                          std::int64_t trials_completed) {
  Impl& impl = *impl_;
  impl.require_open("close");
  impl.pipeline.write_all();
  impl.extend_dimensions();
  if (!impl.summary) impl.summary.emplace(impl.file, Impl::summary_so_far, summary.rows);
  if (summary.rows != impl.summary->rows() - impl.summary->rows_written()) {
    throw std::logic_error(impl.file.file + ": /summary's rest of " + std::to_string(summary.rows) +
                           " rows, not the " +
                           std::to_string(impl.summary->rows() - impl.summary->rows_written()) +
                           " appended rows leave");
  }
  for (std::size_t i = 0; i < summary.slices; ++i) impl.summary->append(summary.slice(i));
  // Whole now: only a killed run's file needs to say how much of it there is.
  detail::remove_attribute(impl.summary->group(), "rows_written");
  impl.summary->finish();
  impl.summary.reset();
  detail::move_link(impl.file, Impl::summary_so_far, "summary");
  detail::write_attribute(impl.file, "trials_completed", trials_completed);
  detail::write_attribute(impl.file, "complete", static_cast<std::int8_t>(complete ? 1 : 0));
  impl.close_all();
  impl.closed = true;
  check_replaceable(impl.final_path);
  std::error_code error;
  std::filesystem::rename(impl.part_path, impl.final_path, error);
  if (error) {
    throw RunError(impl.part_path.string() + ": cannot rename to " + impl.final_path.string() +
                   ": " + error.message());
  }
}

}  // namespace detsim
