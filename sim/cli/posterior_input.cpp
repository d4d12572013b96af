// Reading and checking a posterior file for `run --posterior` and `rerun`: every refusal an
// InputError that names the file, the object and what is allowed.
#include "posterior_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "detsim/error.hpp"
#include "detsim/io/posterior_file.hpp"
#include "detsim/model/trial_parameters.hpp"
#include "detsim/scenario/load.hpp"

namespace detsim::cli {

namespace {

const std::vector<std::string>& list_attribute(const GroupAttributes& a, const std::string& name) {
  for (const auto& [key, values] : a.lists) {
    if (key == name) return values;
  }
  throw std::logic_error("read_posterior_group always reads " + name);
}

void set_text(GroupAttributes& a, const std::string& name, const std::string& value) {
  for (auto& [key, text] : a.text) {
    if (key == name) {
      text = value;
      return;
    }
  }
  a.text.emplace_back(name, value);
}

const std::vector<double>& float_column(const ColumnBlock& table, const std::string& file,
                                        const std::string& name) {
  if (!table.has_column(name, ColumnType::f64)) {
    const bool present = std::any_of(table.schema().begin(), table.schema().end(),
                                     [&](const ColumnInfo& c) { return c.name == name; });
    throw InputError(fmt::format("{}: /posterior/{}: {}", file, name,
                                 present ? "must hold float64 values" : "missing"));
  }
  return table.f64(table.index_of(name));
}

}  // namespace

PosteriorInput read_posterior_input(const std::string& file) {
  PosteriorInput input;
  input.file = file;
  PosteriorGroup group;
  try {
    group = read_posterior_group(file);
  } catch (const RunError& e) {
    throw InputError(fmt::format("--posterior {}: {}", file, e.what()));
  }
  const std::vector<std::string>& parameters = list_attribute(group.attributes, "parameters");
  const std::vector<std::string>& applies_to = list_attribute(group.attributes, "applies_to");
  if (parameters.empty()) {
    throw InputError(fmt::format("{}: /posterior: attribute parameters lists no parameter", file));
  }
  if (applies_to.size() != parameters.size()) {
    throw InputError(fmt::format(
        "{}: /posterior: attribute applies_to has {} paths but parameters has {}: each fitted "
        "parameter sets exactly one path",
        file, applies_to.size(), parameters.size()));
  }
  std::set<std::string> seen;
  for (const std::string& path : applies_to) {
    if (!seen.insert(path).second) {
      throw InputError(fmt::format(
          "{}: /posterior: applies_to names {} twice: a path takes one value", file, path));
    }
  }
  const bool has_particle = std::any_of(group.table.schema().begin(), group.table.schema().end(),
                                        [](const ColumnInfo& c) { return c.name == "particle"; });
  if (!has_particle) throw InputError(fmt::format("{}: /posterior/particle: missing", file));
  const std::vector<double>& weights = float_column(group.table, file, "weight");
  std::vector<std::vector<double>> values;
  for (const std::string& name : parameters) {
    values.push_back(float_column(group.table, file, name));
  }
  try {
    input.posterior = std::make_shared<const Posterior>(applies_to, std::move(values), weights);
  } catch (const std::invalid_argument& e) {
    throw InputError(fmt::format("{}: /posterior: {}", file, e.what()));
  }
  input.table = std::move(group.table);
  input.attributes = std::move(group.attributes);
  // A rerun reads the results file's copy: the source stays the file the run was given.
  bool has_source = false;
  for (const auto& [key, text] : input.attributes.text) has_source |= key == "source";
  if (!has_source) set_text(input.attributes, "source", file);
  set_text(input.attributes, "digest", input.posterior->digest());
  return input;
}

bool posterior_sets(const PosteriorInput& input, const std::string& path) {
  return input.posterior && input.posterior->index_of(path) >= 0;
}

void check_overrides(const PosteriorInput& input, const std::vector<std::string>& overrides) {
  for (const std::string& o : overrides) {
    const std::string path = o.substr(0, o.find('='));
    if (posterior_sets(input, path)) {
      throw InputError(
          fmt::format("--set {}: {} sets {} in every trial (--posterior); set a path "
                      "the posterior does not, or leave the posterior out",
                      o, input.file, path));
    }
  }
}

void check_posterior(const PosteriorInput& input, std::size_t count,
                     const std::function<ExperimentSpec(std::size_t)>& experiment) {
  if (!input.posterior || count == 0) return;
  const Posterior& posterior = *input.posterior;
  // Names and constants only: no quantile table is built for a check.
  BetaTables outline(false);
  for (std::size_t k = 0; k < count; ++k) {
    const ExperimentSpec e = experiment(k);
    const TrialParameters parameters(e.scenario, &outline, &posterior);
    const std::vector<std::string> unset = parameters.plan.unset_posterior_paths();
    if (!unset.empty()) {
      throw InputError(fmt::format(
          "{}: /posterior applies_to {}: experiment {} has no numeric value drawn per trial at "
          "this path (a value of its scenario as --set names it, such as "
          "dynamics.settlement_rate or actors.<id>.resolve.beta.mean)",
          input.file, unset.front(), e.structure));
    }
  }
  // Each path's smallest and largest value must pass the checks --set makes there, so no trial
  // meets a value the scenario would refuse (a beta's mean above 1, a negative cost).
  {
    const ExperimentSpec made = experiment(0);
    const Scenario& first = made.scenario;
    const std::string yaml = emit_scenario_yaml(first);
    for (std::size_t k = 0; k < posterior.applies_to().size(); ++k) {
      double lo = posterior.value(k, 0), hi = lo;
      for (std::size_t j = 0; j < posterior.particles(); ++j) {
        lo = std::min(lo, posterior.value(k, j));
        hi = std::max(hi, posterior.value(k, j));
      }
      for (const double v : {lo, hi}) {
        LoadOptions options;
        options.structure = "";
        options.overrides = {fmt::format("{}={}", posterior.applies_to()[k], v)};
        try {
          load_scenario_text(yaml, first.source, options);
        } catch (const InputError& e) {
          throw InputError(fmt::format("{}: /posterior: a particle's value of {} is refused: {}",
                                       input.file, posterior.applies_to()[k], e.what()));
        }
      }
    }
  }
}

void attach_posterior(const PosteriorInput& input, std::vector<ExperimentSpec>& experiments) {
  check_posterior(input, experiments.size(), [&](std::size_t e) { return experiments[e]; });
  for (ExperimentSpec& e : experiments) e.posterior = input.posterior;
}

}  // namespace detsim::cli
