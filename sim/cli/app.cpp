// Placeholder until the command line lands.
#include "detsim/cli/app.hpp"

namespace detsim {
int run_command_line(int, char**) { return 0; }
}  // namespace detsim
