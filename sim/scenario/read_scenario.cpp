// The top level of a scenario file: scalars, severity, dynamics, output, and the sections.
#include <cmath>
#include <set>

#include "fields.hpp"
#include "numbers.hpp"
#include "sections.hpp"
#include "yaml_fields.hpp"

namespace detsim::detail {

namespace {

template <class T>
void read_quantities(Diagnostics& d, const YAML::Node& node, const std::string& path,
                     const std::vector<QuantityField<T>>& fields, T& out) {
  for (const auto& f : fields) read_field(d, node, path, f.key, out.*f.member, f.range);
}

void read_severity(Diagnostics& d, const YAML::Node& root, Severity& severity) {
  const YAML::Node node = child(root, "severity");
  if (!node || !check_map(d, node, "severity", keys_of(severity_fields()))) return;
  read_quantities(d, node, "severity", severity_fields(), severity);
}

void read_dynamics(Diagnostics& d, const YAML::Node& root, Dynamics& dynamics) {
  const YAML::Node node = child(root, "dynamics");
  std::vector<std::string> keys = keys_of(dynamics_integer_fields());
  for (const auto& k : keys_of(dynamics_quantity_fields())) keys.push_back(k);
  if (!node || !check_map(d, node, "dynamics", keys)) return;
  for (const auto& f : dynamics_integer_fields()) {
    read_field(d, node, "dynamics", f.key, dynamics.*f.member, f.min, f.max);
  }
  read_quantities(d, node, "dynamics", dynamics_quantity_fields(), dynamics);
}

void read_output(Diagnostics& d, const YAML::Node& root, Scenario& s) {
  const YAML::Node node = child(root, "output");
  if (!node || !check_map(d, node, "output", output_keys())) return;
  const KeyField& record_paths = key_field(output_fields(), "record_paths");
  read_field(d, node, "output", record_paths.key, s.record_paths, record_paths.min,
             record_paths.max);
}

// A half-width: a number above 0 (a target of 0 is never met by an interval that stays honest).
std::optional<double> read_half_width(Diagnostics& d, const YAML::Node& node,
                                      const std::string& path) {
  const std::optional<double> v =
      node.IsScalar() ? parse_number(node.Scalar()) : std::optional<double>();
  if (!v || !std::isfinite(*v) || *v <= 0) {
    bad_value(d, node, path, "must be a number above 0 (a 95% half-width)");
    return std::nullopt;
  }
  return v;
}

// `precision`: measures and their half-widths, and the step; the cap is `trials`.
void read_precision(Diagnostics& d, const YAML::Node& root, Scenario& s) {
  const YAML::Node node = child(root, "precision");
  if (!node || !check_map(d, node, "precision", keys_of(precision_fields()))) return;
  PrecisionTarget target;
  const KeyField& step = key_field(precision_fields(), "step");
  read_field(d, node, "precision", step.key, target.step, step.min, step.max);
  const YAML::Node measures = child(node, "measures");
  const YAML::Node half_width = child(node, "half_width");
  std::set<std::string> seen;
  // One name of a measure, where it is written and the half-width it must reach.
  const auto add = [&](const YAML::Node& name_node, const std::string& path, double hw) {
    const auto name = read_string(d, name_node, path);
    if (!name) return;
    if (name->empty() || !seen.insert(*name).second) {
      bad_value(d, name_node, path, name->empty() ? "must name a measure" : "is named twice");
      return;
    }
    target.measures.push_back(*name);
    target.half_widths.push_back(hw);
    target.where.push_back(d.where(name_node, path));
  };
  if (!half_width) {
    missing_key(d, node, "precision", "half_width",
                key_field(precision_fields(), "half_width").description);
  } else if (half_width.IsMap()) {
    if (measures) {
      d.error(measures, "precision.measures",
              "precision.measures: leave it out when half_width is a map (its keys are the "
              "measures)");
    }
    for (const auto& pair : half_width) {
      const std::string path = "precision.half_width." + pair.first.as<std::string>("");
      if (const auto hw = read_half_width(d, pair.second, path)) add(pair.first, path, *hw);
    }
  } else if (const auto hw = read_half_width(d, half_width, "precision.half_width")) {
    if (!measures || !measures.IsSequence() || measures.size() == 0) {
      bad_value(d, measures ? measures : node, "precision.measures",
                "must be a list of one measure or more, named as /summary names them");
    } else {
      for (std::size_t i = 0; i < measures.size(); ++i) {
        add(measures[i], "precision.measures[" + std::to_string(i) + "]", *hw);
      }
    }
  }
  // Unless given, the step is 1000 trials, or the cap when that is smaller.
  if (!child(node, "step")) target.step = std::min(target.step, s.trials);
  if (target.step > s.trials) {
    d.error(child(node, "step"), "precision.step",
            "precision.step = " + std::to_string(target.step) + ": must be at most trials (" +
                std::to_string(s.trials) + "), the cap of each experiment");
  }
  s.precision = std::move(target);
}

void read_format(Diagnostics& d, const YAML::Node& root, Scenario& s) {
  const YAML::Node node = child(root, "detsim");
  if (!node) {
    missing_key(d, root, "", "detsim", "the format version; write `detsim: 1` at the top");
    return;
  }
  const KeyField& format = key_field(scenario_fields(), "detsim");
  if (auto version = read_integer(d, node, "detsim", format.min, format.max)) {
    s.format = static_cast<int>(*version);
  }
}

}  // namespace

Scenario read_scenario(Diagnostics& d, const YAML::Node& root,
                       const std::filesystem::path& relative_to, PresetCache* presets) {
  Scenario s;
  check_map(d, root, "", scenario_keys());
  read_format(d, root, s);
  read_field(d, root, "", "name", s.name);
  read_field(d, root, "", "description", s.description);
  // The ranges are the table's, which `detsim schema` publishes.
  const auto& fields = scenario_fields();
  const KeyField& horizon = key_field(fields, "horizon_months");
  read_field(d, root, "", horizon.key, s.horizon_months, horizon.min, horizon.max);
  const KeyField& trials = key_field(fields, "trials");
  read_field(d, root, "", trials.key, s.trials, trials.min, trials.max);
  if (auto seed = child(root, "seed")) {
    if (auto v = read_unsigned(d, seed, "seed")) s.seed = *v;
  }
  read_field(d, root, "", "rationality", s.rationality, key_field(fields, "rationality").range);
  read_field(d, root, "", "honor_noise", s.honor_noise, key_field(fields, "honor_noise").range);
  read_severity(d, root, s.severity);
  read_dynamics(d, root, s.dynamics);
  read_actors(d, root, s.actors);
  const GuaranteeInput guarantee = read_guarantee(d, child(root, "guarantee"));
  resolve_guarantee(d, guarantee, relative_to, child(root, "actors"), s, presets);
  read_output(d, root, s);
  read_precision(d, root, s);
  return s;
}

}  // namespace detsim::detail
