# Sourced by the shell tests that run detsim (tests/mpi, tests/resume): their two arguments,
# a scratch directory they work in (removed at exit), fail, and same (tests/mpi/same_results.py).
# Usage, in a test: source "$(dirname "$0")/../support/run_test_preamble.sh" DETSIM SOURCE_DIR
set -euo pipefail
detsim=$1
source_dir=$2
python=/usr/bin/python3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
same() { $python "$source_dir/tests/mpi/same_results.py" "$@"; }
