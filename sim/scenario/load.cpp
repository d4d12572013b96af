// load_scenario: read, apply overrides, validate, resolve the preset; one InputError for all.
#include "detsim/scenario/load.hpp"

#include "detsim/error.hpp"

#include <algorithm>
#include <mutex>
#include <set>
#include <stdexcept>

#include "did_you_mean.hpp"
#include "fields.hpp"
#include "overrides.hpp"
#include "sections.hpp"
#include "yaml_fields.hpp"
#include "yaml_text.hpp"

namespace detsim {

namespace {

// --structure comes from the command line, so a relative path to a preset file is taken from the
// current directory (made absolute, it is also found again when the emitted scenario is read).
// A preset path written in the file, or set with --set, is relative to the scenario file.
std::string structure_argument(const std::string& name_or_path) {
  const std::filesystem::path path(name_or_path);
  if (!detail::names_preset_file(name_or_path) || path.is_absolute()) return name_or_path;
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(path, ec);
  return ec ? name_or_path : absolute.lexically_normal().string();
}

// The tree written back. A preset file it names relative to the scenario's folder is written by
// its absolute path instead, so that the copy in a results file runs again from anywhere.
std::string as_read_yaml(const YAML::Node& root, const std::filesystem::path& relative_to) {
  YAML::Node tree = root;  // constructed, so the same node
  const YAML::Node guarantee = detail::child(root, "guarantee");
  const YAML::Node preset =
      guarantee && guarantee.IsMap() ? detail::child(guarantee, "preset") : YAML::Node();
  if (preset && preset.IsScalar() && detail::names_preset_file(preset.Scalar()) &&
      std::filesystem::path(preset.Scalar()).is_relative()) {
    std::error_code ec;
    const auto file = std::filesystem::absolute(relative_to / preset.Scalar(), ec);
    if (!ec) {
      tree.reset(detail::without_preset(root));
      detail::Diagnostics unused("");
      detail::apply_override(unused, tree,
                             detail::structure_override(file.lexically_normal().string()));
    }
  }
  YAML::Emitter out;
  out << tree;
  return std::string(out.c_str()) + "\n";
}

// The parsed, checked top-level map of a scenario text, with options' --set applied.
YAML::Node parse_root(detail::Diagnostics& d, const std::string& text,
                      const std::vector<std::string>& overrides) {
  auto document = detail::parse_document(d, text);
  d.throw_if_errors();  // after a syntax error the tree means nothing
  YAML::Node root = *document;
  d.remember_empty_values(root);
  if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  if (!root.IsMap()) {
    d.error(root, "",
            "a scenario must be a map with keys " + detail::join(detail::scenario_keys()) +
                ", not " + detail::render(root));
    d.throw_if_errors();
  }
  for (const auto& text_override : overrides) {
    if (auto o = detail::parse_override(d, text_override)) detail::apply_override(d, root, *o);
  }
  return root;
}

// The scenario in `root` under one structure (nullopt: its own preset), its errors left in
// `variant`. The tree shares the parsed nodes (so messages keep their file positions) and differs
// only in guarantee.preset.
Scenario resolve_structure(detail::Diagnostics& variant, const YAML::Node& root,
                           const std::optional<std::string>& structure, const std::string& source,
                           const std::filesystem::path& relative_to,
                           detail::PresetCache* presets = nullptr) {
  // Constructed, not assigned: a YAML::Node's operator= writes through to the node it names.
  YAML::Node tree = structure ? detail::without_preset(root) : root;
  if (structure) {
    detail::apply_override(variant, tree,
                           detail::structure_override(structure_argument(*structure)));
  }
  Scenario scenario = detail::read_scenario(variant, tree, relative_to, presets);
  scenario.source = source;
  return scenario;
}

// The text is parsed once and --set applied once; each structure is then read from the same tree.
ScenarioStructures load(const std::string& text, const std::string& source,
                        const std::filesystem::path& relative_to,
                        const std::vector<std::string>& overrides,
                        const std::vector<std::optional<std::string>>& structures,
                        bool write_as_read) {
  detail::Diagnostics d(source);
  const YAML::Node root = parse_root(d, text, overrides);
  ScenarioStructures loaded;
  std::vector<Scenario>& scenarios = loaded.scenarios;
  scenarios.reserve(structures.size());
  for (const auto& structure : structures) {
    detail::Diagnostics variant = d;
    Scenario scenario = resolve_structure(variant, root, structure, source, relative_to);
    variant.throw_if_errors();
    scenarios.push_back(std::move(scenario));
  }
  if (write_as_read) loaded.as_read = as_read_yaml(root, relative_to);
  return loaded;
}

std::string read_file(const std::filesystem::path& file) {
  std::string reason;
  const auto text = detail::read_text_file(file, reason);
  if (!text) throw InputError(file.string() + ": cannot read: " + reason);
  return *text;
}

}  // namespace

Scenario load_scenario(const std::filesystem::path& file, const LoadOptions& options) {
  return load(read_file(file), file.string(), file.parent_path(), options.overrides,
              {options.structure}, false)
      .scenarios.front();
}

ScenarioStructures load_scenario_structures(
    const std::filesystem::path& file, const std::vector<std::optional<std::string>>& structures,
    const LoadOptions& options) {
  return load(read_file(file), file.string(), file.parent_path(), options.overrides, structures,
              true);
}

namespace {

// A point's scenarios under each structure, from `root` (a tree of the point's own, which its
// settings edit), its errors thrown as one InputError.
void resolve_point(detail::Diagnostics point, YAML::Node root,
                   const std::vector<PointSetting>& settings,
                   const std::vector<std::optional<std::string>>& structures,
                   const std::filesystem::path& file, detail::PresetCache& presets,
                   std::vector<Scenario>& scenarios) {
  for (const PointSetting& setting : settings) {
    if (auto o = detail::parse_override(point, setting.text, setting.label)) {
      detail::apply_override(point, root, *o);
    }
  }
  point.throw_if_errors();
  for (const auto& structure : structures) {
    detail::Diagnostics variant = point;
    scenarios.push_back(
        resolve_structure(variant, root, structure, file.string(), file.parent_path(), &presets));
    variant.throw_if_errors();
  }
}

// Where the file itself names each measure of its precision target, as a parse of it places
// them; none when the file has no target or does not load without a point's settings.
std::optional<PrecisionTarget> file_precision(const detail::Diagnostics& d,
                                              const YAML::Node& parsed,
                                              const std::filesystem::path& file) {
  detail::Diagnostics base = d;
  Scenario scenario =
      resolve_structure(base, parsed, std::nullopt, file.string(), file.parent_path());
  if (base.count() > 0) return std::nullopt;
  return scenario.precision;
}

// A copy of the parsed tree keeps no file positions (its every node is at 1:1), so a measure the
// file names, not one a point's settings set (placed at the setting), is placed where the file
// names it.
void restore_positions(std::vector<Scenario>& scenarios,
                       const std::optional<PrecisionTarget>& in_file,
                       const std::vector<PointSetting>& settings) {
  if (!in_file) return;
  for (Scenario& scenario : scenarios) {
    if (!scenario.precision) continue;
    PrecisionTarget& target = *scenario.precision;
    for (std::size_t i = 0; i < target.measures.size(); ++i) {
      const bool set = std::any_of(settings.begin(), settings.end(), [&](const PointSetting& s) {
        return s.label == target.where[i];
      });
      const auto found =
          std::find(in_file->measures.begin(), in_file->measures.end(), target.measures[i]);
      if (!set && found != in_file->measures.end()) {
        target.where[i] =
            in_file->where[static_cast<std::size_t>(found - in_file->measures.begin())];
      }
    }
  }
}

}  // namespace

void load_scenario_points(const std::filesystem::path& file,
                          const std::vector<std::optional<std::string>>& structures,
                          const LoadOptions& options,
                          const std::vector<std::vector<PointSetting>>& points,
                          const std::function<void(std::size_t, std::vector<Scenario>&)>& each) {
  const std::string source = file.string();
  detail::Diagnostics d(source);
  const std::string text = read_file(file);
  // Parsed once: a file that does not parse, or a --set that does not apply, is reported once,
  // before any point, not once per point.
  const YAML::Node parsed = parse_root(d, text, options.overrides);
  d.throw_if_errors();
  const std::optional<PrecisionTarget> in_file = file_precision(d, parsed, file);
  // A bad value is usually bad at every point that has it: each message is reported once.
  std::vector<std::string> messages;
  std::set<std::string> seen;
  std::vector<Scenario> scenarios;
  detail::PresetCache presets;
  for (std::size_t p = 0; p < points.size(); ++p) {
    std::string settings;
    for (const PointSetting& setting : points[p]) {
      settings += (settings.empty() ? "" : ", ") + setting.text;
    }
    scenarios.clear();
    std::string errors;
    // A tree of its own for each point: yaml-cpp keeps every node a tree has ever held in one
    // pool, which each edit merges, so editing one shared tree point after point made each point
    // cost more than the last (a design of 3072 points under five structures took minutes to
    // validate). A copy of the parsed tree costs a tenth of parsing the text again, but it keeps
    // no file positions: a point with errors is made again from a parse, for its messages.
    try {
      resolve_point(d, YAML::Clone(parsed), points[p], structures, file, presets, scenarios);
      restore_positions(scenarios, in_file, points[p]);
    } catch (const InputError&) {
      scenarios.clear();
      try {
        detail::Diagnostics point = d;
        resolve_point(point, parse_root(point, text, options.overrides), points[p], structures,
                      file, presets, scenarios);
      } catch (const InputError& e) {
        errors = e.what();
      }
      if (errors.empty()) {
        throw std::logic_error(
            "a design point failed from a copy of its scenario but not from "
            "the file");
      }
    }
    if (errors.empty()) {
      if (messages.empty()) each(p, scenarios);
      continue;
    }
    std::size_t start = 0;
    while (start < errors.size()) {
      const std::size_t end = std::min(errors.find('\n', start), errors.size());
      const std::string line = errors.substr(start, end - start);
      // A message located at the setting (its label) is the value's fault; any other (a
      // cross-field rule, say) is the combination's, so it names the point.
      // The same message at another level (a path that names nothing, say) is said once.
      const auto own = std::find_if(points[p].begin(), points[p].end(), [&](const PointSetting& s) {
        return line.starts_with(s.label + ":");
      });
      const bool located = own != points[p].end();
      const std::string message =
          located ? line : line + " [design point " + std::to_string(p) + ": " + settings + "]";
      const std::string key = located ? line.substr(own->label.size()) : line + settings;
      if (seen.insert(key).second && messages.size() < 100) {
        messages.push_back(message);
      }
      start = end + 1;
    }
  }
  if (!messages.empty()) throw InputError(detail::join(messages, "\n"));
}

struct ScenarioPoints::Impl {
  explicit Impl(const std::filesystem::path& f) : file(f), diagnostics(f.string()) {}
  std::filesystem::path file;
  detail::Diagnostics diagnostics;
  YAML::Node root;                         // never edited: each point edits a copy
  std::optional<PrecisionTarget> in_file;  // the file's own precision target, placed
  detail::PresetCache presets;
  std::mutex mutex;  // neither a YAML::Node nor the cache is safe to use from two threads at once
};

ScenarioPoints::ScenarioPoints(const std::filesystem::path& file, const LoadOptions& options)
    : impl_(std::make_unique<Impl>(file)) {
  impl_->root = parse_root(impl_->diagnostics, read_file(file), options.overrides);
  impl_->diagnostics.throw_if_errors();
  impl_->in_file = file_precision(impl_->diagnostics, impl_->root, file);
}

ScenarioPoints::~ScenarioPoints() = default;

Scenario ScenarioPoints::scenario(const std::vector<PointSetting>& settings,
                                  const std::optional<std::string>& structure) const {
  std::vector<Scenario> scenarios;
  try {
    std::lock_guard lock(impl_->mutex);
    resolve_point(impl_->diagnostics, YAML::Clone(impl_->root), settings, {structure}, impl_->file,
                  impl_->presets, scenarios);
    restore_positions(scenarios, impl_->in_file, settings);
  } catch (const InputError& e) {
    throw std::logic_error(std::string("a checked design point failed to load again: ") + e.what());
  }
  return std::move(scenarios.front());
}

Scenario load_scenario_text(const std::string& yaml, const std::string& source,
                            const LoadOptions& options) {
  return load(yaml, source, std::filesystem::path(source).parent_path(), options.overrides,
              {options.structure}, false)
      .scenarios.front();
}

}  // namespace detsim
