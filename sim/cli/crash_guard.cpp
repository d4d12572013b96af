// fork, wait with a deadline, and turn a crash of the child into a message about the file.
#include "crash_guard.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <thread>

#include "detsim/error.hpp"

namespace detsim::cli {

namespace {

[[noreturn]] void leave(int status) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  _exit(status);  // no exit handlers: they belong to the parent
}

}  // namespace

int run_guarded(const std::string& file, std::chrono::seconds timeout,
                const std::function<int()>& work) {
  std::cout.flush();
  std::cerr.flush();
  const pid_t child = fork();
  if (child < 0)
    throw RunError(std::string("cannot start a process to read the file: ") + std::strerror(errno));
  if (child == 0) {
    try {
      leave(work());
    } catch (const InputError& e) {
      std::cerr << e.what() << '\n';
    } catch (const RunError& e) {
      std::cerr << e.what() << '\n';
    } catch (const std::exception& e) {
      std::cerr << "detsim: internal error: " << e.what() << '\n';
      leave(1);
    }
    leave(2);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto pause = std::chrono::microseconds(200);
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (done < 0 && errno != EINTR) throw RunError(std::string("waitpid: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      throw InputError(file + ": damaged: reading it had not finished after " +
                       std::to_string(timeout.count()) +
                       " s (the HDF5 library loops on it); it cannot be read");
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(20000));
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  const int signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  throw InputError(file + ": damaged: the HDF5 library crashed reading it (signal " +
                   std::to_string(signal) + ", " + strsignal(signal) + "); it cannot be read");
}

std::chrono::seconds read_deadline(const std::string& file) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  return std::chrono::seconds(10 + (error ? 0 : size / (20 << 20)));
}

}  // namespace detsim::cli
