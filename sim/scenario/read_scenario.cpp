// The top level of a scenario file: scalars, severity, dynamics, output, and the sections.
#include <limits>

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
  read_field(d, node, "output", "record_paths", s.record_paths, 0,
             std::numeric_limits<std::int64_t>::max());
}

void read_format(Diagnostics& d, const YAML::Node& root, Scenario& s) {
  const YAML::Node node = child(root, "detsim");
  if (!node) {
    missing_key(d, root, "", "detsim", "the format version; write `detsim: 1` at the top");
    return;
  }
  if (read_integer(d, node, "detsim", 1, 1)) s.format = 1;
}

}  // namespace

Scenario read_scenario(Diagnostics& d, const YAML::Node& root,
                       const std::filesystem::path& relative_to) {
  Scenario s;
  check_map(d, root, "", scenario_keys());
  read_format(d, root, s);
  read_field(d, root, "", "name", s.name);
  read_field(d, root, "", "description", s.description);
  read_field(d, root, "", "horizon_months", s.horizon_months, 1, max_horizon_months);
  read_field(d, root, "", "trials", s.trials, 1, max_trials);
  if (auto seed = child(root, "seed")) {
    if (auto v = read_unsigned(d, seed, "seed")) s.seed = *v;
  }
  read_field(d, root, "", "rationality", s.rationality, Range::at_least(0).with_infinity());
  read_field(d, root, "", "honor_noise", s.honor_noise, Range::at_least(0));
  read_severity(d, root, s.severity);
  read_dynamics(d, root, s.dynamics);
  read_actors(d, root, s.actors);
  const GuaranteeInput guarantee = read_guarantee(d, child(root, "guarantee"));
  resolve_guarantee(d, guarantee, relative_to, child(root, "actors"), s);
  read_output(d, root, s);
  return s;
}

}  // namespace detsim::detail
