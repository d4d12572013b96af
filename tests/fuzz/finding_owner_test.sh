#!/usr/bin/env bash
# scripts/fuzz_finding_owner.sh blames each report of tests/fuzz/reports/ on the owner its name
# begins with (libhdf5, detsim or none). The reports are real replays: findings of the results
# fuzzer, and small programs built with the same sanitizers that break the way a detsim bug would
# (some call a stand-in library, libhdf5_fake.so, that writes into what it is given as H5Aread
# does; one replay was killed before it could report).
set -uo pipefail
source_dir=${1:?usage: finding_owner_test.sh SOURCE_DIR}
failures=0
checked=0
for report in "$source_dir"/tests/fuzz/reports/*.txt; do
  name=$(basename "$report" .txt)
  expected=${name%%_*}
  actual=$(bash "$source_dir/scripts/fuzz_finding_owner.sh" "$report")
  checked=$((checked + 1))
  if [[ $actual != "$expected" ]]; then
    echo "FAIL $name: blamed on '$actual', not '$expected'"
    failures=$((failures + 1))
  else
    echo "ok   $name: $actual"
  fi
done
if ((checked < 13)); then
  echo "FAIL only $checked reports found under $source_dir/tests/fuzz/reports"
  exit 1
fi
((failures == 0))
