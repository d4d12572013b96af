// load_scenario: read, apply overrides, validate, resolve the preset; one InputError for all.
#include "detsim/scenario/load.hpp"

#include "detsim/error.hpp"

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

// The text is parsed once and --set applied once; each structure is then read from a tree that
// shares the parsed nodes (so messages keep their file positions) and differs only in
// guarantee.preset.
ScenarioStructures load(const std::string& text, const std::string& source,
                        const std::filesystem::path& relative_to,
                        const std::vector<std::string>& overrides,
                        const std::vector<std::optional<std::string>>& structures,
                        bool write_as_read) {
  detail::Diagnostics d(source);
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
  ScenarioStructures loaded;
  std::vector<Scenario>& scenarios = loaded.scenarios;
  scenarios.reserve(structures.size());
  for (const auto& structure : structures) {
    detail::Diagnostics variant = d;
    // Constructed, not assigned: a YAML::Node's operator= writes through to the node it names.
    YAML::Node tree = structure ? detail::without_preset(root) : root;
    if (structure) {
      detail::apply_override(variant, tree,
                             detail::structure_override(structure_argument(*structure)));
    }
    Scenario scenario = detail::read_scenario(variant, tree, relative_to);
    variant.throw_if_errors();
    scenario.source = source;
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

Scenario load_scenario_text(const std::string& yaml, const std::string& source,
                            const LoadOptions& options) {
  return load(yaml, source, std::filesystem::path(source).parent_path(), options.overrides,
              {options.structure}, false)
      .scenarios.front();
}

}  // namespace detsim
