// Where a results file may be written: only to a regular file (or a new one) that is not one of
// the run's inputs, one run at a time, through a temporary file nobody can plant in advance.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace detsim {

// Throws InputError (naming `out`) unless `out` may receive a results file: it must not end in
// '/', and must be absent or a regular file (a symbolic link is judged by what it points to) that
// is none of `inputs` (compared by device and inode, so other spellings and hard links count).
void check_output_path(const std::filesystem::path& out,
                       const std::vector<std::filesystem::path>& inputs);

// An advisory lock (flock) on "<out>.lock", held from construction to destruction, so that two
// runs writing the same file cannot interleave: the second is refused with InputError at once.
// The lock file is removed on release; a lock file left by a killed process holds no lock (the
// kernel drops it with the process) and is reused.
class OutputLock {
 public:
  explicit OutputLock(const std::filesystem::path& out);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// "<out>.XXXXXX.part" with six random letters and digits: a name another process cannot predict.
// The caller creates it exclusively (O_EXCL), so a file or symbolic link already there is never
// opened, only a reason to draw another name.
std::filesystem::path temporary_name(const std::filesystem::path& out);

// Throws RunError unless `out` is absent or may be replaced by a rename: a device, directory or
// other non-regular file is never replaced (rename(2) would replace a device node silently).
void check_replaceable(const std::filesystem::path& out);

}  // namespace detsim
