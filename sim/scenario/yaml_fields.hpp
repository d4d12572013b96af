// Reading one field of a YAML map with its checks: each reader reports what is wrong through
// Diagnostics and returns nullopt, so the caller keeps the default and carries on.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "detsim/scenario/quantity.hpp"
#include "diagnostics.hpp"
#include "range.hpp"

namespace detsim::detail {

// For a key not in the allowed list: a specific message (e.g. "belongs to a target"), or
// nullopt for the usual "unknown key; did you mean ...".
using UnknownKeyExplainer = std::function<std::optional<std::string>(const std::string& key)>;

// Checks that `node` is a map (null counts as empty) whose keys are plain names, each once and
// each in `allowed`. Returns false when it is not a map at all, so its fields are not read.
bool check_map(Diagnostics& d, const YAML::Node& node, const std::string& path,
               const std::vector<std::string>& allowed, const UnknownKeyExplainer& explain = {});

// The value under `key` of a checked map; undefined (false) when absent.
YAML::Node child(const YAML::Node& map, const std::string& key);

std::optional<std::int64_t> read_integer(Diagnostics& d, const YAML::Node& node,
                                         const std::string& path, std::int64_t min,
                                         std::int64_t max);
std::optional<std::uint64_t> read_unsigned(Diagnostics& d, const YAML::Node& node,
                                           const std::string& path);
std::optional<bool> read_bool(Diagnostics& d, const YAML::Node& node, const std::string& path);
// Any scalar is text; an empty value is "".
std::optional<std::string> read_string(Diagnostics& d, const YAML::Node& node,
                                       const std::string& path);

// The distribution factory (yaml_quantity.cpp): a number or one of the four distributions,
// whose every possible draw must lie in `range`.
std::optional<Quantity> read_quantity(Diagnostics& d, const YAML::Node& node,
                                      const std::string& path, const Range& range);

// Convenience: read `key` of `map` into `field` when present.
void read_field(Diagnostics& d, const YAML::Node& map, const std::string& path,
                const std::string& key, Quantity& field, const Range& range);
void read_field(Diagnostics& d, const YAML::Node& map, const std::string& path,
                const std::string& key, bool& field);
void read_field(Diagnostics& d, const YAML::Node& map, const std::string& path,
                const std::string& key, std::string& field);
template <class Int>
void read_field(Diagnostics& d, const YAML::Node& map, const std::string& path,
                const std::string& key, Int& field, std::int64_t min, std::int64_t max) {
  if (auto node = child(map, key)) {
    if (auto v = read_integer(d, node, join_path(path, key), min, max)) {
      field = static_cast<Int>(*v);
    }
  }
}

}  // namespace detsim::detail
