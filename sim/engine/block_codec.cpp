// Blocks as bytes: counts, then every column's values as stored in memory, column by column.
// Both ends run the same build, so doubles and integers travel as their bytes.
#include "detsim/engine/block_codec.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

namespace detsim {

namespace {

template <typename T>
void put(std::vector<char>& bytes, const T* values, std::size_t count) {
  const auto* p = reinterpret_cast<const char*>(values);
  bytes.insert(bytes.end(), p, p + count * sizeof(T));
}

void put_count(std::vector<char>& bytes, std::uint64_t count) { put(bytes, &count, 1); }

void put_text(std::vector<char>& bytes, const std::string& text) {
  put_count(bytes, text.size());
  put(bytes, text.data(), text.size());
}

class Reader {
 public:
  explicit Reader(std::span<const char> bytes) : bytes_(bytes) {}

  template <typename T>
  void take(T* values, std::size_t count) {
    need(count, sizeof(T));
    // An empty column's data() may be null, and memcpy with a null pointer is undefined even
    // for no bytes (UBSan says so).
    if (count == 0) return;
    std::memcpy(values, bytes_.data() + at_, count * sizeof(T));
    at_ += count * sizeof(T);
  }
  std::uint64_t count() {
    std::uint64_t n = 0;
    take(&n, 1);
    return n;
  }
  std::string text() {
    const std::uint64_t n = count();
    need(n, 1);
    std::string s(bytes_.data() + at_, n);
    at_ += n;
    return s;
  }
  void finish() const {
    if (at_ != bytes_.size()) throw std::runtime_error("block message: bytes left over");
  }

 private:
  void need(std::uint64_t count, std::size_t size) const {
    if (count > (bytes_.size() - at_) / size) throw std::runtime_error("block message: truncated");
  }
  std::span<const char> bytes_;
  std::size_t at_ = 0;
};

}  // namespace

void encode_block(const BlockBuffers& block, std::vector<char>& bytes) {
  const ColumnBlock& t = block.trials;
  const PathBlock& p = block.paths;
  put_text(bytes, block.error);
  put_count(bytes, t.rows());
  for (std::size_t c = 0; c < t.columns(); ++c) {
    switch (t.schema()[c].type) {
      case ColumnType::f64: put(bytes, t.f64(c).data(), t.rows()); break;
      case ColumnType::i32: put(bytes, t.i32(c).data(), t.rows()); break;
      case ColumnType::i8: put(bytes, t.i8(c).data(), t.rows()); break;
      case ColumnType::i64: put(bytes, t.i64(c).data(), t.rows()); break;
      case ColumnType::str:
        for (const std::string& s : t.str(c)) put_text(bytes, s);
        break;
    }
  }
  put_count(bytes, p.rows());
  put(bytes, p.experiment.data(), p.rows());
  put(bytes, p.trial.data(), p.rows());
  for (const std::vector<double>& v : p.values) put(bytes, v.data(), p.rows() * p.months);
}

void decode_block(std::span<const char> bytes, BlockBuffers& out) {
  Reader in(bytes);
  ColumnBlock& t = out.trials;
  PathBlock& p = out.paths;
  out.error = in.text();
  const std::uint64_t rows = in.count();
  if (rows > bytes.size()) throw std::runtime_error("block message: too many rows");
  t.resize(rows);
  for (std::size_t c = 0; c < t.columns(); ++c) {
    switch (t.schema()[c].type) {
      case ColumnType::f64: in.take(t.f64(c).data(), rows); break;
      case ColumnType::i32: in.take(t.i32(c).data(), rows); break;
      case ColumnType::i8: in.take(t.i8(c).data(), rows); break;
      case ColumnType::i64: in.take(t.i64(c).data(), rows); break;
      case ColumnType::str:
        for (std::string& s : t.str(c)) s = in.text();
        break;
    }
  }
  const std::uint64_t path_rows = in.count();
  if (path_rows > bytes.size()) throw std::runtime_error("block message: too many path rows");
  p.experiment.resize(path_rows);
  p.trial.resize(path_rows);
  in.take(p.experiment.data(), path_rows);
  in.take(p.trial.data(), path_rows);
  for (std::vector<double>& v : p.values) {
    v.resize(path_rows * p.months);
    in.take(v.data(), v.size());
  }
  in.finish();
}

}  // namespace detsim
