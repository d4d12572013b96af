#!/usr/bin/env bash
# Regenerates scenarios/detsim-scenario.schema.json from this tree's detsim (built first into
# BUILD_DIR, default build) after a change to the loader's field tables; commit it with them.
# Usage: bash scripts/update_schema.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
BUILD_DIR=$build_dir BUILD_TARGET=detsim bash scripts/build.sh >/dev/null
"$build_dir/detsim" schema >scenarios/detsim-scenario.schema.json
