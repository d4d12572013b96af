// load_targets: a calibration targets file read against targets_file_fields() and
// target_fields(); its fitted values are read as a study's factors are (factor.hpp).
#include "detsim/scenario/targets.hpp"

#include <cmath>

#include "detsim/error.hpp"
#include "factor.hpp"
#include "fields.hpp"
#include "yaml_fields.hpp"
#include "yaml_text.hpp"

namespace detsim {

namespace {

using detail::child;
using detail::Diagnostics;

// A map of dotted paths to values as --set settings, each located where its value is written.
std::vector<PointSetting> read_settings(Diagnostics& d, const YAML::Node& node,
                                        const std::string& path) {
  std::vector<PointSetting> settings;
  if (!node.IsMap()) {
    detail::bad_value(d, node, path, "must be a map of dotted scenario paths to values");
    return settings;
  }
  for (const auto& pair : node) {
    if (!pair.first.IsScalar() || pair.first.Scalar().empty()) {
      d.error(pair.first, path, path + ": a key must be a dotted scenario path");
      continue;
    }
    YAML::Emitter flow;
    flow << YAML::Flow << pair.second;
    settings.push_back({pair.first.Scalar() + "=" + flow.c_str(),
                        d.where(pair.second, path + "." + pair.first.Scalar())});
  }
  return settings;
}

std::optional<CalibrationTarget> read_target(Diagnostics& d, const std::filesystem::path& folder,
                                             const YAML::Node& key, const YAML::Node& node) {
  CalibrationTarget t;
  t.name = key.Scalar();
  t.where = d.position(key.Mark());
  const std::string path = "targets." + t.name;
  if (!detail::check_map(d, node, path, detail::keys_of(detail::target_fields()))) {
    return std::nullopt;
  }
  const std::size_t errors = d.count();
  for (const detail::KeyField& f : detail::target_fields()) {
    if (f.required && !child(node, f.key)) detail::missing_key(d, node, path, f.key, f.description);
  }
  const auto text = [&](const std::string& k, std::string& field) {
    if (const auto v = child(node, k))
      field = detail::read_string(d, v, path + "." + k).value_or("");
  };
  text("source", t.source);
  text("period", t.period);
  text("unit", t.unit);
  text("description", t.description);
  std::string scenario, direction;
  text("scenario", scenario);
  text("measure", t.measure);
  if (const auto v = child(node, "measure")) t.measure_where = d.where(v, path + ".measure");
  text("direction", direction);
  if (!scenario.empty()) t.scenario = folder / scenario;
  const auto integer = [&](const std::string& k) -> std::optional<std::int64_t> {
    const auto v = child(node, k);
    if (!v) return std::nullopt;
    const detail::KeyField& f = detail::key_field(detail::target_fields(), k);
    return detail::read_integer(d, v, path + "." + k, f.min, f.max);
  };
  if (const auto h = integer("horizon_months")) {
    t.horizon_months = *h;
    t.settings.push_back({"horizon_months=" + std::to_string(*h),
                          d.where(child(node, "horizon_months"), path + ".horizon_months")});
  }
  if (const auto v = child(node, "settings")) {
    for (PointSetting& s : read_settings(d, v, path + ".settings")) t.settings.push_back(s);
  }
  if (const auto v = child(node, "fit"))
    t.fit = detail::read_bool(d, v, path + ".fit").value_or(false);
  const auto count = integer("count");
  const auto n = integer("n");
  const YAML::Node rate = child(node, "rate");
  const YAML::Node versus = child(node, "versus");
  // Exactly one form: count with n, a rate, or a direction with its comparison.
  const int forms = (count || n ? 1 : 0) + (rate ? 1 : 0) + (direction.empty() ? 0 : 1);
  if (forms != 1) {
    d.error(key, path,
            path + ": give exactly one of count and n, rate, or direction (with versus)");
  } else if (count || n) {
    if (!count || !n) {
      detail::missing_key(d, node, path, count ? "n" : "count",
                          "a count needs its n, and an n its count");
    } else if (*count > *n) {
      detail::bad_value(d, child(node, "count"), path + ".count",
                        "must be at most n = " + std::to_string(*n));
    } else {
      t.kind = CalibrationTarget::Kind::count;
      t.count = *count;
      t.n = *n;
      t.rate = static_cast<double>(*count) / static_cast<double>(*n);
    }
  } else if (rate) {
    t.kind = CalibrationTarget::Kind::rate;
    const auto q = detail::read_quantity(d, rate, path + ".rate", detail::Range::closed(0, 1));
    if (q && !q->is_constant()) {
      detail::bad_value(d, rate, path + ".rate", "must be a number in [0, 1]");
    } else if (q) {
      t.rate = q->value;
    }
  } else {
    t.kind = CalibrationTarget::Kind::direction;
    t.rate = NAN;
    if (direction != "lower" && direction != "higher") {
      detail::bad_value(d, child(node, "direction"), path + ".direction",
                        "must be lower or higher");
    }
    t.lower = direction == "lower";
    if (!versus) {
      detail::missing_key(d, node, path, "versus", "the settings the direction compares with");
    } else {
      t.versus = read_settings(d, versus, path + ".versus");
      if (t.versus.empty()) {
        detail::bad_value(d, versus, path + ".versus", "must set at least one value");
      }
    }
  }
  if (versus && t.kind != CalibrationTarget::Kind::direction) {
    d.error(versus, path + ".versus", path + ".versus: only a direction has a comparison");
  }
  if (t.kind == CalibrationTarget::Kind::direction && t.fit) {
    detail::bad_value(d, child(node, "fit"), path + ".fit",
                      "must be false: a direction is checked at the posterior, not fitted (it "
                      "gives no likelihood to weigh against the counts)");
  }
  if (t.kind == CalibrationTarget::Kind::rate && t.fit) {
    detail::bad_value(d, child(node, "fit"), path + ".fit",
                      "must be false: a rate without its counts gives no binomial likelihood "
                      "(give count and n to fit it)");
  }
  if (d.count() != errors) return std::nullopt;
  return t;
}

}  // namespace

CalibrationTargets load_targets(const std::filesystem::path& file) {
  Diagnostics d(file.string());
  CalibrationTargets out;
  out.file = file;
  std::string reason;
  const auto text = detail::read_text_file(file, reason);
  if (!text) throw InputError(file.string() + ": cannot read: " + reason);
  out.text = *text;
  const auto document = detail::parse_document(d, *text);
  d.throw_if_errors();
  const YAML::Node root = *document;
  if (!detail::check_map(d, root, "", detail::keys_of(detail::targets_file_fields()))) {
    d.throw_if_errors();
  }
  for (const detail::KeyField& f : detail::targets_file_fields()) {
    if (f.required && !child(root, f.key)) detail::missing_key(d, root, "", f.key, f.description);
  }
  if (const auto v = child(root, "detsim_targets")) {
    detail::read_integer(d, v, "detsim_targets", 1, 1);
  }
  if (const auto v = child(root, "name")) out.name = detail::read_string(d, v, "name").value_or("");
  if (const auto v = child(root, "description")) {
    out.description = detail::read_string(d, v, "description").value_or("");
  }
  if (const auto fit = child(root, "fit")) {
    if (!fit.IsMap() || fit.size() == 0) {
      detail::bad_value(d, fit, "fit",
                        "must be a map of dotted scenario paths to their priors (range: [lo, hi] "
                        "or distribution: {...})");
    } else {
      for (const auto& pair : fit) {
        if (!pair.first.IsScalar() || pair.first.Scalar().empty()) {
          d.error(pair.first, "fit", "fit: a key must be a dotted path");
          continue;
        }
        auto f = detail::read_factor(d, pair.first, pair.second, "fit");
        if (!f) continue;
        if (f->kind == DesignFactor::Kind::levels || f->integer) {
          d.error_labeled(f->where, "fit." + f->path +
                                        ": a prior is a range: [lo, hi] or a distribution over a "
                                        "continuous value");
          continue;
        }
        for (const FittedValue& other : out.fitted) {
          if (other.prior.path == f->path) {
            d.error(pair.first, "fit", "fit." + f->path + ": fitted twice");
          }
        }
        out.fitted.push_back({*f, f->path});
      }
    }
  }
  if (const auto propagate = child(root, "propagate")) {
    if (!propagate.IsMap()) {
      detail::bad_value(d, propagate, "propagate", "must be a map of fitted paths to paths");
    } else {
      for (const auto& pair : propagate) {
        const std::string from = pair.first.IsScalar() ? pair.first.Scalar() : "";
        FittedValue* fitted = nullptr;
        for (FittedValue& f : out.fitted) fitted = f.prior.path == from ? &f : fitted;
        if (!fitted) {
          d.error(pair.first, "propagate", "propagate." + from + ": not a path under fit");
          continue;
        }
        const auto to = detail::read_string(d, pair.second, "propagate." + from);
        if (to && to->empty()) {
          detail::bad_value(d, pair.second, "propagate." + from, "must be a dotted scenario path");
        } else if (to) {
          fitted->applies_to = *to;
        }
      }
    }
  }
  if (const auto targets = child(root, "targets")) {
    if (!targets.IsMap() || targets.size() == 0) {
      detail::bad_value(d, targets, "targets", "must be a map of target names to targets");
    } else {
      for (const auto& pair : targets) {
        if (!pair.first.IsScalar() || pair.first.Scalar().empty()) {
          d.error(pair.first, "targets", "targets: a key must be a name");
          continue;
        }
        if (auto t = read_target(d, file.parent_path(), pair.first, pair.second)) {
          out.targets.push_back(*t);
        }
      }
      bool any_fit = false;
      for (const CalibrationTarget& t : out.targets) any_fit = any_fit || t.fit;
      if (d.ok() && !any_fit) {
        d.error(targets, "targets", "targets: none has fit: true, so there is nothing to fit");
      }
    }
  }
  d.throw_if_errors();
  return out;
}

}  // namespace detsim
