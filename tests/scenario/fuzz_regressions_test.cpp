// Every input kept from fuzzing the scenario loader (tests/fuzz/regressions/scenario/) and every
// seed of its corpus, loaded the way the libFuzzer harness loads it: each must end in a result or
// an InputError, never a crash, a hang or another exception.
#include <fstream>

#include "../fuzz/scenario_input.hpp"
#include "scenario_test_support.hpp"

using namespace detsim;

namespace {

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string bytes_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("inputs kept from fuzzing the scenario loader load or fail cleanly") {
  const std::filesystem::path fuzz = std::filesystem::path(DETSIM_SOURCE_DIR) / "tests" / "fuzz";
  test::TempDir scratch;
  std::size_t replayed = 0;
  for (const char* set : {"regressions/scenario", "corpus/scenario"}) {
    for (const auto& file : files_in(fuzz / set)) {
      INFO(file.string());
      const std::string bytes = bytes_of(file);
      CHECK_NOTHROW(detsim::fuzz::load_scenario_input(
          reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), scratch.path()));
      ++replayed;
    }
  }
  CHECK(replayed >= 15);  // the kept inputs and the seeds are there to replay
}
