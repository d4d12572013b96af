#!/usr/bin/python3
"""Publication figures from a detsim results file.

    /usr/bin/python3 scripts/plot_results.py results/ukraine_all.h5 -o figures [--format svg]

Writes, one file each, and prints their paths:
  outcome_probabilities   outcome probabilities by structure, 95% intervals (/summary); the
                          rare classes (nuclear use) again in a zoomed panel
  attack_survival         Kaplan-Meier curve of months to first attack, censored at the horizon
  max_escalation          distribution of the highest escalation level reached
  cost_vs_deterrence      cost to each guarantor against P(not attacked), both intervals
  difference_forest       each structure's difference from the baseline for the headline
                          measures, 95% intervals, unpaired ones marked (/summary differences)
  fan_cohesion, fan_credibility_<id>   median and 50%/90% bands over months (/paths),
                          election months dotted
For a study's file, instead:
  response_attacked       P(attack) against a design of one or two factors, per structure
  tornado_attacked        a grid of two or more factors through a base point (each factor's
                          middle level): P(attack) as each factor alone moves to its lowest
                          and highest level, 95% intervals, one panel per structure
  sobol_<measure>         after `detsim analyze` of a sobol design: S1 and ST per factor with
                          their 95% intervals, one panel per structure (<measure>'s dots as _)
  morris_<measure>        after `detsim analyze` of a morris design: mu* against sigma per
                          factor, mu*'s 95% interval, one panel per structure
Every figure tells series apart by marker, line style or hatch, not by colour alone, so it
reads in grayscale; a shipped preset keeps its style in every file (structure_styles).
Experiments are drawn in file order and labelled by structure in words ("NATO Article 5"; made
unique with the varied parameters when experiments share a structure).

Exit status: 0 success, 2 bad input (not a readable detsim results file, or one lacking what a
figure needs), 1 failure while writing. The functions plot_* take frames from detsim_results
and return matplotlib Figures, so a notebook can reuse them.
"""

import argparse
import math
import os
import sys
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.lines
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

sys.path.insert(0, str(Path(__file__).resolve().parent))
import detsim_results as dr  # noqa: E402  (needs the path above)

FORMATS = ("png", "svg", "pdf")

# Figures are built with matplotlib.figure.Figure (no pyplot state), inside this style.
STYLE = {
    "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 9, "legend.fontsize": 8,
    "xtick.labelsize": 8, "ytick.labelsize": 8, "axes.spines.top": False,
    "axes.spines.right": False, "savefig.dpi": 200, "savefig.bbox": "tight",
    "pdf.fonttype": 42, "hatch.linewidth": 0.6, "errorbar.capsize": 2,
    "axes.prop_cycle": matplotlib.cycler(color=["black"]),
}

# One entry per experiment (cycled): these, not colour, tell the series apart.
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
MARKER_FACES = ["black", "white", "0.5", "white", "black", "white", "0.5", "black"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 2, 1, 2, 1, 2)), (0, (1, 1)), (0, (8, 3)),
              (0, (3, 1, 1, 1))]
BAR_FILLS = [("white", ""), ("0.3", ""), ("white", "////"), ("0.75", "...."),
             ("white", "xxxx"), ("0.9", "\\\\\\\\"), ("white", "++"), ("0.55", "")]


@dataclass
class Style:
    """How one experiment is drawn in every figure."""
    marker: str
    face: str
    linestyle: object
    fill: str
    hatch: str


def experiment_styles(n):
    """Styles for n series by position, distinct in grayscale for the first eight."""
    return [Style(MARKERS[i % 8], MARKER_FACES[i % 8], LINESTYLES[i % 8],
                  *BAR_FILLS[i % 8]) for i in range(n)]


# The shipped presets, each with its own style slot, so a structure looks the same in every
# file whatever other structures the file holds; and their names as a reader would write them.
PRESETS = ("none", "nato_article5", "bilateral_pact", "security_assistance",
           "economic_diplomatic")
PRESET_LABELS = {"none": "no guarantee", "nato_article5": "NATO Article 5",
                 "bilateral_pact": "bilateral pact", "security_assistance": "security assistance",
                 "economic_diplomatic": "economic and diplomatic"}


def structure_styles(structures):
    """Styles for series of these structures, in order: a shipped preset gets its own slot;
    another structure, or a second series of the same preset, the first slot left free
    (slots past the presets' first)."""
    slots = [None] * len(structures)
    for i, name in enumerate(structures):
        if name in PRESETS and PRESETS.index(name) not in slots:
            slots[i] = PRESETS.index(name)
    unused_presets = [k for k in range(len(PRESETS)) if k not in slots]
    free = iter(list(range(len(PRESETS), 8)) + unused_presets + list(range(8, 8 + len(slots))))
    slots = [k if k is not None else next(free) for k in slots]
    every = experiment_styles(max(slots, default=0) + 1)
    return [every[k] for k in slots]


def structure_label(name):
    """A structure or experiment label as words: a preset by its name in prose (with any
    bracketed departures kept as written), another id with its underscores as spaces."""
    name = str(name)
    base, bracket, rest = name.partition("[")
    if base in PRESET_LABELS:
        return PRESET_LABELS[base] + (f" [{rest}" if bracket else "")
    return _pretty(name)


def _pretty(label, wrap=None):
    """An id as words; wrap=N breaks it into lines of about N characters (tick labels)."""
    text = str(label).replace("_", " ")
    return textwrap.fill(text, wrap, break_long_words=False) if wrap else text


def _legend_outside(ax, **kw):
    """Legend right of the axes, where it can never hide data."""
    ax.legend(title="guarantee structure", frameon=False, loc="upper left",
              bbox_to_anchor=(1.01, 1.0), borderaxespad=0, **kw)


