// Reading what is not a readable results file fails with a RunError that says which file and why.
#include <catch2/catch.hpp>

#include <fstream>

#include "../../sim/io/hdf5_attribute.hpp"
#include "detsim/error.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/io/results_writer.hpp"
#include "io_test_support.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

void write_complete_file(const std::filesystem::path& path) {
  ResultsWriter writer = open_test_writer(path, false);
  writer.append_trials(test_trials(0, 2));
  writer.close(test_summary(), true, 2);
}

detail::Object open_for_update(const std::filesystem::path& path) {
  return detail::Object{detail::checked(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT),
                                        detail::HandleKind::file, path.string(), "open"),
                        path.string(), "/"};
}

}  // namespace

TEST_CASE("reading a missing file is a RunError naming it") {
  TempDir dir;
  const auto path = dir / "missing.h5";
  CHECK_THROWS_AS(read_results_info(path), RunError);
  CHECK_THROWS_WITH(read_results_info(path), Catch::Contains("missing.h5: no such file"));
  CHECK_THROWS_WITH(read_table(path, "trials"), Catch::Contains("missing.h5: no such file"));
}

TEST_CASE("reading a file that is not HDF5 is a RunError saying so") {
  TempDir dir;
  const auto path = dir / "notes.txt";
  { std::ofstream(path) << "these are not the results you are looking for\n"; }
  CHECK_THROWS_AS(read_results_info(path), RunError);
  CHECK_THROWS_WITH(read_results_info(path), Catch::Contains("notes.txt: not an HDF5 file"));
  const auto empty = dir / "empty.h5";
  { std::ofstream{empty}; }
  CHECK_THROWS_WITH(read_results_info(empty), Catch::Contains("empty.h5: not an HDF5 file"));
}

TEST_CASE("reading a results file of another schema version says which version this build reads") {
  TempDir dir;
  const auto path = dir / "future.h5";
  write_complete_file(path);
  detail::write_attribute(open_for_update(path), "schema_version", std::int64_t{2});
  CHECK_THROWS_AS(read_results_info(path), RunError);
  CHECK_THROWS_WITH(read_results_info(path),
                    Catch::Contains("future.h5: results schema_version 2 is not supported") &&
                        Catch::Contains("reads schema_version 1"));
  CHECK_THROWS_AS(read_table(path, "trials"), RunError);
}

TEST_CASE("reading an HDF5 file that is not a detsim results file is a RunError") {
  TempDir dir;
  const auto path = dir / "other.h5";
  { detail::Object file = detail::create_file(path); }
  CHECK_THROWS_WITH(read_results_info(path),
                    Catch::Contains("other.h5: not a detsim results file"));
}

TEST_CASE("a missing root attribute is a RunError naming it") {
  TempDir dir;
  const auto path = dir / "results.h5";
  write_complete_file(path);
  {
    const detail::Object root = open_for_update(path);
    REQUIRE(H5Adelete(root.handle.get(), "seed") >= 0);
  }
  CHECK_THROWS_WITH(read_results_info(path),
                    Catch::Contains("results.h5: /: attribute 'seed': missing"));
}

TEST_CASE("reading a group or attribute that is not there is a RunError naming it") {
  TempDir dir;
  const auto path = dir / "results.h5";
  write_complete_file(path);
  CHECK_THROWS_WITH(read_table(path, "nothing"),
                    Catch::Contains("results.h5: /nothing: no such group"));
  CHECK_THROWS_WITH(read_string_array_attribute(path, "/trials", "labels"),
                    Catch::Contains("results.h5: /trials: attribute 'labels': missing"));
  CHECK_THROWS_WITH(read_string_array_attribute(path, "/nowhere/deeper", "labels"),
                    Catch::Contains("results.h5: /nowhere/deeper: no such object"));
  CHECK_THROWS_WITH(read_string_array_attribute(path, "/", "seed"),
                    Catch::Contains("attribute 'seed': holds numbers, not strings"));
}
