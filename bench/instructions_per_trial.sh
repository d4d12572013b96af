#!/usr/bin/env bash
# Instructions per trial of the engine and model (callgrind's count), on each structure of the
# default comparison and for the comparison as a whole: a before-and-after figure that other
# load on a shared machine cannot move, unlike trials/s. For one tree, or for a base tree and a
# tree with their ratio. Each tree runs its own build's trial_throughput on its own
# scenarios/ukraine.yaml and presets ("the default comparison" as that revision defines it).
# Two runs of 200 and 1,200 trials, and their difference over the 1,000 extra trials, take out
# what does not grow with the trials (loading the scenario, starting threads); trial_throughput
# runs every trial twice (on 1 and on 2 threads), hence the division by 2,000.
# Usage: bash bench/instructions_per_trial.sh TREE [NEW_TREE]   (BUILD_DIR: default build-tests)
# Needs valgrind and a Release build of trial_throughput in each tree (-DDETSIM_BUILD_BENCH=ON)
# configured with -DDETSIM_LTO=OFF: valgrind cannot run the link-time-optimized build (Boost.Math's
# long double tables, set up at start-up there, overflow under valgrind's emulation of long
# double). The instructions are those of the same code, inlined across files or not.
# Each structure takes about 20 s per tree under callgrind.
set -euo pipefail
build=${BUILD_DIR:-build-tests}
structures=(none nato_article5 bilateral_pact security_assistance economic_diplomatic)

collected() {  # collected TREE STRUCTURE TRIALS: instructions callgrind counted in the run
  (cd "$1" && valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$build/trial_throughput" scenarios/ukraine.yaml "$3" "$2" 1 2>&1 |
    awk '/Collected/ {print $4}')
}
per_trial() {  # per_trial TREE STRUCTURE
  local small large
  small=$(collected "$1" "$2" 200)
  large=$(collected "$1" "$2" 1200)
  if [[ -z $small || -z $large ]]; then
    echo "valgrind could not run $1/$build/trial_throughput (an LTO build? -DDETSIM_LTO=OFF)" >&2
    exit 2
  fi
  echo $(((large - small) / 2000))
}

for tree in "$@"; do
  [[ -x "$tree/$build/trial_throughput" ]] || {
    echo "no $tree/$build/trial_throughput: build it first" >&2
    exit 2
  }
done
base_total=0 new_total=0
for s in "${structures[@]}"; do
  base=$(per_trial "$1" "$s")
  base_total=$((base_total + base))
  if [[ $# -ge 2 ]]; then
    new=$(per_trial "$2" "$s")
    new_total=$((new_total + new))
    printf '%-20s %10d %10d  ratio %.2f\n' "$s" "$base" "$new" "$(echo "$new / $base" | bc -l)"
  else
    printf '%-20s %10d\n' "$s" "$base"
  fi
done
if [[ $# -ge 2 ]]; then
  printf '%-20s %10d %10d  ratio %.2f\n' "comparison" "$base_total" "$new_total" \
    "$(echo "$new_total / $base_total" | bc -l)"
else
  printf '%-20s %10d\n' "comparison" "$base_total"
fi
