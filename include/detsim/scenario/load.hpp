// Reading a scenario file into a validated Scenario: the only part of detsim that sees YAML.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "detsim/scenario/scenario.hpp"

namespace detsim {

struct LoadOptions {
  // "dotted.path=VALUE" overrides applied before validation; VALUE is parsed as YAML.
  std::vector<std::string> overrides;
  // Replaces guarantee.preset (a preset name or a path to a preset file), as --structure does.
  // A relative path here is taken from the current directory (and stored absolute); a preset
  // path written in the file or given with --set is relative to the scenario file.
  std::optional<std::string> structure;
};

// Reads, applies overrides and the preset, validates. Throws InputError with
// "FILE:LINE:COL: path = value: what is allowed" (several lines if several errors) on bad input.
Scenario load_scenario(const std::filesystem::path& file, const LoadOptions& options = {});

struct ScenarioStructures {
  // The file as read with options.overrides applied, written back as YAML, no preset resolved:
  // loaded under the same structures, it gives the same scenarios.
  std::string as_read;
  std::vector<Scenario> scenarios;  // in the order of the structures asked for
};

// The file read and parsed once, then resolved under each of `structures` in turn (nullopt: the
// preset the file itself names), each with options.overrides; options.structure is not used. The
// first with bad input throws, as above.
ScenarioStructures load_scenario_structures(
    const std::filesystem::path& file, const std::vector<std::optional<std::string>>& structures,
    const LoadOptions& options = {});

// A value a design point sets: "dotted.path=VALUE" as --set takes it, and where messages about it
// point ("FILE:LINE:COL" of the level in the study file, say).
struct PointSetting {
  std::string text;
  std::string label;
};

// Each point's scenario under each of `structures`, the file read and parsed once: a point's
// settings are applied to the tree as --set would be (options.overrides first, for every point),
// so they are validated exactly as --set is. `each(point, scenarios)` receives the point's
// scenarios in the order of `structures`, point by point, and may keep or drop them. Errors of
// every point are collected and thrown together (each distinct message once, a point's own
// appended as "[point I: path = value, ...]") after the last point; `each` is not called for a
// point with errors, nor for any point after the first error.
void load_scenario_points(const std::filesystem::path& file,
                          const std::vector<std::optional<std::string>>& structures,
                          const LoadOptions& options,
                          const std::vector<std::vector<PointSetting>>& points,
                          const std::function<void(std::size_t, std::vector<Scenario>&)>& each);

// A scenario file read and parsed once (options.overrides applied), from which a design point's
// scenario is made again whenever it is needed: a study holds its points' settings, not a
// Scenario per experiment. Making one copies the parsed tree (a tenth of the cost of parsing the
// text again), applies the point's settings to the copy as load_scenario_points does and resolves
// it under the structure, so it gives the scenario load_scenario_points gave for the point. Only
// points load_scenario_points accepted belong here: an error is a logic_error. Thread-safe.
class ScenarioPoints {
 public:
  ScenarioPoints(const std::filesystem::path& file, const LoadOptions& options);
  ~ScenarioPoints();
  ScenarioPoints(const ScenarioPoints&) = delete;
  ScenarioPoints& operator=(const ScenarioPoints&) = delete;

  Scenario scenario(const std::vector<PointSetting>& settings,
                    const std::optional<std::string>& structure) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Same as load_scenario, from text already in memory; `source` names it in messages.
Scenario load_scenario_text(const std::string& yaml, const std::string& source,
                            const LoadOptions& options = {});

// The fully resolved scenario as YAML (presets expanded into terms, overrides applied, every
// guarantor's lead flag written), which load_scenario_text reads back to an equal Scenario, also
// when given LoadOptions::structure = "" so that no preset file is needed.
std::string emit_scenario_yaml(const Scenario& scenario);

}  // namespace detsim
