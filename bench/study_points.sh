#!/usr/bin/env bash
# What a study's design points cost: a Latin hypercube of POINTS points over two factors of the
# default scenario cut to a cheap one (12 months, paths not recorded), TRIALS trials a point,
# through the whole pipeline (`detsim run` of the study file: every point checked, run, written).
# Prints wall time, time per point, trials/s and peak RSS (GNU time) for each count asked, and
# beside it one point of the same total trials (POINTS x TRIALS): the ratio of the two peaks says
# how far memory stays flat in the number of points.
# With DETSIM_BEFORE=/path/to/another/detsim, each run is made with that binary too, just before
# this build's (interleaved, so load from elsewhere on the machine falls on both alike): before
# and after in one run.
# Usage: [DETSIM_BEFORE=OLD_DETSIM] bash bench/study_points.sh [BUILD_DIR] [TRIALS] [POINTS...]
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
# Both binaries read this tree's presets (a binary copied elsewhere finds none of its own).
export DETSIM_PRESET_DIR=${DETSIM_PRESET_DIR:-$(pwd)/scenarios/presets}
binaries=("after=$build/detsim")
[ -n "${DETSIM_BEFORE:-}" ] && binaries=("before=$DETSIM_BEFORE" "${binaries[@]}")

# study POINTS TRIALS_A_POINT: writes the study file and prints its path.
study() {
  cat >"$out/study_$1_$2.yaml" <<YAML
detsim_study: 1
scenario: $scenario
design:
  method: latin_hypercube
  n: $1
  seed: 1
  factors:
    actors.russia.resolve.beta.mean: {range: [0.4, 0.8]}
    dynamics.opportunity_volatility: {range: [0.1, 0.4]}
  trials: $2
YAML
  echo "$out/study_$1_$2.yaml"
}

# measure DETSIM STUDY: prints "seconds KiB" of one run.
measure() {
  /usr/bin/time -f "%e %M" -o "$out/time" "$1" run "$2" --set horizon_months=12 \
    --set output.record_paths=0 --threads 2 --quiet -o "$out/study.h5"
  rm -f "$out/study.h5"
  cat "$out/time"
}

echo "== study points, $trials trials a point, 12 months, 2 threads, $(nproc) cores"
printf "%-7s %7s %9s %9s %10s %9s | %-26s %9s\n" binary points "wall s" ms/point trials/s \
  "peak MiB" "one point, same trials:" "RSS ratio"
for points in "${counts[@]}"; do
  for named in "${binaries[@]}"; do
    name=${named%%=*}
    detsim=${named#*=}
    read -r seconds kib < <(measure "$detsim" "$(study "$points" "$trials")")
    read -r one_seconds one_kib < <(measure "$detsim" "$(study 1 $((points * trials)))")
    printf "%-7s %7d %9.2f %9.3f %10.0f %9.1f | %7.2f s, %7.1f MiB %9.2f\n" "$name" "$points" \
      "$seconds" "$(echo "1000 * $seconds / $points" | bc -l)" \
      "$(echo "$points * $trials / $seconds" | bc -l)" "$(echo "$kib / 1024" | bc -l)" \
      "$one_seconds" "$(echo "$one_kib / 1024" | bc -l)" "$(echo "$kib / $one_kib" | bc -l)"
  done
done
