#!/usr/bin/env bash
# `detsim run ... --resume` after kill -9 ends with the file an uninterrupted run writes (/trials,
# /summary, /paths bit for bit), and leaves nothing behind (no .part, .journal or .lock): killed
# at each named moment (after creating the results file, after creating the journal, in the
# middle of a journal record, before closing the file, after renaming it) and at 20 random
# moments (seeded), some of them killed again while resuming. --resume refuses a run that differs
# (seed, block size, a setting) with exit 2 and creates nothing. A run that stops at a precision
# resumes to the same stopping points.
# Usage: kill_resume_test.sh DETSIM SOURCE_DIR
source "$(dirname "$0")/../support/run_test_preamble.sh" "$@"
base=(run "$source_dir/scenarios/ukraine.yaml" --structure nato_article5 --structure none
  --set output.record_paths=300 --threads 2 --quiet)
# Small: the test runs detsim some 60 times, and under the Debug sanitizer build a trial of the
# forward-looking challenger costs about a millisecond; 80 blocks are enough for every kill point.
trials=2000
block=50
run=("${base[@]}" --trials $trials --block-size $block --seed 5)

start=$(date +%s.%N)
"$detsim" "${run[@]}" -o reference.h5
seconds=$($python -c "print($(date +%s.%N) - $start)")

# Nothing of a run is left beside OUT but OUT itself.
clean() {
  local left
  left=$(ls -A | grep -E '^out\.h5\.' || true)
  [[ -z $left ]] || fail "$1: left behind: $left"
}
resume_and_check() {
  local status=0
  "$detsim" "${run[@]}" -o out.h5 --resume 2>resume.err || status=$?
  [[ $status == 0 ]] || fail "$1: --resume exited $status: $(cat resume.err)"
  same reference.h5 out.h5 || fail "$1: the resumed file differs from an uninterrupted run's"
  clean "$1"
  rm -f out.h5
}

for point in results-created journal-created journal-record:1 journal-record:9 before-close \
  after-rename; do
  status=0
  DETSIM_TEST_KILL_AT=$point "$detsim" "${run[@]}" -o out.h5 || status=$?
  [[ $status == 137 ]] || fail "$point: the run was not killed (exit $status)"
  resume_and_check "killed at $point"
done

# Random moments within the run's length; every other one is killed again while resuming.
mapfile -t delays < <($python -c "
import random
r = random.Random(20261130)
for _ in range(20): print(round(r.uniform(0.0, 0.9 * $seconds), 3), round(r.uniform(0.0, $seconds / 2), 3))")
killed=0
for i in "${!delays[@]}"; do
  read -r first second <<<"${delays[$i]}"
  # A run that finished before its moment (the machine was less busy than when it was timed) is
  # run again with the moment halved, so every one of the 20 is a kill.
  for _ in 1 2 3 4 5 6; do
    "$detsim" "${run[@]}" -o out.h5 &
    pid=$!
    sleep "$first"
    kill -KILL "$pid" 2>/dev/null || true
    status=0
    wait "$pid" || status=$?
    ((status == 137)) && break
    first=$($python -c "print($first / 2)")
  done
  ((status == 137)) && killed=$((killed + 1))
  if ((i % 2 == 1)); then
    "$detsim" "${run[@]}" -o out.h5 --resume 2>/dev/null &
    pid=$!
    sleep "$second"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" || true
  fi
  resume_and_check "random kill $i after ${first}s"
done
((killed == 20)) || fail "only $killed of 20 random kills landed while the run ran"

# A run that stops at a precision (structure none meets its target first, its later blocks are
# journaled empty) resumes to the same stopping points: killed after its 13th record, and killed
# again while resuming.
precise=("${run[@]}" --set "precision={measures: [attacked], half_width: 0.02, step: 250}")
"$detsim" "${precise[@]}" -o precise_reference.h5
$python - precise_reference.h5 $trials <<'PY' || fail "the precision run did not stop one experiment early"
import sys, h5py
used = h5py.File(sys.argv[1], "r")["experiments"]["trials_used"][()]
assert min(used) < int(sys.argv[2]) and max(used) > min(used), used
PY
status=0
DETSIM_TEST_KILL_AT=journal-record:13 "$detsim" "${precise[@]}" -o precise.h5 || status=$?
[[ $status == 137 ]] || fail "precision run: not killed (exit $status)"
status=0
DETSIM_TEST_KILL_AT=journal-record:3 "$detsim" "${precise[@]}" -o precise.h5 --resume || status=$?
[[ $status == 137 ]] || fail "precision run: the resume was not killed (exit $status)"
"$detsim" "${precise[@]}" -o precise.h5 --resume || fail "precision run: --resume exited $?"
same precise_reference.h5 precise.h5 || fail "precision run: the resumed file differs"
same precise_reference.h5 precise.h5 --any-block-size ||
  fail "precision run: the resumed file's trials_used or target_met differ"
rm -f precise.h5 precise_reference.h5

# A run that differs is refused before it creates anything.
DETSIM_TEST_KILL_AT=journal-record:40 "$detsim" "${run[@]}" -o out.h5 || true
touch refused.err
before=$(ls -A)
for change in "--trials $trials --block-size $block --seed 6" \
  "--trials $trials --block-size $((block * 2)) --seed 5" \
  "--trials $trials --block-size $block --seed 5 --set dynamics.cost_weight=0.5" \
  "--trials $((trials / 2)) --block-size $block --seed 5"; do
  status=0
  # shellcheck disable=SC2086
  "$detsim" "${base[@]}" $change -o out.h5 --resume 2>refused.err || status=$?
  [[ $status == 2 ]] || fail "--resume with $change: exit $status, not 2"
  grep -q "cannot go on from this interrupted run" refused.err ||
    fail "--resume with $change: no reason given: $(cat refused.err)"
  [[ $(ls -A) == "$before" ]] || fail "--resume with $change created files: $(ls -A)"
done
resume_and_check "after the refusals"
echo "ok: 6 named and $killed random kills (of 20) resumed to the uninterrupted run's file"
