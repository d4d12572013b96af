#!/usr/bin/python3
"""Golden-file regression test: a small fixed run of the shipped scenario, compared exactly with
the reference committed beside this script (reference.json).

    /usr/bin/python3 tests/golden/golden.py check  --detsim build/detsim
    /usr/bin/python3 tests/golden/golden.py update --detsim build/detsim   # scripts/update_golden.sh

The run is RUN below, from the repository's top folder. Compared, exactly:
  * every /trials column: a SHA-256 of its values in (experiment, trial) order, so the row order
    of blocks does not matter; the column's mean, min, max and NaN count are stored beside it so
    that a failure says how the column moved;
  * every /summary row: (experiment, measure) -> kind, mean, ci_low, ci_high, n;
  * /measures, the definitions the summary is computed from, when the file has them.
A change that is meant to leave results alone must pass unchanged. A change that is MEANT to move
results regenerates the reference in the same commit (scripts/update_golden.sh) and says why.
"""

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).resolve().parent / "reference.json"
# A few hundred trials of every shipped structure: enough to reach wars, escalation, elections
# and every outcome, quick enough for every test run.
RUN = ["run", "scenarios/ukraine.yaml", "--structure", "all", "--trials", "400",
       "--seed", "20261126", "--threads", "2", "--quiet"]
# Shown when a column moved, rounded so that the reference reads easily.
STAT_DIGITS = 6


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _rounded(x):
    return None if math.isnan(x) else float(f"{x:.{STAT_DIGITS}g}")


def _column_record(values):
    x = values.astype(float)
    finite = x[~np.isnan(x)]
    little = values.astype(values.dtype.newbyteorder("<"), copy=False)
    return {"dtype": str(values.dtype), "rows": int(len(values)),
            "sha256": hashlib.sha256(np.ascontiguousarray(little).tobytes()).hexdigest()[:32],
            "mean": _rounded(float(finite.mean())) if len(finite) else None,
            "min": _rounded(float(finite.min())) if len(finite) else None,
            "max": _rounded(float(finite.max())) if len(finite) else None,
            "nan": int(np.isnan(x).sum())}


def _table(group):
    cols = {}
    for name, ds in group.items():
        if isinstance(ds, h5py.Dataset) and ds.ndim == 1:
            data = ds[()]
            if h5py.check_string_dtype(ds.dtype) is not None:
                data = [_text(v) for v in data]
            cols[name] = data
    return cols


def _number(x):
    """A JSON-safe exact number: ints as int, floats as float (NaN stays NaN)."""
    return int(x) if isinstance(x, (np.integer, int)) else float(x)


def read_results(path):
    """The comparable content of a results file, in the form of reference.json."""
    with h5py.File(path, "r") as f:
        trials = _table(f["trials"])
        summary = _table(f["summary"])
        measures = _table(f["measures"]) if "measures" in f else None
    order = np.lexsort((trials["trial"], trials["experiment"]))
    content = {"command": "detsim " + " ".join(RUN),
               "trials": {name: _column_record(np.asarray(values)[order])
                          for name, values in sorted(trials.items())}}
    rows = []
    for i in range(len(summary["outcome"])):
        rows.append([int(summary["experiment"][i]), summary["outcome"][i], summary["kind"][i],
                     float(summary["mean"][i]), float(summary["ci_low"][i]),
                     float(summary["ci_high"][i]), int(summary["n"][i])])
    content["summary"] = sorted(rows, key=lambda r: (r[0], r[1]))
    if measures is not None:
        names = sorted(measures)
        content["measures"] = {"columns": names, "rows": [
            [_number(measures[c][i]) if not isinstance(measures[c][i], str) else measures[c][i]
             for c in names] for i in range(len(measures[names[0]]))]}
    return content


def run_detsim(detsim, directory):
    out = os.path.join(directory, "golden.h5")
    subprocess.run([detsim, *RUN, "-o", out], cwd=ROOT, check=True)
    return out


def _same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


