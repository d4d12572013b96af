// Map checks and the readers for integers, booleans and text.
#include "yaml_fields.hpp"

#include <limits>

#include "did_you_mean.hpp"
#include "numbers.hpp"

namespace detsim::detail {

namespace {

// Plain (unquoted) scalars are numbers and booleans; a quoted one is text.
bool is_plain_scalar(const YAML::Node& node) { return node.IsScalar() && node.Tag() != "!"; }

std::string integer_range(std::int64_t min, std::int64_t max) {
  if (min == max) return "must be " + std::to_string(min);
  if (max == std::numeric_limits<std::int64_t>::max()) {
    return "must be an integer >= " + std::to_string(min);
  }
  return "must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
}

}  // namespace

bool check_map(Diagnostics& d, const YAML::Node& node, const std::string& path,
               const std::vector<std::string>& allowed, const UnknownKeyExplainer& explain) {
  if (node.IsNull()) return true;
  if (!node.IsMap()) {
    bad_value(d, node, path, "must be a map with keys " + join(allowed));
    return false;
  }
  std::vector<std::string> seen;
  for (const auto& pair : node) {
    const YAML::Node& key_node = pair.first;
    if (!key_node.IsScalar()) {
      d.error(key_node, path, path + ": a key must be a name, not " + render(key_node));
      continue;
    }
    const std::string key = key_node.Scalar();
    const std::string key_path = join_path(path, key);
    bool duplicate = false;
    for (const auto& s : seen) duplicate = duplicate || s == key;
    if (duplicate) {
      d.error(key_node, key_path, key_path + ": duplicate key (each key may appear once)");
      continue;
    }
    seen.push_back(key);
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (known) continue;
    std::optional<std::string> special = explain ? explain(key) : std::nullopt;
    d.error(key_node, key_path,
            key_path + ": " +
                (special ? *special : "unknown key; " + suggestion(key, allowed, "allowed keys")));
  }
  return true;
}

YAML::Node child(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  // Const lookup: never inserts into the tree.
  return map[key];
}

std::optional<std::int64_t> read_integer(Diagnostics& d, const YAML::Node& node,
                                         const std::string& path, std::int64_t min,
                                         std::int64_t max) {
  std::optional<std::int64_t> value;
  if (is_plain_scalar(node)) value = parse_integer(node.Scalar());
  if (!value || *value < min || *value > max) {
    const bool distribution = node.IsMap();
    bad_value(
        d, node, path,
        integer_range(min, max) + (distribution ? " (a distribution is not allowed here)" : ""));
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> read_unsigned(Diagnostics& d, const YAML::Node& node,
                                           const std::string& path) {
  std::optional<std::uint64_t> value;
  if (is_plain_scalar(node)) value = parse_unsigned(node.Scalar());
  if (!value) {
    bad_value(d, node, path,
              "must be an integer in [0, " +
                  std::to_string(std::numeric_limits<std::uint64_t>::max()) + "]");
  }
  return value;
}

std::optional<bool> read_bool(Diagnostics& d, const YAML::Node& node, const std::string& path) {
  if (is_plain_scalar(node)) {
    const std::string& s = node.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  bad_value(d, node, path, "must be true or false");
  return std::nullopt;
}

std::optional<std::string> read_string(Diagnostics& d, const YAML::Node& node,
                                       const std::string& path) {
  if (node.IsNull()) return std::string();
  if (node.IsScalar()) return node.Scalar();
  bad_value(d, node, path, "must be text");
  return std::nullopt;
}

void read_field(Diagnostics& d, const YAML::Node& map, const std::string& path,
                const std::string& key, Quantity& field, const Range& range) {
  if (auto node = child(map, key)) {
    if (auto q = read_quantity(d, node, join_path(path, key), range)) field = *q;
  }
}

void read_field(Diagnostics& d, const YAML::Node& map, const std::string& path,
                const std::string& key, bool& field) {
  if (auto node = child(map, key)) {
    if (auto b = read_bool(d, node, join_path(path, key))) field = *b;
  }
}

void read_field(Diagnostics& d, const YAML::Node& map, const std::string& path,
                const std::string& key, std::string& field) {
  if (auto node = child(map, key)) {
    if (auto s = read_string(d, node, join_path(path, key))) field = *s;
  }
}

}  // namespace detsim::detail
