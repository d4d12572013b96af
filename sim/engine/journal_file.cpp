// The journal file: a header, then records (kind, length, payload, CRC-32), appended only.
//   'I' identity: name NUL value NUL ... (first record)
//   'P' a temporary results file a run wrote through (removed by the next run if still there)
//   'B' a block: its index (u64), then the block as block_codec encodes it
#include "detsim/engine/journal_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "detsim/engine/block_codec.hpp"
#include "detsim/error.hpp"

namespace detsim {

namespace {

constexpr char kMagic[8] = {'D', 'E', 'T', 'S', 'I', 'M', 'J', '1'};
constexpr std::size_t kRecordHead = 1 + sizeof(std::uint64_t);
constexpr std::size_t kRecordTail = sizeof(std::uint32_t);

std::uint32_t checksum(const char* data, std::size_t size, std::uint32_t crc = 0) {
  while (size > 0) {
    const auto n = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
    crc = static_cast<std::uint32_t>(crc32(crc, reinterpret_cast<const Bytef*>(data), n));
    data += n;
    size -= n;
  }
  return crc;
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void write_all(int fd, const char* data, std::size_t size, std::uint64_t at,
               const std::filesystem::path& path) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, data, size, static_cast<off_t>(at));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw RunError(
          fmt::format("{}: cannot write the journal: {}", path.string(), std::strerror(errno)));
    }
    data += n;
    size -= static_cast<std::size_t>(n);
    at += static_cast<std::uint64_t>(n);
  }
}

// Reads exactly `size` bytes at `at`; false at the end of the file.
bool read_all(int fd, char* data, std::size_t size, std::uint64_t at) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, data, size, static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
    at += static_cast<std::uint64_t>(n);
  }
  return true;
}

std::vector<char> identity_bytes(const JournalIdentity& identity) {
  std::vector<char> bytes;
  for (const auto& [name, value] : identity) {
    bytes.insert(bytes.end(), name.begin(), name.end());
    bytes.push_back('\0');
    bytes.insert(bytes.end(), value.begin(), value.end());
    bytes.push_back('\0');
  }
  return bytes;
}

JournalIdentity identity_of(const std::vector<char>& bytes) {
  JournalIdentity identity;
  std::size_t at = 0;
  const auto next = [&] {
    const auto* end =
        static_cast<const char*>(std::memchr(bytes.data() + at, 0, bytes.size() - at));
    if (!end) throw std::runtime_error("identity without its end");
    std::string text(bytes.data() + at, end);
    at = static_cast<std::size_t>(end - bytes.data()) + 1;
    return text;
  };
  while (at < bytes.size()) {
    std::string name = next();
    identity.emplace_back(std::move(name), next());
  }
  return identity;
}

// A value short enough to quote in a message, or nothing.
std::string quoted_if_short(const std::string& value) {
  if (value.size() > 60 || value.find('\n') != std::string::npos) return "";
  return " (" + value + ")";
}

// The first difference between the journal's run and this one, or empty.
std::string difference(const JournalIdentity& journal, const JournalIdentity& run) {
  for (const auto& [name, value] : run) {
    const auto it = std::find_if(journal.begin(), journal.end(),
                                 [&](const auto& field) { return field.first == name; });
    if (it == journal.end()) return fmt::format("the interrupted run has no {}", name);
    if (it->second != value) {
      return fmt::format("{} differs: the interrupted run's{}, this run's{}", name,
                         quoted_if_short(it->second), quoted_if_short(value));
    }
  }
  if (journal.size() != run.size()) return "the interrupted run was of other experiments";
  return "";
}

// A temporary file of `out` as ResultsWriter names them: "<out>.XXXXXX.part", beside it.
bool is_temporary_of(const std::filesystem::path& out, const std::string& name) {
  const std::string prefix = out.string() + ".";
  return name.size() == prefix.size() + 6 + 5 && name.starts_with(prefix) &&
         name.ends_with(".part") && name.find('/', prefix.size()) == std::string::npos;
}

}  // namespace

void test_kill_point(const char* name) {
  static const char* wanted = std::getenv("DETSIM_TEST_KILL_AT");
  if (!wanted) return;
  const std::string spec = wanted;
  const std::string point = spec.substr(0, spec.find(':'));
  if (point != name) return;
  static int seen = 0;
  const int at =
      spec.find(':') == std::string::npos ? 1 : std::atoi(spec.c_str() + spec.find(':') + 1);
  if (++seen == at) std::raise(SIGKILL);
}

std::filesystem::path JournalFile::path_for(const std::filesystem::path& out) {
  auto path = out;
  path += ".journal";
  return path;
}