def _experiments(frame):
    """[(experiment, label)] in experiment order, from any frame carrying experiment_label;
    the label in words (structure_label)."""
    pairs = frame[["experiment", "experiment_label"]].drop_duplicates("experiment")
    return [(int(e), structure_label(l))
            for e, l in pairs.sort_values("experiment").itertuples(index=False)]


def _experiment_styles(frame, exps):
    """One style per experiment of exps, by its structure (structure_styles)."""
    if "structure" not in frame:
        return experiment_styles(len(exps))
    structure = frame.drop_duplicates("experiment").set_index("experiment")["structure"]
    names = [str(structure.get(e, "")) for e, _ in exps]
    return structure_styles([Path(n).stem if "/" in n else n for n in names])  # a preset file


# --------------------------------------------------------------------------- data

@dataclass
class PlotData:
    """Everything the figures draw from, read once."""
    source: str
    trials: pd.DataFrame
    summary: pd.DataFrame
    facts: dr.ScenarioFacts
    info: dict
    summary_from_trials: bool = False


def load_plot_data(path):
    """Read a results file for plotting; DetsimResultsError if it lacks what the figures need.

    Without /summary (a run stopped part-way) the summary is estimated from the trials.
    """
    trials = dr.load_trials(path)  # warns once if the run is incomplete
    need = {"attack_month", "max_escalation", "outcome", "attacked"} - set(trials.columns)
    if need:
        raise dr.DetsimResultsError(f"cannot plot {path}: /trials lacks {sorted(need)}")
    if trials.empty:
        raise dr.DetsimResultsError(f"cannot plot {path}: it holds no trials yet")
    info = dr.results_info(path)
    from_trials = not info["has_summary"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dr.IncompleteResultsWarning)
        summary = dr.summarize_trials(trials) if from_trials else dr.load_summary(path)
    # A stopped run may not have reached the later experiments: leave them out of every figure.
    missing = sorted(set(dr.load_experiments(path)["experiment"]) - set(trials["experiment"]))
    if missing:
        warnings.warn(f"{path}: experiments {missing} have no trials (the run stopped before "
                      f"them); they are left out of the figures", dr.IncompleteResultsWarning)
        summary = summary[summary["experiment"].isin(set(trials["experiment"]))]
    return PlotData(os.fspath(path), trials, summary, dr.scenario_facts(path), info, from_trials)


def _measure(data, name):
    """Rows of one summary measure per experiment; estimated from trials if /summary lacks it."""
    rows = data.summary[data.summary["outcome"] == name]
    if rows.empty:
        estimated = dr.summarize_trials(data.trials)
        rows = estimated[estimated["outcome"] == name]
        if rows.empty:
            raise dr.DetsimResultsError(
                f"cannot plot {data.source}: no summary measure {name!r} and no trial column "
                f"to estimate it from")
        warnings.warn(f"{data.source}: /summary has no {name!r}; estimated from /trials")
    return rows.set_index("experiment").sort_index()


# --------------------------------------------------------------------------- figures

def _finish(fig, ax, title, xlabel, ylabel, caption=None):
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if caption:
        fig.text(0.01, -0.02, caption, fontsize=6.5, color="0.35", ha="left", va="top")


# An outcome class is rare when no structure's 95% interval reaches this share: on a 0-1 axis
# its bars are invisible, so it gets a zoomed panel of its own.
RARE_SHARE = 0.1


def plot_outcome_probabilities(summary, labels, caption=None):
    """(a) Grouped bars: P(outcome) per outcome class and experiment, with 95% intervals; the
    rare classes (nuclear use, typically) again in a zoomed right panel."""
    exps = _experiments(summary)
    styles = _experiment_styles(summary, exps)
    rows = {e: summary[(summary["experiment"] == e)].set_index("outcome")
            .reindex([f"outcome.{l}" for l in labels]) for e, _ in exps}
    highest = np.nanmax(np.vstack([r["ci_high"].to_numpy(float) for r in rows.values()]), axis=0)
    rare = [i for i, h in enumerate(highest) if h < RARE_SHARE]
    panels = [list(range(len(labels)))] + ([rare] if rare and len(rare) < len(labels) else [])
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(7.5 + 2.2 * (len(panels) - 1), 3.8), layout="constrained")
        axes = fig.subplots(1, len(panels), squeeze=False,
                            gridspec_kw={"width_ratios": [len(p) for p in panels]})[0]
        width = 0.84 / len(exps)
        for ax, shown in zip(axes, panels):
            x = np.arange(len(shown))
            for i, ((e, name), st) in enumerate(zip(exps, styles)):
                r = rows[e].iloc[shown]
                mean = r["mean"].to_numpy(float)
                err = np.vstack([np.clip(mean - r["ci_low"], 0, None),
                                 np.clip(r["ci_high"] - mean, 0, None)])
                ax.bar(x + (i - (len(exps) - 1) / 2) * width, mean, width, yerr=err,
                       label=name, color=st.fill, hatch=st.hatch, edgecolor="black",
                       linewidth=0.6, error_kw={"elinewidth": 0.8, "ecolor": "black"})
            ax.set_xticks(x, [_pretty(labels[k], 12) for k in shown])
            ax.set_xlabel("outcome at the end of the horizon")
            ax.set_ylabel("probability (share of trials)")
        axes[0].set_ylim(0, 1)
        if len(axes) > 1:
            axes[1].set_ylim(0, max(float(np.nanmax(highest[rare])) * 1.15, 1e-3))
            axes[1].set_title("Rare outcomes (zoomed)")
            axes[0].set_title("All outcomes")
        _legend_outside(axes[-1])
        fig.suptitle("Outcome by guarantee structure (bars: 95% intervals)", fontsize=10)
        if caption:
            fig.text(0.01, -0.02, caption, fontsize=6.5, color="0.35", ha="left", va="top")
    return fig


