// Private to the io part: a move-only owner of one HDF5 identifier, and the error checking that
// turns HDF5 return codes into RunError. The only header (with its siblings) that includes hdf5.h.
#pragma once

#include <hdf5.h>

#include <string>
#include <string_view>

namespace detsim::detail {

// Which H5?close releases the identifier: HDF5 has one close function per kind of object.
enum class HandleKind {
  file,
  group,
  dataset,
  dataspace,
  datatype,
  property_list,
  attribute,
  object
};

class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, HandleKind kind) noexcept : id_(id), kind_(kind) {}
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(other.id_), kind_(other.kind_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept;

  hid_t get() const noexcept { return id_; }
  HandleKind kind() const noexcept { return kind_; }
  explicit operator bool() const noexcept { return id_ >= 0; }

  // Closes now and reports failure (closing a file is where HDF5 writes what it still holds).
  void close(std::string_view where);
  // Closes, ignoring failure: for destructors and unwinding, where nothing may throw.
  void reset() noexcept;

 private:
  hid_t id_ = -1;
  HandleKind kind_ = HandleKind::object;
};

// Turns off HDF5's printing of its error stack to stderr; failures surface as RunError instead.
// Idempotent and cheap; every entry point of the io part calls it before touching HDF5.
void silence_hdf5_errors() noexcept;

// The most specific message on HDF5's error stack (the frame where the failure started), or ""
// when the stack is empty.
std::string hdf5_error_message();

// Throws RunError "<where>: <what> (HDF5: <innermost message>)".
[[noreturn]] void throw_hdf5_error(std::string_view where, std::string_view what);

// Wraps a freshly returned identifier, throwing if HDF5 reported failure (a negative id).
Handle checked(hid_t id, HandleKind kind, std::string_view where, std::string_view what);

// Throws if an HDF5 call returned a negative status.
inline void check(herr_t status, std::string_view where, std::string_view what) {
  if (status < 0) throw_hdf5_error(where, what);
}

// Throws if an HDF5 predicate (H5Aexists, H5Lexists, ...) returned a negative value; else its
// truth.
inline bool check_tri(htri_t value, std::string_view where, std::string_view what) {
  if (value < 0) throw_hdf5_error(where, what);
  return value > 0;
}

}  // namespace detsim::detail
