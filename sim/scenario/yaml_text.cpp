// File reading and YAML parsing for scenarios and presets.
#include "yaml_text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "yaml_guard.hpp"

namespace detsim::detail {

std::optional<std::string> read_text_file(const std::filesystem::path& file, std::string& reason) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    reason = "is a directory";
    return std::nullopt;
  }
  errno = 0;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    reason = errno != 0 ? std::strerror(errno) : "cannot open";
    return std::nullopt;
  }
  // One byte more than the limit tells a file at the limit from a larger one, without ever
  // reading more (a device such as /dev/zero never ends).
  std::string text(max_yaml_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    reason = errno != 0 ? std::strerror(errno) : "read failed";
    return std::nullopt;
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_yaml_bytes) {
    reason = "larger than " + std::to_string(max_yaml_bytes >> 20) +
             " MiB, far larger than a scenario or preset needs";
    return std::nullopt;
  }
  return text;
}

std::optional<YAML::Node> parse_document(Diagnostics& d, const std::string& text) {
  YamlProblem problem;
  auto document = parse_bounded(text, problem);
  if (!document) d.error_at(problem.mark, problem.message);
  return document;
}

}  // namespace detsim::detail
