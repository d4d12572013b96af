// Numbers as YAML writes them (1.2 core schema) and as detsim writes them back, exactly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace detsim::detail {

// A YAML core-schema number: decimal, 0x hex or 0o octal integer, decimal float with optional
// exponent, .inf/-.inf/+.inf and .nan in the three spellings. Nothing else (no "inf", no "1_000").
std::optional<double> parse_number(std::string_view text);

// An integer written as one (decimal, 0x, 0o), or a float that is exactly an integer below 2^53
// ("1e6"); nullopt when the text is not an integer or does not fit.
std::optional<std::int64_t> parse_integer(std::string_view text);
std::optional<std::uint64_t> parse_unsigned(std::string_view text);

// The shortest text that reads back as exactly `value` (std::to_chars), with .inf, -.inf, .nan;
// a mantissa before an exponent always has a '.', so YAML 1.1 readers see a float too.
std::string format_number(double value);

}  // namespace detsim::detail
