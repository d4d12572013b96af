// `detsim compare`: differences within one file agree with the run's own /summary; across two
// files they are paired by trial when the seeds agree (and then far narrower) and unpaired when
// they differ; bad choices are refused with the file's experiments listed.
#include <catch2/catch.hpp>

#include <regex>

#include "cli_test_support.hpp"

using namespace detsim::test;

namespace {

// The lines from the first "difference from" to the end.
std::vector<std::string> difference_lines(const std::string& text) {
  const auto lines = lines_of(text);
  const auto first = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
    return l.rfind("difference from", 0) == 0;
  });
  return {first, lines.end()};
}

struct Difference {
  double value, low, high;
  bool unpaired;
};

// The `measure` row of the last difference table in text: "+0.012 [+0.004, +0.020]", with a
// trailing "u" when unpaired.
Difference last_difference(const std::string& text, const std::string& measure) {
  const std::regex row("^" + measure + R"(\s+([-+]\d\.\d+) \[([-+]\d\.\d+), ([-+]\d\.\d+)\]( u)?)");
  std::optional<Difference> found;
  for (const std::string& line : difference_lines(text)) {
    std::smatch m;
    if (std::regex_search(line, m, row)) {
      found = Difference{std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), m[4].matched};
    }
  }
  REQUIRE(found);
  return *found;
}

}  // namespace

TEST_CASE("compare within one file gives the differences the run wrote to /summary",
          "[cli][compare]") {
  const TempDir dir;
  const auto out = dir.path() / "all.h5";
  REQUIRE(run_detsim({"run", kUkraine.string(), "--structure", "all", "--trials", "300",
                      "--baseline", "bilateral_pact", "--quiet", "-o", out.string()},
                     dir)
              .exit.status == 0);
  const CommandResult summarized = run_detsim({"summarize", out.string()}, dir);
  const CommandResult compared =
      run_detsim({"compare", out.string(), "--baseline", "bilateral_pact"}, dir);
  REQUIRE(compared.exit.status == 0);
  const auto expected = difference_lines(summarized.out);
  REQUIRE(expected.size() > 10);
  CHECK(difference_lines(compared.out) == expected);
  CHECK(compared.out.find("paired by trial") != std::string::npos);
}

TEST_CASE("compare across files pairs trials of the same seed and not of different seeds",
          "[cli][compare]") {
  const TempDir dir;
  const auto run = [&](const std::string& name, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"run",
                                  kUkraine.string(),
                                  "--structure",
                                  "bilateral_pact",
                                  "--trials",
                                  "2000",
                                  "--quiet",
                                  "-o",
                                  (dir.path() / name).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    REQUIRE(run_detsim(args, dir).exit.status == 0);
    return (dir.path() / name).string();
  };
  const std::string base = run("base.h5", {});
  const std::string again = run("again.h5", {});
  const std::string costly =
      run("costly.h5", {"--set", "guarantee.terms.united_states.audience_cost=0.3"});
  const std::string other_seed = run(
      "other_seed.h5", {"--seed", "7", "--set", "guarantee.terms.united_states.audience_cost=0.3"});

  SECTION("the same run twice: every paired difference is exactly zero") {
    const CommandResult r = run_detsim({"compare", base, again}, dir);
    REQUIRE(r.exit.status == 0);
    const Difference d = last_difference(r.out, "attacked");
    CHECK_FALSE(d.unpaired);
    CHECK(d.value == 0);
    CHECK(d.low == 0);
    CHECK(d.high == 0);
  }
  SECTION("a somewhat higher audience cost deters more; pairing halves its interval") {
    const CommandResult paired = run_detsim({"compare", base, costly}, dir);
    const CommandResult unpaired = run_detsim({"compare", base, other_seed}, dir);
    REQUIRE(paired.exit.status == 0);
    REQUIRE(unpaired.exit.status == 0);
    const Difference p = last_difference(paired.out, "attacked");
    const Difference u = last_difference(unpaired.out, "attacked");
    CHECK_FALSE(p.unpaired);
    CHECK(u.unpaired);
    CHECK(unpaired.out.find("the seeds differ") != std::string::npos);
    CHECK(p.high < 0);  // fewer attacks, beyond the paired interval
    // Most trials come out the same under 0.25 and 0.3, so the paired difference varies far less
    // than two independent estimates (here about half the width; 0.8 leaves room).
    CHECK(p.high - p.low < 0.8 * (u.high - u.low));
  }
}

TEST_CASE("compare refuses an experiment the files do not hold", "[cli][compare]") {
  const TempDir dir;
  const auto two = (dir.path() / "two.h5").string();
  const auto one = (dir.path() / "one.h5").string();
  REQUIRE(run_detsim({"run", kUkraine.string(), "--structure", "none", "--structure",
                      "nato_article5", "--trials", "50", "--quiet", "-o", two},
                     dir)
              .exit.status == 0);
  REQUIRE(run_detsim({"run", kUkraine.string(), "--structure", "bilateral_pact", "--trials", "50",
                      "--quiet", "-o", one},
                     dir)
              .exit.status == 0);
  const CommandResult unknown = run_detsim({"compare", two, "--baseline", "no_such"}, dir);
  CHECK(unknown.exit.status == 2);
  CHECK(unknown.err.find("--baseline no_such") != std::string::npos);
  CHECK(unknown.err.find("0 none, 1 nato_article5") != std::string::npos);
  // B's bilateral_pact has no namesake among A's two experiments: the user must choose.
  const CommandResult unmatched = run_detsim({"compare", two, one}, dir);
  CHECK(unmatched.exit.status == 2);
  CHECK(unmatched.err.find("--baseline") != std::string::npos);
  CHECK(run_detsim({"compare", two, one, "--baseline", "none"}, dir).exit.status == 0);
}
