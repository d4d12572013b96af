// Every experiment reproducible alone: `detsim rerun` gives an experiment's /trials bit for bit;
// each stored resolved scenario runs as is; the root /scenario, run again under the file's
// structures, gives the whole run again.
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;
using Catch::Contains;

namespace {

// Every shipped structure under European lead with a term of the scenario's own, so that names
// carry both kinds of [...] and the resolved scenarios differ from the file in every way there is.
// Blocks of 64 over two threads: the experiments' rows interleave in /trials.
std::filesystem::path run_all(const TempDir& dir) {
  const auto out = dir / "all.h5";
  run_ok({"run",
          kUkraine.string(),
          "--structure",
          "all",
          "--trials",
          "150",
          "--seed",
          "7",
          "--threads",
          "2",
          "--block-size",
          "64",
          "--quiet",
          "--set",
          "actors.united_states.lead=false",
          "--set",
          "actors.european_allies.lead=true",
          "--set",
          "guarantee.terms.united_states.sanctions=0.03",
          "-o",
          out.string()},
         dir);
  return out;
}

}  // namespace

TEST_CASE("rerun identity for every experiment of a --structure all file", "[cli][rerun]") {
  const TempDir dir;
  const auto all = run_all(dir);
  const ColumnBlock experiments = read_table(all, "experiments");
  const ColumnBlock trials = read_table(all, "trials");
  REQUIRE(experiments.rows() == kShippedPresets.size());
  const auto& names = experiments.str(experiments.index_of("structure"));
  for (std::size_t e = 0; e < experiments.rows(); ++e) {
    INFO("experiment " << e << " " << names[e]);
    // By index for some, by name for the others; one thread, other blocks: neither may matter.
    const std::string which = e % 2 == 0 ? std::to_string(e) : names[e];
    const auto out = dir / ("rerun" + std::to_string(e) + ".h5");
    run_ok({"rerun", all.string(), "--experiment", which, "--threads", "1", "--block-size", "37",
            "--quiet", "-o", out.string()},
           dir);
    const ColumnBlock again = read_table(out, "trials");
    const auto& index = again.i32(again.index_of("experiment"));
    CHECK(std::all_of(index.begin(), index.end(), [](std::int32_t x) { return x == 0; }));
    std::string difference;
    const bool same = identical_columns(experiment_trials(trials, static_cast<std::int32_t>(e)),
                                        experiment_trials(again, 0), difference);
    INFO("/trials: " << difference);
    CHECK(same);
    // The new file names the experiment as the old one did, and says where it came from.
    const ColumnBlock one = read_table(out, "experiments");
    CHECK(one.str(one.index_of("structure")) == std::vector<std::string>{names[e]});
    CHECK(one.str(one.index_of("resolved_yaml")).at(0) ==
          experiments.str(experiments.index_of("resolved_yaml"))[e]);
    CHECK_THAT(read_results_info(out).rerun_of,
               Contains(all.string() + " experiment " + std::to_string(e) + " (" + names[e] + ")"));
  }
}

TEST_CASE("rerun keeps a parameter column another experiment of the file drew", "[cli][rerun]") {
  const TempDir dir;
  // A preset whose reversal risk is drawn per trial: under it the parameter is random, under
  // `none` constant, and the file records it for both.
  std::string preset = read_text_file(kSourceDir / "scenarios" / "presets" / "nato_article5.yaml");
  const std::string fixed = "reversal_risk: 0.02";
  std::size_t replaced = 0;
  for (auto at = preset.find(fixed); at != std::string::npos; at = preset.find(fixed, at)) {
    preset.replace(at, fixed.size(), "reversal_risk: {uniform: [0, 0.1]}");
    ++replaced;
  }
  REQUIRE(replaced == 2);
  const auto drawn = dir / "drawn_reversal.yaml";
  write_text_file(drawn, preset);
  const auto all = dir / "two.h5";
  run_ok({"run", kUkraine.string(), "--structure", "none", "--structure", drawn.string(),
          "--trials", "60", "--quiet", "-o", all.string()},
         dir);
  const auto out = dir / "none_again.h5";
  run_ok({"rerun", all.string(), "--experiment", "none", "--quiet", "-o", out.string()}, dir);
  const ColumnBlock again = read_table(out, "trials");
  REQUIRE(again.has_column("param.guarantee.terms.united_states.reversal_risk", ColumnType::f64));
  std::string difference;
  const bool same = identical_columns(experiment_trials(read_table(all, "trials"), 0),
                                      experiment_trials(again, 0), difference);
  INFO("/trials: " << difference);
  CHECK(same);
}

