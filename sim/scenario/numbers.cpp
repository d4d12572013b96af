// Strict parsing of YAML numbers and exact, shortest formatting of doubles.
#include "numbers.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace detsim::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Splits off a leading sign; returns true when it was '-'.
bool take_sign(std::string_view& text) {
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    const bool negative = text[0] == '-';
    text.remove_prefix(1);
    return negative;
  }
  return false;
}

// Magnitude of an unsigned integer literal (decimal, 0x, 0o), no sign.
std::optional<std::uint64_t> parse_magnitude(std::string_view text) {
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'o')) {
    base = text[1] == 'x' ? 16 : 8;
    text.remove_prefix(2);
  }
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Advances `i` past decimal digits; returns how many there were.
std::size_t skip_digits(std::string_view text, std::size_t& i) {
  const std::size_t start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  return i - start;
}

// A decimal float: [0-9]* ('.' [0-9]*)? ([eE][-+]?[0-9]+)? with at least one mantissa digit.
bool is_decimal_float(std::string_view text) {
  std::size_t i = 0;
  std::size_t digits = skip_digits(text, i);
  if (i < text.size() && text[i] == '.') {
    ++i;
    digits += skip_digits(text, i);
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (skip_digits(text, i) == 0) return false;
  }
  return i == text.size();
}

constexpr double two_to_53 = 9007199254740992.0;

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const bool negative = take_sign(text);
  const double sign = negative ? -1.0 : 1.0;
  if (text == ".inf" || text == ".Inf" || text == ".INF") {
    return sign * std::numeric_limits<double>::infinity();
  }
  if (auto magnitude = parse_magnitude(text)) return sign * static_cast<double>(*magnitude);
  if (!is_decimal_float(text)) return std::nullopt;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // Overflow is reported as out of range; a too-large literal is not a number we can use.
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return sign * value;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::string_view rest = text;
  const bool negative = take_sign(rest);
  if (auto magnitude = parse_magnitude(rest)) {
    const auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (!negative && *magnitude <= limit) return static_cast<std::int64_t>(*magnitude);
    if (negative && *magnitude <= limit + 1) {
      return static_cast<std::int64_t>(0 - *magnitude);  // two's complement, well defined in C++20
    }
    return std::nullopt;
  }
  const auto value = parse_number(text);
  if (!value || !std::isfinite(*value) || std::trunc(*value) != *value ||
      std::fabs(*value) >= two_to_53) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*value);
}

std::optional<std::uint64_t> parse_unsigned(std::string_view text) {
  std::string_view rest = text;
  const bool negative = take_sign(rest);
  if (auto magnitude = parse_magnitude(rest)) {
    if (negative && *magnitude != 0) return std::nullopt;
    return *magnitude;
  }
  const auto value = parse_number(text);
  if (!value || !std::isfinite(*value) || std::trunc(*value) != *value || *value < 0 ||
      *value >= two_to_53) {
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(*value);
}

std::string format_number(double value) {
  if (std::isnan(value)) return ".nan";
  if (std::isinf(value)) return value > 0 ? ".inf" : "-.inf";
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, ec == std::errc{} ? end : buffer);
  // YAML 1.1 readers (PyYAML, which reads our results files' scenarios) take "5e-04" for text;
  // "5.0e-04" is a float to every reader. to_chars always signs the exponent.
  const auto e = text.find('e');
  if (e != std::string::npos && text.find('.') == std::string::npos) text.insert(e, ".0");
  return text;
}

}  // namespace detsim::detail