JournalFile::JournalFile(const std::filesystem::path& out, const JournalIdentity& identity,
                         const std::filesystem::path& part, bool resume)
    : out_(out), path_(path_for(out)) {
  read_existing(identity, resume);
  if (resume) remove_unjournaled_leftovers(part);
  if (fd_ < 0) start(identity);
  const std::string name = part.string();
  append('P', std::vector<char>(name.begin(), name.end()));
  if (::fsync(fd_) != 0) {
    throw RunError(
        fmt::format("{}: cannot sync the journal: {}", path_.string(), std::strerror(errno)));
  }
  last_sync_ns_ = now_ns();
}

JournalFile::~JournalFile() {
  if (fd_ >= 0) ::close(fd_);
}

// What a journal holds: every record whose checksum holds, up to the first that does not (the
// one a kill cut short, and anything after it).
struct JournalFile::Scan {
  bool has_identity = false;
  JournalIdentity identity;
  std::vector<std::string> parts;
  std::vector<std::uint64_t> offsets, sizes;
  std::uint64_t end = 0;  // of the last good record

  Scan(int fd, std::uint64_t file_size) {
    char magic[sizeof kMagic];
    if (!read_all(fd, magic, sizeof magic, 0) || std::memcmp(magic, kMagic, sizeof magic) != 0) {
      return;
    }
    end = sizeof magic;
    std::vector<char> payload;
    for (;;) {
      char head[kRecordHead];
      if (!read_all(fd, head, sizeof head, end)) return;
      std::uint64_t length = 0;
      std::memcpy(&length, head + 1, sizeof length);
      if (length > file_size) return;
      payload.resize(length);
      std::uint32_t stored = 0;
      if (!read_all(fd, payload.data(), length, end + kRecordHead) ||
          !read_all(fd, reinterpret_cast<char*>(&stored), sizeof stored,
                    end + kRecordHead + length)) {
        return;
      }
      if (checksum(payload.data(), length, checksum(head, sizeof head)) != stored) return;
      const char kind = head[0];
      if (kind == 'I' && !has_identity) {
        try {
          identity = identity_of(payload);
        } catch (const std::runtime_error&) {
          return;
        }
        has_identity = true;
      } else if (kind == 'P') {
        parts.emplace_back(payload.begin(), payload.end());
      } else if (kind == 'B' && has_identity && length >= sizeof(std::uint64_t)) {
        std::uint64_t block = 0;
        std::memcpy(&block, payload.data(), sizeof block);
        if (block != offsets.size()) return;  // blocks are recorded in order, each once
        offsets.push_back(end + kRecordHead + sizeof block);
        sizes.push_back(length - sizeof block);
      } else {
        return;
      }
      end += kRecordHead + length + kRecordTail;
    }
  }

  // Why a run of `run` cannot go on from this journal, or empty if it can.
  std::string refusal(const JournalIdentity& run) const {
    if (!has_identity) return "it is not a detsim journal, or was damaged before its first block";
    return difference(identity, run);
  }
};

