// run_experiments: every check before the results file is created, so bad input never leaves a
// file behind; a run stopped by a signal leaves one marked incomplete.
#include "experiment_run.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "build_info.hpp"
#include "detsim/engine/cancellation.hpp"
#include "detsim/engine/journal_file.hpp"
#include "detsim/engine/ranks.hpp"
#include "detsim/error.hpp"
#include "detsim/io/output_file.hpp"
#include "detsim/io/results_reader.hpp"
#include "detsim/io/results_writer.hpp"
#include "detsim/model/random_stream.hpp"
#include "detsim/scenario/load.hpp"
#include "detsim/stats/summary.hpp"
#include "precision_rule.hpp"
#include "results_sink.hpp"
#include "run_checks.hpp"
#include "summary_stream.hpp"

namespace detsim::cli {

namespace {

std::vector<std::string> experiment_names(const Simulation& simulation) {
  std::vector<std::string> names;
  names.reserve(simulation.experiment_count());
  for (std::size_t e = 0; e < simulation.experiment_count(); ++e) {
    names.push_back(simulation.name(e));
  }
  return names;
}

// The experiment named by --baseline (default: the first).
std::size_t baseline_index(const std::string& baseline, const std::vector<std::string>& names) {
  if (baseline.empty()) return 0;
  std::string all;
  for (std::size_t e = 0; e < names.size(); ++e) {
    if (names[e] == baseline) return e;
    all += (e ? ", " : "") + names[e];
  }
  throw InputError(fmt::format(
      "--baseline {}: not an experiment of this run; its experiments are {}", baseline, all));
}

// /experiments status and error, known once every block has run.
ColumnBlock status_columns(const RunResult& result, std::size_t experiments) {
  ColumnBlock columns(
      {{"status", ColumnType::str,
        "ok, or failed: a trial of the experiment failed, and its later blocks were not kept", ""},
       {"error", ColumnType::str,
        "why the experiment failed (its first failing trial); empty if ok", ""}});
  columns.resize(experiments);
  for (std::size_t e = 0; e < experiments; ++e) columns.str(0)[e] = "ok";
  for (const auto& [e, error] : result.experiment_errors) {
    columns.str(0)[e] = "failed";
    columns.str(1)[e] = error;
  }
  return columns;
}

// The table `a` with the columns of `b` (as many rows) after its own.
ColumnBlock with_columns(const ColumnBlock& a, const ColumnBlock& b) {
  if (b.columns() == 0) return a;
  std::vector<ColumnInfo> schema = a.schema();
  schema.insert(schema.end(), b.schema().begin(), b.schema().end());
  ColumnBlock joined(schema);
  joined.resize(a.rows());
  for (std::size_t c = 0; c < schema.size(); ++c) {
    const ColumnBlock& from = c < a.columns() ? a : b;
    joined.copy_column(c, from, c < a.columns() ? c : c - a.columns());
  }
  return joined;
}

// Everything that changes what a run writes to /trials, /summary and /paths: a run may go on
// from another's journal only if all of it is equal. Each experiment's resolved scenario enters
// as its digest, not whole: a study of thousands of points would otherwise hold, and journal,
// every text.
JournalIdentity journal_identity(const Simulation& simulation,
                                 const std::vector<std::string>& digests, std::size_t baseline,
                                 const RunOptions& options, const PosteriorInput& posterior) {
  JournalIdentity identity{
      {"detsim build", version_line()},
      {"seed", std::to_string(options.seed)},
      {"posterior", posterior.posterior ? posterior.posterior->digest() : "none"},
      {"block size", std::to_string(options.block_size)},
      {"baseline experiment", std::to_string(baseline)},
      {"number of experiments", std::to_string(simulation.experiment_count())}};
  for (std::size_t e = 0; e < simulation.experiment_count(); ++e) {
    identity.emplace_back(fmt::format("experiment {}'s name", e), simulation.name(e));
    identity.emplace_back(fmt::format("experiment {}'s resolved scenario", e), digests[e]);
  }
  return identity;
}

// A resolved scenario's digest: FNV-1a of its YAML, and its length. The build is part of the
// identity, so a digest never has to match across versions; two texts of one digest would have
// to be made on purpose.
std::string digest_of(const std::string& yaml) {
  return fmt::format("{:016x}, {} bytes", stream_key(yaml), yaml.size());
}

// /summary of a closed file, for a run with tables to print and so many experiments that the
// summary dropped the rows it wrote: a failure to read it back is only warned of, the file
// written being what the run is for (no table then).
ColumnBlock read_summary_back(const std::filesystem::path& out) {
  try {
    return read_table(out, "summary");
  } catch (const std::exception& e) {
    std::cerr << fmt::format("detsim: warning: cannot print the summary table: {}\n", e.what());
    return ColumnBlock();
  }
}

}  // namespace

int run_experiments(ExperimentRun run, const ExecutionArguments& x) {
  std::unique_ptr<const ExperimentSource> source =
      run.generated ? std::move(run.generated) : held_experiments(std::move(run.experiments));
  const Simulation simulation(std::move(source), run.recorded_parameters);
  const std::size_t count = simulation.experiment_count();
  // Every name is made for these checks and dropped: the simulation makes one again when it is
  // needed (the journal's identity, a table, a failure).
  const std::size_t baseline = [&] {
    const std::vector<std::string> names = experiment_names(simulation);
    check_distinct_structures(names);
    return baseline_index(run.baseline, names);
  }();
  const std::int64_t recorded = simulation.recorded_paths();

  RunOptions run_options;
  run_options.threads = x.threads;
  run_options.block_size = x.block_size;
  run_options.seed = run.seed;
  // Under mpirun, the other ranks have read and checked the same experiments; they only compute.
  Ranks& ranks = Ranks::current();
  if (!ranks.leader()) return ranks.serve(simulation, run_options);
  CancellationFlag cancel;
  const std::unique_ptr<RemoteLanes> lanes = ranks.remote_lanes(cancel);
  run_options.remote = lanes.get();
  check_memory(run.source, simulation, run_options);
  const TrialTableLayout layout{simulation.trial_columns(), TrialModel::outcome_labels()};
  const std::vector<Measure> measures = standard_measures(layout.columns, layout.outcome_labels);
  std::vector<std::int64_t> trials;
  trials.reserve(count);
  for (std::size_t e = 0; e < count; ++e) trials.push_back(simulation.trials(e));
  SummaryAccumulator summary(measures, std::move(trials), baseline);
  // Precision targets name measures: checked here, before any file exists.
  PrecisionRule precision(simulation, summary);
  if (precision.any()) run_options.stopping = &precision;
  const std::filesystem::path& out = run.output;
  check_output_path(out, run.inputs);
  // Each experiment's resolved scenario, made when /experiments is written and its digest kept
  // for the journal's identity: made once, never all held.
  std::vector<std::string> digests(count);
  const auto resolved = [&](std::size_t e) {
    std::string yaml = emit_scenario_yaml(simulation.experiment(e).scenario);
    digests[e] = digest_of(yaml);
    return yaml;
  };
  // Refused before anything is created (and checked again under the lock, below): the digests
  // are needed now, so a resumed run makes the texts twice.
  if (x.resume) {
    for (std::size_t e = 0; e < count; ++e) resolved(e);
    JournalFile::check_resumable(
        out, journal_identity(simulation, digests, baseline, run_options, run.posterior));
  }
  if (out.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(out.parent_path(), ec);
    if (ec)
      throw RunError(
          fmt::format("{}: cannot create directory: {}", out.parent_path().string(), ec.message()));
  }
  // From here until the file is closed, SIGINT and SIGTERM only ask the run to stop, so no
  // signal can leave a half-made file behind.
  const SignalScope signals(cancel);
  RunMetadata metadata =
      run_metadata(x.command_line, x.threads, x.block_size, run.seed, std::move(run.scenario_yaml));
  metadata.rerun_of = run.rerun_of;
  if (run.posterior.posterior) {
    std::string source = run.posterior.file;
    for (const auto& [key, text] : run.posterior.attributes.text) {
      if (key == "source") source = text;
    }
    metadata.posterior = fmt::format("{} ({})", source, run.posterior.posterior->digest());
  }
  // /experiments is made for the writer and dropped: a study's thousands of rows are not held
  // through the run.
  ResultsWriter writer(out, metadata,
                       with_columns(simulation.experiments_table(), run.experiment_columns), layout,
                       recorded > 0 ? simulation.path_variables() : std::vector<ColumnInfo>{},
                       recorded > 0 ? simulation.path_months() : 0);
  writer.add_generated_column(
      "experiments",
      {"resolved_yaml", ColumnType::str, "the experiment's fully resolved scenario", ""}, count,
      resolved);
  // Every block the run consumes is kept in OUT.journal until the file is complete, so a killed
  // run can go on (--resume); opened under the lock the writer holds.
  test_kill_point("results-created");
  JournalFile journal(out,
                      journal_identity(simulation, digests, baseline, run_options, run.posterior),
                      writer.temporary_path(), x.resume);
  // The identity and its digests are in the journal now: not held through the run (assigned an
  // empty vector, not {}, which would keep the vector's room).
  digests = std::vector<std::string>();
  test_kill_point("journal-created");
  if (x.resume && !x.quiet && journal.replayable() > 0) {
    std::cerr << fmt::format("detsim: resuming from {}: {} blocks already done\n",
                             journal.path().string(), journal.replayable());
  } else if (x.resume && !x.quiet) {
    std::cerr << fmt::format("detsim: {} holds no completed block: starting from the first\n",
                             journal.path().string());
  }
  run_options.journal = &journal;
  writer.write_table("measures", measures_table(measures));
  if (run.design.columns() > 0) writer.write_table("design", run.design, run.design_attributes);
  // The posterior whole, so that `detsim rerun` draws the same particles without its file.
  if (run.posterior.posterior) {
    writer.write_table("posterior", run.posterior.table, run.posterior.attributes);
  }
  run.experiment_columns = ColumnBlock();
  run.design = ColumnBlock();
  ProgressReport progress(
      progress_style(x.quiet ? ProgressMode::none : x.progress, isatty(STDERR_FILENO)),
      x.progress_interval, stderr);
  RunResult result;
  SummaryStream summary_stream(
      summary,
      [&writer](const ColumnBlock& slice, std::size_t rows) { writer.append_summary(slice, rows); },
      [&precision](std::size_t end) { precision.keep(end); });
  {
    ResultsSink sink(writer, summary, summary_stream, progress);
    run_options.cancel = &cancel;
    result = simulation.run(run_options, sink);
  }
  progress.finish();
  if (result.complete) {
    // Joined in a statement of its own, so that its two parts are gone before it is written: a
    // study's thousands of rows are held once, not twice, while HDF5 converts them.
    const ColumnBlock outcome =
        with_columns(status_columns(result, count), precision.columns(result));
    writer.add_columns("experiments", outcome);
  }
  test_kill_point("before-close");
  // Runs whose tables are printed have too few experiments for a slice to have been written
  // during the run, so the summary still holds every row: printed from them, a completed run
  // does not depend on reading its own file back.
  const bool print_tables = !x.quiet && !run.quiet_tables;
  ColumnBlock printed_summary;
  if (print_tables && summary_stream.written() == 0) printed_summary = summary.table();
  // The rows not written during the run: the last partial slice, and everything from the first
  // unfinished experiment on (stopped, failed or still short of trials at the end).
  writer.close(summary_stream.rest(), result.complete, result.trials_completed);
  // A complete file needs no journal; a run stopped by a signal keeps it, for --resume.
  test_kill_point("after-rename");
  if (result.complete) journal.remove();

  if (print_tables) {
    std::cout << format_structures_table(simulation.experiments_table()) << '\n';
    if (summary_stream.written() > 0) printed_summary = read_summary_back(out);
    if (printed_summary.columns() > 0) {
      std::cout << format_summary_table(printed_summary, experiment_names(simulation));
    }
    std::cout << std::flush;
  }
  if (!result.complete) {
    std::cerr << fmt::format(
        "detsim: stopped by signal {}: {} of {} trials written to {} (marked incomplete)\n",
        cancel.signal(), result.trials_completed, simulation.total_trials(), out.string());
    return 128 + cancel.signal();
  }
  if (const std::size_t failed = result.failed_experiments()) {
    for (const auto& [e, error] : result.experiment_errors) {
      std::cerr << fmt::format("detsim: experiment {} ({}) failed: {}\n", e, simulation.name(e),
                               error);
    }
    std::cerr << fmt::format(
        "detsim: {} of {} experiments failed (status failed in /experiments); the others "
        "completed, written to {}\n",
        failed, count, out.string());
    return kSomeExperimentsFailed;
  }
  if (!x.quiet) {
    std::cerr << fmt::format("detsim: {} trials in {:.1f} s ({:.0f} trials/s) written to {}\n",
                             result.trials_completed, result.seconds,
                             result.seconds > 0 ? result.trials_completed / result.seconds : 0.0,
                             out.string());
  }
  return 0;
}

}  // namespace detsim::cli
