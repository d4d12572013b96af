// The command line: parses arguments, calls the library, maps failures to exit statuses.
#pragma once

namespace detsim {

// Exit status: 0 success, 2 bad input, 1 failure while running, 128+signal when interrupted.
int run_command_line(int argc, char** argv);

}  // namespace detsim
