// Writing the JSON value: escaping, shortest exact numbers, indentation.
#include "json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace detsim::detail {

namespace {

void write_string(std::string& out, const std::string& text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;  // UTF-8 passes through as it is
        }
    }
  }
  out += '"';
}

template <class Number>
void write_number(std::string& out, Number value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

void newline(std::string& out, int indent) {
  out += '\n';
  out.append(static_cast<std::size_t>(indent) * 2, ' ');
}

// `open`, then `count` items one a line (each written by `item(k)`), then `close`; empty: "[]".
template <class WriteItem>
void write_items(std::string& out, int indent, char open, char close, std::size_t count,
                 const WriteItem& item) {
  out += open;
  for (std::size_t k = 0; k < count; ++k) {
    newline(out, indent + 1);
    item(k);
    if (k + 1 < count) out += ',';
  }
  if (count > 0) newline(out, indent);
  out += close;
}

}  // namespace

Json::Json(double value) : value_(value) {
  if (!std::isfinite(value)) throw std::logic_error("JSON has no infinite or NaN numbers");
}

Json& Json::set(const std::string& key, Json value) {
  auto* members = std::get_if<Object>(&value_);
  if (!members) throw std::logic_error("Json::set on a value that is not an object");
  for (Member& m : *members) {
    if (m.key == key) {
      m.value = std::move(value);
      return *this;
    }
  }
  members->push_back({key, std::move(value)});
  return *this;
}

const Json* Json::find(const std::string& key) const {
  const auto* members = std::get_if<Object>(&value_);
  if (!members) return nullptr;
  for (const Member& m : *members) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

std::string Json::dump() const {
  std::string out;
  write(out, 0);
  out += '\n';
  return out;
}

void Json::write(std::string& out, int indent) const {
  if (std::holds_alternative<std::nullptr_t>(value_)) {
    out += "null";
  } else if (const bool* b = std::get_if<bool>(&value_)) {
    out += *b ? "true" : "false";
  } else if (const double* d = std::get_if<double>(&value_)) {
    write_number(out, *d);
  } else if (const std::int64_t* i = std::get_if<std::int64_t>(&value_)) {
    write_number(out, *i);
  } else if (const std::uint64_t* u = std::get_if<std::uint64_t>(&value_)) {
    write_number(out, *u);
  } else if (const std::string* s = std::get_if<std::string>(&value_)) {
    write_string(out, *s);
  } else if (const Array* a = std::get_if<Array>(&value_)) {
    write_items(out, indent, '[', ']', a->size(),
                [&](std::size_t k) { (*a)[k].write(out, indent + 1); });
  } else if (const Object* o = std::get_if<Object>(&value_)) {
    write_items(out, indent, '{', '}', o->size(), [&](std::size_t k) {
      write_string(out, (*o)[k].key);
      out += ": ";
      (*o)[k].value.write(out, indent + 1);
    });
  }
}

}  // namespace detsim::detail
