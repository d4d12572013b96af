// The block seam MPI and --resume go through: blocks computed by remote lanes (here in-process,
// through the same encoding as between ranks), or replayed from a journal, reach the sink as the
// same rows in the same order as blocks computed by the run's own threads; a failing lane fails
// the run without a hang; a journal file cut in the middle of a record keeps the blocks before.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <stdexcept>

#include "detsim/engine/block_codec.hpp"
#include "detsim/engine/journal_file.hpp"
#include "detsim/error.hpp"
#include "detsim/scenario/load.hpp"
#include "support/collecting_sink.hpp"
#include "support/temp_dir.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

// `also`: more settings of both, as --set takes them.
Simulation two_structures(const std::vector<std::string>& also = {}) {
  LoadOptions options;
  options.overrides = {"trials=700", "output.record_paths=90"};
  options.overrides.insert(options.overrides.end(), also.begin(), also.end());
  const std::string file = std::string(DETSIM_SOURCE_DIR) + "/scenarios/ukraine.yaml";
  options.structure = "nato_article5";
  const Scenario a = load_scenario(file, options);
  options.structure = "none";
  const Scenario b = load_scenario(file, options);
  return Simulation({{"nato_article5", a}, {"none", b}});
}

RunOptions options_with(int threads) {
  RunOptions o;
  o.threads = threads;
  o.block_size = 64;
  o.seed = 42;
  return o;
}

// Lanes that compute in this process, each with its own worker, and pass every block through
// encode_block and decode_block as a rank's block travels. `fail_at`: the call that throws.
class InProcessLanes : public RemoteLanes {
 public:
  InProcessLanes(const Simulation& simulation, std::size_t lanes, int fail_at = -1)
      : fail_at_(fail_at) {
    for (std::size_t l = 0; l < lanes; ++l) {
      workers_.push_back(std::make_unique<BlockWorker>(simulation));
      buffers_.emplace_back();
      simulation.shape_buffers(buffers_.back().trials, buffers_.back().paths);
    }
  }
  std::size_t lanes() const override { return workers_.size(); }
  void compute(std::size_t lane, const TrialBlock& block, std::uint64_t seed,
               BlockBuffers& out) override {
    if (calls_++ == fail_at_) throw RunError("rank 2 failed: out of memory");
    workers_[lane]->compute(block, seed, buffers_[lane]);
    std::vector<char> bytes;
    encode_block(buffers_[lane], bytes);
    decode_block(bytes, out);
  }

 private:
  std::vector<std::unique_ptr<BlockWorker>> workers_;
  std::vector<BlockBuffers> buffers_;
  std::atomic<int> calls_{0};
  int fail_at_;
};

// Equal value for value, a NaN (a quantity undefined in that trial, such as a believed chance
// of honoring where the guarantor is not committed) equal to a NaN.
bool same_values(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i])))) return false;
  }
  return true;
}

// Every column of every block, and every path value, equal.
void check_same(const CollectingSink& a, const CollectingSink& b) {
  REQUIRE(a.blocks.size() == b.blocks.size());
  for (const ColumnInfo& c : a.blocks.front().schema()) {
    INFO("column " << c.name);
    CHECK(same_values(a.column(c.name), b.column(c.name)));
  }
  REQUIRE(a.path_blocks.size() == b.path_blocks.size());
  for (std::size_t k = 0; k < a.path_blocks.size(); ++k) {
    CHECK(a.path_blocks[k].trial == b.path_blocks[k].trial);
    const auto& x = a.path_blocks[k].values;
    const auto& y = b.path_blocks[k].values;
    REQUIRE(x.size() == y.size());
    for (std::size_t v = 0; v < x.size(); ++v) {
      INFO("path block " << k << ", variable " << a.path_blocks[k].variables[v].name);
      CHECK(same_values(x[v], y[v]));
    }
  }
}

// A journal in memory: blocks as encoded bytes.
class MemoryJournal : public BlockJournal {
 public:
  std::uint64_t replayable() const override { return replayable_; }
  void replay(std::uint64_t b, BlockBuffers& out) override { decode_block(records.at(b), out); }
  void record(std::uint64_t b, const BlockBuffers& block) override {
    if (b != records.size()) throw std::logic_error("recorded out of order");
    records.emplace_back();
    encode_block(block, records.back());
  }
  std::vector<std::vector<char>> records;
  std::uint64_t replayable_ = 0;
};

}  // namespace

TEST_CASE("blocks computed by remote lanes reach the sink as the threads' own would") {
  const Simulation simulation = two_structures();
  CollectingSink threads;
  REQUIRE(simulation.run(options_with(2), threads).complete);
  CHECK(threads.column("trial").size() == 1400);
  CHECK(threads.path_blocks.front().rows() > 0);
  for (const std::size_t lanes : {1, 3}) {
    InProcessLanes remote(simulation, lanes);
    RunOptions o = options_with(1);
    o.remote = &remote;
    CollectingSink mixed;
    REQUIRE(simulation.run(o, mixed).complete);
    INFO(lanes << " lanes");
    check_same(threads, mixed);
  }
}

TEST_CASE("a lane that fails fails the run, and every thread and lane is joined") {
  const Simulation simulation = two_structures();
  for (const int fail_at : {0, 5}) {
    InProcessLanes remote(simulation, 2, fail_at);
    RunOptions o = options_with(2);
    o.remote = &remote;
    CollectingSink sink;
    CHECK_THROWS_WITH(simulation.run(o, sink), "rank 2 failed: out of memory");
  }
}

