#!/usr/bin/env bash
# Configures and builds detsim into BUILD_DIR (default build/), Release unless BUILD_TYPE says
# otherwise; only BUILD_TARGET and what it needs when that is set. Extra arguments go to CMake's
# configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
build_type=${BUILD_TYPE:-Release}
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$build_type" "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" ${BUILD_TARGET:+--target "$BUILD_TARGET"}
