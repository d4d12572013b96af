// The results file: the HDF5 layout of INTERFACE.md, written block by block as trials complete.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "detsim/table/column_block.hpp"

namespace detsim {

// What the root attributes and /scenario record: what made the file, and from what.
struct RunMetadata {
  std::string detsim_version;
  std::string git_revision;
  std::int8_t git_dirty = -1;    // 1: built from a tree that differed from git_revision; -1 unknown
  std::string compiler;          // "GNU 12.2.0"
  std::string library_versions;  // "Boost 1.74.0, HDF5 1.10.8, ..."
  std::string command_line;      // argv, each word quoted for a POSIX shell
  std::string working_directory;
  std::int64_t threads = 0;
  std::int64_t block_size = 0;
  std::uint64_t seed = 0;
  std::string rerun_of;  // written (as rerun_of) only by `detsim rerun`: "FILE experiment I (NAME)"
  // written (as posterior) only by a run with a posterior: "FILE (DIGEST)", the file it was given
  // and the digest of its /posterior (which the results file copies whole)
  std::string posterior;
  // Stored at /scenario (attribute yaml): the scenario as read with the run's overrides, no
  // structure resolved (each experiment's own is in /experiments/resolved_yaml).
  std::string scenario_yaml;
};

// Attributes of a group written whole (write_table): text, lists of text and integers.
struct GroupAttributes {
  std::vector<std::pair<std::string, std::string>> text;
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;
  std::vector<std::pair<std::string, std::int64_t>> integers;
  std::vector<std::pair<std::string, std::uint64_t>> unsigned_integers;
};

// A table written a slice at a time (/summary of a run of many experiments), so that it is never
// held whole: slice(i) for i < slices, each with the same columns, `rows` rows in all.
struct TableSlices {
  std::size_t rows = 0;
  std::size_t slices = 0;
  std::function<ColumnBlock(std::size_t)> slice;
};

struct TrialTableLayout {
  std::vector<ColumnInfo> columns;          // /trials, in this order
  std::vector<std::string> outcome_labels;  // /trials attribute outcome_labels; code = index
};

// Writes to a temporary file beside <path>, "<path>.XXXXXX.part" (an unpredictable name, created
// exclusively: see output_file.hpp), and renames it to <path> in close(), so an existing file is
// only replaced by a complete, readable one. From construction to destruction it holds the
// OutputLock of <path>, so a second writer of the same path is refused (InputError), and it refuses
// a <path> that is not a regular file (InputError) or is no longer one at close (RunError). A
// constructor that fails removes what it created. Appends reach the disk at most once a second
// (flush_every), so even a crash leaves a file that opens: its root attribute complete is 0 until
// close(), and trials_completed counts the /trials rows in it as of that flush. Destroyed without
// close(), the writer closes its handles quietly and leaves the .part file. Strings are stored as
// UTF-8: a byte that is not part of valid UTF-8 is stored as U+FFFD.
//
// I/O failures throw RunError naming the file and object; a block that does not match the layout
// given to the constructor (columns, names, types, lengths, path months) is a std::logic_error and
// leaves the file unchanged. Use from one thread at a time, but for pack_queued_chunks. A flush
// packs every partly filled chunk again: append blocks of many rows (thousands), not single rows.
//
// Columns of numbers are cut into chunks by the writer itself and stored with HDF5's direct chunk
// write, packed (shuffled and deflated, exactly as HDF5's filters would) by whichever threads
// call pack_queued_chunks, so compression spreads over a run's threads; what nobody packed by the
// time it must be written, the writer packs itself. The file is the one HDF5's own pipeline
// would write: any HDF5 reader reads it.
class ResultsWriter {
 public:
  ResultsWriter(std::filesystem::path path, const RunMetadata& metadata,
                const ColumnBlock& experiments, const TrialTableLayout& trials,
                const std::vector<ColumnInfo>& path_variables, std::size_t path_months);
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  // block must have TrialTableLayout::columns, in order.
  // How often appends reach the disk (default 1 s): each flush rewrites every partly filled
  // chunk, so flushing every block cost more than the simulation itself. A run stopped by a
  // signal closes the file properly whatever this is; it bounds what a crash loses.
  void flush_every(std::chrono::steady_clock::duration interval);
  // Where the file is being written until close() renames it.
  const std::filesystem::path& temporary_path() const;

  // A whole table written at once and flushed, so that even a run that dies leaves it (the
  // definitions of the summary measures, /measures, which readers need for a file without
  // /summary).
  void write_table(const std::string& group, const ColumnBlock& table,
                   const GroupAttributes& attributes = {});

  // Columns added to a group written whole before (the experiments' status, known at the end).
  void add_columns(const std::string& group, const ColumnBlock& columns);
  // A string column of `rows` rows added to a group written whole before, row r made by row(r)
  // as it is written, a slice at a time: each experiment's resolved scenario goes to
  // /experiments without the texts of thousands of experiments ever being held together.
  void add_generated_column(const std::string& group, const ColumnInfo& info, std::size_t rows,
                            const std::function<std::string(std::size_t)>& row);

  // Any thread, concurrently with the other calls (the one exception): packs the chunks the
  // appends have filled and queued, then returns. A run's worker threads call it between blocks.
  void pack_queued_chunks();

  void append_trials(const ColumnBlock& block);
  // block must have the path_variables and path_months given to the constructor; an empty block
  // is accepted (and ignored) when the writer records no paths.
  void append_paths(const PathBlock& block);
  // /summary a slice at a time while the run goes on (the rows of the leading experiments once
  // they are final), `rows` rows in all, the same on every call; close() is handed the rest.
  // Until then the rows are kept as /summary_so_far, so that a killed run's file holds no
  // /summary to be mistaken for the whole.
  void append_summary(const ColumnBlock& slice, std::size_t rows);
  // Writes /summary (the rows not appended before), the root attributes complete and
  // trials_completed, closes and renames.
  void close(const ColumnBlock& summary, bool complete, std::int64_t trials_completed);
  void close(const TableSlices& summary, bool complete, std::int64_t trials_completed);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace detsim
