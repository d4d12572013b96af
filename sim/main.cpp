// detsim's entry point: everything real lives in the library; see sim/cli/.
#include "detsim/cli/app.hpp"

int main(int argc, char** argv) { return detsim::run_command_line(argc, argv); }