def _structure_of(summary):
    """Each row's guarantee preset (a file's stem for a preset file): what a study crosses its
    points with, whatever the point's own departures make of the experiment's name."""
    if "preset" in summary:
        return summary["preset"].astype(str).map(lambda p: Path(p).stem if "/" in p else p)
    return summary["structure"].astype(str)


def plot_response_curves(summary, measure="attacked", caption=None):
    """A study's response: the measure against the first factor with its 95% band, one curve per
    structure, or with a second factor one panel per structure and one curve per level of the
    second factor. None unless the design has one or two factors."""
    rows = summary[summary["outcome"] == measure].copy()
    factors = dr.factor_columns(rows)
    if rows.empty or not 1 <= len(factors) <= 2:
        return None
    rows["_structure"] = _structure_of(rows)
    structures = list(dict.fromkeys(rows["_structure"]))
    x_name = factors[0]
    second = factors[1] if len(factors) == 2 else None
    panels = structures if second else [None]
    description = str(rows["description"].iloc[0]) if "description" in rows else measure
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(4.2 * len(panels) + 1.6, 3.6), layout="constrained")
        axes = fig.subplots(1, len(panels), squeeze=False, sharey=True)[0]
        for ax, panel in zip(axes, panels):
            here = rows if panel is None else rows[rows["_structure"] == panel]
            if second:
                curves = [(f"{_pretty(second[len('factor.'):])} = {level:g}",
                           here[here[second] == level]) for level in sorted(set(here[second]))]
                styles = experiment_styles(len(curves))
            else:
                curves = [(structure_label(st), here[here["_structure"] == st])
                          for st in structures]
                styles = structure_styles(structures)
            for (label, curve), st in zip(curves, styles):
                curve = curve.sort_values(x_name)
                x = curve[x_name].to_numpy(float)
                ax.fill_between(x, curve["ci_low"].to_numpy(float),
                                curve["ci_high"].to_numpy(float), color="0.5", alpha=0.25,
                                linewidth=0)
                ax.plot(x, curve["mean"].to_numpy(float), linestyle=st.linestyle,
                        marker=st.marker, markerfacecolor=st.face, color="black", label=label,
                        linewidth=1.2, markersize=4)
            ax.set_ylim(0, 1 if rows["ci_high"].max() <= 1 else None)
            if panel is not None:
                ax.set_title(structure_label(panel), fontsize=9)
            ax.set_xlabel(x_name[len("factor."):])
        axes[0].set_ylabel(f"{measure} (95% band)")
        axes[-1].legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                        borderaxespad=0, title=None if second else "guarantee structure")
        fig.suptitle(f"{_pretty(measure)} against {x_name[len('factor.'):]}: {description}",
                     fontsize=9)
        if caption:
            fig.text(0.01, -0.02, caption, fontsize=6.5, color="0.35", ha="left", va="top")
    return fig


def one_at_a_time(summary, measure="attacked"):
    """The one-at-a-time effects a grid study holds: each factor moved alone from the base
    point (every factor at its middle level, the lower middle for an even number of levels) to
    its lowest and its highest level, the others kept at the base. A frame with one row per
    (structure, factor): base, low, high (the measure's means there), low_ci, high_ci ((low,
    high) 95% intervals), swing (|high - low|). Empty unless the summary is of a grid design of
    two or more factors with the base and those points in it."""
    rows = summary[summary["outcome"] == measure].copy()
    factors = dr.factor_columns(rows)
    if rows.empty or len(factors) < 2 or "role" not in rows or \
            not (rows["role"].astype(str) == "grid").all():
        return pd.DataFrame()
    levels = {f: sorted(set(rows[f].astype(float))) for f in factors}
    base = {f: v[(len(v) - 1) // 2] for f, v in levels.items()}
    rows["_structure"] = _structure_of(rows)
    out = []
    for structure, here in rows.groupby("_structure", sort=False):
        def at(values):
            mask = np.ones(len(here), bool)
            for f, v in values.items():
                mask &= np.isclose(here[f].to_numpy(float), v)
            return here[mask]
        centre = at(base)
        if len(centre) != 1:
            return pd.DataFrame()  # not a grid through the base point
        for f in factors:
            ends = [at({**base, f: levels[f][0]}), at({**base, f: levels[f][-1]})]
            if any(len(e) != 1 for e in ends):
                return pd.DataFrame()
            low, high = (e.iloc[0] for e in ends)
            out.append({"structure": structure, "factor": f[len("factor."):],
                        "low_level": levels[f][0], "base_level": base[f],
                        "high_level": levels[f][-1], "base": float(centre["mean"].iloc[0]),
                        "low": float(low["mean"]), "high": float(high["mean"]),
                        "low_ci": (float(low["ci_low"]), float(low["ci_high"])),
                        "high_ci": (float(high["ci_low"]), float(high["ci_high"])),
                        "swing": abs(float(high["mean"]) - float(low["mean"]))})
    return pd.DataFrame(out)


def plot_tornado(summary, measure="attacked", caption=None):
    """A tornado chart of a grid study (one_at_a_time): per factor, a bar from the base point's
    value to the value at the factor's lowest level (white) and one to its highest (grey,
    hatched), with their 95% intervals, the factors with the largest swing on top, one panel per
    structure. None unless the file holds the one-at-a-time points."""
    effects = one_at_a_time(summary, measure)
    if effects.empty:
        return None
    order = (effects.groupby("factor", sort=False)["swing"].max()
             .sort_values(ascending=False).index.tolist())
    y = np.arange(len(order))
    structures = list(dict.fromkeys(effects["structure"]))
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(3.0 * len(structures) + 2.6, 0.5 * len(order) + 1.8),
                     layout="constrained")
        axes = fig.subplots(1, len(structures), squeeze=False, sharey=True)[0]
        for ax, structure in zip(axes, structures):
            here = effects[effects["structure"] == structure].set_index("factor").reindex(order)
            base = float(here["base"].iloc[0])
            for end, fill, hatch, name in (("low", "white", "", "factor at its lowest level"),
                                           ("high", "0.6", "////",
                                            "factor at its highest level")):
                value = here[end].to_numpy(float)
                ci = np.array([list(c) for c in here[f"{end}_ci"]], float)
                err = np.vstack([np.clip(value - ci[:, 0], 0, None),
                                 np.clip(ci[:, 1] - value, 0, None)])
                ax.barh(y, value - base, 0.6, left=base, color=fill, hatch=hatch,
                        edgecolor="black", linewidth=0.6, label=name)
                ax.errorbar(value, y, xerr=err, fmt="none", ecolor="black", elinewidth=0.8,
                            capsize=2)
            ax.axvline(base, color="black", linewidth=0.8, linestyle=":",
                       label="base point (every factor at its middle level)")
            ax.set_title(structure_label(structure), fontsize=9)
            ax.set_xlabel(f"{measure} (whiskers: 95% intervals)")
        first = effects.drop_duplicates("factor").set_index("factor")
        axes[0].set_yticks(y, [_factor_label(f"{f} ({first.loc[f, 'low_level']:g} / "
                                             f"{first.loc[f, 'base_level']:g} / "
                                             f"{first.loc[f, 'high_level']:g})", 28)
                               for f in order])
        axes[0].invert_yaxis()  # the largest swing on top
        axes[-1].legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                        borderaxespad=0)
        fig.suptitle(f"One factor at a time: {_pretty(measure)} (levels low / base / high)",
                     fontsize=9)
        if caption:
            fig.text(0.01, -0.02, caption, fontsize=6.5, color="0.35", ha="left", va="top")
    return fig


