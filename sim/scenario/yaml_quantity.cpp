// The one factory for quantities: a number or {uniform|beta|normal|triangular: ...}, recursively,
// validated by support so that no draw can fall outside the field's range.
#include <cmath>
#include <limits>

#include "did_you_mean.hpp"
#include "numbers.hpp"
#include "yaml_fields.hpp"

namespace detsim::detail {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// The smallest interval holding every value the quantity can take.
struct Support {
  double lo;
  double hi;
};

struct Parsed {
  Quantity quantity;
  Support support;
};

const std::vector<std::string>& distribution_keys() {
  static const std::vector<std::string> keys{"uniform", "beta", "normal", "triangular"};
  return keys;
}

const char* const forms =
    "a number or a distribution: {uniform: [lo, hi]}, {beta: {mean: m, concentration: k}}, "
    "{normal: {mean: m, sd: s, min: a, max: b}} or {triangular: [lo, mode, hi]}";

std::optional<Parsed> parse(Diagnostics& d, const YAML::Node& node, const std::string& path,
                            const Range& range);

std::optional<Parsed> parse_constant(Diagnostics& d, const YAML::Node& node,
                                     const std::string& path, const Range& range) {
  std::optional<double> value;
  if (node.Tag() != "!") value = parse_number(node.Scalar());
  if (!value) {
    bad_value(d, node, path, std::string("must be ") + forms);
    return std::nullopt;
  }
  if (!range.contains(*value)) {
    bad_value(d, node, path, range.describe_for(*value));
    return std::nullopt;
  }
  return Parsed{Quantity::constant(*value), {*value, *value}};
}

// `later` may not take a value below (or, if strict, equal to) any value of `earlier`.
bool check_order(Diagnostics& d, const YAML::Node& later_node, const std::string& later_path,
                 const Parsed& earlier, const std::string& earlier_name, const Parsed& later,
                 bool strict) {
  const double bound = earlier.support.hi;
  const bool fine = strict ? later.support.lo > bound : later.support.lo >= bound;
  if (fine) return true;
  const std::string bound_text =
      format_number(bound) + " (" +
      (earlier.quantity.is_constant() ? earlier_name : "the largest value of " + earlier_name) +
      ")";
  if (later.quantity.is_constant()) {
    bad_value(d, later_node, later_path,
              std::string("must be ") + (strict ? "> " : ">= ") + bound_text);
  } else {
    bad_value(d, later_node, later_path,
              std::string("must stay ") + (strict ? "above " : "at or above ") + bound_text);
  }
  return false;
}

// [lo, hi] or [lo, mode, hi]: each argument within the field's range, in order.
std::optional<Parsed> parse_ordered(Diagnostics& d, const YAML::Node& node, const std::string& path,
                                    const Range& range, DistributionKind kind) {
  const auto& names = distribution_argument_names(kind);
  const std::string shape = names.size() == 2 ? "[lo, hi]" : "[lo, mode, hi]";
  if (!node.IsSequence() || node.size() != names.size()) {
    bad_value(d, node, path, "must be a list " + shape);
    return std::nullopt;
  }
  const Range inner = range.with_infinity(false);
  std::vector<Parsed> args;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (auto arg = parse(d, node[i], join_path(path, names[i]), inner)) args.push_back(*arg);
  }
  if (args.size() != names.size()) return std::nullopt;
  // Uniform: lo <= hi. Triangular: lo <= mode <= hi and lo < hi.
  for (std::size_t i = 1; i < names.size(); ++i) {
    if (!check_order(d, node[i], join_path(path, names[i]), args[i - 1], names[i - 1], args[i],
                     false)) {
      return std::nullopt;
    }
  }
  if (names.size() == 3 &&
      !check_order(d, node[2], join_path(path, names[2]), args[0], names[0], args[2], true)) {
    return std::nullopt;
  }
  Quantity q{kind, 0.0, {}};
  for (const auto& a : args) q.args.push_back(a.quantity);
  return Parsed{q, {args.front().support.lo, args.back().support.hi}};
}

