// Guarantee presets: where they live, which are shipped, and reading one.
#include "detsim/scenario/preset.hpp"

#include <algorithm>
#include <cstdlib>

#include "detsim/error.hpp"
#include "did_you_mean.hpp"
#include "fields.hpp"
#include "sections.hpp"
#include "yaml_fields.hpp"
#include "yaml_text.hpp"

// Where an installed detsim keeps its presets, relative to the directory of its binary (CMake
// derives it from the install directories, so a relocated installation still finds them).
#ifndef DETSIM_INSTALLED_PRESETS
#define DETSIM_INSTALLED_PRESETS "../share/detsim/presets"
#endif

namespace detsim {

namespace fs = std::filesystem;

namespace {

// The directory of the running program; empty if the system will not say.
fs::path program_directory() {
  std::error_code ec;
  const fs::path program = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : program.parent_path();
}

}  // namespace

std::vector<fs::path> preset_directory_candidates() {
  const char* from_environment = std::getenv("DETSIM_PRESET_DIR");
  if (from_environment && *from_environment) return {fs::path(from_environment)};
  const fs::path bin = program_directory();
  if (bin.empty()) return {fs::path("share/detsim/presets")};
  // The build tree keeps the binary at its top, beside share/detsim/presets.
  return {(bin / DETSIM_INSTALLED_PRESETS).lexically_normal(), bin / "share/detsim/presets"};
}

fs::path preset_directory() {
  const std::vector<fs::path> candidates = preset_directory_candidates();
  for (const fs::path& dir : candidates) {
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return dir;
  }
  return candidates.front();
}

std::vector<std::string> shipped_preset_names() {
  std::vector<std::string> found;
  std::error_code ec;
  for (fs::directory_iterator it(preset_directory(), ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->path().extension() == ".yaml" && it->is_regular_file(type_ec)) {
      found.push_back(it->path().stem().string());
    }
  }
  std::sort(found.begin(), found.end());
  // The five structures of the policy debate first, in the order people discuss them.
  static const std::vector<std::string> canonical{"none", "nato_article5", "bilateral_pact",
                                                  "security_assistance", "economic_diplomatic"};
  std::vector<std::string> names;
  for (const auto& name : canonical) {
    if (std::find(found.begin(), found.end(), name) != found.end()) names.push_back(name);
  }
  for (const auto& name : found) {
    if (std::find(canonical.begin(), canonical.end(), name) == canonical.end()) {
      names.push_back(name);
    }
  }
  return names;
}

Preset load_preset(const std::string& name_or_path, const fs::path& relative_to) {
  const detail::PresetLookup lookup = detail::find_preset(name_or_path, relative_to);
  if (!lookup.file) throw InputError("preset " + name_or_path + ": " + lookup.problem);
  detail::Diagnostics d(lookup.file->string());
  auto preset = detail::read_preset_file(d, *lookup.file);
  d.throw_if_errors();
  return *preset;
}

namespace detail {

bool names_preset_file(const std::string& name_or_path) {
  return name_or_path.find('/') != std::string::npos ||
         fs::path(name_or_path).extension() == ".yaml";
}

PresetLookup find_preset(const std::string& name_or_path, const fs::path& relative_to) {
  PresetLookup lookup;
  if (names_preset_file(name_or_path)) {
    fs::path file(name_or_path);
    if (file.is_relative() && !relative_to.empty()) file = relative_to / file;
    std::string reason;
    if (!read_text_file(file, reason)) {
      lookup.problem = "cannot read " + file.string() + ": " + reason;
      return lookup;
    }
    lookup.file = file;
    return lookup;
  }
  const fs::path file = preset_directory() / (name_or_path + ".yaml");
  std::error_code ec;
  if (fs::is_regular_file(file, ec)) {
    lookup.file = file;
    return lookup;
  }
  const std::vector<std::string> names = shipped_preset_names();
  lookup.problem = "unknown preset; ";
  if (names.empty()) {
    std::vector<std::string> places;
    for (const fs::path& dir : preset_directory_candidates()) places.push_back(dir.string());
    lookup.problem += "there are no presets in " + join(places, " or ") +
                      " (set DETSIM_PRESET_DIR to the folder that holds them)";
    return lookup;
  }
  if (auto match = closest_match(name_or_path, names)) {
    lookup.problem += "did you mean '" + *match + "'? ";
  }
  lookup.problem += "Available: " + join(names) + " (or a path to a preset file)";
  return lookup;
}

const PresetCache::Entry& PresetCache::get(const std::string& name_or_path,
                                           const fs::path& relative_to) {
  const auto key = std::make_pair(name_or_path, relative_to.string());
  if (const auto found = entries_.find(key); found != entries_.end()) return found->second;
  PresetLookup lookup = find_preset(name_or_path, relative_to);
  Diagnostics errors(lookup.file ? lookup.file->string() : std::string());
  std::optional<Preset> preset;
  if (lookup.file) preset = read_preset_file(errors, *lookup.file);
  return entries_.emplace(key, Entry{std::move(lookup), std::move(preset), std::move(errors)})
      .first->second;
}

std::optional<Preset> read_preset_file(Diagnostics& d, const fs::path& file) {
  const std::size_t errors_before = d.count();
  std::string reason;
  const auto text = read_text_file(file, reason);
  if (!text) {
    d.error_labeled(file.string(), "cannot read: " + reason);
    return std::nullopt;
  }
  auto document = parse_document(d, *text);
  if (!document) return std::nullopt;
  YAML::Node root = *document;
  d.remember_empty_values(root);
  if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  if (!root.IsMap()) {
    d.error(root, "",
            "a preset must be a map with keys " + join(preset_keys()) + ", not " + render(root));
    return std::nullopt;
  }
  check_map(d, root, "", preset_keys());
  if (auto version = child(root, "detsim_preset")) {
    const KeyField& format = key_field(preset_fields(), "detsim_preset");
    read_integer(d, version, "detsim_preset", format.min, format.max);
  } else {
    missing_key(d, root, "", "detsim_preset",
                "the preset format version; write `detsim_preset: 1` at the top");
  }
  Preset preset;
  preset.file = file;
  preset.name = file.stem().string();
  read_field(d, root, "", "name", preset.name);
  read_field(d, root, "", "description", preset.description);
  read_field(d, root, "", "written_for", preset.written_for);
  read_field(d, root, "", "collective", preset.collective);
  read_field(d, root, "", "cohesion_shift", preset.cohesion_shift,
             key_field(preset_fields(), "cohesion_shift").range);
  if (auto lead = child(root, "lead")) {
    preset.lead = terms_or_zero(read_terms(d, lead, "lead"));
  }
  if (auto others = child(root, "others")) {
    preset.others = terms_or_zero(read_terms(d, others, "others"));
  }
  if (d.count() != errors_before) return std::nullopt;
  return preset;
}

}  // namespace detail

}  // namespace detsim
