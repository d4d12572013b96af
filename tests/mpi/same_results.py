"""Whether two results files hold the same /trials, /summary and /paths, bit for bit.

Usage: same_results.py A.h5 B.h5 [--prefix]. With --prefix, B is a run cut short: its /trials
and /paths rows must be A's first rows (B holds the blocks it completed, in block order).
Exits 1 naming the first difference.
"""
import sys

import h5py
import numpy as np


def columns(group):
    return {name: group[name][...] for name in group if isinstance(group[name], h5py.Dataset)}


def same(a, b, name, prefix):
    if name not in a:
        return name not in b or prefix
    if name not in b:
        return prefix and name == "summary"
    ca, cb = columns(a[name]), columns(b[name])
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
    first, second = [arg for arg in sys.argv[1:] if arg != "--prefix"]
    with h5py.File(first, "r") as a, h5py.File(second, "r") as b:
        groups = ["trials", "paths"] if prefix else ["trials", "summary", "paths"]
        ok = all(same(a, b, group, prefix) for group in groups)
        if ok and not prefix and a["trials"]["trial"].shape[0] == 0:
            print("no trials to compare")
            ok = False
    sys.exit(0 if ok else 1)


main()
