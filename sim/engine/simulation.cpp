// Simulation: the experiments of a run sharing one set of columns, and the threaded block loop.
#include "detsim/engine/simulation.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

namespace detsim {

namespace {

bool same_columns(const std::vector<ColumnInfo>& a, const std::vector<ColumnInfo>& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const ColumnInfo& x, const ColumnInfo& y) {
           return x.name == y.name && x.type == y.type;
         });
}

}  // namespace

namespace {

// A run's experiments held whole, as a few structures are.
class HeldExperiments : public ExperimentSource {
 public:
  explicit HeldExperiments(std::vector<ExperimentSpec> experiments)
      : experiments_(std::move(experiments)) {}
  std::size_t size() const override { return experiments_.size(); }
  ExperimentSpec experiment(std::size_t e) const override { return experiments_.at(e); }
  std::string name(std::size_t e) const override { return experiments_.at(e).structure; }

 private:
  std::vector<ExperimentSpec> experiments_;
};

bool same_target(const PrecisionTarget& a, const PrecisionTarget& b) {
  return a.measures == b.measures && a.half_widths == b.half_widths && a.step == b.step &&
         a.where == b.where;
}

// A constant as itself; a distribution as NaN (its draws are /trials param.<path> columns).
double constant_or_nan(const Quantity& q) { return q.is_constant() ? q.value : NAN; }

// /experiments' columns that do not depend on which parameters the experiments vary.
std::vector<ColumnInfo> guarantee_schema(const Scenario& first) {
  std::vector<ColumnInfo> schema{
      {"experiment", ColumnType::i32, "experiment index, as in /trials", ""},
      {"structure", ColumnType::str,
       "the experiment's name: its preset, and in [...] how the scenario departs from it", ""},
      {"preset", ColumnType::str, "the guarantee preset applied: a name, or a file's absolute path",
       ""},
      {"trials", ColumnType::i32, "trials run in the experiment", "count"},
      {"lead", ColumnType::str, "id of the lead guarantor, who takes a preset's lead terms", ""},
      {"collective", ColumnType::i8, "1 if the guarantors are bound together (Article 5)", ""},
      {"cohesion_shift", ColumnType::f64,
       "yearly push on alliance cohesion (NaN: drawn per trial, see /trials)", "per year"}};
  // Every experiment of a run has the same cast (the constructor checks it).
  for (const Actor* g : first.guarantors()) {
    for (const TermInfo& term : kTerms) {
      schema.push_back({"terms." + g->id + "." + std::string(term.key), ColumnType::f64,
                        std::string(term.description) + " (NaN: drawn per trial, see /trials)",
                        std::string(term.unit)});
    }
  }
  return schema;
}

// The numeric columns of an experiment's /experiments row after lead, in guarantee_schema's
// order: collective, cohesion_shift, each guarantor's terms.
std::vector<double> guarantee_values(const ExperimentSpec& experiment) {
  const Scenario& scenario = experiment.scenario;
  std::vector<double> values{scenario.guarantee.collective ? 1.0 : 0.0};
  // A value the posterior sets is drawn per trial, as a distribution's is.
  const Posterior* posterior = experiment.posterior.get();
  const auto shown = [posterior](const Quantity& q, const std::string& path) {
    return posterior && posterior->index_of(path) >= 0 ? NAN : constant_or_nan(q);
  };
  values.push_back(shown(scenario.guarantee.cohesion_shift, "guarantee.cohesion_shift"));
  for (const Actor* g : scenario.guarantors()) {
    for (const TermInfo& term : kTerms) {
      values.push_back(
          shown(g->terms[term.term], "guarantee.terms." + g->id + "." + std::string(term.key)));
    }
  }
  return values;
}

// Equal to the last bit: a guarantee's value is written as the experiment holds it (NaN, -0.0).
bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Where `text` is in `texts`, added at the end if it is not.
std::uint32_t text_index(std::vector<std::string>& texts, const std::string& text) {
  const auto found = std::find(texts.begin(), texts.end(), text);
  if (found != texts.end()) return static_cast<std::uint32_t>(found - texts.begin());
  texts.push_back(text);
  return static_cast<std::uint32_t>(texts.size() - 1);
}

}  // namespace

std::unique_ptr<const ExperimentSource> held_experiments(std::vector<ExperimentSpec> experiments) {
  return std::make_unique<const HeldExperiments>(std::move(experiments));
}

Simulation::Simulation(std::vector<ExperimentSpec> experiments,
                       const std::vector<std::string>& also_recorded)
    : Simulation(held_experiments(std::move(experiments)), also_recorded) {}

