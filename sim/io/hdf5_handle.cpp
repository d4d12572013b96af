// Handle: closing by kind, and HDF5 error stack to RunError.
#include "hdf5_handle.hpp"

#include "detsim/error.hpp"

namespace detsim::detail {

namespace {

herr_t close_id(hid_t id, HandleKind kind) noexcept {
  switch (kind) {
    case HandleKind::file: return H5Fclose(id);
    case HandleKind::group: return H5Gclose(id);
    case HandleKind::dataset: return H5Dclose(id);
    case HandleKind::dataspace: return H5Sclose(id);
    case HandleKind::datatype: return H5Tclose(id);
    case HandleKind::property_list: return H5Pclose(id);
    case HandleKind::attribute: return H5Aclose(id);
    case HandleKind::object: return H5Oclose(id);
  }
  return -1;
}

// H5Ewalk2 visitor: keeps the last description seen, which walking downward (API call first) is
// the innermost frame, the one that says what actually went wrong.
herr_t keep_innermost(unsigned /*n*/, const H5E_error2_t* error, void* client) {
  if (error != nullptr && error->desc != nullptr && error->desc[0] != '\0') {
    *static_cast<std::string*>(client) = error->desc;
  }
  return 0;
}

}  // namespace

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = other.id_;
    kind_ = other.kind_;
    other.id_ = -1;
  }
  return *this;
}

void Handle::close(std::string_view where) {
  if (id_ < 0) return;
  const hid_t id = id_;
  id_ = -1;  // whatever happens, this handle no longer owns the identifier
  check(close_id(id, kind_), where,
        kind_ == HandleKind::file ? "cannot close file" : "cannot close");
}

void Handle::reset() noexcept {
  if (id_ < 0) return;
  close_id(id_, kind_);
  id_ = -1;
}

void silence_hdf5_errors() noexcept {
  // Before anything initialises the library: no H5_term_library at exit. A file whose close
  // failed (a full disk) stays half-open inside HDF5, and its exit handler then crashes on it;
  // every handle detsim opens is closed explicitly, so the handler has nothing else to do.
  static const bool once = [] {
    H5dont_atexit();
    return true;
  }();
  (void)once;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

std::string hdf5_error_message() {
  std::string message;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, keep_innermost, &message);
  // A failed system call is described over several lines (time, buffer address, offsets...); the
  // operating system's own words are what a user can act on ("No space left on device").
  const std::string system_marker = "error message = '";
  const std::size_t system = message.find(system_marker);
  if (system != std::string::npos) {
    const std::size_t start = system + system_marker.size();
    const std::size_t end = message.find('\'', start);
    const std::string what = message.substr(0, message.find(':'));
    message = what + ": " + message.substr(start, end == std::string::npos ? end : end - start);
  }
  return message;
}

void throw_hdf5_error(std::string_view where, std::string_view what) {
  std::string message(where);
  message += ": ";
  message += what;
  const std::string detail = hdf5_error_message();
  if (!detail.empty()) message += " (HDF5: " + detail + ")";
  H5Eclear2(H5E_DEFAULT);
  throw RunError(message);
}

Handle checked(hid_t id, HandleKind kind, std::string_view where, std::string_view what) {
  if (id < 0) throw_hdf5_error(where, what);
  return Handle(id, kind);
}

}  // namespace detsim::detail
