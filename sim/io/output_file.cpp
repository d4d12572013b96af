// The output file's checks, its lock and its temporary name.
#include "detsim/io/output_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "detsim/error.hpp"

namespace detsim {

namespace {

std::string quoted(const std::filesystem::path& path) { return path.string(); }

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISFIFO(mode)) return "a pipe";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

void check_output_path(const std::filesystem::path& out,
                       const std::vector<std::filesystem::path>& inputs) {
  const std::string name = quoted(out);
  const std::string hint = "; -o names the results file to write (a regular file)";
  if (name.empty()) throw InputError("-o: the results file name is empty");
  if (name.back() == '/') throw InputError(name + ": names a directory" + hint);
  struct stat target {};
  if (::stat(name.c_str(), &target) != 0) {
    if (errno == ENOENT) return;  // a new file (its directory may be created too)
    if (errno == ENOTDIR) throw InputError(name + ": a part of the path is not a directory");
    throw InputError(name + ": cannot use as the results file: " + std::strerror(errno));
  }
  if (!S_ISREG(target.st_mode)) throw InputError(name + ": is " + kind_of(target.st_mode) + hint);
  for (const std::filesystem::path& input : inputs) {
    struct stat in {};
    if (::stat(input.c_str(), &in) == 0 && in.st_dev == target.st_dev &&
        in.st_ino == target.st_ino) {
      throw InputError(name + ": is an input of this run (" + quoted(input) +
                       "); writing results there would destroy it");
    }
  }
}

void check_replaceable(const std::filesystem::path& out) {
  struct stat st {};
  if (::lstat(out.c_str(), &st) != 0) return;
  if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
    return;  // a link itself is replaced, not followed
  throw RunError(quoted(out) + ": is " + kind_of(st.st_mode) + " and will not be replaced");
}

OutputLock::OutputLock(const std::filesystem::path& out) {
  path_ = out;
  path_ += ".lock";
  const std::string name = path_.string();
  // A released lock file is removed while another run may have it open: after locking, make sure
  // the file locked is still the one at the path, or the two runs would hold different locks.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = ::open(name.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
      throw RunError(name + ": cannot create the lock file: " + std::strerror(errno));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd);
      if (error == EWOULDBLOCK) {
        throw InputError(quoted(out) + ": another detsim run is writing this file (it holds " +
                         name + "); wait for it to finish or choose another -o");
      }
      throw RunError(name + ": cannot lock: " + std::strerror(error));
    }
    struct stat held {
    }, at_path{};
    if (::fstat(fd, &held) == 0 && ::lstat(name.c_str(), &at_path) == 0 &&
        held.st_dev == at_path.st_dev && held.st_ino == at_path.st_ino) {
      fd_ = fd;
      return;
    }
    ::close(fd);
  }
  throw RunError(name + ": cannot lock: the lock file keeps being replaced");
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  // Unlinked before it is unlocked, so a run that locks it next finds it gone and starts afresh.
  ::unlink(path_.c_str());
  ::close(fd_);
}

std::filesystem::path temporary_name(const std::filesystem::path& out) {
  static constexpr char letters[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device entropy;  // the kernel's random source: unpredictable to another process
  std::uniform_int_distribution<std::size_t> pick(0, sizeof letters - 2);
  std::string suffix = ".";
  for (int i = 0; i < 6; ++i) suffix += letters[pick(entropy)];
  suffix += ".part";
  auto name = out;
  name += suffix;
  return name;
}

}  // namespace detsim