Simulation::Simulation(std::unique_ptr<const ExperimentSource> source,
                       const std::vector<std::string>& also_recorded)
    : source_(std::move(source)),
      window_([this](std::size_t e) { return build_model(e); }, source_->size()) {
  const std::size_t count = source_->size();
  if (count == 0) throw std::logic_error("a simulation needs an experiment");
  // One pass, each experiment made, compiled and dropped: the parameters random in any experiment
  // are recorded in all (so the experiments share columns), and each experiment's constants are
  // kept only where they depart from experiment 0's (what /experiments shows it varies).
  // Experiment 0's is kept as its model; the others build no quantile tables (an outline), as
  // their models will when their blocks run.
  BetaTables outline(false);
  std::set<std::string> seen;
  std::optional<TrialParameters> first;
  std::size_t guarantors = 0;
  outlines_.reserve(count);
  for (std::size_t e = 0; e < count; ++e) {
    const ExperimentSpec experiment = source_->experiment(e);
    const Scenario& scenario = experiment.scenario;
    Outline o;
    o.trials = scenario.trials;
    o.record_paths = scenario.record_paths;
    if (scenario.precision) {
      if (targets_.empty() || !same_target(targets_.back(), *scenario.precision)) {
        targets_.push_back(*scenario.precision);
      }
      o.precision = static_cast<std::uint32_t>(targets_.size() - 1);
    }
    o.preset = text_index(texts_, scenario.guarantee.preset);
    const Actor* lead = scenario.lead_guarantor();
    o.lead = text_index(texts_, lead ? lead->id : std::string());
    if (e == 0) {
      guarantee_schema_ = guarantee_schema(scenario);
      guarantors = scenario.guarantors().size();
    } else if (scenario.guarantors().size() != guarantors) {
      throw std::logic_error("experiments of one run must share actors and horizon");
    }
    const std::vector<double> guarantee = guarantee_values(experiment);
    TrialParameters parameters(scenario, e == 0 ? tables_.get() : &outline,
                               experiment.posterior.get());
    for (const RecordedParameter& r : parameters.plan.recorded()) {
      if (seen.insert(r.name).second) recorded_.push_back(r.name);
    }
    if (e == 0) {
      for (const double value : guarantee) constants_.push_back({std::string(), value, false});
      // The guarantee's own (terms, cohesion_shift) have columns of their own in every file.
      for (const RecordedParameter& r : parameters.plan.named()) {
        if (r.random || r.name.starts_with("param.guarantee.")) continue;
        constants_.push_back({r.name, parameters.plan.initial_value(r.slot), false});
      }
    } else if (parameters.horizon_months != first->horizon_months) {
      throw std::logic_error("experiments of one run must share actors and horizon");
    }
    for (std::size_t k = 0; k < guarantee.size(); ++k) {
      if (!same_bits(guarantee[k], constants_[k].value)) {
        departures_.push_back({static_cast<std::uint32_t>(k), guarantee[k]});
      }
    }
    for (std::size_t k = guarantee.size(); k < constants_.size(); ++k) {
      const int slot = parameters.plan.slot_of(constants_[k].parameter);
      const double value = slot >= 0 ? parameters.plan.initial_value(slot) : NAN;
      if (slot >= 0 && value != constants_[k].value) constants_[k].varied = true;
      if (slot < 0 || value != constants_[k].value) {
        departures_.push_back({static_cast<std::uint32_t>(k), value});
      }
    }
    o.departures_end = departures_.size();
    outlines_.push_back(o);
    if (e == 0) first.emplace(std::move(parameters));
  }
  departures_.shrink_to_fit();  // held through the run: not the room its growth left
  // A name this model does not know (a file of another version) is no column of this run.
  for (const std::string& name : also_recorded) {
    if (first->plan.slot_of(name) >= 0 && seen.insert(name).second) recorded_.push_back(name);
  }
  first_ = std::make_shared<const TrialModel>(std::move(*first), recorded_);
}

std::shared_ptr<const TrialModel> Simulation::build_model(std::size_t e) const {
  if (e == 0) return first_;
  // Experiments whose betas have the same constant arguments share their quantile tables.
  const ExperimentSpec experiment = source_->experiment(e);
  auto model = std::make_shared<const TrialModel>(
      TrialParameters(experiment.scenario, tables_.get(), experiment.posterior.get()), recorded_);
  if (!same_columns(model->trial_columns(), first_->trial_columns()) ||
      model->path_months() != first_->path_months()) {
    throw std::logic_error("experiments of one run must share actors and horizon");
  }
  return model;
}

