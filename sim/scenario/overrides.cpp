// Parsing and applying --set and --structure to the scenario's YAML tree.
#include "overrides.hpp"

#include "yaml_guard.hpp"

namespace detsim::detail {

namespace {

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  const auto end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

const char* kind_of(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return "a single value";
    case YAML::NodeType::Sequence: return "a list";
    default: return "not a map";
  }
}

// Which of `nodes` a walk of the tree from `root` reaches more than once: those a YAML alias
// (*name) shares. The walk follows aliases, as every reader does, so yaml_guard's limit on
// expanded nodes bounds it; it is one walk for all of them (the nodes along an override's path),
// comparing each node it reaches with each of them.
std::vector<bool> shared_nodes(const YAML::Node& root, const std::vector<YAML::Node>& nodes) {
  std::vector<std::size_t> reached(nodes.size(), 0);
  std::vector<YAML::Node> pending{root};
  while (!pending.empty()) {
    const YAML::Node current = pending.back();
    pending.pop_back();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (current.is(nodes[i])) ++reached[i];
    }
    if (current.IsMap()) {
      for (const auto& pair : current) pending.push_back(pair.second);
    } else if (current.IsSequence()) {
      for (const auto& item : current) pending.push_back(item);
    }
  }
  std::vector<bool> shared(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) shared[i] = reached[i] > 1;
  return shared;
}

// The nodes that exist along `segments` from `root`, in order: down to the last segment, or to
// the first that is missing, null or not a map (below which nothing exists to be shared).
std::vector<YAML::Node> nodes_along(const YAML::Node& root,
                                    const std::vector<std::string>& segments) {
  std::vector<YAML::Node> nodes;
  YAML::Node current;
  current.reset(root);
  for (const std::string& segment : segments) {
    if (!current.IsMap()) break;
    const YAML::Node& map = current;  // const: looking up a missing key adds nothing
    const YAML::Node next = map[segment];
    if (!next.IsDefined()) break;
    nodes.push_back(next);
    current.reset(next);
  }
  return nodes;
}

}  // namespace

std::vector<std::string> path_segments(const std::string& dotted) {
  std::vector<std::string> segments;
  for (std::size_t start = 0;;) {
    const auto dot = dotted.find('.', start);
    segments.push_back(dotted.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) return segments;
    start = dot + 1;
  }
}

std::optional<Override> parse_override(Diagnostics& d, const std::string& text,
                                       const std::string& given_label) {
  const std::string label = given_label.empty() ? "--set " + text : given_label;
  const auto equals = text.find('=');
  if (equals == std::string::npos) {
    d.error_labeled(label, "expected dotted.path=VALUE (there is no '=')");
    return std::nullopt;
  }
  Override o;
  o.label = label;
  o.path = trim(text.substr(0, equals));
  if (o.path.empty()) {
    d.error_labeled(label, "expected dotted.path=VALUE (the path before '=' is empty)");
    return std::nullopt;
  }
  o.segments = path_segments(o.path);
  for (const std::string& segment : o.segments) {
    if (segment.empty()) {
      d.error_labeled(
          label, "the path '" + o.path + "' has an empty segment (two dots, or a dot at an end)");
      return std::nullopt;
    }
  }
  const std::string value = text.substr(equals + 1);
  YamlProblem problem;
  auto parsed = parse_bounded(value, problem);
  if (!parsed) {
    d.error_labeled(label, "the value '" + value + "' is not valid YAML: " + problem.message);
    return std::nullopt;
  }
  o.value = *parsed;
  return o;
}

Override structure_override(const std::string& name) {
  return Override{
      "--structure " + name, "guarantee.preset", {"guarantee", "preset"}, YAML::Node(name)};
}

namespace {

// A new map holding the same key and value nodes as `map`, except `key`'s.
YAML::Node map_without(const YAML::Node& map, const std::string& key) {
  YAML::Node copy(YAML::NodeType::Map);
  for (const auto& pair : map) {
    if (!(pair.first.IsScalar() && pair.first.Scalar() == key)) {
      copy.force_insert(pair.first, pair.second);
    }
  }
  return copy;
}

}  // namespace

YAML::Node without_preset(const YAML::Node& root) {
  YAML::Node copy(YAML::NodeType::Map);
  for (const auto& pair : root) {
    if (!(pair.first.IsScalar() && pair.first.Scalar() == "guarantee")) {
      copy.force_insert(pair.first, pair.second);
    } else if (pair.second.IsMap()) {
      copy.force_insert(pair.first, map_without(pair.second, "preset"));
    } else if (!pair.second.IsNull()) {
      copy.force_insert(pair.first, pair.second);  // not a map: the override says so, unchanged
    }  // empty: left out, so the override makes a fresh map
  }
  return copy;
}

void apply_override(Diagnostics& d, YAML::Node& root, const Override& o) {
  // Writing into an aliased node would change every place that uses the alias too.
  auto refuse_alias = [&](const std::string& where) {
    d.error_labeled(o.label, where +
                                 " is a YAML alias (*name) shared with another value; --set would "
                                 "change both, so edit the file instead");
  };
  // Node's operator= writes through to the node it refers to; reset() rebinds, which is what
  // walking down the tree needs.
  // Whether each existing node along the path is shared, found in one walk of the tree before
  // anything is written (a walk for each segment made this most of a design point's cost).
  const std::vector<bool> shared = shared_nodes(root, nodes_along(root, o.segments));
  YAML::Node current;
  current.reset(root);
  std::string walked;
  for (std::size_t i = 0; i < o.segments.size(); ++i) {
    const std::string& segment = o.segments[i];
    walked = join_path(walked, segment);
    YAML::Node next = current[segment];
    if (next.IsDefined() && i < shared.size() && shared[i]) {
      refuse_alias(walked);
      return;
    }
    if (i + 1 == o.segments.size()) break;
    if (!next.IsDefined() || next.IsNull()) {
      current[segment] = YAML::Node(YAML::NodeType::Map);
      next.reset(current[segment]);
    } else if (!next.IsMap()) {
      d.error_labeled(o.label, walked + " is " + kind_of(next) + " (" + render(next) +
                                   "), not a map, so it has no '" + o.segments[i + 1] + "' to set");
      return;
    }
    current.reset(next);
  }
  current[o.segments.back()] = o.value;
  d.attribute(o.path, o.label);
}

}  // namespace detsim::detail
