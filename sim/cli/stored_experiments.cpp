// Experiments of a results file by index and name.
#include "stored_experiments.hpp"

#include <fmt/format.h>

#include <charconv>

#include "detsim/error.hpp"

namespace detsim::cli {

std::vector<std::string> experiment_names(const std::string& file, const ColumnBlock& experiments) {
  const auto& index = experiments.i32(experiments.index_of("experiment"));
  const auto& structure = experiments.str(experiments.index_of("structure"));
  std::vector<std::string> names(experiments.rows());
  std::vector<bool> named(experiments.rows(), false);
  for (std::size_t r = 0; r < experiments.rows(); ++r) {
    const std::int32_t e = index[r];
    if (e < 0 || static_cast<std::size_t>(e) >= names.size() || named[e]) {
      throw InputError(fmt::format(
          "{}: /experiments/experiment: row {} holds {}; the rows must number the experiments "
          "0 to {} once each",
          file, r, e, names.size() - 1));
    }
    names[e] = structure[r];
    named[e] = true;
  }
  return names;
}

std::size_t find_experiment(const std::string& file, const std::vector<std::string>& names,
                            const std::string& wanted, std::string_view option) {
  for (std::size_t e = 0; e < names.size(); ++e) {
    if (names[e] == wanted) return e;
  }
  std::size_t number = 0;
  const char* end = wanted.data() + wanted.size();
  const auto [stop, error] = std::from_chars(wanted.data(), end, number);
  if (error == std::errc() && stop == end && number < names.size()) return number;
  std::string known;
  for (std::size_t e = 0; e < names.size(); ++e) {
    known += fmt::format("{}{} {}", e ? ", " : "", e, names[e]);
  }
  throw InputError(fmt::format("{}: {} {}: no experiment of that name or index; the file holds {}",
                               file, option, wanted, known.empty() ? "none" : known));
}

}  // namespace detsim::cli