namespace {

// The journal at `path`, never through a link (it is beside OUT, where another user might plant
// one), and only one this user wrote; -1 if there is none.
int open_journal(const std::filesystem::path& path, int flags, std::uint64_t& size) {
  const int fd = ::open(path.c_str(), flags | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return -1;
    throw InputError(fmt::format("{}: cannot open the journal of an earlier run: {}", path.string(),
                                 std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) {
    ::close(fd);
    throw InputError(fmt::format(
        "{}: is not a journal this user wrote (not a regular file of theirs); remove it",
        path.string()));
  }
  size = static_cast<std::uint64_t>(st.st_size);
  return fd;
}

std::string resume_refused(const std::filesystem::path& path, const std::string& why) {
  return fmt::format(
      "{}: --resume: cannot go on from this interrupted run: {}; run without --resume to start "
      "again from the first block",
      path.string(), why);
}

}  // namespace

void JournalFile::check_resumable(const std::filesystem::path& out,
                                  const JournalIdentity& identity) {
  const std::filesystem::path path = path_for(out);
  std::uint64_t size = 0;
  const int fd = open_journal(path, O_RDONLY, size);
  if (fd < 0) return;
  const Scan scan(fd, size);
  ::close(fd);
  const std::string why = scan.refusal(identity);
  if (!why.empty()) throw InputError(resume_refused(path, why));
}

void JournalFile::read_existing(const JournalIdentity& identity, bool resume) {
  std::uint64_t size = 0;
  const int fd = open_journal(path_, O_RDWR, size);
  if (fd < 0) return;
  Scan scan(fd, size);
  // What the earlier runs left: their temporary files (a killed run's .part).
  for (const std::string& name : scan.parts) {
    struct stat left {};
    if (is_temporary_of(out_, name) && ::lstat(name.c_str(), &left) == 0 && S_ISREG(left.st_mode)) {
      ::unlink(name.c_str());
    }
  }
  if (!resume) {
    ::close(fd);
    ::unlink(path_.c_str());
    return;
  }
  const std::string why = scan.refusal(identity);
  if (!why.empty()) {
    ::close(fd);
    throw InputError(resume_refused(path_, why));
  }
  if (::ftruncate(fd, static_cast<off_t>(scan.end)) != 0) {
    const int error = errno;
    ::close(fd);
    throw RunError(fmt::format("{}: cannot cut the journal's damaged end: {}", path_.string(),
                               std::strerror(error)));
  }
  fd_ = fd;
  end_ = scan.end;
  offsets_ = std::move(scan.offsets);
  sizes_ = std::move(scan.sizes);
}

void JournalFile::remove_unjournaled_leftovers(const std::filesystem::path& part) const {
  // A run killed between creating its temporary file and naming it in the journal left one no
  // journal names. This process holds OUT's lock, so no live run is writing any other temporary
  // file of OUT: every other one of this user's is a dead run's.
  std::error_code ec;
  const std::filesystem::path directory =
      out_.has_parent_path() ? out_.parent_path() : std::filesystem::path(".");
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    const std::filesystem::path name = out_.has_parent_path()
                                           ? out_.parent_path() / entry.path().filename()
                                           : entry.path().filename();
    struct stat left {};
    if (name != part && is_temporary_of(out_, name.string()) && ::lstat(name.c_str(), &left) == 0 &&
        S_ISREG(left.st_mode) && left.st_uid == ::geteuid()) {
      ::unlink(name.c_str());
    }
  }
}

void JournalFile::start(const JournalIdentity& identity) {
  // Created exclusively: read_existing removed any earlier journal, so something there now was
  // planted, and is refused rather than followed.
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw RunError(
        fmt::format("{}: cannot create the journal: {}", path_.string(), std::strerror(errno)));
  }
  write_all(fd_, kMagic, sizeof kMagic, 0, path_);
  end_ = sizeof kMagic;
  append('I', identity_bytes(identity));
  // The identity is the largest record by far (a study's every name and digest): its room is
  // not kept through the run for blocks a fraction of its size.
  std::vector<char>().swap(scratch_);
}

void JournalFile::append(char kind, const std::vector<char>& payload) {
  char head[kRecordHead];
  head[0] = kind;
  const std::uint64_t length = payload.size();
  std::memcpy(head + 1, &length, sizeof length);
  const std::uint32_t crc = checksum(payload.data(), payload.size(), checksum(head, sizeof head));
  scratch_.assign(head, head + sizeof head);
  scratch_.insert(scratch_.end(), payload.begin(), payload.end());
  scratch_.insert(scratch_.end(), reinterpret_cast<const char*>(&crc),
                  reinterpret_cast<const char*>(&crc) + sizeof crc);
  write_all(fd_, scratch_.data(), scratch_.size(), end_, path_);
  end_ += scratch_.size();
}

void JournalFile::replay(std::uint64_t b, BlockBuffers& out) {
  if (b >= offsets_.size()) throw std::logic_error("journal: no such block to replay");
  std::vector<char> bytes(sizes_[b]);
  if (!read_all(fd_, bytes.data(), bytes.size(), offsets_[b])) {
    throw RunError(
        fmt::format("{}: the journal was cut short while the run read it", path_.string()));
  }
  try {
    decode_block(bytes, out);
  } catch (const std::runtime_error& e) {
    throw RunError(fmt::format("{}: block {}: {}", path_.string(), b, e.what()));
  }
}

void JournalFile::record(std::uint64_t b, const BlockBuffers& block) {
  std::vector<char> payload(sizeof b);
  std::memcpy(payload.data(), &b, sizeof b);
  encode_block(block, payload);
  char head[kRecordHead];
  head[0] = 'B';
  const std::uint64_t length = payload.size();
  std::memcpy(head + 1, &length, sizeof length);
  if (std::getenv("DETSIM_TEST_KILL_AT")) {
    // A kill in the middle of a record: half of it written, as a killed write(2) could leave it.
    const char* spec = std::getenv("DETSIM_TEST_KILL_AT");
    if (std::strncmp(spec, "journal-record", 14) == 0) {
      write_all(fd_, head, sizeof head, end_, path_);
      write_all(fd_, payload.data(), payload.size() / 2, end_ + sizeof head, path_);
      test_kill_point("journal-record");
    }
  }
  append('B', payload);
  // Written, so a killed process loses nothing; synced once a second, so a power cut loses at
  // most that second.
  if (now_ns() - last_sync_ns_ > 1'000'000'000) {
    ::fdatasync(fd_);
    last_sync_ns_ = now_ns();
  }
}

void JournalFile::remove() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(path_.c_str());
}

}  // namespace detsim
