#!/usr/bin/env bash
# Before-and-after figures in one run on one machine: builds another revision (default: the
# first-parent parent of HEAD) beside the working tree and times both, interleaved so that load
# from elsewhere on the machine falls on both alike.
#  1. engine and model alone: trials/s of each structure of the default comparison on 1 thread
#     (build/trial_throughput; its positional arguments SCENARIO TRIALS STRUCTURE REPEATS are a
#     stable interface for this script);
#  2. the whole pipeline: wall time of `detsim run scenarios/ukraine.yaml --structure all` on 1
#     and 2 threads, file written.
# Each revision runs its own scenarios/ukraine.yaml and presets: "the default comparison" as that
# revision defines it.
# Usage: bash bench/compare_revisions.sh [BASE_REV] [TRIALS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD~1}
trials=${2:-40000}
repeats=${3:-5}
base_sha=$(git rev-parse --short=12 "$base")
work=$(mktemp -d)
cleanup() {
  git worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
build() {  # build SOURCE_DIR BUILD_DIR
  local generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  cmake -S "$1" -B "$2" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DDETSIM_BUILD_TESTS=OFF \
    -DDETSIM_BUILD_BENCH=ON "${launcher[@]}" >/dev/null
  cmake --build "$2" --parallel "$(nproc)" --target detsim trial_throughput >/dev/null
}

echo "== building $base_sha (before) and the working tree (after)" >&2
git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
build "$work/base" "$work/build-base"
build . "$work/build-head"

structures=(none nato_article5 bilateral_pact security_assistance economic_diplomatic)
echo "== engine and model, 1 thread, best of $repeats interleaved runs of $trials trials"
echo "   $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf "%-22s %14s %14s %8s\n" structure "before/s" "after/s" "ratio"
total_before=0
total_after=0
for s in "${structures[@]}"; do
  best_before=0
  best_after=0
  for ((r = 0; r < repeats; r++)); do
    for side in before after; do
      if [[ $side == before ]]; then dir=$work/base bin=$work/build-base; else dir=. bin=$work/build-head; fi
      rate=$(cd "$dir" && "$bin/trial_throughput" scenarios/ukraine.yaml "$trials" "$s" 1 |
        awk '/^1 thread/ {print $4}')
      if [[ $side == before ]]; then
        best_before=$(echo "if ($rate > $best_before) $rate else $best_before" | bc -l)
      else
        best_after=$(echo "if ($rate > $best_after) $rate else $best_after" | bc -l)
      fi
    done
  done
  total_before=$(echo "$total_before + $trials / $best_before" | bc -l)
  total_after=$(echo "$total_after + $trials / $best_after" | bc -l)
  printf "%-22s %14.0f %14.0f %8.2f\n" "$s" "$best_before" "$best_after" \
    "$(echo "$best_after / $best_before" | bc -l)"
done
# Trials/s of the whole comparison: five structures' trials over the sum of their best times.
printf "%-22s %14.0f %14.0f %8.2f\n" "all five" "$(echo "5 * $trials / $total_before" | bc -l)" \
  "$(echo "5 * $trials / $total_after" | bc -l)" "$(echo "$total_before / $total_after" | bc -l)"

echo "== whole pipeline: detsim run --structure all, $trials trials per structure, file written"
printf "%-10s %12s %12s %8s\n" threads "before s" "after s" "ratio"
for threads in 1 2; do
  best_before=1000000000
  best_after=1000000000
  for ((r = 0; r < repeats; r++)); do
    for side in before after; do
      if [[ $side == before ]]; then dir=$work/base bin=$work/build-base; else dir=. bin=$work/build-head; fi
      start=$(date +%s.%N)
      (cd "$dir" && "$bin/detsim" run scenarios/ukraine.yaml --structure all --trials "$trials" \
        --threads "$threads" --quiet -o "$work/$side.h5")
      seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
      if [[ $side == before ]]; then
        best_before=$(echo "if ($seconds < $best_before) $seconds else $best_before" | bc -l)
      else
        best_after=$(echo "if ($seconds < $best_after) $seconds else $best_after" | bc -l)
      fi
    done
  done
  printf "%-10s %12.2f %12.2f %8.2f\n" "$threads" "$best_before" "$best_after" \
    "$(echo "$best_before / $best_after" | bc -l)"
done
