#!/usr/bin/python3
"""How `detsim summarize` and scripts/detsim_results.py fare on randomly damaged results files.

    /usr/bin/python3 bench/corruption_survey.py DETSIM RESULTS.h5 [--count 150] [--seed 1]
        [--scripts scripts] [--timeout 60]

Makes COUNT seeded corruptions of RESULTS.h5 (70%: flip 1-8 bits; 15%: cut the file short; 15%:
overwrite up to 64 bytes with noise) and, on each, runs `DETSIM summarize` and, in a fresh
interpreter, the readers of detsim_results (results_info, load_experiments, load_summary,
load_trials, scenario_facts). Prints, for each, how many files were read, refused (exit 2 /
DetsimResultsError), failed otherwise (another exit status / another exception), crashed (killed
by a signal) or hung (past --timeout). Point DETSIM and --scripts at an older build and checkout
to compare before and after.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile

CHILD = r"""
import sys, warnings
sys.path.insert(0, sys.argv[1])
import detsim_results as dr
warnings.simplefilter("ignore")
try:
    for name in ("results_info", "load_experiments", "load_summary", "load_trials",
                 "scenario_facts"):
        getattr(dr, name)(sys.argv[2])
    print("read")
except dr.DetsimResultsError:
    print("refused")
except Exception as exc:
    print("other", type(exc).__name__)
"""


def corrupt(data, rng):
    b = bytearray(data)
    kind = rng.random()
    if kind < 0.7:
        for _ in range(rng.randint(1, 8)):
            p = rng.randrange(len(b))
            b[p] ^= 1 << rng.randrange(8)
    elif kind < 0.85:
        b = b[:rng.randrange(len(b))]
    else:
        p = rng.randrange(len(b))
        n = rng.randint(1, 64)
        b[p:p + n] = bytes(rng.randrange(256) for _ in range(min(n, len(b) - p)))
    return bytes(b)


def outcome(argv, timeout, classify):
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hung"
    if r.returncode < 0 or r.returncode > 128:
        return "crashed"
    return classify(r)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("detsim")
    ap.add_argument("results")
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scripts", default=os.path.join(os.path.dirname(__file__), "..", "scripts"))
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    data = open(args.results, "rb").read()
    rng = random.Random(args.seed)
    tally = {"summarize": {}, "python": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.count):
            path = os.path.join(tmp, f"damaged{i}.h5")
            with open(path, "wb") as f:
                f.write(corrupt(data, rng))
            s = outcome([args.detsim, "summarize", path], args.timeout,
                        lambda r: {0: "read", 2: "refused"}.get(r.returncode, "other"))
            p = outcome([sys.executable, "-c", CHILD, args.scripts, path], args.timeout,
                        lambda r: (r.stdout.split() or ["other"])[0] if r.returncode == 0
                        else "other")
            for reader, result in (("summarize", s), ("python", p)):
                tally[reader][result] = tally[reader].get(result, 0) + 1
    for reader, counts in tally.items():
        parts = ", ".join(f"{counts.get(k, 0)} {k}" for k in
                          ("read", "refused", "other", "crashed", "hung"))
        print(f"{reader}: {args.count} corruptions (seed {args.seed}): {parts}")


if __name__ == "__main__":
    main()
