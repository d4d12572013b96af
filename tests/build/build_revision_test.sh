#!/usr/bin/env bash
# cmake/build_revision.cmake, which runs at every build: the header it writes follows the tree's
# commits and changes (tracked edits and untracked files make it dirty), says "unknown" outside a
# checkout of that very tree, and is not rewritten when nothing changed (so nothing recompiles).
# Usage: build_revision_test.sh SOURCE_DIR
set -euo pipefail
script=$(cd "$1" && pwd)/cmake/build_revision.cmake
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
header=$scratch/build_revision.hpp
fail() {
  echo "FAIL: $*" >&2
  cat "$header" >&2 || true
  exit 1
}
generate() { cmake -DSOURCE_DIR="$1" -DOUTPUT="$header" -P "$script"; }
expect() {  # $1 revision, $2 dirty flag
  grep -q "git_revision = \"$1\";" "$header" || fail "expected revision $1"
  grep -q "git_dirty = $2;" "$header" || fail "expected git_dirty = $2"
}
git_in() { git -C "$scratch/repo" -c user.name=test -c user.email=test@example.org "$@"; }

mkdir "$scratch/repo"
git_in init -q
echo one >"$scratch/repo/file"
git_in add file
git_in commit -qm one
generate "$scratch/repo"
expect "$(git_in rev-parse --short=12 HEAD)" 0

touch -d '2001-01-01 00:00:00' "$header"
generate "$scratch/repo"
[[ $(stat -c %Y "$header") == $(date -d '2001-01-01 00:00:00' +%s) ]] ||
  fail "rewritten though nothing changed"

echo two >>"$scratch/repo/file"
generate "$scratch/repo"
expect "$(git_in rev-parse --short=12 HEAD)" 1
git_in commit -qam two
generate "$scratch/repo"
expect "$(git_in rev-parse --short=12 HEAD)" 0
echo new >"$scratch/repo/untracked"
generate "$scratch/repo"
expect "$(git_in rev-parse --short=12 HEAD)" 1

# A folder inside someone else's checkout is not a checkout of its own; nor is a plain folder.
mkdir "$scratch/repo/inner" "$scratch/plain"
generate "$scratch/repo/inner"
expect unknown -1
generate "$scratch/plain"
expect unknown -1
echo "build revision: ok"
