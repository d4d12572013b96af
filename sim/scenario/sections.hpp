// Readers for the sections of a scenario file, each filling its part of a Scenario and reporting
// through Diagnostics; read_scenario runs them all.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "detsim/scenario/preset.hpp"
#include "detsim/scenario/scenario.hpp"
#include "diagnostics.hpp"

namespace detsim::detail {

class PresetCache;

// Terms as written: one entry per term of kTerms, empty where the key is absent.
using TermsInput = TermArray<std::optional<Quantity>>;

// A terms map: the keys of kTerms.
TermsInput read_terms(Diagnostics& d, const YAML::Node& node, const std::string& path);
// Absent fields are zero: no commitment.
GuaranteeTerms terms_or_zero(const TermsInput& input);
// Fields given in `input` replace those of `terms`.
void override_terms(GuaranteeTerms& terms, const TermsInput& input);

struct GuaranteeInput {
  std::optional<std::string> preset;
  YAML::Node preset_node;
  std::optional<bool> collective;
  std::optional<Quantity> cohesion_shift;
  struct Entry {
    std::string id;
    YAML::Node key_node;
    TermsInput terms;
  };
  std::vector<Entry> terms;
};

// `actors`: ids, roles, role-specific keys, one challenger, one target, at most one lead
// (resolve_guarantee decides who leads when none says so).
void read_actors(Diagnostics& d, const YAML::Node& root, std::vector<Actor>& actors);

// `guarantee` as written.
GuaranteeInput read_guarantee(Diagnostics& d, const YAML::Node& node);

// Applies the preset (looked up relative to `relative_to` when it is a path) and then the
// scenario's own guarantee settings to `scenario`, whose actors are already read (from
// `actors_node`, where a missing lead is reported), and names the result (guarantee.structure).
// A preset's lead terms, or a collective alliance, need a lead: with two guarantors or more, one
// must say `lead: true`; otherwise the only guarantor, or the first, leads.
// Presets come from `presets` when given, else are read now.
void resolve_guarantee(Diagnostics& d, const GuaranteeInput& input,
                       const std::filesystem::path& relative_to, const YAML::Node& actors_node,
                       Scenario& scenario, PresetCache* presets = nullptr);

// The whole scenario from its (overridden) YAML tree, a map.
Scenario read_scenario(Diagnostics& d, const YAML::Node& root,
                       const std::filesystem::path& relative_to, PresetCache* presets = nullptr);

// Whether a preset argument is a path to a preset file (it holds a '/' or ends in .yaml) rather
// than the name of a shipped preset.
bool names_preset_file(const std::string& name_or_path);

// Where a preset name or path leads: the file, or why there is none.
struct PresetLookup {
  std::optional<std::filesystem::path> file;
  std::string problem;  // "unknown preset; available: ..." or "cannot read ...: reason"
};
PresetLookup find_preset(const std::string& name_or_path, const std::filesystem::path& relative_to);

// A preset file read and validated; errors are reported with the file as their source.
std::optional<Preset> read_preset_file(Diagnostics& d, const std::filesystem::path& file);

// The presets one loader has looked up and read, by the name or path given and the folder it is
// taken from: a study's thousands of points read each preset file once, not once a point (and
// so all see the same file). Not thread-safe.
class PresetCache {
 public:
  struct Entry {
    PresetLookup lookup;
    std::optional<Preset> preset;  // when the lookup found a file that reads
    Diagnostics errors;            // of reading it, with the file as their source
  };
  const Entry& get(const std::string& name_or_path, const std::filesystem::path& relative_to);

 private:
  std::map<std::pair<std::string, std::string>, Entry> entries_;
};

}  // namespace detsim::detail
