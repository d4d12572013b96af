#!/usr/bin/env bash
# Runs the libFuzzer harnesses of tests/fuzz/ for SECONDS each (default 60) from their seed corpora,
# under ASan and UBSan, in a clang build of its own (build-fuzz/, or BUILD_DIR). Both run at once,
# one process each (-jobs=1, nice), so the run takes about SECONDS.
#
# Fails on any crash, hang or memory blow-up of the scenario loader, and on any crash of the
# results reader that scripts/fuzz_finding_owner.sh blames on detsim's own code. libhdf5 1.10
# itself crashes and loops on some damaged files; `detsim summarize` reads in a child process for
# that reason (sim/cli/crash_guard.hpp), so every finding of the results reader is replayed
# through `detsim summarize` ($DETSIM, default build-tests/detsim), which must summarize it or
# refuse it (status 0 or 2: the damage may lie where summarize does not read), and the run fails
# on any other status.
# New crashing inputs are left in $OUT_DIR (default build-fuzz/findings); keep each one that shows a
# bug in tests/fuzz/regressions/, where the normal test suite replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build_dir=${BUILD_DIR:-build-fuzz}
detsim=${DETSIM:-build-tests/detsim}
out_dir=${OUT_DIR:-$build_dir/findings}

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build_dir" "${generator[@]}" "${launcher[@]}" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDETSIM_FUZZ=ON -DDETSIM_BUILD_TESTS=OFF \
  -DDETSIM_BUILD_BENCH=OFF -DDETSIM_PYTHON_TESTS=OFF >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" --target fuzz_scenario_loader fuzz_results_reader

rm -rf "$out_dir"
mkdir -p "$out_dir"/{scenario,results}/{corpus,artifacts}
export ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1
export LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan_suppressions.txt
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# The results reader runs with -fork=1, which keeps fuzzing past a crash (it meets libhdf5's);
# each crash is judged below. The scenario loader must never crash: its first finding ends it.
fuzz() {
  local name=$1 harness=$2
  shift 2
  nice -n 10 "$build_dir/fuzz_$harness" "$out_dir/$name/corpus" "tests/fuzz/corpus/$name" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out_dir/$name/artifacts/" "$@" >"$out_dir/$name/fuzz.log" 2>&1
}
fuzz scenario scenario_loader -max_len=8192 &
scenario_pid=$!
fuzz results results_reader -max_len=400000 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
  -ignore_ooms=1 &
results_pid=$!
wait "$scenario_pid" "$results_pid" || true

status=0
report() {
  local name=$1 log=$out_dir/$1/fuzz.log
  local last
  last=$(grep -E '^#[0-9]+:?[[:space:]]+(DONE|pulse|NEW|REDUCE)?[[:space:]]*cov: ' "$log" | tail -1 || true)
  echo "fuzz $name: ${seconds}s, last status: ${last:-none}" >&2
}
report scenario
report results

shopt -s nullglob
scenario_findings=("$out_dir"/scenario/artifacts/*)
if ((${#scenario_findings[@]} > 0)); then
  echo "fuzz scenario: ${#scenario_findings[@]} crash, hang or memory blow-up: ${scenario_findings[*]}" >&2
  status=1
fi

# Each finding of the results reader is replayed alone; the report says whose code it broke in.
# The replay limits single allocations, so a memory blow-up names its allocation site.
for input in "$out_dir"/results/artifacts/*; do
  [[ $input == *.report || $input == *.err ]] && continue
  report_file=$input.report
  timeout 60 "$build_dir/fuzz_results_reader" -timeout=5 -rss_limit_mb=4096 -malloc_limit_mb=1024 \
    "$input" >"$report_file" 2>&1 || true
  kind=$(bash scripts/fuzz_finding_owner.sh "$report_file") || kind=detsim
  if [[ $kind == detsim ]]; then
    # CI keeps only the log: the report goes there, so the finding can be read where it failed.
    status=1
    echo "fuzz results: $(basename "$input") broke in detsim's code; its replay:" >&2
    grep -vE '^(INFO|\*\*\*)' "$report_file" | head -60 >&2 || true
  fi
  set +e
  timeout 120 "$detsim" summarize "$input" >/dev/null 2>"$input.err"
  summarize=$?
  set -e
  if ((summarize != 0 && summarize != 2)); then
    status=1
    echo "fuzz results: detsim summarize exits $summarize on $input" >&2
  fi
  echo "fuzz results: $(basename "$input"): $kind; detsim summarize exits $summarize" >&2
done
exit "$status"
