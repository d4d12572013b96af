// `--posterior FILE`: a calibration's posterior read, checked against the run's experiments and
// attached to them, and what the results file keeps of it so that `rerun` can run it again.
// Private to sim/cli.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "detsim/engine/simulation.hpp"
#include "detsim/io/results_writer.hpp"
#include "detsim/model/posterior.hpp"

namespace detsim::cli {

struct PosteriorInput {
  std::string file;  // as given (or the results file a rerun read it from)
  std::shared_ptr<const Posterior> posterior;
  // /posterior as read, with its attributes and source and digest set: copied into the results
  // file, where a rerun finds it.
  ColumnBlock table;
  GroupAttributes attributes;
};

// Reads FILE's /posterior. InputError naming the file and what is wrong: no such file or group,
// a column of the attributes parameters missing or not float64, weights missing, negative or not
// summing to 1 within 1e-9, applies_to not parallel to parameters or naming one path twice.
PosteriorInput read_posterior_input(const std::string& file);

// Checks that each applies_to path is a numeric value drawn per trial in the scenario of each of
// `count` experiments (`experiment(e)` makes experiment e, as a study makes its points when
// asked), and that the posterior's smallest and largest value of each path are values the
// scenario accepts there (as --set checks them). InputError naming the file and the path
// otherwise.
void check_posterior(const PosteriorInput& input, std::size_t count,
                     const std::function<ExperimentSpec(std::size_t)>& experiment);

// check_posterior on experiments held whole, then sets input.posterior on every one.
void attach_posterior(const PosteriorInput& input, std::vector<ExperimentSpec>& experiments);

// The paths the posterior sets, for a study to refuse a factor on one of them.
bool posterior_sets(const PosteriorInput& input, const std::string& path);

// A --set of a path the posterior sets would be silently overridden in every trial: refused
// (InputError), naming the override and the file.
void check_overrides(const PosteriorInput& input, const std::vector<std::string>& overrides);

}  // namespace detsim::cli
