// `detsim schema` prints the shipped schema, byte for byte, so the shipped file cannot drift
// from the loader's tables (scripts/update_schema.sh regenerates it).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "cli_test_support.hpp"

using namespace detsim::test;

TEST_CASE("detsim schema prints scenarios/detsim-scenario.schema.json", "[cli][schema]") {
  const TempDir dir;
  const CommandResult result = run_detsim({"schema"}, dir);
  REQUIRE(result.exit.exited);
  CHECK(result.exit.status == 0);
  CHECK(result.err.empty());
  std::ifstream shipped(kSourceDir / "scenarios" / "detsim-scenario.schema.json");
  REQUIRE(shipped);
  std::ostringstream text;
  text << shipped.rdbuf();
  INFO("regenerate it with scripts/update_schema.sh");
  CHECK(result.out == text.str());
}
