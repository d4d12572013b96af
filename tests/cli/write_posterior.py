"""Writes a posterior file in the layout `detsim calibrate` writes (/posterior), for the tests of
`detsim run --posterior`: the layout is the contract between the two, and this writes it with h5py
so that the reader is tested against an independent writer.

Usage: write_posterior.py OUT SPEC_JSON
SPEC_JSON: {"applies_to": [...], "parameters": [...] (default: applies_to),
            "values": [[particle 0's values], ...] (one per parameter), "weights": [...],
            "omit": [names of columns or attributes to leave out], "group": "posterior"}
"""
import json
import sys

import h5py
import numpy as np


def main():
    out, spec = sys.argv[1], json.loads(sys.argv[2])
    omit = set(spec.get("omit", []))
    applies_to = spec["applies_to"]
    parameters = spec.get("parameters", applies_to)
    weights = np.asarray(spec["weights"], dtype=np.float64)
    strings = h5py.string_dtype()
    with h5py.File(out, "w") as f:
        g = f.create_group(spec.get("group", "posterior"))
        if "particle" not in omit:
            g["particle"] = np.arange(len(weights), dtype=np.int32)
        if "weight" not in omit:
            g["weight"] = weights
        for name, column in zip(parameters, spec["values"]):
            if name not in omit:
                g[name] = np.asarray(column, dtype=np.float64)
        if "parameters" not in omit:
            g.attrs["parameters"] = np.array(parameters, dtype=strings)
        if "applies_to" not in omit:
            g.attrs["applies_to"] = np.array(applies_to, dtype=strings)
        g.attrs["scenario"] = "written by tests/cli/write_posterior.py"
        g.attrs["targets_yaml"] = ""
        g.attrs["seed"] = np.uint64(1)
        g.attrs["seed_decimal"] = "1"
        g.attrs["method"] = "test"


if __name__ == "__main__":
    main()
