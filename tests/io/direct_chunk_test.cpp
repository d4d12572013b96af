// Chunks packed outside HDF5 and stored with H5Dwrite_chunk are the chunks HDF5's own filter
// pipeline stores for the same rows, byte for byte, whichever threads packed them; h5py reads a
// file of them as it reads one HDF5 wrote itself.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

#include "../../sim/io/chunk_pipeline.hpp"
#include "../../sim/io/hdf5_column.hpp"
#include "../../sim/io/hdf5_object.hpp"
#include "io_test_support.hpp"

using namespace detsim;
using namespace detsim::detail;
using testing::TempDir;

namespace {

// Rows of a column: spread over two and a half chunks (the last partly filled), in values that
// deflate compresses well but not to nothing.
constexpr hsize_t path_months = 13;

double f64_value(std::size_t i) {
  return static_cast<double>((i * 2654435761u) % 1000) / 8.0 + static_cast<double>(i % 7);
}
std::int32_t i32_value(std::size_t i) { return static_cast<std::int32_t>((i * 40503u) % 97) - 40; }
std::int8_t i8_value(std::size_t i) { return static_cast<std::int8_t>(i % 5 == 0 ? -1 : i % 3); }

struct Columns {
  std::vector<double> f64;
  std::vector<std::int32_t> i32;
  std::vector<std::int8_t> i8;
  std::vector<double> path;  // rows x path_months
  hsize_t f64_rows = 0, i32_rows = 0, i8_rows = 0, path_rows = 0;
};

Columns test_columns() {
  Columns c;
  c.f64_rows = chunk_rows_for(ColumnType::f64, 0) * 5 / 2;
  c.i32_rows = chunk_rows_for(ColumnType::i32, 0) * 5 / 2;
  c.i8_rows = chunk_rows_for(ColumnType::i8, 0) * 5 / 2;
  c.path_rows = chunk_rows_for(ColumnType::f64, path_months) * 5 / 2;
  for (std::size_t i = 0; i < c.f64_rows; ++i) c.f64.push_back(f64_value(i));
  for (std::size_t i = 0; i < c.i32_rows; ++i) c.i32.push_back(i32_value(i));
  for (std::size_t i = 0; i < c.i8_rows; ++i) c.i8.push_back(i8_value(i));
  for (std::size_t i = 0; i < c.path_rows * path_months; ++i) c.path.push_back(f64_value(i + 7));
  return c;
}

struct Datasets {
  Object file;
  ColumnDataset f64, i32, i8, path;
  explicit Datasets(const std::filesystem::path& where)
      : file(create_file(where)),
        f64(file, {"f64", ColumnType::f64, "doubles", ""}, 0, chunk_rows_for(ColumnType::f64, 0)),
        i32(file, {"i32", ColumnType::i32, "int32", ""}, 0, chunk_rows_for(ColumnType::i32, 0)),
        i8(file, {"i8", ColumnType::i8, "int8", ""}, 0, chunk_rows_for(ColumnType::i8, 0)),
        path(file, {"path", ColumnType::f64, "a path", ""}, path_months,
             chunk_rows_for(ColumnType::f64, path_months)) {}
  void close() {
    for (ColumnDataset* d : {&f64, &i32, &i8, &path}) d->close();
    file.handle.close(file.file);
  }
};

// Appends every column in uneven pieces (as blocks of trials arrive), through HDF5's own
// pipeline (H5Dwrite), or through a ChunkPipeline packed by `helpers` threads besides this one.
void write_columns(const std::filesystem::path& where, const Columns& c, bool direct, int helpers) {
  Datasets d(where);
  constexpr hsize_t pieces[] = {1000, 1, 3333, 0, 777, 9000};
  const auto in_pieces = [&](hsize_t rows, auto&& write) {
    hsize_t done = 0;
    for (std::size_t p = 0; done < rows; p = (p + 1) % std::size(pieces)) {
      const hsize_t n = std::min(pieces[p], rows - done);
      write(done, n);
      done += n;
    }
  };
  if (!direct) {
    in_pieces(c.f64_rows, [&](hsize_t at, hsize_t n) { d.f64.append(c.f64.data() + at, n); });
    in_pieces(c.i32_rows, [&](hsize_t at, hsize_t n) { d.i32.append(c.i32.data() + at, n); });
    in_pieces(c.path_rows,
              [&](hsize_t at, hsize_t n) { d.path.append(c.path.data() + at * path_months, n); });
    // ColumnDataset has no int8 append of its own: through a one-column block.
    ColumnBlock block({{"i8", ColumnType::i8, "", ""}});
    in_pieces(c.i8_rows, [&](hsize_t at, hsize_t n) {
      block.resize(n);
      std::copy_n(c.i8.begin() + static_cast<std::ptrdiff_t>(at), n, block.i8(0).begin());
      d.i8.append(block, 0);
    });
  } else {
    ChunkPipeline pipeline;
    const std::size_t f64 = pipeline.add_column(d.f64), i32 = pipeline.add_column(d.i32),
                      i8 = pipeline.add_column(d.i8), path = pipeline.add_column(d.path);
    std::atomic<bool> done{false};
    std::vector<std::thread> threads;
    for (int h = 0; h < helpers; ++h) {
      threads.emplace_back([&] {
        while (!done.load()) pipeline.pack_queued();
      });
    }
    in_pieces(c.f64_rows,
              [&](hsize_t at, hsize_t n) { pipeline.append(f64, c.f64.data() + at, n); });
    in_pieces(c.i32_rows,
              [&](hsize_t at, hsize_t n) { pipeline.append(i32, c.i32.data() + at, n); });
    in_pieces(c.i8_rows, [&](hsize_t at, hsize_t n) { pipeline.append(i8, c.i8.data() + at, n); });
    in_pieces(c.path_rows, [&](hsize_t at, hsize_t n) {
      pipeline.append(path, c.path.data() + at * path_months, n);
    });
    pipeline.write_all();
    done = true;
    for (std::thread& t : threads) t.join();
    CHECK(pipeline.rows(f64) == c.f64_rows);
    CHECK(pipeline.rows(path) == c.path_rows);
  }
  d.close();
}

struct StoredChunk {
  std::uint32_t filter_mask = 0;
  std::vector<unsigned char> bytes;
  bool operator==(const StoredChunk&) const = default;
};

// Every stored chunk of a dataset, as H5Dread_chunk gives it (packed, with its filter mask).
std::vector<StoredChunk> stored_chunks(const std::filesystem::path& file, const char* name) {
  const Handle h5 = checked(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), HandleKind::file,
                            file.string(), "open");
  const Handle data =
      checked(H5Dopen2(h5.get(), name, H5P_DEFAULT), HandleKind::dataset, name, "open");
  const Handle space = checked(H5Dget_space(data.get()), HandleKind::dataspace, name, "space");
  const Handle create =
      checked(H5Dget_create_plist(data.get()), HandleKind::property_list, name, "plist");
  hsize_t dims[2] = {0, 0}, chunk[2] = {0, 0};
  const int rank = H5Sget_simple_extent_ndims(space.get());
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  REQUIRE(H5Pget_chunk(create.get(), rank, chunk) == rank);
  std::vector<StoredChunk> chunks;
  for (hsize_t row = 0; row < dims[0]; row += chunk[0]) {
    const hsize_t offset[2] = {row, 0};
    hsize_t bytes = 0;
    REQUIRE(H5Dget_chunk_storage_size(data.get(), offset, &bytes) >= 0);
    StoredChunk stored;
    stored.bytes.resize(bytes);
    REQUIRE(H5Dread_chunk(data.get(), H5P_DEFAULT, offset, &stored.filter_mask,
                          stored.bytes.data()) >= 0);
    chunks.push_back(std::move(stored));
  }
  return chunks;
}

