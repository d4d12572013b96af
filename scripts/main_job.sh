#!/usr/bin/env bash
# The main job, from a bare Debian 12 machine: installs what is needed, builds, runs every
# guarantee structure on the default Ukraine scenario, prints the comparison table and writes
# the figures.  Results: results/ukraine_all.h5 and results/figures/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR=build bash scripts/build.sh -DDETSIM_BUILD_TESTS=OFF
mkdir -p results
./build/detsim run scenarios/ukraine.yaml --structure all -o results/ukraine_all.h5 "$@"
/usr/bin/python3 scripts/plot_results.py results/ukraine_all.h5 -o results/figures
