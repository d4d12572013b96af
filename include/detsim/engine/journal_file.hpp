// The journal of a run: every block the run has consumed, appended to "<OUT>.journal" as it goes,
// each record with its checksum, so that a run killed at any moment (kill -9, an OOM killer, a
// cluster's time limit) can be resumed (`detsim run ... --resume`) without losing a completed
// block, and ends with the file an uninterrupted run writes. HDF5 cannot promise that of the
// results file itself: a process killed while libhdf5 writes can leave it unreadable.
//
// A record reaches the kernel before the next block is consumed (so a killed process loses none),
// and the disk at most a second later (fsync), so a power cut loses at most the last second; a
// record cut short by either is recognised by its checksum and dropped, with what follows it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "detsim/engine/simulation.hpp"

namespace detsim {

// What must be equal for a run to go on from another's blocks: each name with its value (the
// detsim build, the seed, the block size, each experiment's name and resolved scenario, ...).
using JournalIdentity = std::vector<std::pair<std::string, std::string>>;

class JournalFile : public BlockJournal {
 public:
  // The journal of `out` ("<out>.journal"), opened by the process that holds out's lock (see
  // OutputLock), for the run `identity` names, writing its results through `part` (its temporary
  // file). The temporary files named in an earlier journal there are removed when still present
  // (they are what a killed run left). With `resume`, the earlier journal's blocks are kept for
  // replay when its identity is `identity`; otherwise InputError names the first difference. A
  // journal that cannot be read back (not a journal, damaged before its first block) is refused
  // the same way. Without `resume`, or with no journal there, the journal starts empty. With
  // `resume`, every other temporary file of `out` this user owns is removed too: under out's
  // lock, none can belong to a live run (a run killed before its journal named its file left it).
  JournalFile(const std::filesystem::path& out, const JournalIdentity& identity,
              const std::filesystem::path& part, bool resume);
  ~JournalFile() override;
  JournalFile(const JournalFile&) = delete;
  JournalFile& operator=(const JournalFile&) = delete;

  static std::filesystem::path path_for(const std::filesystem::path& out);
  // The refusals of the constructor with `resume`, without changing anything: so that a run that
  // cannot resume is refused before it creates a file.
  static void check_resumable(const std::filesystem::path& out, const JournalIdentity& identity);

  const std::filesystem::path& path() const { return path_; }
  std::uint64_t replayable() const override { return offsets_.size(); }
  void replay(std::uint64_t b, BlockBuffers& out) override;
  void record(std::uint64_t b, const BlockBuffers& block) override;
  // Once the run is complete and its file in place: the journal is no longer needed.
  void remove();

 private:
  struct Scan;
  void read_existing(const JournalIdentity& identity, bool resume);
  void remove_unjournaled_leftovers(const std::filesystem::path& part) const;
  void start(const JournalIdentity& identity);
  void append(char kind, const std::vector<char>& payload);

  std::filesystem::path out_;
  std::filesystem::path path_;
  int fd_ = -1;
  std::vector<std::uint64_t> offsets_;  // of the replayable blocks' payloads
  std::vector<std::uint64_t> sizes_;
  std::uint64_t end_ = 0;  // where the next record goes
  std::vector<char> scratch_;
  std::int64_t last_sync_ns_ = 0;
};

}  // namespace detsim

namespace detsim {

// For the kill tests only: when the environment variable DETSIM_TEST_KILL_AT is "<name>" (or
// "<name>:<n>", the n-th time, from 1), the process sends itself SIGKILL here, so a test can kill
// a run in a window too short to hit by timing (between creating files, closing and renaming).
void test_kill_point(const char* name);

}  // namespace detsim