TEST_CASE("each stored resolved scenario runs as is, under its own name", "[cli][rerun]") {
  const TempDir dir;
  const auto all = run_all(dir);
  const ColumnBlock experiments = read_table(all, "experiments");
  const auto& names = experiments.str(experiments.index_of("structure"));
  const auto& yaml = experiments.str(experiments.index_of("resolved_yaml"));
  for (std::size_t e = 0; e < experiments.rows(); ++e) {
    INFO("experiment " << e << " " << names[e]);
    const auto file = dir / ("resolved" + std::to_string(e) + ".yaml");
    write_text_file(file, yaml[e]);
    const auto out = dir / ("resolved" + std::to_string(e) + ".h5");
    run_ok({"run", file.string(), "--trials", "5", "--quiet", "-o", out.string()}, dir);
    const ColumnBlock one = read_table(out, "experiments");
    CHECK(one.str(one.index_of("structure")) == std::vector<std::string>{names[e]});
    CHECK(one.str(one.index_of("lead")) == std::vector<std::string>{"european_allies"});
  }
}

TEST_CASE("the root /scenario, run again under the file's structures, gives the run again",
          "[cli][rerun]") {
  const TempDir dir;
  const auto all = run_all(dir);
  const ColumnBlock experiments = read_table(all, "experiments");
  // The scenario as read (overrides in), not one experiment's: no terms resolved into it.
  const std::string as_read = read_results_info(all).scenario_yaml;
  CHECK_THAT(as_read, Contains("preset: none"));
  CHECK_THAT(as_read, !Contains("defend"));
  write_text_file(dir / "as_read.yaml", as_read);
  std::vector<std::string> args{
      "run", (dir / "as_read.yaml").string(), "--threads", "2", "--quiet", "--block-size", "64",
      "-o",  (dir / "again.h5").string()};
  for (const std::string& preset : experiments.str(experiments.index_of("preset"))) {
    args.insert(args.end(), {"--structure", preset});
  }
  run_ok(args, dir);
  std::string difference;
  const bool trials_same = identical_columns(read_table(all, "trials"),
                                             read_table(dir / "again.h5", "trials"), difference);
  INFO("/trials: " << difference);
  CHECK(trials_same);
  const bool experiments_same =
      identical_columns(experiments, read_table(dir / "again.h5", "experiments"), difference);
  INFO("/experiments: " << difference);
  CHECK(experiments_same);
}

TEST_CASE("rerun refuses an unknown experiment, its own input as output, and a missing file",
          "[cli][rerun]") {
  const TempDir dir;
  const auto all = run_all(dir);
  const auto refused = [&](const std::vector<std::string>& args, const std::string& message) {
    const CommandResult r = run_detsim(args, dir);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit.exited);
    CHECK(r.exit.status == 2);
    CHECK_THAT(r.err, Contains(message));
    CHECK_FALSE(std::filesystem::exists(dir / "out.h5"));
  };
  refused({"rerun", all.string(), "--experiment", "bilateral", "-o", (dir / "out.h5").string()},
          "--experiment bilateral: no experiment of that name or index; the file holds "
          "0 none[united_states.sanctions=0.03], 1 nato_article5[lead=european_allies,");
  refused({"rerun", all.string(), "--experiment", "5", "-o", (dir / "out.h5").string()},
          "--experiment 5: no experiment");
  refused({"rerun", all.string(), "--experiment", "0", "-o", all.string()}, all.string());
  refused({"rerun", (dir / "missing.h5").string(), "--experiment", "0", "-o",
           (dir / "out.h5").string()},
          "missing.h5");
}