def _factor_label(path, wrap=22):
    """A factor's dotted path as a tick label: words, broken at the dots where it is long."""
    return textwrap.fill(str(path).replace("_", " ").replace(".", ". "), wrap,
                         break_long_words=False).replace(". ", ".")


def _sensitivity_panels(rows):
    """[(structure, its rows)] in file order: one panel per structure of the study."""
    return [(st, rows[rows["structure"] == st]) for st in dict.fromkeys(rows["structure"])]


def _panel_title(structure, rows):
    """A panel's structure with its measure's Monte Carlo noise share, which biases the indices."""
    name = structure_label(structure) if structure else "scenario's own structure"
    if "noise_share" in rows and np.isfinite(rows["noise_share"]).any():
        name += f"\n(noise {100 * float(np.nanmax(rows['noise_share'])):.1f}% of variance)"
    return name


def _sensitivity_caption_title(fig, measure, description, what, caption):
    fig.suptitle(f"{what}: {_pretty(measure)}" + (f" ({description})" if description else ""),
                 fontsize=9)
    if caption:
        fig.text(0.01, -0.02, caption, fontsize=6.5, color="0.35", ha="left", va="top")


# Sobol bars: S1 plain, ST grey and hatched, so the pair reads without colour.
SOBOL_FILLS = {"S1": ("white", ""), "ST": ("0.6", "////")}
SOBOL_NAMES = {"S1": "first order (S1)", "ST": "total (ST)"}


def plot_sobol_indices(sensitivity, measure, description="", caption=None):
    """Each factor's first-order and total Sobol indices of one measure as horizontal bars with
    their 95% bootstrap intervals, one panel per structure. None if the measure has no Sobol
    indices. sensitivity: load_sensitivity's frame."""
    rows = sensitivity[(sensitivity["measure"] == measure)
                       & sensitivity["index"].isin(list(SOBOL_FILLS))]
    if rows.empty:
        return None
    factors = list(dict.fromkeys(rows["factor"]))
    panels = _sensitivity_panels(rows)
    y = np.arange(len(factors))
    height = 0.38
    low = min(0.0, float(np.nanmin(rows[["estimate", "ci_low"]].to_numpy(float))))
    high = max(1.0, float(np.nanmax(rows[["estimate", "ci_high"]].to_numpy(float))))
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(2.6 * len(panels) + 2.4, 0.55 * len(factors) + 1.6),
                     layout="constrained")
        axes = fig.subplots(1, len(panels), squeeze=False, sharey=True, sharex=True)[0]
        for ax, (structure, here) in zip(axes, panels):
            for k, (index, (fill, hatch)) in enumerate(SOBOL_FILLS.items()):
                r = here[here["index"] == index].set_index("factor").reindex(factors)
                est = r["estimate"].to_numpy(float)
                err = np.vstack([np.clip(est - r["ci_low"].to_numpy(float), 0, None),
                                 np.clip(r["ci_high"].to_numpy(float) - est, 0, None)])
                ax.barh(y + (k - 0.5) * height, est, height, xerr=err, color=fill, hatch=hatch,
                        edgecolor="black", linewidth=0.6, label=SOBOL_NAMES[index],
                        error_kw={"elinewidth": 0.8, "ecolor": "black"})
            ax.axvline(0, color="black", linewidth=0.6)
            ax.set_xlim(low - 0.02, high + 0.02)
            ax.set_title(_panel_title(structure, here), fontsize=8.5)
            ax.set_xlabel("Sobol index (bars: 95% intervals)")
        axes[0].set_yticks(y, [_factor_label(f) for f in factors])
        axes[0].invert_yaxis()  # the first factor on top, as the design lists them
        axes[0].set_ylabel("factor")
        axes[-1].legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                        borderaxespad=0)
        _sensitivity_caption_title(fig, measure, description, "Sobol indices", caption)
    return fig


