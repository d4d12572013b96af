// A JSON value small enough for the one document detsim writes as JSON (its scenario schema):
// objects keep their keys in the order given, so the output is stable and diffable.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace detsim::detail {

class Json {
 public:
  struct Member;
  using Array = std::vector<Json>;
  using Object = std::vector<Member>;

  // Defined below Member: the variant's constructors need every alternative complete, and
  // clang (with libstdc++) checks that where a body is compiled, which in the class is too early.
  Json();
  Json(std::nullptr_t);
  Json(bool value);
  Json(double value);  // finite only: JSON has no infinity
  Json(int value);
  Json(std::int64_t value);
  Json(std::uint64_t value);
  Json(std::string value);
  Json(const char* value);
  Json(Array value);
  Json(Object value);

  static Json object();
  // Sets `key` of an object (in place if present, else last); returns *this for chaining.
  Json& set(const std::string& key, Json value);
  // The value of `key` in an object; nullptr when absent or not an object.
  const Json* find(const std::string& key) const;

  // Two-space indented, one member or element a line, ending in a newline.
  std::string dump() const;

 private:
  void write(std::string& out, int indent) const;
  std::variant<std::nullptr_t, bool, double, std::int64_t, std::uint64_t, std::string, Array,
               Object>
      value_;
};

struct Json::Member {
  std::string key;
  Json value;
};

inline Json::Json() : value_(nullptr) {}
inline Json::Json(std::nullptr_t) : value_(nullptr) {}
inline Json::Json(bool value) : value_(value) {}
inline Json::Json(int value) : value_(static_cast<std::int64_t>(value)) {}
inline Json::Json(std::int64_t value) : value_(value) {}
inline Json::Json(std::uint64_t value) : value_(value) {}
inline Json::Json(std::string value) : value_(std::move(value)) {}
inline Json::Json(const char* value) : value_(std::string(value)) {}
inline Json::Json(Array value) : value_(std::move(value)) {}
inline Json::Json(Object value) : value_(std::move(value)) {}
inline Json Json::object() { return Json(Object{}); }

}  // namespace detsim::detail
