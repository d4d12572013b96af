// ChunkPipeline: chunks filled on the writing thread, packed on any thread, written in order.
#include "chunk_pipeline.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "chunk_filter.hpp"

namespace detsim::detail {

// Chunks are packed from values as they are in memory, and the datasets store little-endian
// types (hdf5_column.cpp): HDF5 would convert on a big-endian machine, this code does not.
static_assert(std::endian::native == std::endian::little, "direct chunk writes need little-endian");

struct ChunkPipeline::Chunk {
  enum class State { open, queued, packing, packed } state = State::open;
  Column* column = nullptr;
  hsize_t first_row = 0;
  hsize_t rows = 0;  // filled so far
  std::vector<std::byte> raw;
  std::vector<std::byte> packed;
  std::exception_ptr failure;  // packing failed: reported when the chunk's turn to be written comes
};

struct ChunkPipeline::Column {
  ColumnDataset* dataset = nullptr;
  std::size_t value_size = 0;
  std::size_t row_bytes = 0;
  hsize_t chunk_rows = 0;
  hsize_t rows = 0;  // appended
  Chunk* open = nullptr;
};

namespace {

// Room for shuffled bytes, one per thread that packs: allocated once per thread, then reused.
std::vector<std::byte>& shuffle_scratch() {
  thread_local std::vector<std::byte> scratch;
  return scratch;
}

}  // namespace

ChunkPipeline::ChunkPipeline() = default;
ChunkPipeline::~ChunkPipeline() = default;

std::size_t ChunkPipeline::add_column(ColumnDataset& dataset) {
  Column column;
  column.dataset = &dataset;
  column.value_size = dataset.value_size();
  column.row_bytes = column.value_size * std::max<hsize_t>(dataset.width(), 1);
  column.chunk_rows = dataset.chunk_rows();
  // Columns live in a vector that add_column may reallocate: chunks find theirs by address only
  // once appends start, after every column was added.
  columns_.push_back(column);
  // One chunk open per column and up to two more per column queued or being written: enough for
  // helpers to keep pace, and memory stays flat whatever the run's length.
  chunk_limit_ = 3 * columns_.size();
  return columns_.size() - 1;
}

hsize_t ChunkPipeline::rows(std::size_t column) const { return columns_[column].rows; }

ChunkPipeline::Chunk& ChunkPipeline::open_chunk(Column& column) {
  Chunk* chunk = nullptr;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (!free_.empty()) {
        chunk = free_.back();
        free_.pop_back();
        break;
      }
      if (chunks_.size() < chunk_limit_) {
        chunk = chunks_.emplace_back(std::make_unique<Chunk>()).get();
        break;
      }
      // Every chunk is open or in the queue: the oldest one must be written before another can
      // open. Nobody may be helping, so this thread packs what is still unclaimed itself.
      const bool unclaimed = std::any_of(queue_.begin(), queue_.end(), [](const Chunk* c) {
        return c->state == Chunk::State::queued;
      });
      if (!unclaimed) {
        packed_.wait(lock, [&] { return queue_.front()->state == Chunk::State::packed; });
      }
    }
    pack_queued();
    write_packed();
  }
  chunk->state = Chunk::State::open;
  chunk->column = &column;
  chunk->first_row = column.rows;
  chunk->rows = 0;
  chunk->raw.resize(column.chunk_rows * column.row_bytes);
  return *chunk;
}

void ChunkPipeline::append(std::size_t index, const void* values, hsize_t rows) {
  Column& column = columns_[index];
  const auto* from = static_cast<const std::byte*>(values);
  while (rows > 0) {
    if (column.open == nullptr) column.open = &open_chunk(column);
    Chunk& chunk = *column.open;
    const hsize_t taken = std::min(rows, column.chunk_rows - chunk.rows);
    const std::size_t bytes = taken * column.row_bytes;
    std::memcpy(chunk.raw.data() + chunk.rows * column.row_bytes, from, bytes);
    from += bytes;
    rows -= taken;
    chunk.rows += taken;
    column.rows += taken;
    if (chunk.rows == column.chunk_rows) {
      column.open = nullptr;
      queue(chunk);
    }
  }
  write_packed();
}

void ChunkPipeline::queue(Chunk& chunk) {
  std::lock_guard lock(mutex_);
  chunk.state = Chunk::State::queued;
  queue_.push_back(&chunk);
}

void ChunkPipeline::pack(Chunk& chunk) {
  chunk.failure = nullptr;
  try {
    shuffle_deflate(chunk.raw.data(), chunk.raw.size(), chunk.column->value_size, shuffle_scratch(),
                    chunk.packed);
  } catch (...) {
    chunk.failure = std::current_exception();
  }
}

void ChunkPipeline::pack_queued() {
  for (;;) {
    Chunk* chunk = nullptr;
    {
      std::lock_guard lock(mutex_);
      for (Chunk* c : queue_) {
        if (c->state == Chunk::State::queued) {
          chunk = c;
          break;
        }
      }
      if (chunk == nullptr) return;
      chunk->state = Chunk::State::packing;
    }
    pack(*chunk);
    {
      std::lock_guard lock(mutex_);
      chunk->state = Chunk::State::packed;
    }
    packed_.notify_all();
  }
}

void ChunkPipeline::write(const Chunk& chunk) {
  if (chunk.failure) std::rethrow_exception(chunk.failure);
  chunk.column->dataset->write_packed_chunk(chunk.first_row, chunk.first_row + chunk.rows,
                                            chunk.packed.data(), chunk.packed.size());
}

void ChunkPipeline::write_packed() {
  for (;;) {
    Chunk* chunk = nullptr;
    {
      std::lock_guard lock(mutex_);
      if (queue_.empty() || queue_.front()->state != Chunk::State::packed) return;
      chunk = queue_.front();
    }
    write(*chunk);  // on failure the chunk stays at the head: nothing is lost or written twice
    std::lock_guard lock(mutex_);
    queue_.pop_front();
    free_.push_back(chunk);
  }
}

void ChunkPipeline::write_all() {
  pack_queued();
  {
    std::unique_lock lock(mutex_);
    packed_.wait(lock, [&] {
      return std::all_of(queue_.begin(), queue_.end(),
                         [](const Chunk* c) { return c->state == Chunk::State::packed; });
    });
  }
  write_packed();
  for (Column& column : columns_) {
    if (column.open == nullptr || column.open->rows == 0) continue;
    Chunk& chunk = *column.open;
    const std::size_t filled = chunk.rows * column.row_bytes;
    std::memset(chunk.raw.data() + filled, 0, chunk.raw.size() - filled);
    pack(chunk);
    write(chunk);
  }
}

}  // namespace detsim::detail