def compare(reference, current):
    """Every difference between two contents, as readable lines (empty when they agree)."""
    problems = []
    ref_cols, cur_cols = reference["trials"], current["trials"]
    for name in sorted(set(ref_cols) - set(cur_cols)):
        problems.append(f"/trials/{name}: in the reference, missing now")
    for name in sorted(set(cur_cols) - set(ref_cols)):
        problems.append(f"/trials/{name}: new column, not in the reference")
    for name in sorted(set(ref_cols) & set(cur_cols)):
        r, c = ref_cols[name], cur_cols[name]
        if r != c:
            moved = ", ".join(f"{k} {r.get(k)} -> {c.get(k)}" for k in
                              ("dtype", "rows", "mean", "min", "max", "nan") if r.get(k) != c.get(k))
            problems.append(f"/trials/{name}: values differ ({moved or 'same statistics'})")
    ref_rows = {(r[0], r[1]): r for r in reference["summary"]}
    cur_rows = {(r[0], r[1]): r for r in current["summary"]}
    for key in sorted(set(ref_rows) - set(cur_rows)):
        problems.append(f"/summary experiment {key[0]} {key[1]}: in the reference, missing now")
    for key in sorted(set(cur_rows) - set(ref_rows)):
        problems.append(f"/summary experiment {key[0]} {key[1]}: new, not in the reference")
    labels = ("experiment", "outcome", "kind", "mean", "ci_low", "ci_high", "n")
    for key in sorted(set(ref_rows) & set(cur_rows)):
        r, c = ref_rows[key], cur_rows[key]
        moved = [f"{labels[i]} {r[i]!r} -> {c[i]!r}" for i in range(2, len(labels))
                 if not _same(r[i], c[i])]
        if moved:
            problems.append(f"/summary experiment {key[0]} {key[1]}: " + ", ".join(moved))
    if "measures" in reference or "measures" in current:
        ref_m, cur_m = reference.get("measures"), current.get("measures")
        if ref_m is None or cur_m is None:
            problems.append("/measures: " + ("missing now" if cur_m is None else
                                             "new, not in the reference"))
        elif ref_m["columns"] != cur_m["columns"]:
            problems.append(f"/measures columns {ref_m['columns']} -> {cur_m['columns']}")
        else:
            ref_d = {r[ref_m["columns"].index("measure")]: r for r in ref_m["rows"]}
            cur_d = {r[cur_m["columns"].index("measure")]: r for r in cur_m["rows"]}
            for name in sorted(set(ref_d) | set(cur_d)):
                if ref_d.get(name) != cur_d.get(name):
                    problems.append(f"/measures {name}: {ref_d.get(name)} -> {cur_d.get(name)}")
    return problems


def write_reference(content, path):
    """JSON with one column, summary row or measure per line, so that diffs read well."""
    lines = ["{", f' "command": {json.dumps(content["command"])},', ' "trials": {']
    items = list(content["trials"].items())
    for i, (name, record) in enumerate(items):
        lines.append(f"  {json.dumps(name)}: {json.dumps(record)}" +
                     ("," if i + 1 < len(items) else ""))
    lines.append(" },")
    lines.append(' "summary": [')
    for i, row in enumerate(content["summary"]):
        lines.append("  " + json.dumps(row) + ("," if i + 1 < len(content["summary"]) else ""))
    if "measures" in content:
        m = content["measures"]
        lines.append(" ],")
        lines.append(f' "measures": {{"columns": {json.dumps(m["columns"])}, "rows": [')
        for i, row in enumerate(m["rows"]):
            lines.append("  " + json.dumps(row) + ("," if i + 1 < len(m["rows"]) else ""))
        lines.append(" ]}")
    else:
        lines.append(" ]")
    lines.append("}")
    Path(path).write_text("\n".join(lines) + "\n")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("mode", choices=["check", "update"])
    p.add_argument("--detsim", required=True, help="the detsim binary to run")
    p.add_argument("--reference", default=str(REFERENCE))
    a = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        current = read_results(run_detsim(os.path.abspath(a.detsim), tmp))
    reference = json.loads(Path(a.reference).read_text()) if Path(a.reference).exists() else None
    problems = compare(reference, current) if reference else ["no reference yet"]
    if a.mode == "update":
        for line in problems:
            print(f"moved: {line}")
        write_reference(current, a.reference)
        print(f"wrote {a.reference} ({len(problems)} differences from the previous reference)")
        return 0
    if problems:
        print(f"golden: `detsim {' '.join(RUN)}` no longer matches {a.reference}:", file=sys.stderr)
        for line in problems[:40]:
            print(f"  {line}", file=sys.stderr)
        if len(problems) > 40:
            print(f"  ... and {len(problems) - 40} more", file=sys.stderr)
        print("If the change is meant to move results, run scripts/update_golden.sh and say why "
              "in the commit message.", file=sys.stderr)
        return 1
    print(f"golden: {len(current['trials'])} /trials columns and {len(current['summary'])} "
          f"/summary rows match {a.reference}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
