// Reading a file's text and parsing it as one YAML document, with errors in the house format.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "diagnostics.hpp"

namespace detsim::detail {

// The whole file, or nullopt with `reason` set ("No such file or directory", "is a directory",
// larger than max_yaml_bytes).
std::optional<std::string> read_text_file(const std::filesystem::path& file, std::string& reason);

// One YAML document (an empty text is a null node), parsed within the limits of yaml_guard.hpp.
// Syntax errors become "FILE:LINE:COL: <yaml-cpp message>"; more than one document, text that is
// not UTF-8 and a limit passed are errors too.
std::optional<YAML::Node> parse_document(Diagnostics& d, const std::string& text);

}  // namespace detsim::detail
