// Bad input is refused with exit status 2 and a message that locates it, before any results file
// is created: neither OUT nor a temporary file beside it appears, and an OUT already there is left
// as it was.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>

#include "cli_test_support.hpp"

using namespace detsim;
using namespace detsim::test;

namespace {

// Runs `detsim run ARGS -o OUT` twice: with no OUT, then with OUT holding an earlier run's
// results. Both must fail with status 2 and touch nothing. Returns the stderr of the first.
std::string expect_rejected(const TempDir& dir, std::vector<std::string> args) {
  const auto out = dir / "out.h5";
  args.insert(args.end(), {"-o", out.string()});

  const CommandResult fresh = run_detsim(args, dir);
  INFO("stderr: " << fresh.err);
  REQUIRE(fresh.exit.exited);
  CHECK(fresh.exit.status == 2);
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(files_beside(out).empty());
  CHECK_FALSE(fresh.err.empty());

  const CommandResult earlier =
      run_detsim({"run", kInterfaceExample.string(), "--quiet", "-o", out.string()}, dir);
  REQUIRE(earlier.exit.exited);
  REQUIRE(earlier.exit.status == 0);
  const std::string bytes = read_text_file(out);
  const CommandResult again = run_detsim(args, dir);
  REQUIRE(again.exit.exited);
  CHECK(again.exit.status == 2);
  CHECK(read_text_file(out) == bytes);
  CHECK(files_beside(out).empty());
  CHECK(again.err == fresh.err);
  return fresh.err;
}

// Where `token` starts in `text`, as 1-based line and column.
std::pair<int, int> position_of(const std::string& text, const std::string& token) {
  const std::size_t at = text.find(token);
  REQUIRE(at != std::string::npos);
  const std::size_t line_start =
      text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  return {line, static_cast<int>(at - line_start) + 1};
}

// The FILE:LINE:COL at the start of a message about `file`; {-1, -1} if there is none.
std::pair<int, int> located(const std::string& message, const std::filesystem::path& file) {
  std::string prefix = file.string();
  prefix += ':';
  if (message.rfind(prefix, 0) != 0) return {-1, -1};
  std::smatch m;
  const std::string rest = message.substr(prefix.size());
  if (!std::regex_search(rest, m, std::regex(R"(^(\d+):(\d+): )"))) return {-1, -1};
  return {std::stoi(m[1]), std::stoi(m[2])};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a bad scenario file exits 2 with FILE:LINE:COL naming the field and writes nothing",
          "[cli][bad-input]") {
  const TempDir dir;
  const std::string good = read_text_file(kInterfaceExample);
  const auto file = dir / "bad.yaml";

  // Each edit of the good example, the text the message must point at, and what it must say.
  struct Case {
    std::string from, to, token;
    std::vector<std::string> says;
  };
  Case c;
  SECTION("unknown key, with a did-you-mean hint") {
    c = {"    war_cost: 2.0",
         "    war_kost: 2.0",
         "war_kost",
         {"actors.russia.war_kost", "did you mean 'war_cost'"}};
  }
  SECTION("out-of-range value") {
    c = {"resolve: {beta: {mean: 0.6,",
         "resolve: {beta: {mean: 1.4,",
         "1.4",
         {"actors.russia.resolve.beta.mean", "1.4"}};
  }
  SECTION("wrong type") {
    c = {
        "capability: 2.5", "capability: lots", "lots", {"actors.united_states.capability", "lots"}};
  }
  SECTION("a value outside its set") {
    c = {"role: guarantor\n    lead: true",
         "role: guardian\n    lead: true",
         "guardian",
         {"actors.united_states.role", "guardian"}};
  }
  const std::string bad = replaced(good, c.from, c.to);
  write_text_file(file, bad);
  const std::string err = expect_rejected(dir, {"run", file.string()});
  CHECK(located(err, file) == position_of(bad, c.token));
  for (const std::string& part : c.says) {
    INFO("message should contain: " << part);
    CHECK(contains(err, part));
  }
}

TEST_CASE("a YAML syntax error exits 2 with FILE:LINE:COL and writes nothing", "[cli][bad-input]") {
  const TempDir dir;
  const auto file = dir / "broken.yaml";
  const std::string bad = replaced(read_text_file(kInterfaceExample), "stake: 1.0", "stake: [1.0");
  write_text_file(file, bad);
  const std::string err = expect_rejected(dir, {"run", file.string()});
  INFO(err);
  // The parser notices the unclosed bracket where it stops: on its line or the next.
  const auto [line, col] = located(err, file);
  const int opened = position_of(bad, "[1.0").first;
  CHECK(line >= opened);
  CHECK(line <= opened + 1);
  CHECK(col >= 1);
}

TEST_CASE("a missing scenario file exits 2 naming the file and writes nothing",
          "[cli][bad-input]") {
  const TempDir dir;
  const auto file = dir / "no_such_scenario.yaml";
  const std::string err = expect_rejected(dir, {"run", file.string()});
  CHECK(err.rfind(file.string() + ":", 0) == 0);
  CHECK(contains(err, "No such file"));
}

TEST_CASE("a bad --structure, --set or option exits 2 naming it and writes nothing",
          "[cli][bad-input]") {
  const TempDir dir;
  const std::string scenario = kInterfaceExample.string();
  std::vector<std::string> args;
  std::vector<std::string> says;
  SECTION("unknown preset via --structure") {
    args = {"run", scenario, "--structure", "nato_artikel5"};
    says = {"--structure nato_artikel5", "unknown preset", "nato_article5"};
  }
  SECTION("unknown preset among several, with --structure all") {
    args = {"run", scenario, "--structure", "all", "--structure", "nato_artikel5"};
    says = {"--structure nato_artikel5", "unknown preset"};
  }
  SECTION("--set without '='") {
    args = {"run", scenario, "--set", "actors.russia.war_cost"};
    says = {"--set actors.russia.war_cost", "="};
  }
  SECTION("--set to an unknown key") {
    args = {"run", scenario, "--set", "actors.russia.war_kost=3"};
    says = {"--set actors.russia.war_kost=3", "did you mean 'war_cost'"};
  }
  SECTION("--set to a value out of range") {
    args = {"run", scenario, "--set", "actors.russia.war_cost=-3"};
    says = {"--set actors.russia.war_cost=-3", "actors.russia.war_cost", "-3"};
  }
  SECTION("--set to a value that is not YAML") {
    args = {"run", scenario, "--set", "actors.russia.resolve={beta: ["};
    says = {"--set actors.russia.resolve={beta: [", "YAML"};
  }
  SECTION("--threads abc") {
    args = {"run", scenario, "--threads", "abc"};
    says = {"--threads", "abc"};
  }
  SECTION("--seed -1") {
    args = {"run", scenario, "--seed", "-1"};
    says = {"--seed", "non-negative integer", "-1"};
  }
  SECTION("--trials 0") {
    args = {"run", scenario, "--trials", "0"};
    says = {"--trials"};
  }
  SECTION("an unknown flag") {
    args = {"run", scenario, "--frobnicate"};
    says = {"--frobnicate"};
  }
  SECTION("no scenario") {
    args = {"run"};
    says = {"scenario"};
  }
  const std::string err = expect_rejected(dir, args);
  for (const std::string& part : says) {
    INFO("message should contain: " << part);
    CHECK(contains(err, part));
  }
}

TEST_CASE("validate prints ok for a good file and exits 0", "[cli][validate]") {
  const TempDir dir;
  const CommandResult r = run_detsim({"validate", kInterfaceExample.string()}, dir);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 0);
  CHECK(r.out.rfind(kInterfaceExample.string() + ": ok", 0) == 0);
  CHECK(r.err.empty());
}

TEST_CASE("validate checks every file and exits 2 naming the bad one with FILE:LINE:COL",
          "[cli][validate]") {
  const TempDir dir;
  const auto bad = dir / "bad.yaml";
  const std::string text =
      replaced(read_text_file(kInterfaceExample), "    war_cost: 2.0", "    war_kost: 2.0");
  write_text_file(bad, text);
  const CommandResult r =
      run_detsim({"validate", kInterfaceExample.string(), bad.string(), kUkraine.string()}, dir);
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit.exited);
  CHECK(r.exit.status == 2);
  // The good files before and after the bad one are still checked and reported.
  CHECK(contains(r.out, kInterfaceExample.string() + ": ok"));
  CHECK(contains(r.out, kUkraine.string() + ": ok"));
  CHECK_FALSE(contains(r.out, bad.string()));
  CHECK(located(r.err, bad) == position_of(text, "war_kost"));
  CHECK(contains(r.err, "did you mean 'war_cost'"));
}