// {mean, concentration} or {mean, sd, min, max}: a map of named arguments.
// `whole` is the {beta: ...} or {normal: ...} map at `outer_path`, `node` its argument map.
std::optional<Parsed> parse_named(Diagnostics& d, const YAML::Node& whole,
                                  const std::string& outer_path, const YAML::Node& node,
                                  const std::string& path, const Range& range,
                                  DistributionKind kind) {
  const auto& names = distribution_argument_names(kind);
  if (!check_map(d, node, path, names)) return std::nullopt;
  if (node.IsNull()) {
    bad_value(d, node, path, "must be a map with keys " + join(names));
    return std::nullopt;
  }
  const bool beta = kind == DistributionKind::beta;
  std::vector<Range> ranges;
  if (beta) {
    ranges = {Range::open(0, 1), Range::above(0)};
  } else {
    // A truncated normal's support is [min, max]; min and max may be infinite only where the
    // field itself is unbounded.
    ranges = {Range::any(), Range::above(0), range.with_infinity(true), range.with_infinity(true)};
  }
  std::vector<Parsed> args;
  bool ok = true;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const YAML::Node arg_node = child(node, names[i]);
    const std::string arg_path = join_path(path, names[i]);
    if (!arg_node) {
      const bool optional_bound = !beta && i >= 2;
      if (!optional_bound) {
        missing_key(d, node, path, names[i],
                    beta ? "a beta needs mean and concentration" : "a normal needs mean and sd");
        ok = false;
        continue;
      }
      const double bound = i == 2 ? -inf : inf;
      if (!ranges[i].contains(bound)) {
        missing_key(d, node, path, names[i],
                    outer_path + " " + range.describe() + ", so the normal needs a " + names[i] +
                        " in that range");
        ok = false;
        continue;
      }
      args.push_back(Parsed{Quantity::constant(bound), {bound, bound}});
      continue;
    }
    auto arg = parse(d, arg_node, arg_path, ranges[i]);
    if (!arg) {
      ok = false;
      continue;
    }
    args.push_back(*arg);
  }
  if (!ok) return std::nullopt;
  Quantity q{kind, 0.0, {}};
  for (const auto& a : args) q.args.push_back(a.quantity);
  if (beta) {
    if (!range.contains(0.0) || !range.contains(1.0)) {
      bad_value(d, whole, outer_path, range.describe() + ", but a beta's draws lie in [0, 1]");
      return std::nullopt;
    }
    return Parsed{q, {0.0, 1.0}};
  }
  if (!check_order(d, child(node, "max") ? child(node, "max") : node, join_path(path, "max"),
                   args[2], "min", args[3], true)) {
    return std::nullopt;
  }
  return Parsed{q, {args[2].support.lo, args[3].support.hi}};
}

std::optional<Parsed> parse(Diagnostics& d, const YAML::Node& node, const std::string& path,
                            const Range& range) {
  if (node.IsScalar()) return parse_constant(d, node, path, range);
  if (!node.IsMap() || node.size() != 1) {
    bad_value(d, node, path,
              std::string("must be ") + forms + (node.IsMap() ? " (exactly one key)" : ""));
    return std::nullopt;
  }
  const auto pair = *node.begin();
  const std::string key = pair.first.IsScalar() ? pair.first.Scalar() : render(pair.first);
  const std::string inner_path = join_path(path, key);
  if (key == "uniform" || key == "triangular") {
    const auto kind = key == "uniform" ? DistributionKind::uniform : DistributionKind::triangular;
    return parse_ordered(d, pair.second, inner_path, range, kind);
  }
  if (key == "beta" || key == "normal") {
    const auto kind = key == "beta" ? DistributionKind::beta : DistributionKind::normal;
    return parse_named(d, node, path, pair.second, inner_path, range, kind);
  }
  d.error(pair.first, inner_path,
          inner_path + ": unknown distribution; " + suggestion(key, distribution_keys(), "one of"));
  return std::nullopt;
}

}  // namespace

std::optional<Quantity> read_quantity(Diagnostics& d, const YAML::Node& node,
                                      const std::string& path, const Range& range) {
  auto parsed = parse(d, node, path, range);
  if (!parsed) return std::nullopt;
  return parsed->quantity;
}

}  // namespace detsim::detail
