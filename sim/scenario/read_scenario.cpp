// The top level of a scenario file: scalars, severity, dynamics, output, and the sections.
#include "fields.hpp"
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
                       const std::filesystem::path& relative_to) {
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
  resolve_guarantee(d, guarantee, relative_to, child(root, "actors"), s);
  read_output(d, root, s);
  return s;
}

}  // namespace detsim::detail
