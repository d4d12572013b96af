// `detsim compare`: every measure's difference between experiments, within one results file or
// across two, with 95% intervals: paired trial by trial where trial t drew the same random numbers
// on both sides (one file; two files of the same seed), of independent estimates otherwise.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <numeric>

#include "commands.hpp"
#include "crash_guard.hpp"
#include "detsim/error.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/stats/summary.hpp"
#include "stored_experiments.hpp"

namespace detsim::cli {

namespace {

struct StoredRun {
  std::string file;
  ResultsFileInfo info;
  std::vector<std::string> names;  // by experiment index
  ColumnBlock trials;
  std::vector<Measure> measures;                  // the file's own /measures
  std::vector<std::vector<std::size_t>> rows_of;  // each experiment's /trials rows, trial order
};

// Each experiment's rows in trial order; InputError unless its trials are 0, 1, ..., as every run
// (and every run stopped part-way) writes them.
std::vector<std::vector<std::size_t>> rows_by_experiment(const StoredRun& run) {
  const auto& experiment = run.trials.i32(run.trials.index_of("experiment"));
  const auto& trial = run.trials.i32(run.trials.index_of("trial"));
  std::vector<std::vector<std::size_t>> rows(run.names.size());
  for (std::size_t r = 0; r < run.trials.rows(); ++r) {
    const std::int32_t e = experiment[r];
    if (e < 0 || static_cast<std::size_t>(e) >= rows.size()) {
      throw InputError(
          fmt::format("{}: /trials/experiment: row {} holds {}, not an experiment "
                      "of /experiments (0 to {})",
                      run.file, r, e, rows.size() - 1));
    }
    rows[e].push_back(r);
  }
  for (std::size_t e = 0; e < rows.size(); ++e) {
    std::stable_sort(rows[e].begin(), rows[e].end(),
                     [&](std::size_t x, std::size_t y) { return trial[x] < trial[y]; });
    for (std::size_t i = 0; i < rows[e].size(); ++i) {
      if (trial[rows[e][i]] != static_cast<std::int32_t>(i)) {
        throw InputError(
            fmt::format("{}: /trials/trial: the trials of experiment {} ({}) are not "
                        "numbered 0 to {} once each",
                        run.file, e, run.names[e], rows[e].size() - 1));
      }
    }
  }
  return rows;
}

// The file's own measure definitions, as /summary was computed; for a file written before
// /measures existed, this build's definitions for its /trials.
std::vector<Measure> read_measures(const std::string& file, const ColumnBlock& trials) {
  if (!has_group(file, "measures")) {
    return standard_measures(trials.schema(),
                             read_string_array_attribute(file, "trials", "outcome_labels"));
  }
  using C = ColumnType;
  const ColumnBlock table = read_table(file, "measures",
                                       {{"measure", C::str},
                                        {"kind", C::str},
                                        {"description", C::str},
                                        {"column", C::str},
                                        {"transform", C::str},
                                        {"threshold", C::f64},
                                        {"given", C::str},
                                        {"otherwise", C::str}});
  try {
    return measures_from_table(table);
  } catch (const std::invalid_argument& e) {
    throw InputError(file + ": " + e.what());
  }
}

StoredRun read_run(const std::string& file) {
  try {
    StoredRun run{file, read_results_info(file), {}, {}, {}, {}};
    run.names = experiment_names(
        file, read_table(file, "experiments",
                         {{"experiment", ColumnType::i32}, {"structure", ColumnType::str}}));
    run.trials =
        read_table(file, "trials", {{"experiment", ColumnType::i32}, {"trial", ColumnType::i32}});
    run.measures = read_measures(file, run.trials);
    run.rows_of = rows_by_experiment(run);
    return run;
  } catch (const RunError& e) {
    throw InputError(e.what());  // about a file the user named: bad input
  }
}

bool has_numbers(const ColumnBlock& trials, const std::string& name) {
  return trials.has_column(name, ColumnType::f64) || trials.has_column(name, ColumnType::i32) ||
         trials.has_column(name, ColumnType::i8);
}

// The first run's measures that both runs' trials can evaluate.
std::vector<Measure> shared_measures(const StoredRun& first, const StoredRun& second) {
  const auto both_have = [&](const std::string& name) {
    return has_numbers(first.trials, name) && has_numbers(second.trials, name);
  };
  std::vector<Measure> measures;
  for (const Measure& m : first.measures) {
    if (both_have(m.column) && (m.given.empty() || both_have(m.given))) measures.push_back(m);
  }
  return measures;
}

// The trials of (run, experiment) pairs as one block for SummaryAccumulator: experiment k of the
// list becomes experiment k; the measures' columns copied as f64.
ColumnBlock comparison_block(const std::vector<std::pair<const StoredRun*, std::size_t>>& sides,
                             const std::vector<Measure>& measures) {
  std::vector<std::string> columns;
  for (const Measure& m : measures) {
    for (const std::string& name : {m.column, m.given}) {
      if (!name.empty() && std::find(columns.begin(), columns.end(), name) == columns.end()) {
        columns.push_back(name);
      }
    }
  }
  std::vector<ColumnInfo> schema{{"experiment", ColumnType::i32, "", ""},
                                 {"trial", ColumnType::i32, "", ""}};
  for (const std::string& name : columns) schema.push_back({name, ColumnType::f64, "", ""});
  ColumnBlock block(schema);
  std::size_t total = 0;
  for (const auto& [run, e] : sides) total += run->rows_of[e].size();
  block.resize(total);
  std::size_t row = 0;
  for (std::size_t k = 0; k < sides.size(); ++k) {
    const StoredRun& run = *sides[k].first;
    std::vector<std::size_t> source;
    for (const std::string& name : columns) source.push_back(run.trials.index_of(name));
    const auto& rows = run.rows_of[sides[k].second];
    for (std::size_t i = 0; i < rows.size(); ++i, ++row) {
      block.i32(0)[row] = static_cast<std::int32_t>(k);
      block.i32(1)[row] = static_cast<std::int32_t>(i);
      for (std::size_t c = 0; c < columns.size(); ++c) {
        block.f64(c + 2)[row] = run.trials.number(source[c], rows[i]);
      }
    }
  }
  return block;
}

ColumnBlock compare(const std::vector<std::pair<const StoredRun*, std::size_t>>& sides,
                    const std::vector<Measure>& measures, std::size_t baseline, bool paired) {
  std::vector<std::int64_t> trials;
  for (const auto& [run, e] : sides) {
    trials.push_back(static_cast<std::int64_t>(run->rows_of[e].size()));
  }
  SummaryAccumulator summary(measures, trials, baseline, paired);
  summary.add(comparison_block(sides, measures));
  return summary.table();
}

std::string describe(const char* label, const StoredRun& run) {
  return fmt::format("{}: {} (detsim {}, git {}, seed {}, {} trials{})\n", label, run.file,
                     run.info.detsim_version, run.info.git_revision, run.info.seed,
                     run.info.trials_completed, run.info.complete ? "" : ", INCOMPLETE");
}

int compare_within(const StoredRun& run, const std::string& baseline_option) {
  const std::size_t baseline =
      baseline_option.empty() ? 0
                              : find_experiment(run.file, run.names, baseline_option, "--baseline");
  std::vector<std::pair<const StoredRun*, std::size_t>> sides;
  for (std::size_t e = 0; e < run.names.size(); ++e) sides.emplace_back(&run, e);
  const ColumnBlock summary = compare(sides, shared_measures(run, run), baseline, true);
  std::cout << describe("file", run)
            << "every experiment of one run drew the same random numbers for trial t: "
               "differences are paired by trial\n\n"
            << format_summary_table(summary, run.names);
  return 0;
}

int compare_across(const StoredRun& a, const StoredRun& b, const std::string& baseline_option) {
  const bool paired = a.info.seed == b.info.seed;
  const std::vector<Measure> measures = shared_measures(a, b);
  std::string out = describe("A", a) + describe("B", b);
  out += paired ? "same seed: trial t drew the same random numbers in both, so differences are "
                  "paired by trial where both ran the same trials\n"
                : "the seeds differ: the runs' trials are independent, so every difference is "
                  "of independent estimates (u: unpaired)\n";
  for (std::size_t e = 0; e < b.names.size(); ++e) {
    std::size_t base = 0;
    if (!baseline_option.empty()) {
      base = find_experiment(a.file, a.names, baseline_option, "--baseline");
    } else if (const auto same = std::find(a.names.begin(), a.names.end(), b.names[e]);
               same != a.names.end()) {
      base = static_cast<std::size_t>(same - a.names.begin());
    } else if (a.names.size() != 1) {
      throw InputError(
          fmt::format("{}: no experiment named {} to compare B's with; name one "
                      "with --baseline (the file holds {})",
                      a.file, b.names[e], fmt::join(a.names, ", ")));
    }
    const ColumnBlock summary = compare({{&a, base}, {&b, e}}, measures, 0, paired);
    out += fmt::format("\nB {} against A {}\n", b.names[e], a.names[base]);
    out += format_summary_table(summary, {"A " + a.names[base], "B " + b.names[e]});
  }
  std::cout << out;
  return 0;
}

}  // namespace

int compare_command(const CompareArguments& args) {
  // Each file is first read in a child process: libhdf5 crashes or loops on some damaged files,
  // and that must end in a message about the file, not a crash of detsim.
  for (const std::string& file : {args.first, args.second}) {
    if (file.empty()) continue;
    const int status = run_guarded(file, read_deadline(file), [&] {
      read_run(file);
      return 0;
    });
    if (status != 0) return status;
  }
  const StoredRun first = read_run(args.first);
  if (args.second.empty()) return compare_within(first, args.baseline);
  return compare_across(first, read_run(args.second), args.baseline);
}

}  // namespace detsim::cli
