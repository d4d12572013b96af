// The on-disk layout: growing columns are chunked (about 64 KiB a chunk), shuffled and deflated,
// in the types INTERFACE.md promises, and /paths exists only when paths are recorded.
#include <catch2/catch.hpp>

#include "../../sim/io/hdf5_handle.hpp"
#include "detsim/io/results_writer.hpp"
#include "io_test_support.hpp"

using namespace detsim;
using namespace detsim::test;
using detail::checked;
using detail::Handle;
using detail::HandleKind;

namespace {

Handle open_file(const std::filesystem::path& path) {
  return checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), HandleKind::file,
                 path.string(), "open");
}

Handle open_dataset(const Handle& file, const std::string& name) {
  return checked(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT), HandleKind::dataset, name,
                 "open");
}

struct Storage {
  bool chunked = false;
  std::vector<hsize_t> chunk;
  std::vector<hsize_t> max_dims;
  bool shuffle = false;
  bool deflate = false;
  unsigned deflate_level = 0;
};

Storage storage_of(const Handle& dataset) {
  Storage storage;
  const Handle plist =
      checked(H5Dget_create_plist(dataset.get()), HandleKind::property_list, "dataset", "plist");
  storage.chunked = H5Pget_layout(plist.get()) == H5D_CHUNKED;
  if (storage.chunked) {
    storage.chunk.resize(2);
    storage.chunk.resize(
        static_cast<std::size_t>(H5Pget_chunk(plist.get(), 2, storage.chunk.data())));
  }
  const int filters = H5Pget_nfilters(plist.get());
  for (int i = 0; i < filters; ++i) {
    unsigned flags = 0;
    std::size_t count = 1;
    unsigned values[1] = {};
    unsigned config = 0;
    const H5Z_filter_t filter = H5Pget_filter2(plist.get(), static_cast<unsigned>(i), &flags,
                                               &count, values, 0, nullptr, &config);
    if (filter == H5Z_FILTER_SHUFFLE) storage.shuffle = true;
    if (filter == H5Z_FILTER_DEFLATE) {
      storage.deflate = true;
      storage.deflate_level = values[0];
    }
  }
  const Handle space =
      checked(H5Dget_space(dataset.get()), HandleKind::dataspace, "dataset", "space");
  storage.max_dims.resize(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space.get())));
  H5Sget_simple_extent_dims(space.get(), nullptr, storage.max_dims.data());
  return storage;
}

bool has_type(const Handle& dataset, hid_t expected) {
  const Handle type = checked(H5Dget_type(dataset.get()), HandleKind::datatype, "dataset", "type");
  return H5Tequal(type.get(), expected) > 0;
}

}  // namespace

TEST_CASE("trial and path columns are chunked, shuffled and deflated, with unlimited rows") {
  TempDir dir;
  const auto path = dir / "results.h5";
  {
    ResultsWriter writer = open_test_writer(path);
    writer.append_trials(test_trials(0, 3));
    writer.append_paths(test_paths(0, 1));
    writer.close(test_summary(), true, 3);
  }
  const Handle file = open_file(path);
  struct Expected {
    std::string dataset;
    std::vector<hsize_t> chunk;  // about 64 KiB of data per chunk, whatever the type
  };
  const std::vector<Expected> expected{
      {"/trials/territory", {8192}},    // 8-byte doubles
      {"/trials/experiment", {16384}},  // 4-byte integers
      {"/trials/attacked", {65536}},    // 1-byte integers
      {"/trials/note", {4096}},         // 16-byte string references
      {"/paths/escalation", {65536 / (8 * test_months), test_months}},
      {"/paths/trial", {16384}}};
  for (const Expected& e : expected) {
    INFO(e.dataset);
    const Storage storage = storage_of(open_dataset(file, e.dataset));
    CHECK(storage.chunked);
    CHECK(storage.chunk == e.chunk);
    CHECK(storage.shuffle);
    CHECK(storage.deflate);
    CHECK(storage.deflate_level == 4);
    REQUIRE(!storage.max_dims.empty());
    CHECK(storage.max_dims[0] == H5S_UNLIMITED);
  }
  // The small tables written whole get chunks no larger than themselves.
  const Storage summary = storage_of(open_dataset(file, "/summary/mean"));
  CHECK(summary.chunked);
  CHECK(summary.chunk == std::vector<hsize_t>{3});
  CHECK(summary.deflate);
}

TEST_CASE("columns are stored as little-endian doubles, int32, int8 and variable-length UTF-8") {
  TempDir dir;
  const auto path = dir / "results.h5";
  {
    ResultsWriter writer = open_test_writer(path, false);
    writer.close(test_summary(), true, 0);
  }
  const Handle file = open_file(path);
  CHECK(has_type(open_dataset(file, "/trials/territory"), H5T_IEEE_F64LE));
  CHECK(has_type(open_dataset(file, "/trials/trial"), H5T_STD_I32LE));
  CHECK(has_type(open_dataset(file, "/trials/attacked"), H5T_STD_I8LE));
  const Handle note = open_dataset(file, "/trials/note");
  const Handle type = checked(H5Dget_type(note.get()), HandleKind::datatype, "note", "type");
  CHECK(H5Tget_class(type.get()) == H5T_STRING);
  CHECK(H5Tis_variable_str(type.get()) > 0);
  CHECK(H5Tget_cset(type.get()) == H5T_CSET_UTF8);
}

TEST_CASE("no /paths group is created when no paths are recorded") {
  TempDir dir;
  const auto no_variables = dir / "a.h5";
  const auto no_months = dir / "b.h5";
  {
    ResultsWriter writer(no_variables, test_metadata(), test_experiments(), test_layout(), {},
                         test_months);
    writer.append_paths(PathBlock());  // nothing to record: accepted and ignored
    writer.close(test_summary(), true, 0);
  }
  {
    ResultsWriter writer(no_months, test_metadata(), test_experiments(), test_layout(),
                         test_path_variables(), 0);
    writer.close(test_summary(), true, 0);
  }
  for (const auto& path : {no_variables, no_months}) {
    INFO(path);
    const Handle file = open_file(path);
    CHECK(H5Lexists(file.get(), "paths", H5P_DEFAULT) == 0);
    CHECK(H5Lexists(file.get(), "trials", H5P_DEFAULT) > 0);
  }
}
