"""Whether two results files hold the same /trials, /summary and /paths, bit for bit.

Usage: same_results.py A.h5 B.h5 [--prefix | --any-block-size]. With --prefix, B is a run cut
short: its /trials and /paths rows must be A's first rows (B holds the blocks it completed, in
block order). With --any-block-size, the runs may have cut their trials into blocks of other sizes,
which interleaves the experiments' rows differently: rows are compared in (experiment, trial)
order, and /experiments's trials_used, target_met and half_width.* columns must be equal too.
Exits 1 naming the first difference.
"""
import sys

import h5py
import numpy as np


def columns(group):
    return {name: group[name][...] for name in group if isinstance(group[name], h5py.Dataset)}


def in_trial_order(table):
    """The rows of a /trials or /paths table sorted by experiment, then trial."""
    order = np.lexsort((table["trial"], table["experiment"]))
    return {name: values[order] for name, values in table.items()}


def precision_columns(table):
    wanted = ("trials_used", "target_met")
    return {k: v for k, v in table.items() if k in wanted or k.startswith("half_width.")}


def same(a, b, name, prefix, any_block_size=False):
    if name not in a:
        return name not in b or prefix
    if name not in b:
        return prefix and name == "summary"
    ca, cb = columns(a[name]), columns(b[name])
    if any_block_size and name in ("trials", "paths"):
        ca, cb = in_trial_order(ca), in_trial_order(cb)
    if any_block_size and name == "experiments":
        ca, cb = precision_columns(ca), precision_columns(cb)
    if sorted(ca) != sorted(cb):
        print(f"/{name}: columns differ: {sorted(ca)} vs {sorted(cb)}")
        return False
    for column, va in ca.items():
        vb = cb[column]
        if prefix:
            va = va[: len(vb)]
        if va.dtype == object or vb.dtype == object:  # variable-length strings
            differ = va.tolist() != vb.tolist()
        else:
            differ = va.dtype != vb.dtype or va.shape != vb.shape or va.tobytes() != vb.tobytes()
        if differ:
            print(f"/{name}/{column} differs ({va.shape} vs {vb.shape})")
            return False
    return True


def main():
    prefix = "--prefix" in sys.argv
    any_block_size = "--any-block-size" in sys.argv
    first, second = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    with h5py.File(first, "r") as a, h5py.File(second, "r") as b:
        groups = ["trials", "paths"] if prefix else ["trials", "summary", "paths"]
        if any_block_size:
            groups.append("experiments")
        ok = all(same(a, b, group, prefix, any_block_size) for group in groups)
        if ok and not prefix and a["trials"]["trial"].shape[0] == 0:
            print("no trials to compare")
            ok = False
    sys.exit(0 if ok else 1)


main()
