// Private to the io part: appended rows cut into chunks, packed (shuffled and deflated) by
// whichever threads offer to help, and stored in order with H5Dwrite_chunk, so that the thread
// writing the file no longer compresses every chunk itself.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

#include "hdf5_column.hpp"

namespace detsim::detail {

class ChunkPipeline {
 public:
  ChunkPipeline();
  ~ChunkPipeline();
  ChunkPipeline(const ChunkPipeline&) = delete;
  ChunkPipeline& operator=(const ChunkPipeline&) = delete;

  // The rest of these, but pack_queued, are for the writing thread only. A column of a fixed-size
  // type, created empty; it must outlive the pipeline. Returns the number append takes.
  std::size_t add_column(ColumnDataset& column);

  // Copies `rows` rows (values of the column's type, a row being the column's width of them) into
  // the column's open chunk; a chunk that fills is queued for packing, and chunks packed by then
  // are written. No allocation once every chunk buffer exists (at most three per column).
  void append(std::size_t column, const void* values, hsize_t rows);

  // Any thread, at any time, concurrently with everything else: packs the queued chunks, until
  // none is left unclaimed. What the writing thread's helpers call between their own work.
  void pack_queued();

  // Everything appended so far into the file: queued chunks packed (by this thread if nobody
  // else has), all written in the order they filled, then each column's partly filled chunk
  // packed and written too (padded with zeros, as HDF5 pads a chunk past the dataset's end), and
  // every extent set to the rows appended. The partly filled chunk is written again once it fills.
  void write_all();

  // Rows appended to a column so far.
  hsize_t rows(std::size_t column) const;

 private:
  struct Chunk;
  struct Column;

  Chunk& open_chunk(Column& column);  // a free chunk, waiting for one if every chunk is in use
  void queue(Chunk& chunk);
  void write_packed();  // writes the packed chunks at the head of the queue
  void write(const Chunk& chunk);
  void pack(Chunk& chunk);

  std::vector<Column> columns_;
  std::vector<std::unique_ptr<Chunk>> chunks_;  // every chunk buffer, created as needed
  std::size_t chunk_limit_ = 0;                 // how many may exist: bounds memory

  mutable std::mutex mutex_;  // guards the two lists below and every Chunk::state
  std::condition_variable packed_;
  std::vector<Chunk*> free_;
  std::deque<Chunk*> queue_;  // full chunks in the order they filled: queued, packing or packed
};

}  // namespace detsim::detail
