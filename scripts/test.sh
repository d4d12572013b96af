#!/usr/bin/env bash
# Every test, from a bare Debian 12 machine: installs what is needed, builds twice (Release, and
# Debug with the address and undefined-behaviour sanitizers) and runs the whole suite in each:
# C++ tests, command-line tests and the Python reader and figure tests, all through CTest; then
# the engine's tests once more under ThreadSanitizer, and a minute of libFuzzer on the scenario
# loader and on the results reader (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

BUILD_DIR=build-tests bash scripts/build.sh -DDETSIM_BUILD_TESTS=ON
ctest --test-dir build-tests --output-on-failure --parallel "$(nproc)" --timeout 600

# Sanitizers catch memory and undefined-behaviour errors the Release run cannot see; the
# Python tests, which only read files, run once above. This build is also the one without MPI
# (the Release build above has it, and runs the MPI test with 1, 2 and 3 ranks): a build without
# MPI must keep working, and Open MPI's own allocations would only be noise to LeakSanitizer.
BUILD_DIR=build-sanitize BUILD_TYPE=Debug bash scripts/build.sh -DDETSIM_BUILD_TESTS=ON \
  -DDETSIM_BUILD_BENCH=OFF -DDETSIM_SANITIZE=ON -DDETSIM_PYTHON_TESTS=OFF -DDETSIM_USE_MPI=OFF
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-sanitize --output-on-failure --parallel "$(nproc)" --timeout 900

# The engine's threaded block loop under ThreadSanitizer: only the engine's tests and the parts
# they link are built (about a minute and a half on two cores, and half a minute to run).
BUILD_DIR=build-tsan BUILD_TYPE=RelWithDebInfo BUILD_TARGET=test_engine bash scripts/build.sh \
  -DDETSIM_BUILD_TESTS=ON -DDETSIM_BUILD_BENCH=OFF -DDETSIM_SANITIZE_THREAD=ON \
  -DDETSIM_PYTHON_TESTS=OFF -DDETSIM_USE_MPI=OFF
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan --tests-regex '^engine:' --no-tests=error \
  --output-on-failure --parallel "$(nproc)" --timeout 900

# A minute of each fuzzer from the seed corpora (both at once), under ASan and UBSan: inputs
# the kept regressions do not cover yet. A finding fails the run (see scripts/fuzz.sh).
DETSIM=build-tests/detsim bash scripts/fuzz.sh 60