def plot_morris(sensitivity, measure, description="", caption=None):
    """Morris screening of one measure: each factor's mu* (mean absolute elementary effect,
    with its 95% bootstrap interval) against sigma, labelled points, one panel per structure.
    Above the line sigma = mu* a factor acts mostly through nonlinearity or interactions.
    None if the measure has no Morris indices."""
    rows = sensitivity[(sensitivity["measure"] == measure)
                       & sensitivity["index"].isin(["mu_star", "sigma"])]
    if rows.empty:
        return None
    factors = list(dict.fromkeys(rows["factor"]))
    panels = _sensitivity_panels(rows)
    styles = experiment_styles(len(factors))
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(3.4 * len(panels) + 2.6, 3.6), layout="constrained")
        axes = fig.subplots(1, len(panels), squeeze=False, sharey=True, sharex=True)[0]
        for ax, (structure, here) in zip(axes, panels):
            mu = here[here["index"] == "mu_star"].set_index("factor")
            sigma = here[here["index"] == "sigma"].set_index("factor")
            for number, (f, st) in enumerate(zip(factors, styles), 1):
                if f not in mu.index or f not in sigma.index:
                    continue
                x, y = float(mu.loc[f, "estimate"]), float(sigma.loc[f, "estimate"])
                xerr = [[max(0.0, x - float(mu.loc[f, "ci_low"]))],
                        [max(0.0, float(mu.loc[f, "ci_high"]) - x)]]
                ax.errorbar([x], [y], xerr=xerr, marker=st.marker, markersize=6,
                            markerfacecolor=st.face, markeredgecolor="black", color="black",
                            linestyle="none", elinewidth=0.8,
                            label=f"{number}: {_factor_label(f, 40)}")
                # Numbers, not names, by the points: names of nearby factors would overlap.
                ax.annotate(str(number), (x, y), textcoords="offset points", xytext=(4, 4),
                            fontsize=7.5)
            ax.set_title(_panel_title(structure, here), fontsize=8.5)
            ax.set_xlabel("mu* (mean |elementary effect|)")
        for ax in axes:
            ax.set_xlim(0, ax.get_xlim()[1] * 1.08)
            ax.set_ylim(0, ax.get_ylim()[1] * 1.12)  # room for the numbers above the points
            top = max(ax.get_xlim()[1], ax.get_ylim()[1])
            ax.plot([0, top], [0, top], color="0.5", linestyle=":", linewidth=0.8,
                    label="sigma = mu*")
        axes[0].set_ylabel("sigma (spread of the elementary effects)")
        axes[-1].legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                        borderaxespad=0, title="factor")
        _sensitivity_caption_title(fig, measure, description,
                                   "Morris screening (bars: 95% intervals of mu*)", caption)
    return fig


# The headline measures of the forest plot, as /summary names them (<id>: each actor).
FOREST_MEASURES = ("attacked", "escalation_ge_2", "honored_when_tested.", "war_months_if_war",
                   "territory", "cohesion", "cost.")


def _forest_measures(summary):
    """The headline measures the summary has, in its order."""
    names = dict.fromkeys(summary["outcome"].astype(str))
    return [m for m in names
            if m in FOREST_MEASURES or any(m.startswith(p) for p in FOREST_MEASURES
                                           if p.endswith("."))]


def plot_difference_forest(summary, caption=None):
    """Forest plot: each experiment's difference from the baseline for every headline measure,
    with its 95% interval, one panel per measure. Paired differences (common random numbers)
    are filled points, unpaired ones open squares. None without difference columns or without
    an experiment besides the baseline."""
    if "difference" not in summary or "pairing" not in summary:
        return None
    rows = summary[summary["pairing"].astype(str) != "baseline"]
    measures = [m for m in _forest_measures(summary)
                if np.isfinite(rows.loc[rows["outcome"] == m, "difference"]).any()]
    if rows.empty or not measures:
        return None
    exps = _experiments(rows)
    baseline = int(rows["baseline"].iloc[0])
    base_rows = summary[summary["experiment"] == baseline]
    base_name = (structure_label(base_rows["experiment_label"].iloc[0]) if len(base_rows)
                 else str(baseline))
    ncols = min(3, len(measures))
    nrows = math.ceil(len(measures) / ncols)
    y = np.arange(len(exps))
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(2.9 * ncols + 1.6, (0.28 * len(exps) + 1.0) * nrows + 0.6),
                     layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False, sharey=True).ravel()
        for ax, m in zip(axes, measures):
            r = rows[rows["outcome"] == m].set_index("experiment").reindex([e for e, _ in exps])
            d = r["difference"].to_numpy(float)
            err = np.vstack([np.clip(d - r["difference_ci_low"].to_numpy(float), 0, None),
                             np.clip(r["difference_ci_high"].to_numpy(float) - d, 0, None)])
            paired = (r["pairing"].astype(str) == "paired").to_numpy()
            for mask, marker, face in ((paired, "o", "black"), (~paired, "s", "white")):
                ax.errorbar(d[mask], y[mask], xerr=err[:, mask], marker=marker,
                            markerfacecolor=face, markeredgecolor="black", color="black",
                            linestyle="none", elinewidth=0.8, markersize=4.5)
            ax.axvline(0, color="0.4", linewidth=0.7, linestyle="--")
            kind = f" ({r['kind'].iloc[0]})" if "kind" in r and r["kind"].notna().any() else ""
            ax.set_title(_pretty(m) + kind, fontsize=8.5)
        for ax in axes[len(measures):]:
            ax.set_axis_off()
        axes[0].set_yticks(y, [textwrap.fill(name, 24) for _, name in exps])
        axes[0].invert_yaxis()
        handles = [matplotlib.lines.Line2D([], [], color="black", marker="o", linestyle="none",
                                           markerfacecolor="black", label="paired"),
                   matplotlib.lines.Line2D([], [], color="black", marker="s", linestyle="none",
                                           markerfacecolor="white", label="unpaired")]
        axes[min(ncols, len(measures)) - 1].legend(
            handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0),
            borderaxespad=0)
        fig.supxlabel(f"difference from {base_name} (bars: 95% intervals)",
                      fontsize=9)
        fig.suptitle(f"Each structure against the baseline, {base_name}: "
                     f"headline measures",
                     fontsize=10)
        if caption:
            fig.text(0.01, -0.01, caption, fontsize=6.5, color="0.35", ha="left", va="top")
    return fig


