// summarize, presets, --version and --help.
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "detsim/io/results_reader.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("summarize prints the same table as the run that wrote the file", "[cli][summarize]") {
  const TempDir dir;
  const auto out = dir / "two.h5";
  // Two experiments, so the columns of the table must also come out in the same order.
  const CommandResult run = run_detsim({"run", kUkraine.string(), "--trials", "200", "--structure",
                                        "nato_article5", "--structure", "none", "-o", out.string()},
                                       dir);
  REQUIRE(run.exit.exited);
  REQUIRE(run.exit.status == 0);
  const CommandResult sum = run_detsim({"summarize", out.string()}, dir);
  INFO("stderr: " << sum.err);
  REQUIRE(sum.exit.exited);
  CHECK(sum.exit.status == 0);

  const auto printed = summary_table_lines(run.out);
  const auto summarized = summary_table_lines(sum.out);
  REQUIRE(printed.size() > 1);
  CHECK(printed.front().find("nato_article5") < printed.front().find("none"));
  CHECK(summarized == printed);
  // And the table of what each experiment runs, above it, from /experiments.
  const auto structures = [](const std::string& text) {
    std::vector<std::string> table;
    for (const std::string& line : lines_of(text)) {
      if (line.rfind("structure ", 0) == 0 || (!table.empty() && !line.empty())) {
        table.push_back(line);
      } else if (!table.empty()) {
        break;
      }
    }
    return table;
  };
  // structure, lead, collective, cohesion_shift, 6 terms for each of 2 guarantors
  REQUIRE(structures(run.out).size() == 16);
  CHECK(structures(sum.out) == structures(run.out));
  // The line above the table says which file, version and seed.
  const std::string first = lines_of(sum.out).at(0);
  CHECK(first.rfind(out.string() + ":", 0) == 0);
  CHECK(contains(first, read_results_info(out).detsim_version));
  CHECK(contains(first, "seed 20261126"));
  CHECK(contains(first, "400 trials"));
  CHECK_FALSE(contains(first, "INCOMPLETE"));
}

TEST_CASE("summarize of a missing or non-HDF5 file fails naming the file", "[cli][summarize]") {
  const TempDir dir;
  auto file = dir / "absent.h5";
  SECTION("missing") {}
  SECTION("not HDF5") {
    file = dir / "not_results.h5";
    write_text_file(file, "this is not an HDF5 file\n");
  }
  const CommandResult r = run_detsim({"summarize", file.string()}, dir);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit.exited);
  // A results file the user names that cannot be read is bad input: status 2.
  CHECK(r.exit.status == 2);
  CHECK(contains(r.err, file.string()));
  CHECK(r.out.empty());
}

TEST_CASE("presets lists the five shipped presets with their terms", "[cli][presets]") {
  const TempDir dir;
  const CommandResult r = run_detsim({"presets"}, dir);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 0);
  const auto lines = lines_of(r.out);
  std::vector<std::string> listed;
  for (const std::string& line : lines) {
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos && !line.empty() && line[0] != ' ' &&
        line.rfind("presets in ", 0) != 0) {
      listed.push_back(line.substr(0, colon));
    }
  }
  CHECK(listed == kShippedPresets);
  CHECK(contains(r.out, "defend 0.5, audience_cost 0.35"));  // nato_article5's lead
  // Whom each was written for, and what another lead makes of it.
  CHECK(contains(r.out,
                 "none: no promise from any guarantor; the target stands alone\n  written "
                 "for any lead\n"));
  CHECK(contains(r.out,
                 "\n  written for united_states as lead (another lead runs as "
                 "bilateral_pact[lead=ID])\n"));
}

TEST_CASE("the --version flag prints 'detsim ' and the version the results files record",
          "[cli][help]") {
  const TempDir dir;
  const CommandResult r = run_detsim({"--version"}, dir);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 0);
  REQUIRE(r.out.rfind("detsim ", 0) == 0);
  const auto out = dir / "v.h5";
  REQUIRE(run_detsim({"run", kInterfaceExample.string(), "--quiet", "-o", out.string()}, dir)
              .exit.status == 0);
  CHECK(r.out.rfind("detsim " + read_results_info(out).detsim_version + " ", 0) == 0);
}

TEST_CASE("the --help flags of detsim and run exit 0 and name the subcommands and options",
          "[cli][help]") {
  const TempDir dir;
  const CommandResult top = run_detsim({"--help"}, dir);
  REQUIRE(top.exit.exited);
  CHECK(top.exit.status == 0);
  for (const std::string word : {"run", "rerun", "validate", "summarize", "presets", "--version"}) {
    INFO(word);
    CHECK(contains(top.out, word));
  }
  const CommandResult run = run_detsim({"run", "--help"}, dir);
  REQUIRE(run.exit.exited);
  CHECK(run.exit.status == 0);
  for (const std::string option : {"--output", "--trials", "--seed", "--threads", "--set",
                                   "--structure", "--quiet", "--block-size"}) {
    INFO(option);
    CHECK(contains(run.out, option));
  }
  const CommandResult rerun = run_detsim({"rerun", "--help"}, dir);
  REQUIRE(rerun.exit.exited);
  CHECK(rerun.exit.status == 0);
  for (const std::string option :
       {"--experiment", "--output", "--threads", "--quiet", "--block-size", "--progress"}) {
    INFO("rerun " << option);
    CHECK(contains(rerun.out, option));
  }
  for (const std::string sub : {"validate", "summarize", "presets"}) {
    const CommandResult help = run_detsim({sub, "--help"}, dir);
    INFO(sub << " --help");
    REQUIRE(help.exit.exited);
    CHECK(help.exit.status == 0);
    CHECK(contains(help.out, "Usage"));
  }
}