constexpr const char* dataset_names[] = {"f64", "i32", "i8", "path"};

}  // namespace

TEST_CASE("chunks packed outside HDF5 are stored exactly as HDF5's filter pipeline stores them") {
  TempDir dir;
  const Columns columns = test_columns();
  write_columns(dir / "pipeline.h5", columns, false, 0);
  for (const int helpers : {0, 1, 3}) {
    INFO(helpers << " threads packing besides the writing one");
    const auto direct = dir / ("direct" + std::to_string(helpers) + ".h5");
    write_columns(direct, columns, true, helpers);
    for (const char* name : dataset_names) {
      INFO("dataset " << name);
      const std::vector<StoredChunk> expected = stored_chunks(dir / "pipeline.h5", name);
      const std::vector<StoredChunk> got = stored_chunks(direct, name);
      REQUIRE(expected.size() == 3);  // two full chunks and a partly filled one
      REQUIRE(got.size() == expected.size());
      for (std::size_t k = 0; k < got.size(); ++k) {
        INFO("chunk " << k);
        CHECK(got[k].filter_mask == 0);
        CHECK(got[k].bytes.size() < 64 * 1024);  // deflated, not stored raw
        CHECK(got[k] == expected[k]);
      }
    }
  }
}

TEST_CASE("a partly filled chunk written at a flush is replaced when its rows are complete") {
  TempDir dir;
  const Columns columns = test_columns();
  const hsize_t rows = chunk_rows_for(ColumnType::f64, 0);
  {
    Datasets d(dir / "flushed.h5");
    ChunkPipeline pipeline;
    const std::size_t f64 = pipeline.add_column(d.f64);
    pipeline.append(f64, columns.f64.data(), rows / 3);
    pipeline.write_all();  // a flush: the first third of chunk 0 is in the file
    CHECK(d.f64.rows() == rows / 3);
    pipeline.append(f64, columns.f64.data() + rows / 3, rows + 5 - rows / 3);
    pipeline.write_all();
    CHECK(d.f64.rows() == rows + 5);
    d.close();
  }
  const Handle h5 = checked(H5Fopen((dir / "flushed.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                            HandleKind::file, "flushed.h5", "open");
  const Handle data =
      checked(H5Dopen2(h5.get(), "f64", H5P_DEFAULT), HandleKind::dataset, "f64", "open");
  std::vector<double> back(rows + 5);
  REQUIRE(H5Dread(data.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, back.data()) >= 0);
  CHECK(std::equal(back.begin(), back.end(), columns.f64.begin()));
}

TEST_CASE("h5py reads every column of chunks written directly as it reads HDF5's own") {
  if (std::system((std::string(DETSIM_PYTHON) + " -c 'import h5py' > /dev/null 2>&1").c_str()) !=
      0) {
    WARN("python3-h5py is not installed: not checked");
    return;
  }
  TempDir dir;
  const Columns columns = test_columns();
  write_columns(dir / "pipeline.h5", columns, false, 0);
  write_columns(dir / "direct.h5", columns, true, 2);
  const auto script = dir / "compare.py";
  std::ofstream(script) << R"(
import sys
import h5py
import numpy
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    assert sorted(a.keys()) == sorted(b.keys()) == ["f64", "i32", "i8", "path"], list(a.keys())
    for name in a:
        x, y = a[name], b[name]
        assert x.dtype == y.dtype and x.shape == y.shape, (name, x.dtype, y.dtype, x.shape, y.shape)
        assert x.compression == y.compression == "gzip" and x.shuffle and y.shuffle, name
        assert x.compression_opts == y.compression_opts == 4, name
        assert numpy.array_equal(x[()], y[()]), name
        assert numpy.array_equal(x[5:9], y[5:9]), name
)";
  const std::string command = std::string(DETSIM_PYTHON) + " " + script.string() + " " +
                              (dir / "pipeline.h5").string() + " " + (dir / "direct.h5").string();
  CHECK(std::system(command.c_str()) == 0);
}