Simulation::~Simulation() = default;

const std::vector<ColumnInfo>& Simulation::trial_columns() const { return first_->trial_columns(); }
const std::vector<ColumnInfo>& Simulation::path_variables() const {
  return first_->path_variables();
}
std::size_t Simulation::path_months() const { return first_->path_months(); }

std::int64_t Simulation::total_trials() const {
  std::int64_t total = 0;
  for (const Outline& o : outlines_) total += o.trials;
  return total;
}

std::int64_t Simulation::recorded_paths() const {
  std::int64_t recorded = 0;
  for (const Outline& o : outlines_) recorded = std::max(recorded, o.record_paths);
  return recorded;
}

const PrecisionTarget* Simulation::precision(std::size_t e) const {
  const std::uint32_t target = outlines_.at(e).precision;
  return target == kNoTarget ? nullptr : &targets_[target];
}

ColumnBlock Simulation::experiments_table() const {
  // The guarantee's columns, and the constant parameters whose value differs between
  // experiments: what the experiments vary.
  std::vector<ColumnInfo> schema = guarantee_schema_;
  std::vector<std::size_t> shown;
  std::size_t guarantee_values = 0;
  for (std::size_t k = 0; k < constants_.size(); ++k) {
    if (constants_[k].parameter.empty()) {
      ++guarantee_values;
      shown.push_back(k);
    } else if (constants_[k].varied) {
      shown.push_back(k);
      schema.push_back({constants_[k].parameter.substr(6), ColumnType::f64,
                        "value of this parameter in the experiment", ""});
    }
  }
  // The guarantee's numbers end guarantee_schema_ (collective onwards), the varied parameters
  // follow them.
  const std::size_t first_value = guarantee_schema_.size() - guarantee_values;
  ColumnBlock table(schema);
  table.resize(outlines_.size());
  std::vector<double> values(constants_.size());
  std::size_t departure = 0;
  for (std::size_t e = 0; e < outlines_.size(); ++e) {
    const Outline& o = outlines_[e];
    table.i32(0)[e] = static_cast<std::int32_t>(e);
    table.str(1)[e] = source_->name(e);
    table.str(2)[e] = texts_[o.preset];
    table.i32(3)[e] = static_cast<std::int32_t>(o.trials);
    table.str(4)[e] = texts_[o.lead];
    for (std::size_t k = 0; k < constants_.size(); ++k) values[k] = constants_[k].value;
    for (; departure < o.departures_end; ++departure) {
      values[departures_[departure].constant] = departures_[departure].value;
    }
    for (std::size_t i = 0; i < shown.size(); ++i) {
      const std::size_t c = first_value + i;
      if (schema[c].type == ColumnType::i8) {
        table.i8(c)[e] = static_cast<std::int8_t>(values[shown[i]]);
      } else {
        table.f64(c)[e] = values[shown[i]];
      }
    }
  }
  return table;
}

void Simulation::shape_buffers(ColumnBlock& trials, PathBlock& paths) const {
  trials = ColumnBlock(trial_columns());
  paths.variables = path_variables();
  paths.months = path_months();
  paths.values.assign(path_variables().size(), {});
  paths.clear_rows();
}

BlockWorker::BlockWorker(const Simulation& simulation)
    : simulation_(simulation),
      state_(std::make_unique<TrialState>()),
      rows_(simulation.path_variables().size()) {
  // One state whatever the number of experiments: fitted to each model as its blocks come (it
  // only grows, so once fitted to the run's largest it never allocates again).
  simulation_.first_->fit_state(*state_);
  simulation_.window_.widen();
}

BlockWorker::~BlockWorker() { simulation_.window_.narrow(); }