TEST_CASE("a run replaying a journal's first blocks gives the rows of an uninterrupted one") {
  const Simulation simulation = two_structures();
  MemoryJournal journal;
  RunOptions o = options_with(2);
  o.journal = &journal;
  CollectingSink whole;
  REQUIRE(simulation.run(o, whole).complete);
  REQUIRE(journal.records.size() == whole.blocks.size());
  for (const std::uint64_t kept : {std::uint64_t{1}, std::uint64_t{9}, journal.records.size()}) {
    MemoryJournal resumed;
    resumed.records.assign(journal.records.begin(), journal.records.begin() + kept);
    resumed.replayable_ = kept;
    RunOptions again = options_with(3);
    again.journal = &resumed;
    CollectingSink sink;
    REQUIRE(simulation.run(again, sink).complete);
    INFO(kept << " blocks replayed");
    check_same(whole, sink);
    CHECK(resumed.records.size() == journal.records.size());  // the rest recorded after them
  }
}

TEST_CASE("a journal file cut in a record keeps the blocks before it, and refuses another run") {
  const TempDir dir;
  const auto out = dir / "out.h5";
  const Simulation simulation = two_structures();
  const JournalIdentity identity{{"seed", "42"}, {"block size", "64"}};
  CollectingSink whole;
  std::uint64_t blocks = 0;
  {
    JournalFile journal(out, identity, dir / "out.h5.abcdef.part", false);
    RunOptions o = options_with(2);
    o.journal = &journal;
    REQUIRE(simulation.run(o, whole).complete);
    blocks = whole.blocks.size();
  }
  const auto path = JournalFile::path_for(out);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 100);
  // A .part file the journal names is a killed run's leftover: the next run removes it.
  std::ofstream(dir / "out.h5.abcdef.part") << "left by a killed run";
  {
    JournalFile journal(out, identity, dir / "out.h5.ghijkl.part", true);
    CHECK(journal.replayable() == blocks - 1);
    CHECK_FALSE(std::filesystem::exists(dir / "out.h5.abcdef.part"));
    RunOptions o = options_with(1);
    o.journal = &journal;
    CollectingSink resumed;
    REQUIRE(simulation.run(o, resumed).complete);
    check_same(whole, resumed);
  }
  const JournalIdentity other{{"seed", "43"}, {"block size", "64"}};
  CHECK_THROWS_AS(JournalFile::check_resumable(out, other), InputError);
  CHECK_THROWS_WITH(JournalFile(out, other, dir / "out.h5.mnopqr.part", true),
                    Catch::Contains("seed differs"));
  JournalFile fresh(out, other, dir / "out.h5.mnopqr.part", false);
  CHECK(fresh.replayable() == 0);
}

namespace {

// Experiment 0 (nato_article5) has enough after 300 trials; every question asked is kept.
class StopAt300 : public StoppingRule {
 public:
  bool enough(std::int32_t experiment, std::int64_t trials_run) override {
    asked.emplace_back(experiment, trials_run);
    return experiment == 0 && trials_run == 300;
  }
  std::vector<std::pair<std::int32_t, std::int64_t>> asked;
};

}  // namespace

TEST_CASE("an experiment that has enough drops its later blocks, computed, remote or replayed") {
  // A precision target checked every 100 trials (the rule above decides, not the target).
  const Simulation simulation =
      two_structures({"precision={measures: [attacked], half_width: 0.01, step: 100}"});
  StopAt300 rule;
  MemoryJournal journal;
  RunOptions o = options_with(2);
  o.stopping = &rule;
  o.journal = &journal;
  CollectingSink whole;
  const RunResult result = simulation.run(o, whole);
  REQUIRE(result.complete);
  CHECK(result.trials_run == std::vector<std::int64_t>{300, 700});
  CHECK(result.trials_completed == 1000);
  // Asked at each multiple of the step short of the cap, in order, and never again once stopped.
  std::vector<std::pair<std::int32_t, std::int64_t>> expected;
  for (std::int64_t n = 100; n < 700; n += 100) {
    if (n <= 300) expected.emplace_back(0, n);
    expected.emplace_back(1, n);
  }
  std::sort(rule.asked.begin(), rule.asked.end());
  std::sort(expected.begin(), expected.end());
  CHECK(rule.asked == expected);
  const std::vector<double> experiment = whole.column("experiment");
  const std::vector<double> trial = whole.column("trial");
  for (std::size_t r = 0; r < trial.size(); ++r) {
    if (experiment[r] == 0) CHECK(trial[r] < 300);
  }
  // The same rows through remote lanes, and from the journal at any point.
  InProcessLanes remote(simulation, 2);
  StopAt300 again;
  RunOptions lanes = options_with(1);
  lanes.remote = &remote;
  lanes.stopping = &again;
  CollectingSink mixed;
  REQUIRE(simulation.run(lanes, mixed).complete);
  check_same(whole, mixed);
  for (const std::uint64_t kept : {std::uint64_t{3}, std::uint64_t{12}, journal.records.size()}) {
    MemoryJournal resumed;
    resumed.records.assign(journal.records.begin(), journal.records.begin() + kept);
    resumed.replayable_ = kept;
    StopAt300 fresh;
    RunOptions from_journal = options_with(3);
    from_journal.journal = &resumed;
    from_journal.stopping = &fresh;
    CollectingSink sink;
    REQUIRE(simulation.run(from_journal, sink).complete);
    INFO(kept << " blocks replayed");
    check_same(whole, sink);
    CHECK(resumed.records.size() == journal.records.size());
  }
}
