#!/usr/bin/env bash
# Soak: the whole pipeline (load, run, journal, results file, summary) at scale, against what a
# short run predicts. Two soaks:
#   trials  10 million trials of the shipped scenario; predicted from a run of 1/20 the size:
#           time = size x the short run's seconds per trial (startup is the same in both and
#           negligible), peak memory flat (the run holds blocks, never the trials).
#   design  a Latin hypercube of 10,000 points (50 trials each); predicted from runs of 1,000 and
#           2,000 points by a straight line through them (time and memory per point: each point
#           is an experiment, with its model, its summary rows and its /experiments row).
# Each prints measured / predicted; the target is at most 1.5 for both. A benchmark, not a test:
# it takes several minutes and the numbers depend on the machine.
# Usage: bench/soak.sh [DETSIM] [THREADS]   (default build/detsim, 2 threads)
set -euo pipefail
cd "$(dirname "$0")/.."
detsim=$(realpath "${1:-build/detsim}")
threads=${2:-2}
scenario=$(realpath scenarios/ukraine.yaml)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

# Wall seconds and peak resident set (MiB) of one detsim run.
measure() {
  /usr/bin/time -f "%e %M" -o time.txt "$detsim" "$@" --threads "$threads" -q -o out.h5
  read -r seconds kib <time.txt
  echo "$seconds $((kib / 1024))"
  rm -f out.h5
}

study() {
  cat >"study_$1.yaml" <<YAML
detsim_study: 1
name: soak_$1
scenario: $scenario
design:
  method: latin_hypercube
  n: $1
  seed: 1
  factors:
    guarantee.terms.united_states.audience_cost: {range: [0, 1]}
    dynamics.guarantor_war_cost: {range: [0.01, 0.1]}
  trials: 50
YAML
  echo "study_$1.yaml"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
report() {  # name measured predicted unit
  echo "  $1: $2 $4 measured, $3 predicted: x$(ratio "$2" "$3")"
}

echo "soak: trials (threads: $threads)"
read -r short_s short_mib < <(measure run "$scenario" --trials 500000)
read -r long_s long_mib < <(measure run "$scenario" --trials 10000000)
report "time of 10M trials" "$long_s" "$(awk -v s="$short_s" 'BEGIN { print s * 20 }')" s
report "peak memory" "$long_mib" "$short_mib" MiB

echo "soak: design of 10,000 points"
read -r s1 m1 < <(measure run "$(study 1000)")
read -r s2 m2 < <(measure run "$(study 2000)")
read -r s10 m10 < <(measure run "$(study 10000)")
report "time of 10,000 points" "$s10" "$(awk -v a="$s1" -v b="$s2" 'BEGIN { print a + (b - a) * 9 }')" s
report "peak memory" "$m10" "$(awk -v a="$m1" -v b="$m2" 'BEGIN { print a + (b - a) * 9 }')" MiB
