#!/usr/bin/env bash
# What a study's design points cost: a Latin hypercube of POINTS points over two factors of the
# default scenario cut to a cheap one (12 months, paths not recorded), TRIALS trials a point,
# through the whole pipeline (`detsim run` of the study file: every point checked, run, written).
# Prints wall time, time per point, trials/s and peak RSS (GNU time), for 1 point and for each
# count asked, so the growth of memory with the number of points shows.
# Usage: bash bench/study_points.sh [BUILD_DIR] [TRIALS] [POINTS...]
#        (default: build 100 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
trials=${2:-100}
shift 2 2>/dev/null || shift $#
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 10000)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scenario=$(pwd)/scenarios/ukraine.yaml

echo "== study points, $trials trials a point, 12 months, 2 threads, $(nproc) cores"
for points in 1 "${counts[@]}"; do
  cat >"$out/study.yaml" <<YAML
detsim_study: 1
scenario: $scenario
design:
  method: latin_hypercube
  n: $points
  seed: 1
  factors:
    actors.russia.resolve.beta.mean: {range: [0.4, 0.8]}
    dynamics.opportunity_volatility: {range: [0.1, 0.4]}
  trials: $trials
YAML
  /usr/bin/time -f "%M %e" -o "$out/time" "$build/detsim" run "$out/study.yaml" \
    --set horizon_months=12 --set output.record_paths=0 --threads 2 --quiet -o "$out/study.h5"
  read -r kib seconds <"$out/time"
  printf "%6d points: %7.2f s, %8.3f ms/point, %9.0f trials/s, peak RSS %7.1f MiB, file %6.1f MiB\n" \
    "$points" "$seconds" "$(echo "1000 * $seconds / $points" | bc -l)" \
    "$(echo "$points * $trials / $seconds" | bc -l)" "$(echo "$kib / 1024" | bc -l)" \
    "$(echo "$(stat -c %s "$out/study.h5") / 1048576" | bc -l)"
done
