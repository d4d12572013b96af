#!/usr/bin/env bash
# Checks that CTest runs each Catch2 test case exactly once: the names CTest lists for each test
# program (as "PART:NAME") must be the names the program itself lists, the same number of them.
# A name CTest split (at ';') or dropped would otherwise pass silently.
# Usage: check_ctest_runs_every_case.sh BUILD_DIR TEST_PROGRAM...  (programs named test_PART)
set -euo pipefail
build_dir=$1
shift
ctest_list=$(ctest --test-dir "$build_dir" -N)
failed=0
for program in "$@"; do
  part=$(basename "$program")
  part=${part#test_}
  # Catch2 v2 exits with the number of test cases it lists; an empty list is caught below.
  listed=$("$program" --list-test-names-only | sed '/^$/d' | LC_ALL=C sort) || true
  in_ctest=$(sed -n "s/^ *Test *#[0-9]*: ${part}: \{0,1\}//p" <<<"$ctest_list" | LC_ALL=C sort)
  n_listed=$(grep -c . <<<"$listed" || true)
  n_ctest=$(grep -c . <<<"$in_ctest" || true)
  echo "$part: $n_listed test cases in the program, $n_ctest in CTest"
  if [[ $n_listed -eq 0 || "$listed" != "$in_ctest" ]]; then
    failed=1
    diff <(echo "$listed") <(echo "$in_ctest") | sed "s/^</  only in $part:/; s/^>/  only in CTest:/" |
      grep '^  only' || true
  fi
done
exit "$failed"
