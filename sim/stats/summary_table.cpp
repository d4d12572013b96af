// The summary, and each experiment's lead and terms, as text tables: rows down, experiments across.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "detsim/scenario/terms.hpp"
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

namespace {

// Rows down, experiments across: a label column headed `first_header`, then one column per
// experiment headed by its name, each as wide as its widest cell.
std::string aligned_table(const std::string& first_header, const std::vector<std::string>& labels,
                          const std::vector<std::vector<std::string>>& cells,
                          const std::vector<std::string>& experiment_names) {
  std::size_t first_width = first_header.size();
  for (const auto& label : labels) first_width = std::max(first_width, label.size());
  std::vector<std::size_t> widths;
  for (std::size_t e = 0; e < experiment_names.size(); ++e) {
    std::size_t w = experiment_names[e].size();
    for (const auto& row : cells) w = std::max(w, row[e].size());
    widths.push_back(w);
  }
  std::string out = fmt::format("{:<{}}", first_header, first_width);
  for (std::size_t e = 0; e < experiment_names.size(); ++e) {
    out += fmt::format("  {:<{}}", experiment_names[e], widths[e]);
  }
  out += "\n";
  for (std::size_t r = 0; r < labels.size(); ++r) {
    out += fmt::format("{:<{}}", labels[r], first_width);
    for (std::size_t e = 0; e < experiment_names.size(); ++e) {
      out += fmt::format("  {:<{}}", cells[r][e], widths[e]);
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string format_summary_table(const ColumnBlock& summary,
                                 const std::vector<std::string>& experiment_names) {
  const std::size_t c_exp = summary.index_of("experiment"), c_name = summary.index_of("outcome"),
                    c_mean = summary.index_of("mean"), c_low = summary.index_of("ci_low"),
                    c_high = summary.index_of("ci_high");
  // Measures in first-seen order, cells by (measure, experiment).
  std::vector<std::string> measures;
  std::vector<std::vector<std::string>> cells;
  for (std::size_t r = 0; r < summary.rows(); ++r) {
    const std::string& name = summary.str(c_name)[r];
    const auto found = std::find(measures.begin(), measures.end(), name);
    const auto row = static_cast<std::size_t>(found - measures.begin());
    if (found == measures.end()) {
      measures.push_back(name);
      cells.emplace_back(experiment_names.size());
    }
    const auto e = static_cast<std::size_t>(summary.number(c_exp, r));
    if (e < experiment_names.size()) {
      cells[row][e] = cell(summary.f64(c_mean)[r], summary.f64(c_low)[r], summary.f64(c_high)[r]);
    }
  }
  return aligned_table("measure", measures, cells, experiment_names);
}

std::string format_structures_table(const ColumnBlock& experiments) {
  const auto& schema = experiments.schema();
  const auto has = [&](const std::string& name) {
    return std::any_of(schema.begin(), schema.end(),
                       [&](const ColumnInfo& c) { return c.name == name; });
  };
  if (!has("structure") || !has("lead")) return "";  // a file written before they were recorded
  const std::size_t n = experiments.rows();
  std::vector<std::string> names = experiments.str(experiments.index_of("structure"));
  std::vector<std::string> labels{"lead"};
  std::vector<std::vector<std::string>> cells{experiments.str(experiments.index_of("lead"))};
  const auto add_numbers = [&](const std::string& column, auto format) {
    if (!has(column)) return;
    const std::size_t c = experiments.index_of(column);
    labels.push_back(column);
    cells.emplace_back();
    for (std::size_t e = 0; e < n; ++e) cells.back().push_back(format(experiments.number(c, e)));
  };
  add_numbers("collective", [](double x) { return std::string(x != 0 ? "yes" : "no"); });
  // Shortest exact form; NaN is a value drawn per trial.
  const auto value = [](double x) { return std::isnan(x) ? "drawn" : fmt::format("{}", x); };
  add_numbers("cohesion_shift", value);
  // terms.<id>.<term>: the first experiment's lead, then the other guarantors by id, each one's
  // terms in the order of kTerms. Not the table's column order: a file lists its columns
  // alphabetically, so that order would make `summarize` differ from the run that wrote the file.
  std::vector<std::string> ids;
  for (const ColumnInfo& column : schema) {
    if (!column.name.starts_with("terms.")) continue;
    const std::string id = column.name.substr(6, column.name.rfind('.') - 6);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  if (n > 0) {
    const auto lead = std::find(ids.begin(), ids.end(), cells.front().front());
    if (lead != ids.end()) std::rotate(ids.begin(), lead, lead + 1);
  }
  for (const std::string& id : ids) {
    for (const TermInfo& term : kTerms)
      add_numbers("terms." + id + "." + std::string(term.key), value);
  }
  return aligned_table("structure", labels, cells, names);
}

}  // namespace detsim
