// load_study: a study file's keys, its design and its factors, checked against study_fields() and
// design_fields(); the factors' values are checked against the scenario by load_scenario_points.
#include "detsim/scenario/study.hpp"

#include <cmath>

#include "detsim/error.hpp"
#include "did_you_mean.hpp"
#include "factor.hpp"
#include "fields.hpp"
#include "numbers.hpp"
#include "overrides.hpp"
#include "yaml_fields.hpp"
#include "yaml_text.hpp"

namespace detsim {

namespace {

using detail::child;
using detail::Diagnostics;

std::optional<YAML::Node> parse(Diagnostics& d, const std::filesystem::path& file,
                                std::string* text_out) {
  std::string reason;
  const auto text = detail::read_text_file(file, reason);
  if (!text) throw InputError(file.string() + ": cannot read: " + reason);
  if (text_out) *text_out = *text;
  return detail::parse_document(d, *text);
}

std::optional<DesignMethod> method_from_name(const std::string& name) {
  for (const DesignMethod m : {DesignMethod::grid, DesignMethod::latin_hypercube,
                               DesignMethod::sobol, DesignMethod::morris}) {
    if (name == design_method_name(m)) return m;
  }
  return std::nullopt;
}

std::vector<std::string> method_names() { return {"grid", "latin_hypercube", "sobol", "morris"}; }

// A finite number written as a plain scalar.
std::optional<double> read_number(Diagnostics& d, const YAML::Node& node, const std::string& path) {
  std::optional<double> value;
  if (node.IsScalar() && node.Tag() != "!") value = detail::parse_number(node.Scalar());
  if (!value || !std::isfinite(*value)) {
    detail::bad_value(d, node, path, "must be a finite number");
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<DesignFactor> detail::read_factor(Diagnostics& d, const YAML::Node& key,
                                                const YAML::Node& node,
                                                const std::string& section) {
  DesignFactor f;
  f.path = key.Scalar();
  f.where = d.position(key.Mark());
  const std::string path = section + "." + f.path;
  const std::vector<std::string> forms{"levels", "range", "distribution"};
  if (!detail::check_map(d, node, path, forms)) return std::nullopt;
  if (node.IsNull() || node.size() != 1) {
    d.error(node.IsNull() ? key : node, path,
            path +
                ": give exactly one of levels: [v1, v2, ...], range: [lo, hi] or "
                "distribution: {beta: {...}} (or uniform, normal, triangular)");
    return std::nullopt;
  }
  const std::string form = node.begin()->first.Scalar();
  const YAML::Node value = node.begin()->second;
  const std::string value_path = path + "." + form;
  if (form == "levels" || form == "range") {
    if (!value.IsSequence() || value.size() == 0 || (form == "range" && value.size() != 2)) {
      detail::bad_value(d, value, value_path,
                        form == "range" ? "must be [lo, hi]" : "must be a list of numbers");
      return std::nullopt;
    }
    std::vector<double> numbers;
    bool ok = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const auto v = read_number(d, value[i], value_path + "[" + std::to_string(i) + "]");
      ok = ok && v;
      numbers.push_back(v.value_or(0));
      f.value_where.push_back(d.position(value[i].Mark()));
    }
    if (!ok) return std::nullopt;
    if (form == "levels") {
      f.kind = DesignFactor::Kind::levels;
      f.levels = numbers;
    } else {
      f.kind = DesignFactor::Kind::range;
      f.lo = numbers[0];
      f.hi = numbers[1];
      if (!(f.lo < f.hi)) {
        detail::bad_value(d, value, value_path, "must be [lo, hi] with lo < hi");
        return std::nullopt;
      }
    }
  } else {
    f.kind = DesignFactor::Kind::distribution;
    const auto q = detail::read_quantity(d, value, value_path, detail::Range::any());
    if (!q) return std::nullopt;
    bool constant_args = q->is_random();
    for (const Quantity& a : q->args) constant_args = constant_args && a.is_constant();
    if (!constant_args) {
      detail::bad_value(d, value, value_path,
                        "must be a distribution whose arguments are numbers (its quantiles are "
                        "the factor's values)");
      return std::nullopt;
    }
    f.distribution = *q;
    f.value_where.push_back(d.position(value.Mark()));
  }
  f.spec = form + ": " + detail::render(value);
  f.integer = detail::is_integer_key(detail::path_segments(f.path));
  return f;
}

bool is_study_file(const std::filesystem::path& file) {
  try {
    Diagnostics d(file.string());
    const auto root = parse(d, file, nullptr);
    return d.ok() && root && root->IsMap() && child(*root, "detsim_study");
  } catch (const InputError&) {
    return false;
  }
}

Study load_study(const std::filesystem::path& file) {
  Diagnostics d(file.string());
  Study study;
  study.file = file;
  const auto document = parse(d, file, &study.text);
  d.throw_if_errors();
  const YAML::Node root = *document;
  if (!detail::check_map(d, root, "", detail::keys_of(detail::study_fields()))) d.throw_if_errors();
  for (const detail::KeyField& f : detail::study_fields()) {
    if (f.required && !child(root, f.key)) {
      detail::missing_key(d, root, "", f.key, f.description);
    }
  }
  if (const auto v = child(root, "detsim_study")) detail::read_integer(d, v, "detsim_study", 1, 1);
  if (const auto v = child(root, "name"))
    study.name = detail::read_string(d, v, "name").value_or("");
  if (const auto v = child(root, "scenario")) {
    study.scenario = detail::read_string(d, v, "scenario").value_or("");
  }
  if (const auto v = child(root, "precision")) {
    // Read as a scenario's own, point by point: one parser and one field table for both.
    YAML::Emitter flow;
    flow << YAML::Flow << v;
    study.precision = std::string("precision=") + flow.c_str();
    study.precision_where = d.where(v, "precision");
  }
  const YAML::Node design = child(root, "design");
  if (design && detail::check_map(d, design, "design", detail::keys_of(detail::design_fields()))) {
    for (const detail::KeyField& f : detail::design_fields()) {
      if (f.required && !child(design, f.key)) {
        detail::missing_key(d, design, "design", f.key, f.description);
      }
    }
    DesignShape& shape = study.shape;
    if (const auto v = child(design, "method")) {
      const auto name = detail::read_string(d, v, "design.method");
      const auto method = name ? method_from_name(*name) : std::nullopt;
      if (name && !method) {
        d.error(v, "design.method",
                "design.method = " + *name + ": " +
                    detail::suggestion(*name, method_names(), "allowed methods"));
      }
      shape.method = method.value_or(DesignMethod::grid);
    }
    const auto integer = [&](const std::string& key) -> std::optional<std::int64_t> {
      const auto v = child(design, key);
      if (!v) return std::nullopt;
      const detail::KeyField& f = detail::key_field(detail::design_fields(), key);
      return detail::read_integer(d, v, "design." + key, f.min, f.max);
    };
    study.trials = integer("trials");
    if (const auto v = child(design, "seed")) {
      shape.seed = detail::read_unsigned(d, v, "design.seed").value_or(0);
    }
    const auto n = integer("n");
    const auto trajectories = integer("trajectories");
    const auto levels = integer("morris_levels");
    // Each method's own sizes, and none of another's: a key that would be ignored is an error.
    const auto wants = [&](const std::string& key, bool wanted,
                           const std::optional<std::int64_t>& v, const std::string& what) {
      if (wanted && !v) {
        detail::missing_key(d, design, "design", key, what);
      } else if (!wanted && child(design, key)) {
        d.error(child(design, key), "design." + key,
                "design." + key + ": not used by method " + design_method_name(shape.method));
      }
    };
    wants("n", shape.method == DesignMethod::latin_hypercube || shape.method == DesignMethod::sobol,
          n, "the number of points (latin_hypercube) or N, a power of 2 (sobol)");
    wants("trajectories", shape.method == DesignMethod::morris, trajectories,
          "the number of Morris trajectories r");
    if (shape.method != DesignMethod::morris && child(design, "morris_levels")) {
      wants("morris_levels", false, levels, "");
    }
    shape.n = shape.method == DesignMethod::morris ? trajectories.value_or(0) : n.value_or(0);
    shape.morris_levels = levels.value_or(4);
    if (shape.method == DesignMethod::sobol && n && (*n & (*n - 1)) != 0) {
      d.error(child(design, "n"), "design.n",
              "design.n = " + std::to_string(*n) + ": Sobol sampling needs N a power of 2");
    }
    if (levels && *levels % 2 != 0) {
      d.error(child(design, "morris_levels"), "design.morris_levels",
              "design.morris_levels = " + std::to_string(*levels) + ": must be even");
    }
    if (const auto v = child(design, "structures")) {
      if (!v.IsSequence() || v.size() == 0) {
        detail::bad_value(d, v, "design.structures", "must be a list of preset names or files");
      } else {
        for (std::size_t i = 0; i < v.size(); ++i) {
          if (auto s = detail::read_string(d, v[i], "design.structures")) {
            study.structures.push_back(*s);
          }
        }
      }
    }
    if (const auto factors = child(design, "factors")) {
      if (!factors.IsMap() || factors.size() == 0) {
        detail::bad_value(d, factors, "design.factors",
                          "must be a map of dotted scenario paths to their levels, range or "
                          "distribution");
      } else {
        for (const auto& pair : factors) {
          if (!pair.first.IsScalar() || pair.first.Scalar().empty()) {
            d.error(pair.first, "design.factors", "design.factors: a key must be a dotted path");
            continue;
          }
          bool repeated = false;
          for (const DesignFactor& f : study.factors)
            repeated = repeated || f.path == pair.first.Scalar();
          if (repeated) {
            d.error(pair.first, "design.factors",
                    "design.factors." + pair.first.Scalar() + ": duplicate factor");
            continue;
          }
          // Every experiment of a run writes the same /trials and /paths: one horizon for all.
          if (pair.first.Scalar() == "horizon_months") {
            d.error(pair.first, "design.factors",
                    "design.factors.horizon_months: the points of a study share one horizon (one "
                    "/paths table); run a study per horizon instead");
            continue;
          }
          if (auto f = detail::read_factor(d, pair.first, pair.second, "design.factors")) {
            study.factors.push_back(*f);
          }
        }
      }
      if (shape.method == DesignMethod::grid) {
        for (const DesignFactor& f : study.factors) {
          if (f.kind != DesignFactor::Kind::levels) {
            d.error_labeled(f.where, "design.factors." + f.path +
                                         ": a grid crosses levels; give levels: [v1, v2, ...]");
          }
          shape.levels.push_back(static_cast<std::int64_t>(f.levels.size()));
        }
      }
    }
  }
  d.throw_if_errors();
  return study;
}

}  // namespace detsim
