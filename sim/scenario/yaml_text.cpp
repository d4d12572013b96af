// File reading and YAML parsing for scenarios and presets.
#include "yaml_text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

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
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    reason = errno != 0 ? std::strerror(errno) : "read failed";
    return std::nullopt;
  }
  return text.str();
}

std::optional<YAML::Node> parse_document(Diagnostics& d, const std::string& text) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::ParserException& e) {
    d.error_at(e.mark, e.msg);
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    d.error_at(e.mark, e.msg);
    return std::nullopt;
  }
  if (documents.empty()) return YAML::Node(YAML::NodeType::Null);
  if (documents.size() > 1) {
    d.error_at(documents[1].Mark(), "a second YAML document ('---'): a file holds one scenario");
    return std::nullopt;
  }
  return documents.front();
}

}  // namespace detsim::detail
