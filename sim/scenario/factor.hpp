// Private to the scenario part: one factor of a design (a study's, or a calibration's prior) read
// from its YAML key and value, so a study and a targets file write factors the same way.
#pragma once

#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "detsim/scenario/study.hpp"
#include "diagnostics.hpp"

namespace detsim::detail {

// `key: {levels: [...]}`, `{range: [lo, hi]}` or `{distribution: {...}}` under `section` (the
// dotted path messages name, e.g. "design.factors"); nullopt after reporting what is wrong.
std::optional<DesignFactor> read_factor(Diagnostics& d, const YAML::Node& key,
                                        const YAML::Node& node, const std::string& section);

}  // namespace detsim::detail
