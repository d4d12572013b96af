// Command-line overrides (--set dotted.path=VALUE, --structure NAME) applied to the YAML tree
// before it is read, so they are validated exactly like the file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "diagnostics.hpp"

namespace detsim::detail {

struct Override {
  std::string label;                  // how messages name it: "--set a.b=1"
  std::string path;                   // "a.b"
  std::vector<std::string> segments;  // {"a", "b"}
  YAML::Node value;
};

// "a.b.c" -> {"a", "b", "c"}; an empty segment (two dots, a dot at an end) stays, empty, for the
// caller to report.
std::vector<std::string> path_segments(const std::string& dotted);

// Parses "dotted.path=VALUE" (split at the first '='; VALUE is YAML). Reports a malformed
// override (no '=', an empty path or segment, a VALUE that is not YAML) and returns nullopt.
// Messages name it by `label`, "--set TEXT" when empty (a design point names its study file's
// position instead).
std::optional<Override> parse_override(Diagnostics& d, const std::string& text,
                                       const std::string& label = "");

// The override that --structure NAME amounts to: guarantee.preset = NAME, as text.
Override structure_override(const std::string& name);

// A tree that shares every node of `root` (a map) except guarantee.preset, which it lacks: a
// structure override applied to it leaves `root` as it was, so one parsed file serves every
// structure of a run.
YAML::Node without_preset(const YAML::Node& root);

// Sets the value in `root` (a map), creating missing maps on the way; reports a path that runs
// into something other than a map. Registers the override with `d` so messages name it.
void apply_override(Diagnostics& d, YAML::Node& root, const Override& o);

}  // namespace detsim::detail
