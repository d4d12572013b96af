// Running the real detsim binary as a child process, its stdout and stderr captured to files.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace detsim::test {

// How a child ended: exited with a status, or killed by a signal.
struct ChildExit {
  bool exited = false;  // true: `status` is the exit status; false: `signal` killed it
  int status = -1;
  int signal = 0;
};

// A child started with fork/exec, stdin from /dev/null and stdout and stderr written to the given
// files. The destructor kills (SIGKILL) and reaps a child still running, so a failed REQUIRE
// never leaves one behind.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& working_dir,
               const std::filesystem::path& stdout_file, const std::filesystem::path& stderr_file);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void send_signal(int signal) const;
  // Waits up to `timeout`; nothing if the child is still running then.
  std::optional<ChildExit> wait_for(std::chrono::milliseconds timeout);
  // Whether the child has not ended yet (an ended child stays unreaped for wait_for).
  bool running() const;

 private:
  pid_t pid_ = -1;
};

struct CommandResult {
  ChildExit exit;
  std::string out;  // everything the child wrote on stdout
  std::string err;  // and on stderr
};

// Runs argv to completion in working_dir (killed after `timeout`, which fails the result with
// exited = false), capturing stdout and stderr in files under working_dir. The default limit
// only stops a hung child: it is far above what any command of the tests takes in a sanitizer
// build on a machine whose cores are all busy.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::filesystem::path& working_dir,
                          std::chrono::milliseconds timeout = std::chrono::seconds(300));

std::string read_text_file(const std::filesystem::path& path);

}  // namespace detsim::test