void BlockWorker::compute(const TrialBlock& block, std::uint64_t seed, BlockBuffers& out) {
  out.error.clear();
  try {
    const auto e = static_cast<std::size_t>(block.experiment);
    const std::shared_ptr<const TrialModel> held = simulation_.window_.get(e);
    const TrialModel& model = *held;
    model.fit_state(*state_);
    const std::int64_t recorded = simulation_.outlines_[e].record_paths;
    const std::int64_t path_rows =
        std::clamp<std::int64_t>(recorded - block.first_trial, 0, block.trials);
    out.trials.resize(static_cast<std::size_t>(block.trials));
    PathBlock& paths = out.paths;
    paths.experiment.assign(static_cast<std::size_t>(path_rows), block.experiment);
    paths.trial.resize(static_cast<std::size_t>(path_rows));
    for (auto& v : paths.values) v.resize(static_cast<std::size_t>(path_rows) * paths.months);
    for (std::int64_t i = 0; i < block.trials; ++i) {
      const std::int64_t trial = block.first_trial + i;
      // Keyed by (seed, trial) alone: trial t of every experiment draws from the same streams.
      const TrialStreams streams{seed, static_cast<std::uint64_t>(trial)};
      std::span<double* const> path_span;
      if (i < path_rows) {
        paths.trial[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(trial);
        for (std::size_t v = 0; v < rows_.size(); ++v) {
          rows_[v] = paths.values[v].data() + static_cast<std::size_t>(i) * paths.months;
        }
        path_span = rows_;
      }
      model.run(streams, *state_, block.experiment, static_cast<std::int32_t>(trial), out.trials,
                static_cast<std::size_t>(i), path_span);
    }
  } catch (const std::exception& e) {
    // A trial that fails fails its block, and the caller its experiment: the others go on.
    out.error = e.what();
    if (out.error.empty()) out.error = "a trial failed";
  } catch (...) {
    out.error = "a trial failed with an unknown error";
  }
}

BlockPlan Simulation::block_plan(std::int64_t block_size) const {
  std::vector<std::int64_t> counts, steps;
  counts.reserve(outlines_.size());
  steps.reserve(outlines_.size());
  for (const Outline& o : outlines_) {
    counts.push_back(o.trials);
    steps.push_back(o.precision == kNoTarget ? 0 : targets_[o.precision].step);
  }
  return BlockPlan(std::move(counts), block_size, std::move(steps));
}

namespace {

// A buffer a worker fills with one block and the caller drains.
struct Slot {
  enum class State { free, filling, ready } state = State::free;
  std::size_t block = 0;
  BlockBuffers buffers;
};

}  // namespace

RunResult Simulation::run(const RunOptions& options, BlockSink& sink) const {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const BlockPlan blocks = block_plan(options.block_size);  // block by block: block_plan.hpp
  const int threads = std::max(1, options.threads);
  const std::size_t lanes = options.remote ? options.remote->lanes() : 0;
  const std::size_t slots_count = 2 * (static_cast<std::size_t>(threads) + lanes);

  std::vector<Slot> slots(slots_count);
  for (Slot& s : slots) shape_buffers(s.buffers.trials, s.buffers.paths);
  std::mutex mutex;
  std::condition_variable changed;
  // Blocks an earlier run consumed are replayed from the journal, not computed.
  const std::size_t replayed = options.journal ? options.journal->replayable() : 0;
  if (replayed > blocks.size()) throw std::logic_error("a journal of more blocks than the run");
  std::size_t next_block = replayed;  // the next block a worker takes
  std::size_t consumed = replayed;    // blocks the caller has been handed, all in order
  std::exception_ptr failure;
  int workers_running = 0;
  const auto cancelled = [&] { return options.cancel && options.cancel->requested(); };

  // Set when the caller gives up (the sink threw, a trial threw, a thread would not start):
  // workers leave without touching any slot again, so no two can ever fill the same one.
  bool stop = false;
  // Per experiment: its later blocks are not wanted (it met its precision target). Set by the
  // caller, read by workers under the mutex, so they skip such blocks instead of computing them.
  std::vector<char> finished(outlines_.size(), 0);
  std::int64_t trials_total = total_trials();  // less the trials of experiments that stopped

  // A thread that computes blocks here, or (lane >= 0) one that has a remote lane compute them.
  const auto worker = [&](std::ptrdiff_t lane) {
    try {
      std::unique_ptr<BlockWorker> local;
      if (lane < 0) local = std::make_unique<BlockWorker>(*this);
      for (;;) {
        std::size_t b;
        Slot* slot;
        bool skip = false;
        {
          std::unique_lock lock(mutex);
          if (stop || failure || cancelled() || next_block >= blocks.size()) break;
          b = next_block++;
          slot = &slots[b % slots_count];
          // Block b may take its slot once block b - slots_count has been consumed. Waiting for
          // "the slot is free" instead lets a later block (b + slots_count) take it first when
          // this worker is slow to wake, and the caller then waits for b forever.
          changed.wait(lock, [&] { return stop || b < consumed + slots_count; });
          if (stop) break;
          slot->state = Slot::State::filling;
          slot->block = b;
          skip = finished[static_cast<std::size_t>(blocks[b].experiment)] != 0;
        }
        if (skip) {
          // An empty block in its place: the caller drops it unseen, as it would a computed one.
          slot->buffers.clear();
        } else if (local) {
          local->compute(blocks[b], options.seed, slot->buffers);
        } else {
          // A lane that fails (its process died or threw) fails the run, not the block.
          options.remote->compute(static_cast<std::size_t>(lane), blocks[b], options.seed,
                                  slot->buffers);
        }
        {
          std::lock_guard lock(mutex);
          slot->state = Slot::State::ready;  // even on failure, so the caller wakes and sees it
        }
        changed.notify_all();
        // The caller now has this block to consume; meanwhile this worker takes on the sink's
        // share of work that would otherwise fall on the caller alone.
        sink.assist();
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
    }
    {
      std::lock_guard lock(mutex);
      --workers_running;
    }
    changed.notify_all();
  };

  std::vector<std::thread> pool;
  RunResult result;
  result.trials_run.assign(outlines_.size(), 0);
  std::size_t blocks_consumed = 0;
  std::int64_t trials_replayed = 0;
  auto last_report = Clock::now();
  const auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  try {
    for (std::ptrdiff_t t = 0; t < threads + static_cast<std::ptrdiff_t>(lanes); ++t) {
      {
        std::lock_guard lock(mutex);
        ++workers_running;  // counted before it starts, so it cannot leave uncounted
      }
      pool.emplace_back(worker, t < threads ? -1 : t - threads);
    }
    // Every block goes to the sink through here, replayed or computed, in block order. Returns
    // whether the sink was handed it.
    const auto consume = [&](std::size_t b, const BlockBuffers& block) {
      // Blocks are consumed in order whatever the thread count, so which block of a failing
      // experiment fails first, and so what of it the sink has seen, depends on the block size
      // alone. Once failed, or once it has met its precision target, an experiment's later
      // blocks are dropped.
      const TrialBlock at = blocks[b];
      const auto e = static_cast<std::size_t>(at.experiment);
      ++blocks_consumed;
      if (finished[e]) return false;
      if (result.experiment_errors.contains(e)) return false;
      if (!block.error.empty()) {
        result.experiment_errors.emplace(e, block.error);
        sink.failed(at.experiment, result.trials_run[e]);
        return false;
      }
      sink.consume(at, block.trials, block.paths);
      result.trials_completed += at.trials;
      std::int64_t& run = result.trials_run[e];
      run += at.trials;
      const Outline& o = outlines_[e];
      const PrecisionTarget* target = precision(e);
      if (options.stopping && target && run % target->step == 0 && run < o.trials &&
          options.stopping->enough(at.experiment, run)) {
        std::lock_guard lock(mutex);
        finished[e] = 1;
        trials_total -= o.trials - run;
      }
      return true;
    };
    if (replayed > 0) {
      BlockBuffers block;
      shape_buffers(block.trials, block.paths);
      for (std::size_t b = 0; b < replayed; ++b) {
        options.journal->replay(b, block);
        consume(b, block);
      }
      trials_replayed = result.trials_completed;
    }
    BlockBuffers dropped;
    shape_buffers(dropped.trials, dropped.paths);
    for (std::size_t b = replayed; b < blocks.size(); ++b) {
      Slot& slot = slots[b % slots_count];
      {
        std::unique_lock lock(mutex);
        const auto ready = [&] { return slot.state == Slot::State::ready && slot.block == b; };
        // Cancelled, or every worker gone: nobody will run this block.
        const auto abandoned = [&] { return b >= next_block && workers_running == 0; };
        changed.wait(lock, [&] { return failure || ready() || abandoned(); });
        if (failure) std::rethrow_exception(failure);
        if (!ready()) break;
      }
      if (consume(b, slot.buffers)) {
        if (options.journal) options.journal->record(b, slot.buffers);
      } else if (options.journal) {
        // A dropped block is journaled without its trials: a resumed run drops it again.
        dropped.clear();
        dropped.error = slot.buffers.error;
        options.journal->record(b, dropped);
      }
      {
        std::lock_guard lock(mutex);
        slot.state = Slot::State::free;
        ++consumed;
      }
      changed.notify_all();
      if (Clock::now() - last_report > std::chrono::milliseconds(500)) {
        sink.progress(result.trials_completed, trials_replayed, trials_total, seconds());
        last_report = Clock::now();
      }
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (std::thread& t : pool) t.join();
    throw;
  }
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  result.seconds = seconds();
  result.complete = blocks_consumed == blocks.size();
  sink.progress(result.trials_completed, trials_replayed, trials_total, result.seconds);
  return result;
}

}  // namespace detsim
