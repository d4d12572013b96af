// Running a read of a damaged file where a crash cannot take detsim down: libhdf5 1.10 itself
// crashes or loops forever on some corrupted files (bad object headers, B-tree cycles), and no
// check short of re-implementing HDF5 can tell all of them in advance.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace detsim::cli {

// Runs `work` in a forked child and returns its exit status. If the child is killed by a signal
// or has not finished after `timeout`, it is ended and InputError says that `file` is damaged.
// The child inherits stdout and stderr; `work` must print only once it has read everything, so a
// crash never leaves half a report. Exceptions inside `work` end the child like app.cpp does:
// InputError and RunError with status 2 (the named file is bad input), others with 1.
int run_guarded(const std::string& file, std::chrono::seconds timeout,
                const std::function<int()>& work);

// How long a read of `file` may take before it is judged to loop: a healthy file reads in well
// under a second; the deadline allows for a slow disk and a busy machine (10 s, plus a second per
// 20 MB).
std::chrono::seconds read_deadline(const std::string& file);

}  // namespace detsim::cli
