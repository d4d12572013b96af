#!/usr/bin/env bash
# Regenerates the golden-file reference (tests/golden/reference.json) from this tree's detsim, for
# a change that is MEANT to move results: commit it in the same commit as that change and say
# why in the message. Prints what moved from the previous reference first.
# Usage: bash scripts/update_golden.sh   (BUILD_DIR, default build, is built first)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
BUILD_DIR=$build_dir bash scripts/build.sh
/usr/bin/python3 tests/golden/golden.py update --detsim "$build_dir/detsim"
git --no-pager diff --stat -- tests/golden/reference.json
