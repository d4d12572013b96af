// The private HDF5 layer: handles own one identifier and close it by kind, attributes keep their
// types, and failures become RunError naming the file, the object and HDF5's own reason.
#include <catch2/catch.hpp>

#include <limits>
#include <type_traits>

#include "../../sim/io/hdf5_attribute.hpp"
#include "detsim/error.hpp"
#include "io_test_support.hpp"

using namespace detsim;
using namespace detsim::detail;
using detsim::test::TempDir;

static_assert(!std::is_copy_constructible_v<Handle> && !std::is_copy_assignable_v<Handle>);
static_assert(std::is_nothrow_move_constructible_v<Handle> &&
              std::is_nothrow_move_assignable_v<Handle>);

TEST_CASE("a handle closes its identifier once, and moving hands the identifier over") {
  silence_hdf5_errors();
  Handle space = checked(H5Screate(H5S_SCALAR), HandleKind::dataspace, "test", "create");
  const hid_t id = space.get();
  CHECK(H5Iis_valid(id) > 0);
  Handle moved = std::move(space);
  CHECK_FALSE(space);  // NOLINT(bugprone-use-after-move): a moved-from handle owns nothing
  CHECK(moved.get() == id);
  CHECK(H5Iis_valid(id) > 0);
  moved.reset();
  CHECK(H5Iis_valid(id) <= 0);
  moved.reset();  // closing twice is harmless
  {
    Handle list = checked(H5Pcreate(H5P_DATASET_CREATE), HandleKind::property_list, "t", "c");
    Handle other = checked(H5Tcopy(H5T_C_S1), HandleKind::datatype, "t", "c");
    const hid_t list_id = list.get();
    const hid_t type_id = other.get();
    other = std::move(list);  // the datatype is closed, the property list now owned by `other`
    CHECK(H5Iis_valid(type_id) <= 0);
    CHECK(H5Iis_valid(list_id) > 0);
  }
}

TEST_CASE("attributes of every type read back as written") {
  TempDir dir;
  const auto path = dir / "attributes.h5";
  {
    const Object file = create_file(path);
    write_attribute(file, "i8", std::int8_t{-7});
    write_attribute(file, "i64", std::numeric_limits<std::int64_t>::min());
    write_attribute(file, "u64", std::numeric_limits<std::uint64_t>::max());
    write_attribute(file, "f64", 0.1);
    write_attribute(file, "text", "r\xc3\xa9sultats");
    write_attribute(file, "empty", "");
    write_attribute(file, "list", std::vector<std::string>{"a", "", "\xe2\x82\xac"});
    write_attribute(file, "text", "replaced, and longer than before");
    write_attribute(file, "i64", std::int64_t{42});  // replaced in place of the old value
  }
  const Object file = open_file_read_only(path);
  CHECK(attribute<std::int64_t>(file, "i8") == -7);  // integers widen on reading
  CHECK(attribute<std::int64_t>(file, "i64") == 42);
  CHECK(attribute<std::uint64_t>(file, "u64") == std::numeric_limits<std::uint64_t>::max());
  CHECK(attribute<double>(file, "f64") == 0.1);
  CHECK(attribute<double>(file, "i8") == -7.0);
  CHECK(attribute<std::string>(file, "text") == "replaced, and longer than before");
  CHECK(attribute<std::string>(file, "empty").empty());
  CHECK(attribute<std::vector<std::string>>(file, "list") ==
        std::vector<std::string>{"a", "", "\xe2\x82\xac"});
  CHECK(has_attribute(file, "f64"));
  CHECK_FALSE(has_attribute(file, "nothing"));
  CHECK_THROWS_WITH(attribute<std::int64_t>(file, "f64"),
                    Catch::Contains("attributes.h5: /: attribute 'f64': is not an integer"));
  CHECK_THROWS_WITH(attribute<double>(file, "text"), Catch::Contains("is not a number"));
  CHECK_THROWS_WITH(attribute<std::string>(file, "list"), Catch::Contains("not a single string"));
}

TEST_CASE("an HDF5 failure is a RunError naming the file, the object and HDF5's reason") {
  TempDir dir;
  const auto path = dir / "errors.h5";
  const Object file = create_file(path);
  const Object trials = create_group(file, "trials");
  CHECK(trials.where() == path.string() + ": /trials");
  try {
    create_group(file, "trials");
    FAIL("creating a group twice must fail");
  } catch (const RunError& error) {
    const std::string message = error.what();
    CHECK_THAT(message,
               Catch::StartsWith(path.string() + ": /trials: cannot create group (HDF5: "));
    CHECK_THAT(message, Catch::EndsWith(")"));
  }
  CHECK(hdf5_error_message().empty());  // the stack is cleared once reported
}

TEST_CASE("strings written by other tools in fixed-length form read back trimmed") {
  TempDir dir;
  const auto path = dir / "fixed.h5";
  {
    const Object file = create_file(path);
    const Handle type = checked(H5Tcopy(H5T_C_S1), HandleKind::datatype, "t", "copy");
    REQUIRE(H5Tset_size(type.get(), 6) >= 0);
    REQUIRE(H5Tset_strpad(type.get(), H5T_STR_SPACEPAD) >= 0);
    const hsize_t two = 2;
    const Handle space =
        checked(H5Screate_simple(1, &two, nullptr), HandleKind::dataspace, "s", "s");
    const Handle attribute = checked(
        H5Acreate2(file.handle.get(), "fixed", type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
        HandleKind::attribute, "a", "create");
    REQUIRE(H5Awrite(attribute.get(), type.get(), "war   peace ") >= 0);
  }
  const Object file = open_file_read_only(path);
  CHECK(attribute<std::vector<std::string>>(file, "fixed") ==
        std::vector<std::string>{"war", "peace"});
}
