#!/usr/bin/env bash
# `mpirun -n K detsim run` writes the /trials, /summary and /paths a threaded run writes, bit for
# bit, with 1, 2 and 3 ranks and 1 or 2 threads per rank, for structures and for a study's design
# points; a failed point is isolated as with threads (exit 3); SIGTERM to every rank (as a batch
# system's cancel sends it) leaves a readable file marked incomplete holding the first blocks of
# the uninterrupted run, with exit 143 and no rank left behind, which --resume under 2 ranks
# completes into the uninterrupted run's file; only rank 0 prints; a run that stops at a precision
# stops where threads stop.
# Usage: mpi_identity_test.sh DETSIM SOURCE_DIR
source "$(dirname "$0")/../support/run_test_preamble.sh" "$@"
# As root (CI's containers) Open MPI wants to be told; --oversubscribe: more ranks than cores.
mpirun=(mpirun --allow-run-as-root --oversubscribe --mca btl self,vader)

scenario=$source_dir/scenarios/ukraine.yaml
run=(run "$scenario" --structure nato_article5 --structure bilateral_pact --trials 1500
  --block-size 64 --seed 11 --set output.record_paths=70)
"$detsim" "${run[@]}" --threads 2 -o threads.h5 >threads.out 2>/dev/null
for ranks in 1 2 3; do
  for threads in 1 2; do
    out=mpi_${ranks}_${threads}.h5
    "${mpirun[@]}" -n "$ranks" "$detsim" "${run[@]}" --threads "$threads" -o "$out" \
      >"$out.out" 2>"$out.err" || fail "$ranks ranks x $threads threads: exit $?: $(cat "$out.err")"
    same threads.h5 "$out" || fail "$ranks ranks x $threads threads: results differ from threads"
    # Only rank 0 talks: one summary table, one closing line.
    [[ $(grep -c "trials/s) written to" "$out.err") == 1 ]] ||
      fail "$ranks ranks: the closing line is not printed once: $(cat "$out.err")"
    cmp -s threads.out "$out.out" || fail "$ranks ranks: the tables differ from a threaded run's"
  done
done

# A run that stops at a precision: the same stopping points (trials_used, target_met) under ranks,
# whose lanes compute blocks ahead that are then dropped.
precise=(run "$scenario" --structure all --trials 6000 --block-size 128 --seed 11 --quiet
  --set "precision={measures: [attacked], half_width: 0.012, step: 500}")
"$detsim" "${precise[@]}" --threads 2 -o precise_threads.h5
"${mpirun[@]}" -n 3 "$detsim" "${precise[@]}" --threads 1 -o precise_mpi.h5 ||
  fail "precision run under 3 ranks: exit $?"
same precise_threads.h5 precise_mpi.h5 || fail "precision run under 3 ranks differs from threads"
same precise_threads.h5 precise_mpi.h5 --any-block-size ||
  fail "precision run under 3 ranks: trials_used or target_met differ from threads"

# A study: the design's points are experiments like any other.
study=(run "$source_dir/scenarios/studies/us_audience_cost_sweep.yaml" --trials 150
  --set horizon_months=24 --block-size 40 --quiet)
"$detsim" "${study[@]}" --threads 2 -o study_threads.h5
"${mpirun[@]}" -n 3 "$detsim" "${study[@]}" --threads 1 -o study_mpi.h5 ||
  fail "study under 3 ranks: exit $?"
same study_threads.h5 study_mpi.h5 || fail "study under 3 ranks differs from threads"

# A failed point: exit 3 and the same file as with threads.
cat >failing_study.yaml <<YAML
detsim_study: 1
name: failing
scenario: $scenario
design:
  method: grid
  factors:
    dynamics.guarantor_war_cost: {levels: [0.02, 1e308, 0.05]}
  structures: [nato_article5]
  trials: 200
YAML
failing=(run failing_study.yaml --set dynamics.cost_weight=0 --block-size 32 --quiet)
status=0
"$detsim" "${failing[@]}" --threads 2 -o failing_threads.h5 2>/dev/null || status=$?
[[ $status == 3 ]] || fail "failing study with threads: exit $status, not 3"
status=0
"${mpirun[@]}" -n 3 "$detsim" "${failing[@]}" --threads 1 -o failing_mpi.h5 2>failing.err ||
  status=$?
[[ $status == 3 ]] || fail "failing study under 3 ranks: exit $status, not 3: $(cat failing.err)"
[[ $(grep -c "experiments failed" failing.err) == 1 ]] || fail "failure not reported once"
same failing_threads.h5 failing_mpi.h5 || fail "failing study under 3 ranks differs from threads"

# SIGTERM to every rank mid-run, as scancel sends it: a readable file marked incomplete, whose
# rows are the uninterrupted run's first rows; exit 143; every rank gone.
long=(run "$scenario" --trials 1000000 --block-size 500 --seed 3)
"${mpirun[@]}" -n 3 "$detsim" "${long[@]}" --threads 1 --progress never -o stopped.h5 >/dev/null 2>stopped.err &
launcher=$!
for _ in $(seq 100); do
  [[ $(pgrep -c -P "$launcher" || true) == 3 ]] && break
  sleep 0.1
done
# Stop it once a few blocks are journaled, not after a fixed sleep: on a quiet machine a fixed
# sleep outlasted the whole run, and the signal found no rank.
for _ in $(seq 600); do
  [[ $(stat -c %s stopped.h5.journal 2>/dev/null || echo 0) -gt 200000 ]] && break
  sleep 0.05
done
pkill -TERM -P "$launcher" || fail "no rank left to stop: the run ended before the signal"
status=0
wait "$launcher" || status=$?
[[ $status == 143 ]] || fail "SIGTERM under 3 ranks: exit $status, not 143: $(cat stopped.err)"
$python - stopped.h5 <<'PY' || fail "the stopped file is not a readable incomplete file"
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    done = int(f.attrs["trials_completed"])
    assert int(f.attrs["complete"]) == 0, "marked complete"
    assert 0 < done < 400000, done
    assert f["trials"]["trial"].shape[0] == done, (f["trials"]["trial"].shape, done)
PY
rows=$($python -c 'import sys,h5py; print(h5py.File(sys.argv[1])["trials"]["trial"].shape[0])' \
  stopped.h5)
"$detsim" run "$scenario" --trials "$rows" --block-size 500 --seed 3 --threads 2 -q -o prefix.h5
same prefix.h5 stopped.h5 --prefix || fail "the stopped file's rows are not the run's first rows"
# The stopped run goes on under 2 ranks (--resume) to the uninterrupted run's file.
"${mpirun[@]}" -n 2 "$detsim" "${long[@]}" --threads 1 -o stopped.h5 --resume -q ||
  fail "--resume under 2 ranks: exit $?"
"$detsim" "${long[@]}" --threads 2 -q -o whole.h5
same whole.h5 stopped.h5 || fail "the run resumed under 2 ranks differs from an uninterrupted one"
echo "ok: 1-3 ranks identical to threads; failure, SIGTERM and --resume handled"
