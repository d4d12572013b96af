// The summary as a text table, measures down and experiments across.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "detsim/stats/summary.hpp"

namespace detsim {

namespace {

std::string cell(double mean, double low, double high) {
  if (std::isnan(mean)) return "-";
  const int decimals = std::max({std::abs(mean), std::abs(low), std::abs(high)}) >= 100 ? 1 : 3;
  if (std::isnan(low)) return fmt::format("{:.{}f}", mean, decimals);
  return fmt::format("{:.{}f} [{:.{}f}, {:.{}f}]", mean, decimals, low, decimals, high, decimals);
}

}  // namespace

std::string format_summary_table(const ColumnBlock& summary,
                                 const std::vector<std::string>& experiment_names) {
  const std::size_t c_exp = summary.index_of("experiment"), c_name = summary.index_of("outcome"),
                    c_mean = summary.index_of("mean"), c_low = summary.index_of("ci_low"),
                    c_high = summary.index_of("ci_high");
  // Measures in first-seen order, cells by (measure, experiment).
  std::vector<std::string> measures;
  std::map<std::pair<std::string, std::size_t>, std::string> cells;
  for (std::size_t r = 0; r < summary.rows(); ++r) {
    const std::string& name = summary.str(c_name)[r];
    if (std::find(measures.begin(), measures.end(), name) == measures.end()) {
      measures.push_back(name);
    }
    const auto e = static_cast<std::size_t>(summary.number(c_exp, r));
    cells[{name, e}] = cell(summary.f64(c_mean)[r], summary.f64(c_low)[r], summary.f64(c_high)[r]);
  }
  std::size_t first_width = std::string("measure").size();
  for (const auto& m : measures) first_width = std::max(first_width, m.size());
  std::vector<std::size_t> widths;
  for (std::size_t e = 0; e < experiment_names.size(); ++e) {
    std::size_t w = experiment_names[e].size();
    for (const auto& m : measures) w = std::max(w, cells[{m, e}].size());
    widths.push_back(w);
  }
  std::string out = fmt::format("{:<{}}", "measure", first_width);
  for (std::size_t e = 0; e < experiment_names.size(); ++e) {
    out += fmt::format("  {:<{}}", experiment_names[e], widths[e]);
  }
  out += "\n";
  for (const auto& m : measures) {
    out += fmt::format("{:<{}}", m, first_width);
    for (std::size_t e = 0; e < experiment_names.size(); ++e) {
      out += fmt::format("  {:<{}}", cells[{m, e}], widths[e]);
    }
    out += "\n";
  }
  return out;
}

}  // namespace detsim