def kaplan_meier(attack_month, horizon):
    """Kaplan-Meier estimate of P(no attack by month t) with Greenwood 95% bounds.

    attack_month is -1 for trials never attacked: they are censored at `horizon`. Returns a
    frame with month, survival, low, high, at_risk, starting at month 0 with survival 1.
    """
    months = np.asarray(attack_month, dtype=float)
    event = months >= 0
    time = np.where(event, months, horizon)
    rows = [(0.0, 1.0, 1.0, 1.0, len(time))]
    s, greenwood = 1.0, 0.0
    for t in np.unique(time[event]):
        at_risk = int(np.sum(time >= t))
        d = int(np.sum(event & (time == t)))
        s *= 1 - d / at_risk
        greenwood += d / (at_risk * (at_risk - d)) if at_risk > d else math.inf
        half = 1.96 * s * math.sqrt(greenwood) if math.isfinite(greenwood) else 0.0
        rows.append((float(t), s, max(0.0, s - half), min(1.0, s + half), at_risk))
    last = rows[-1]
    if last[0] < horizon:  # carry the curve to the horizon, where the rest are censored
        rows.append((float(horizon),) + last[1:4] + (int(np.sum(time >= horizon)),))
    return pd.DataFrame(rows, columns=["month", "survival", "low", "high", "at_risk"])


def plot_attack_survival(trials, horizon, caption=None):
    """(b) Kaplan-Meier curves of months to first attack, one per experiment, with 95% bands."""
    exps = _experiments(trials)
    styles = _experiment_styles(trials, exps)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.5, 4.0), layout="constrained")
        ax = fig.add_subplot()
        for (e, name), st in zip(exps, styles):
            km = kaplan_meier(trials.loc[trials["experiment"] == e, "attack_month"], horizon)
            # The band's edges drawn thin in the curve's own line style: with several curves
            # a faint fill alone could not be seen, nor told whose it is.
            ax.fill_between(km["month"], km["low"], km["high"], step="post", color="0.5",
                            alpha=0.15, linewidth=0)
            for edge in ("low", "high"):
                ax.step(km["month"], km[edge], where="post", color="0.35",
                        linestyle=st.linestyle, linewidth=0.5, gid=f"band_{edge}")
            ax.step(km["month"], km["survival"], where="post", color="black",
                    linestyle=st.linestyle, linewidth=1.2, label=name)
            # Markers at evenly spaced months (step curves have too many points to mark all).
            marks = np.linspace(0, horizon, 7)[1:]
            idx = np.searchsorted(km["month"].to_numpy(), marks, side="right") - 1
            ax.plot(marks, km["survival"].to_numpy()[idx], linestyle="none", marker=st.marker,
                    markerfacecolor=st.face, markeredgecolor="black", markersize=4.5)
        ax.set_xlim(0, horizon)
        ax.set_ylim(0, 1.02)
        handles = [matplotlib.lines.Line2D([], [], color="black", linestyle=st.linestyle,
                                           marker=st.marker, markerfacecolor=st.face,
                                           markersize=4.5, label=name)
                   for (_, name), st in zip(exps, styles)]
        _legend_outside(ax, handles=handles)
        _finish(fig, ax, "Time to first attack (Kaplan–Meier; shaded, thin-edged: 95% bands)",
                f"month (trials never attacked are censored at the horizon, {horizon})",
                "share of trials not yet attacked", caption)
    return fig


def _level_shares(trials, e):
    """Share of an experiment's trials reaching each escalation level exactly, with Wilson CIs."""
    levels = trials.loc[trials["experiment"] == e, "max_escalation"]
    n = len(levels)
    out = []
    for label in dr.ESCALATION_LABELS:
        k = int((levels == label).sum())
        low, high = dr.wilson_interval(k, n)
        out.append((k / n if n else math.nan, low, high))
    return np.array(out)


def plot_max_escalation(trials, caption=None):
    """(c) Grouped bars of the highest escalation level reached; right panel zooms on levels >= 2
    (rare but the ones that matter), each with 95% Wilson intervals."""
    exps = _experiments(trials)
    styles = _experiment_styles(trials, exps)
    labels = list(dr.ESCALATION_LABELS)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(8.5, 3.8), layout="constrained")
        axes = fig.subplots(1, 2, gridspec_kw={"width_ratios": [2, 1]})
        width = 0.84 / len(exps)
        for ax, first in zip(axes, (0, 2)):
            x = np.arange(len(labels) - first)
            for i, ((e, name), st) in enumerate(zip(exps, styles)):
                s = _level_shares(trials, e)[first:]
                err = np.vstack([np.clip(s[:, 0] - s[:, 1], 0, None),
                                 np.clip(s[:, 2] - s[:, 0], 0, None)])
                ax.bar(x + (i - (len(exps) - 1) / 2) * width, s[:, 0], width, yerr=err,
                       label=name, color=st.fill, hatch=st.hatch, edgecolor="black",
                       linewidth=0.6, error_kw={"elinewidth": 0.8, "ecolor": "black"})
            ax.set_xticks(x, [_pretty(l) for l in labels[first:]])
            ax.set_xlabel("highest escalation level reached")
            ax.set_ylabel("probability (share of trials)")
            ax.set_ylim(bottom=0)
        axes[0].set_ylim(0, 1)
        axes[0].set_title("All levels")
        axes[1].set_title("Direct clash and nuclear use (zoomed)")
        _legend_outside(axes[1])
        fig.suptitle("Maximum escalation by guarantee structure (bars: 95% intervals)",
                     fontsize=10)
        if caption:
            fig.text(0.01, -0.02, caption, fontsize=6.5, color="0.35", ha="left", va="top")
    return fig


