// Bounds on YAML input, enforced on yaml-cpp's event stream before it builds a tree: a scenario,
// preset or --set value that is too big, too deep, or whose aliases expand too far is refused in
// time proportional to its text, and yaml-cpp 0.7's known endless loop (a stray ',' at the top
// level, on which YAML::LoadAll never ends) is never entered.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

namespace detsim::detail {

// Far above any real input (the shipped scenario is under 4 KiB, about 130 nodes and 7 levels
// deep) and far below what would take noticeable time or memory to walk.
inline constexpr std::size_t max_yaml_bytes = std::size_t{1} << 20;  // 1 MiB
inline constexpr int max_yaml_depth = 64;                            // nested maps and lists
// Nodes of the tree with every alias (*name) counted as a copy of what it names, since that is
// what a walk of the tree visits: a few hundred bytes of aliases can stand for billions of nodes.
inline constexpr std::size_t max_yaml_nodes = 100000;

struct YamlProblem {
  YAML::Mark mark;  // where in the text; null when the problem is the text as a whole
  std::string message;
};

// The first byte sequence that is not UTF-8 (or a NUL byte), as a problem at its position.
std::optional<YamlProblem> find_non_utf8(const std::string& text);

// Parses `text` as exactly one YAML document within the limits above (an empty text is a null
// node). Returns the document, or nullopt with `problem` set: a syntax error, a second document,
// an alias inside the node it names (a cycle), or a limit passed.
std::optional<YAML::Node> parse_bounded(const std::string& text, YamlProblem& problem);

}  // namespace detsim::detail
