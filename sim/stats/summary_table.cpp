// The summary as text tables, measures down and experiments across: the estimates, then each
// experiment's difference from the baseline; and each experiment's lead and terms.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "detsim/scenario/terms.hpp"
#include "detsim/stats/summary.hpp"

namespace detsim {

namespace {

int decimals_for(double mean, double low, double high) {
  return std::max({std::abs(mean), std::abs(low), std::abs(high)}) >= 100 ? 1 : 3;
}

std::string cell(double mean, double low, double high) {
  if (std::isnan(mean)) return "-";
  const int decimals = decimals_for(mean, low, high);
  if (std::isnan(low)) return fmt::format("{:.{}f}", mean, decimals);
  return fmt::format("{:.{}f} [{:.{}f}, {:.{}f}]", mean, decimals, low, decimals, high, decimals);
}

// A difference reads with its sign; "u" marks one not paired by trial.
std::string difference_cell(double d, double low, double high, bool unpaired) {
  if (std::isnan(d)) return "-";
  const int decimals = decimals_for(d, low, high);
  std::string text = std::isnan(low) ? fmt::format("{:+.{}f}", d, decimals)
                                     : fmt::format("{:+.{}f} [{:+.{}f}, {:+.{}f}]", d, decimals,
                                                   low, decimals, high, decimals);
  return unpaired ? text + " u" : text;
}

// The difference columns, as this program writes them: files written before they were added,
// and damaged ones, get no difference table.
bool has_differences(const ColumnBlock& summary) {
  return summary.has_column("baseline", ColumnType::i32) &&
         summary.has_column("pairing", ColumnType::str) &&
         summary.has_column("difference", ColumnType::f64) &&
         summary.has_column("difference_ci_low", ColumnType::f64) &&
         summary.has_column("difference_ci_high", ColumnType::f64);
}

// Measures down, the given experiments across, cells by (measure, experiment).
std::string grid(const std::string& corner, const std::vector<std::string>& measures,
                 const std::vector<std::size_t>& experiments, const std::vector<std::string>& names,
                 std::map<std::pair<std::string, std::size_t>, std::string>& cells) {
  std::size_t first_width = corner.size();
  for (const auto& m : measures) first_width = std::max(first_width, m.size());
  std::vector<std::size_t> widths;
  for (const std::size_t e : experiments) {
    std::size_t w = e < names.size() ? names[e].size() : 0;
    for (const auto& m : measures) w = std::max(w, cells[{m, e}].size());
    widths.push_back(w);
  }
  std::string out = fmt::format("{:<{}}", corner, first_width);
  for (std::size_t i = 0; i < experiments.size(); ++i) {
    const std::size_t e = experiments[i];
    out += fmt::format("  {:<{}}", e < names.size() ? names[e] : std::to_string(e), widths[i]);
  }
  out += "\n";
  for (const auto& m : measures) {
    out += fmt::format("{:<{}}", m, first_width);
    for (std::size_t i = 0; i < experiments.size(); ++i) {
      out += fmt::format("  {:<{}}", cells[{m, experiments[i]}], widths[i]);
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
  // Measures in first-seen order.
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
  std::vector<std::size_t> all(experiment_names.size());
  for (std::size_t e = 0; e < all.size(); ++e) all[e] = e;
  std::string out = grid("measure", measures, all, experiment_names, cells);

  // One experiment has nothing to compare.
  if (!has_differences(summary) || experiment_names.size() < 2) return out;
  const std::size_t c_base = summary.index_of("baseline"), c_pairing = summary.index_of("pairing"),
                    c_diff = summary.index_of("difference"),
                    c_dlow = summary.index_of("difference_ci_low"),
                    c_dhigh = summary.index_of("difference_ci_high");
  std::size_t baseline = 0;
  std::map<std::pair<std::string, std::size_t>, std::string> differences;
  for (std::size_t r = 0; r < summary.rows(); ++r) {
    baseline = static_cast<std::size_t>(summary.i32(c_base)[r]);
    const auto e = static_cast<std::size_t>(summary.number(c_exp, r));
    differences[{summary.str(c_name)[r], e}] =
        difference_cell(summary.f64(c_diff)[r], summary.f64(c_dlow)[r], summary.f64(c_dhigh)[r],
                        summary.str(c_pairing)[r] == "unpaired");
  }
  std::vector<std::size_t> others;
  for (std::size_t e = 0; e < experiment_names.size(); ++e) {
    if (e != baseline) others.push_back(e);
  }
  const std::string base_name =
      baseline < experiment_names.size() ? experiment_names[baseline] : std::to_string(baseline);
  out += fmt::format(
      "\ndifference from {} [95% interval], paired by trial; u: unpaired (the trials counted "
      "differ)\n",
      base_name);
  out += grid("measure", measures, others, experiment_names, differences);
  return out;
}

std::string format_structures_table(const ColumnBlock& experiments) {
  const auto& schema = experiments.schema();
  const auto has = [&](const std::string& name) {
    return std::any_of(schema.begin(), schema.end(),
                       [&](const ColumnInfo& c) { return c.name == name; });
  };
  // A file written before they were recorded, or a damaged one.
  if (!experiments.has_column("structure", ColumnType::str) ||
      !experiments.has_column("lead", ColumnType::str)) {
    return "";
  }
  const std::size_t n = experiments.rows();
  const std::vector<std::string>& names = experiments.str(experiments.index_of("structure"));
  const std::vector<std::string>& leads = experiments.str(experiments.index_of("lead"));
  std::vector<std::size_t> all(n);
  for (std::size_t e = 0; e < n; ++e) all[e] = e;
  std::vector<std::string> labels{"lead"};
  std::map<std::pair<std::string, std::size_t>, std::string> cells;
  for (std::size_t e = 0; e < n; ++e) cells[{"lead", e}] = leads[e];
  const auto add_numbers = [&](const std::string& column, auto format) {
    if (!has(column)) return;
    const std::size_t c = experiments.index_of(column);
    labels.push_back(column);
    for (std::size_t e = 0; e < n; ++e) cells[{column, e}] = format(experiments.number(c, e));
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
    const auto lead = std::find(ids.begin(), ids.end(), leads.front());
    if (lead != ids.end()) std::rotate(ids.begin(), lead, lead + 1);
  }
  for (const std::string& id : ids) {
    for (const TermInfo& term : kTerms) {
      add_numbers("terms." + id + "." + std::string(term.key), value);
    }
  }
  return grid("structure", labels, all, names, cells);
}

}  // namespace detsim