def plot_cost_vs_deterrence(attacked, costs, units, caption=None):
    """(d) One point per experiment: P(not attacked) against each guarantor's mean cost, one
    panel per guarantor (the lead first), since burden shifting moves cost between them.

    attacked and each of costs ({guarantor: rows}) are summary rows (index experiment; mean,
    ci_low, ci_high, experiment_label); units {guarantor: units}. Deterrence is
    1 - P(attacked), so its interval is the flipped one.
    """
    exps = [(e, structure_label(attacked.loc[e, "experiment_label"])) for e in attacked.index]
    styles = _experiment_styles(attacked.reset_index(), exps)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(4.2 * len(costs) + 1.8, 4.2), layout="constrained")
        axes = fig.subplots(1, len(costs), squeeze=False, sharex=True)[0]
        for ax, (guarantor, cost) in zip(axes, costs.items()):
            for (e, name), st in zip(exps, styles):
                x = 1 - attacked.loc[e, "mean"]
                xerr = [[max(0, x - (1 - attacked.loc[e, "ci_high"]))],
                        [max(0, (1 - attacked.loc[e, "ci_low"]) - x)]]
                y = cost.loc[e, "mean"]
                lo, hi = cost.loc[e, "ci_low"], cost.loc[e, "ci_high"]
                yerr = [[max(0, y - lo) if np.isfinite(lo) else 0],
                        [max(0, hi - y) if np.isfinite(hi) else 0]]
                ax.errorbar([x], [y], xerr=xerr, yerr=yerr, marker=st.marker, markersize=7,
                            markerfacecolor=st.face, markeredgecolor="black", color="black",
                            linestyle="none", elinewidth=0.8, label=name)
            ax.set_xlim(0, 1)
            ax.set_ylim(bottom=min(0, ax.get_ylim()[0]))
            lead = " (lead)" if ax is axes[0] and len(costs) > 1 else ""
            ax.set_title(f"cost to {_pretty(guarantor)}{lead}", fontsize=9)
            ax.set_xlabel("deterrence: P(not attacked within the horizon)")
            ax.set_ylabel(f"mean cumulative cost ({units.get(guarantor, 'stake units')})")
        _legend_outside(axes[-1])
        fig.suptitle("Cost to each guarantor against deterrence (bars: 95% intervals)",
                     fontsize=10)
        if caption:
            fig.text(0.01, -0.02, caption, fontsize=6.5, color="0.35", ha="left", va="top")
    return fig


def plot_fan_chart(wide, labels, title, ylabel, caption=None, elections=None):
    """(e) Median and 50%/90% bands over months, one panel per experiment.

    wide: load_paths(..., wide=True) (index experiment, trial; one column per month);
    labels: [(experiment, label)] giving the panels and their order; elections: the months
    that hold an election, marked by dotted vertical lines (where belief and cohesion jump).
    """
    ncols = min(3, len(labels))
    nrows = math.ceil(len(labels) / ncols)
    months = np.asarray(wide.columns, dtype=float)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(3.0 * ncols + 0.6, 2.5 * nrows + 0.6), layout="constrained")
        axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
        for ax, (e, name) in zip(axes, labels):
            rows = wide.xs(e, level="experiment").to_numpy(float) if e in \
                wide.index.get_level_values("experiment") else np.empty((0, len(months)))
            ax.set_title(f"{name} (n = {len(rows)})")
            if len(rows) == 0:
                ax.text(0.5, 0.5, "no recorded trials", transform=ax.transAxes, ha="center")
                continue
            for k, month in enumerate(elections or []):
                ax.axvline(month, color="0.3", linestyle=":", linewidth=0.8, gid="election",
                           label="election" if k == 0 else None)
            q = np.nanquantile(rows, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)
            ax.fill_between(months, q[0], q[4], color="0.85", linewidth=0, label="90% band")
            ax.fill_between(months, q[1], q[3], color="0.6", linewidth=0, label="50% band")
            ax.plot(months, q[2], color="black", linewidth=1.3, label="median")
        for i, ax in enumerate(axes):
            if i >= len(labels):
                ax.set_axis_off()
            elif i + ncols >= len(labels):  # nothing below it: it carries the month ticks
                ax.xaxis.set_tick_params(labelbottom=True)
        # The legend goes in an empty panel when there is one, so it hides no band.
        handles, names = axes[0].get_legend_handles_labels()
        spare = axes[-1] if len(axes) > len(labels) else axes[0]
        spare.legend(handles, names, frameon=False,
                     loc="center" if spare is not axes[0] else "best")
        fig.supxlabel("month", fontsize=9)
        fig.supylabel(textwrap.fill(ylabel, 45), fontsize=9)
        fig.suptitle(title, fontsize=10)
        if caption:
            fig.text(0.01, -0.01, caption, fontsize=6.5, color="0.35", ha="left", va="top")
    return fig


# --------------------------------------------------------------------------- driver

def _caption(data):
    info = data.info
    text = (f"{os.path.basename(data.source)}; detsim {info.get('detsim_version', '?')} "
            f"({info.get('git_revision', '?')}); seed {info.get('seed', '?')}; "
            f"{info.get('trials', '?')} trials")
    if not info.get("complete", False):
        text += "; INCOMPLETE RUN"
    if data.summary_from_trials:
        text += "; summary estimated from trials"
    return text


def election_months(scenario, guarantors, horizon):
    """{guarantor: [months of its elections within the horizon]} from a load_scenario dict
    (MODEL.md: first_month, then every every_months); {} without PyYAML (the YAML text)."""
    if not isinstance(scenario, dict):
        return {}
    out = {}
    for g in guarantors:
        elections = ((scenario.get("actors") or {}).get(g) or {}).get("elections")
        if isinstance(elections, dict):
            first = int(elections.get("first_month", 1))
            every = max(1, int(elections.get("every_months", 48)))
            out[g] = list(range(first, horizon + 1, every))
    return out


