#!/usr/bin/env bash
# The figures the issues ask for, on this machine:
#  1. trials per second of the default scenario at 1 and 2 threads, per structure (engine and
#     model only, no file: build/trial_throughput);
#  2. what the results file costs: the five structures of the default comparison run by the
#     engine alone and with the file written, at 1 and 2 threads (build/writer_share): the file's
#     share of the wall time, and the speed-up of 2 threads over 1 with the file;
#  3. peak resident memory of a whole `detsim run` (file written) at 1e4 and 1e6 trials, from
#     GNU time's maximum resident set size.
# Usage: bash bench/run_benchmarks.sh [BUILD_DIR]   (after scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== throughput (best of 5, 40000 trials), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
for structure in none nato_article5 bilateral_pact security_assistance economic_diplomatic; do
  "$build/trial_throughput" scenarios/ukraine.yaml 40000 "$structure" 5 | tail -2 | sed "s/^/$structure: /"
done

echo "== the results file's share of a run (best of 3, 5 structures x 40000 trials)"
"$build/writer_share" scenarios/ukraine.yaml 40000 3

echo "== peak memory of detsim run (2 threads, structure none, file written)"
for trials in 10000 1000000; do
  /usr/bin/time -f "%M %e" -o "$out/time" "$build/detsim" run scenarios/ukraine.yaml \
    --structure none --trials "$trials" --threads 2 --quiet -o "$out/bench.h5"
  read -r kib seconds < "$out/time"
  printf "%8d trials: peak RSS %7.1f MiB, %6.1f s, file %6.1f MiB\n" "$trials" \
    "$(echo "$kib / 1024" | bc -l)" "$seconds" "$(echo "$(stat -c %s "$out/bench.h5") / 1048576" | bc -l)"
done
