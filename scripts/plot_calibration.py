#!/usr/bin/python3
"""The figure of a `detsim calibrate` file: each fitted value's prior against its weighted
posterior, and each target's posterior predictive 95% interval against the observed figure.

Usage: /usr/bin/python3 scripts/plot_calibration.py CALIBRATION.h5 [-o FIGURE.png]
"""
import argparse
import math
import pathlib

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import yaml  # noqa: E402


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def read(path):
    with h5py.File(path, "r") as f:
        if text(f.attrs.get("file_type", "")) != "detsim calibration":
            raise SystemExit(f"{path}: not a detsim calibration file")
        posterior = f["posterior"]
        parameters = [text(p) for p in posterior.attrs["parameters"]]
        weights = posterior["weight"][()]
        values = {p: posterior[p][()] for p in parameters}
        targets_yaml = text(posterior.attrs["targets_yaml"])
        group = f["calibration/targets"]
        targets = {name: group[name][()] for name in group}
        for name, column in targets.items():
            if column.dtype.kind in "OS":
                targets[name] = np.array([text(v) for v in column])
    return parameters, weights, values, yaml.safe_load(targets_yaml), targets


def prior_range(spec):
    """(lo, hi) of a range prior; None for a distribution (drawn as a note, not a curve)."""
    if isinstance(spec, dict) and "range" in spec:
        lo, hi = spec["range"]
        return float(lo), float(hi)
    return None


def plot(path, out):
    parameters, weights, values, targets_file, targets = read(path)
    columns = max(len(parameters), 1) + 1
    fig, axes = plt.subplots(1, columns, figsize=(4.2 * columns + 3, 3.8),
                             gridspec_kw={"width_ratios": [1] * (columns - 1) + [1.6]})
    for ax, p in zip(axes, parameters):
        spec = targets_file["fit"][p]
        bounds = prior_range(spec)
        lo, hi = bounds if bounds else (values[p].min(), values[p].max())
        bins = np.linspace(lo, hi, 21)
        ax.hist(values[p], bins=bins, weights=weights, density=True, color="tab:blue",
                alpha=0.7, label="posterior")
        if bounds:
            ax.plot([lo, lo, hi, hi], [0, 1 / (hi - lo), 1 / (hi - lo), 0], color="black",
                    lw=1.2, label="prior")
        ax.set_xlabel(p)
        ax.set_ylabel("density")
        ax.legend(fontsize=8)
    ax = axes[-1]
    names = list(targets["target"])
    y = np.arange(len(names))
    mean = targets["predictive_mean"]
    lo = targets["predictive_lo"]
    hi = targets["predictive_hi"]
    used = targets["used_in_fit"] == 1
    for i in range(len(names)):
        colour = "tab:blue" if used[i] else "tab:orange"
        ax.plot([lo[i], hi[i]], [y[i], y[i]], color=colour, lw=3, alpha=0.6)
        ax.plot([mean[i]], [y[i]], "o", color=colour)
        if not math.isnan(targets["observed"][i]):
            ax.plot([targets["observed"][i]], [y[i]], "kx", ms=8)
    ax.set_yticks(y)
    ax.set_yticklabels([f"{n} ({'fit' if u else 'held out'})" for n, u in zip(names, used)],
                       fontsize=7)
    ax.set_xlabel("predictive 95% (bar), mean (o), observed (x)")
    ax.axvline(0, color="grey", lw=0.5)
    ax.invert_yaxis()
    fig.suptitle(f"Calibration: {pathlib.Path(path).name}")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("calibration", help="a file written by detsim calibrate")
    parser.add_argument("-o", "--output", help="figure file (default: CALIBRATION stem + .png)")
    args = parser.parse_args()
    out = args.output or str(pathlib.Path(args.calibration).with_suffix(".png"))
    print(plot(args.calibration, out))


if __name__ == "__main__":
    main()