def _fan_variables(path, facts):
    """[(variable, title, file stem)]: cohesion and each guarantor's credibility."""
    out = [("cohesion", "Alliance cohesion over time (median, 50% and 90% bands)",
            "fan_cohesion")]
    for g in facts.guarantors:
        out.append((f"credibility.{g}",
                    f"Credibility of {_pretty(g)} over time (median, 50% and 90% bands)",
                    f"fan_credibility_{g}"))
    return out


def _sensitivity_figures(path, summary, cap):
    """[(stem, Figure)]: one per measure of /sensitivity, Sobol bars or Morris mu*-sigma."""
    sens = dr.load_sensitivity(path)
    plot, prefix = ((plot_morris, "morris") if sens.attrs.get("method") == "morris"
                    else (plot_sobol_indices, "sobol"))
    described = summary.drop_duplicates("outcome").set_index("outcome")
    out = []
    for measure in dict.fromkeys(sens["measure"]):
        description = (str(described.loc[measure, "description"])
                       if "description" in described and measure in described.index else "")
        fig = plot(sens, measure, description, cap)
        if fig is not None:
            out.append((f"{prefix}_{measure.replace('.', '_')}", fig))
    return out


def build_figures(path, provenance=True):
    """[(file stem, Figure)] for every figure the file supports, read once."""
    data = load_plot_data(path)
    cap = _caption(data) if provenance else None
    figs = []
    if dr.factor_columns(data.summary):
        # A study: its figures are the response to its factors and, once `detsim analyze` has
        # run, the sensitivity indices; a figure per experiment of many design points would be
        # unreadable.
        fig = plot_response_curves(data.summary, "attacked", cap)
        if fig is not None:
            figs.append(("response_attacked", fig))
        tornado = plot_tornado(data.summary, "attacked", cap)
        if tornado is not None:
            figs.append(("tornado_attacked", tornado))
        if data.info.get("has_sensitivity"):
            figs += _sensitivity_figures(path, data.summary, cap)
        elif fig is None and tornado is None:
            print(f"plot_results: {path}: response curves are drawn for designs of one or two "
                  f"factors, a tornado for grids through a base point; `detsim analyze` a sobol "
                  f"or morris design for its sensitivity figures", file=sys.stderr)
        return figs
    labels = list(data.trials["outcome"].cat.categories)
    figs.append(("outcome_probabilities",
                 plot_outcome_probabilities(data.summary, labels, cap)))
    figs.append(("attack_survival",
                 plot_attack_survival(data.trials, data.facts.horizon_months, cap)))
    figs.append(("max_escalation", plot_max_escalation(data.trials, cap)))
    lead = data.facts.lead_guarantor
    if lead is None:
        raise dr.DetsimResultsError(f"cannot plot {path}: the scenario names no guarantor")
    guarantors = [lead] + [g for g in data.facts.guarantors if g != lead]
    units = {g: data.trials.attrs.get("units", {}).get(f"cost.{g}", "stake units")
             for g in guarantors}
    figs.append(("cost_vs_deterrence", plot_cost_vs_deterrence(
        _measure(data, "attacked"), {g: _measure(data, f"cost.{g}") for g in guarantors},
        units, cap)))
    forest = plot_difference_forest(data.summary, cap)
    if forest is not None:
        figs.append(("difference_forest", forest))
    available = dr.path_variables(path)
    exps = _experiments(data.trials)
    elections = election_months(dr.load_scenario(path), data.facts.guarantors,
                                data.facts.horizon_months)
    for var, title, stem in _fan_variables(path, data.facts):
        if var not in available:
            print(f"plot_results: {path} has no /paths/{var}; {stem} not drawn", file=sys.stderr)
            continue
        with warnings.catch_warnings():  # load_plot_data has already warned once
            warnings.simplefilter("ignore", dr.IncompleteResultsWarning)
            wide = dr.load_paths(path, var, wide=True)
        if wide.empty:
            print(f"plot_results: {path} recorded no trials in /paths/{var}; {stem} not drawn",
                  file=sys.stderr)
            continue
        ylabel = wide.attrs.get("description") or var
        if wide.attrs.get("units"):
            ylabel += f" ({wide.attrs['units']})"
        # A guarantor's credibility moves at its own elections; cohesion at anyone's.
        guarantor = var.split(".", 1)[1] if var.startswith("credibility.") else None
        marks = elections.get(guarantor, []) if guarantor else \
            sorted({m for months in elections.values() for m in months})
        figs.append((stem, plot_fan_chart(wide, exps, title, ylabel, cap, marks)))
    return figs


def make_figures(path, output_dir, fmt="png", provenance=True):
    """Write every figure as output_dir/<stem>.<fmt>; returns the paths written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, fig in build_figures(path, provenance):
        out = output_dir / f"{stem}.{fmt}"
        with matplotlib.rc_context(STYLE):
            fig.savefig(out, format=fmt)
        written.append(out)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="plot_results.py",
        description="Publication figures (grayscale-safe) from a detsim results file.")
    parser.add_argument("results", help="detsim results file (.h5)")
    parser.add_argument("-o", "--output-dir", required=True, help="directory for the figures")
    parser.add_argument("--format", choices=FORMATS, default="png", help="file format (png)")
    parser.add_argument("--no-provenance", action="store_true",
                        help="omit the small source/version line under each figure")
    args = parser.parse_args(argv)
    matplotlib.use("Agg")  # headless: never needs a display
    try:
        written = make_figures(args.results, args.output_dir, args.format,
                               not args.no_provenance)
    except dr.DetsimResultsError as exc:
        print(f"plot_results: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"plot_results: error while writing figures: {exc}", file=sys.stderr)
        return 1
    for p in written:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
