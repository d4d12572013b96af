#!/usr/bin/python3
"""docs/VALIDATION.md, whole, from runs of detsim: one command.

    /usr/bin/python3 scripts/validation_report.py [--detsim build/detsim] [--quick]
        [--posterior POST.h5] [--threads 2] [--keep DIR] [-o docs/VALIDATION.md]

It (a) lists the calibration targets (scenarios/calibration/targets.yaml); (b) fits them with
`detsim calibrate scenarios/calibration/defense_pact_post1945.yaml
scenarios/calibration/targets.yaml` (or reads the fit from --posterior, a file `detsim calibrate`
wrote) and tabulates the posterior, the generations and each target against its posterior
predictive interval, held-out targets marked, with the figure of scripts/plot_calibration.py;
(c) runs the Ukraine comparison (README's headline measures under every structure) with the
scenario's judgment values and with `--posterior`; (d) checks theory's directions, each from
paired runs of detsim (the same seed, so trial t draws the same numbers on both sides), with the
difference, its standard error and whether it holds at a margin of 4 standard errors.

Every number in the page comes from this run; the page states the commands and the run time.
About 10-15 minutes on 2 cores with the calibration (most of it the fit); --quick is a smoke run
(few trials, a small fit) whose numbers mean nothing.

Exit status: 0 success (a direction that fails is reported, not an error), 1 a run failed (its
command and stderr are printed), 2 bad arguments.
"""

import argparse
import math
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import detsim_results as dr  # noqa: E402  (needs the path above)

UKRAINE = ROOT / "scenarios" / "ukraine.yaml"
CALIBRATION_SCENARIO = ROOT / "scenarios" / "calibration" / "defense_pact_post1945.yaml"
TARGETS = ROOT / "scenarios" / "calibration" / "targets.yaml"
PLOT_CALIBRATION = ROOT / "scripts" / "plot_calibration.py"
HEADLINE = ("attacked", "honored_when_tested.united_states", "war_months_if_war",
            "escalation_ge_2", "cost.united_states", "second_crisis")
README_MEASURES = ("attacked", "honored_when_tested.united_states")
README = ROOT / "README.md"
README_MARKERS = ("<!-- validation:begin -->", "<!-- validation:end -->")
MARGIN = 4  # standard errors a direction's difference must clear
Z95 = 1.959963984540054


class RunFailed(Exception):
    pass


def run(command, log):
    """Runs a command, keeping it for the page; RunFailed with its stderr if it fails."""
    log.append(shlex.join(str(c) for c in command))
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True)
    if done.returncode != 0:
        raise RunFailed(f"{' '.join(str(c) for c in command)}\nexit {done.returncode}\n"
                        f"{done.stderr}")
    return done


def verdict(diff, se, sign):
    """Whether a difference holds its expected sign at MARGIN standard errors, and by how many."""
    if not se > 0:
        # No spread: both sides agree in every trial (a zero difference), or a side counted none.
        if diff == 0:
            return "**fails** (no difference: the two sides agree in every trial)"
        return "**fails** (too few trials to tell)"
    holds = diff * sign > 0 and abs(diff) > MARGIN * se
    return ("holds" if holds else "**fails**") + f" ({abs(diff) / se:.1f} se)"


def fmt(x, digits=3):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:.{digits}f}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


# --------------------------------------------------------------------------- (a), (b): the fit

def read_group(f, name):
    """A group of equal-length 1-D columns as a DataFrame (strings decoded)."""
    g = f[name]
    return pd.DataFrame({k: ([text(v) for v in g[k][()]] if g[k].dtype.kind in "OS"
                             else g[k][()]) for k in g})


def target_periods():
    """{target name: period} from the targets file, as far as its layout says it plainly."""
    if not TARGETS.exists():
        return {}
    data = yaml.safe_load(TARGETS.read_text()) or {}
    entries = data.get("targets", data) if isinstance(data, dict) else data
    periods = {}
    if isinstance(entries, dict):
        entries = [dict(v, name=k) for k, v in entries.items() if isinstance(v, dict)]
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and "name" in entry:
            period = entry.get("period", "")
            if isinstance(period, (list, tuple)):
                period = "-".join(str(p) for p in period)
            periods[str(entry["name"])] = str(period)
    return periods


def weighted_quantile(values, weights, q):
    order = np.argsort(values)
    v, w = np.asarray(values)[order], np.asarray(weights)[order]
    cdf = np.cumsum(w) / np.sum(w)
    return float(v[min(np.searchsorted(cdf, q), len(v) - 1)])


def fit_sections(posterior_file, figure_note):
    """(a) the targets and (b) the fit, from the file `detsim calibrate` wrote."""
    with h5py.File(posterior_file, "r") as f:
        post = read_group(f, "posterior")
        attrs = f["posterior"].attrs
        parameters = [text(p) for p in attrs["parameters"]]
        applies_to = [text(p) for p in attrs["applies_to"]]
        method = text(attrs.get("method", ""))
        generations = read_group(f, "calibration/generations")
        targets = read_group(f, "calibration/targets")
    periods = target_periods()
    out = ["## The targets", "",
           "Each target is a published count or rate (`scenarios/calibration/targets.yaml` gives "
           "its unit of analysis and how it maps onto the model's outputs); the fit uses the "
           "ones marked fitted, and the held-out ones are checked as predictions.", ""]
    rows = []
    for _, t in targets.iterrows():
        counted = f"{int(t['count'])}/{int(t['n'])}" if int(t["count"]) >= 0 else "-"
        rows.append((t["target"], t["source"], periods.get(t["target"], "-"), counted,
                     fmt(float(t["observed"])), "fitted" if int(t["used_in_fit"]) else
                     "**held out**"))
    out += [table(("target", "source", "period", "count/n", "observed", "role"), rows), ""]

    w = post["weight"].to_numpy(float)
    ess = 1 / np.sum((w / w.sum()) ** 2)
    out += ["## The fit", "",
            f"`detsim calibrate` ({method}): {len(w)} particles, effective sample size "
            f"{ess:.0f}. Each parameter's weighted mean and 95% interval (weighted 2.5% and "
            f"97.5% quantiles), and the path it sets when a scenario is run with "
            f"`--posterior`:", ""]
    rows = []
    for name, path in zip(parameters, applies_to):
        v = post[name].to_numpy(float)
        rows.append((f"`{name}`", f"`{path}`", fmt(float(np.sum(w * v) / np.sum(w))),
                     f"[{fmt(weighted_quantile(v, w, 0.025))}, "
                     f"{fmt(weighted_quantile(v, w, 0.975))}]"))
    out += [table(("parameter", "applies to", "posterior mean", "95% interval"), rows), "",
            "Generations of the sequential Monte Carlo:", ""]
    rows = [(int(g["generation"]), fmt(float(g["tolerance"]), 4),
             fmt(float(g["acceptance_rate"])), fmt(float(g["ess"]), 0), int(g["simulations"]))
            for _, g in generations.iterrows()]
    out += [table(("generation", "tolerance", "acceptance rate", "ESS", "simulations"), rows), "",
            "Each target against its posterior predictive 95% interval (the statistic's "
            "spread over the posterior, with binomial sampling at the target's n where it is a "
            "count): a target inside its interval is reproduced; a held-out one inside it is a "
            "prediction that held.", ""]
    rows = []
    for _, t in targets.iterrows():
        lo, hi, obs = float(t["predictive_lo"]), float(t["predictive_hi"]), float(t["observed"])
        rows.append((t["target"], "fitted" if int(t["used_in_fit"]) else "**held out**",
                     fmt(obs), fmt(float(t["predictive_mean"])), f"[{fmt(lo)}, {fmt(hi)}]",
                     "yes" if lo <= obs <= hi else "**no**"))
    out += [table(("target", "role", "observed", "predictive mean", "predictive 95%",
                   "inside"), rows), "", figure_note, ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- (c): Ukraine

def summary_cells(path):
    s = dr.load_summary(path)
    cells = {}
    for _, r in s.iterrows():
        digits = 1 if r["outcome"] == "war_months_if_war" else 3
        cells[(str(r["structure"]), r["outcome"])] = (
            "-" if math.isnan(r["mean"]) else
            f"{fmt(r['mean'], digits)} [{fmt(r['ci_low'], digits)}, {fmt(r['ci_high'], digits)}]")
    structures = list(dict.fromkeys(str(x) for x in s["structure"]))
    return structures, cells


def ukraine_section(detsim, posterior_file, trials, threads, work, log):
    common = ["run", UKRAINE, "--structure", "all", "--trials", trials, "--threads", threads,
              "--quiet"]
    judgment, drawn = work / "ukraine_judgment.h5", work / "ukraine_posterior.h5"
    run([detsim, *common, "-o", judgment], log)
    out = ["## The Ukraine comparison, with judgment values and with the posterior", "",
           f"README's headline measures under every structure, {trials} trials each (the "
           f"shipped seed): first with `scenarios/ukraine.yaml`'s judgment values, then with "
           f"`--posterior`, each trial drawing a particle of the fit, so the intervals include "
           f"the calibration's uncertainty. Estimate [95% interval].", ""]
    try:
        run([detsim, *common, "--posterior", posterior_file, "-o", drawn], log)
    except RunFailed as e:
        out += ["**The run with the posterior failed**; the table gives the judgment values "
                "only:", "", "```", str(e).strip(), "```", ""]
        drawn = None
    structures, a = summary_cells(judgment)
    b = summary_cells(drawn)[1] if drawn else {}

    def rows_of(measures):
        rows = []
        for measure in measures:
            for label, cells in (("judgment", a), ("posterior", b)):
                if cells:
                    rows.append((f"`{measure}`", label,
                                 *(cells.get((s, measure), "-") for s in structures)))
        return table(("measure", "values", *structures), rows)

    out += [rows_of(HEADLINE), ""]
    return "\n".join(out), rows_of(README_MEASURES)


# --------------------------------------------------------------------------- (d): directions

@dataclass
class Direction:
    theory: str
    reference: str
    claim: str
    measure: str          # a /summary measure
    sign: int             # the expected sign of changed - base
    base: list            # --set settings of the base side
    changed: list         # of the changed side
    structures: tuple = ("bilateral_pact",)
    scenario: Path = UKRAINE
    # Sides that differ in --structure rather than in settings: (base, changed); None runs the
    # scenario's own guarantee.
    structure_pair: tuple = ()


def both(term, value):
    return [f"guarantee.terms.{g}.{term}={value}" for g in ("united_states", "european_allies")]


def no_promise_settings():
    """The --set settings of the targets file's direction target (`versus`): the generic
    scenario with its pact's promise taken away."""
    if not TARGETS.exists():
        return []
    targets = (yaml.safe_load(TARGETS.read_text()) or {}).get("targets", {})
    for target in targets.values():
        if isinstance(target, dict) and "versus" in target:
            return [f"{path}={value}" for path, value in target["versus"].items()]
    return []


DIRECTIONS = [
    Direction("Tied hands", "Fearon 1997",
              "a higher audience cost raises honoring when tested",
              "honored_when_tested.united_states", +1,
              both("audience_cost", 0.05), both("audience_cost", 0.5)),
    Direction("Tied hands", "Fearon 1997", "a higher audience cost lowers attacks", "attacked",
              -1, both("audience_cost", 0.05), both("audience_cost", 0.5)),
    Direction("Sunk costs", "Fearon 1997",
              "aid the challenger sees (and reads as evidence) lowers attacks", "attacked", -1,
              ["dynamics.aid_observed=0"], ["dynamics.aid_observed=1"],
              structures=("security_assistance",)),
    Direction("Defense pacts deter", "Leeds 2003; Johnson & Leeds 2011",
              "a defense pact lowers attacks against its member, against none", "attacked", -1,
              [], [], structure_pair=("none", "bilateral_pact")),
    # The generic pact against the same scenario with no promise, as the targets file's
    # direction target compares them (`--structure none` would keep the scenario's own terms).
    Direction("Defense pacts deter (the generic post-1945 pact)",
              "Leeds 2003; Johnson & Leeds 2011",
              "a defense pact lowers attacks against its member, against none", "attacked", -1,
              no_promise_settings(), [], structures=(None,), scenario=CALIBRATION_SCENARIO),
    Direction("Perfect deterrence: credibility", "Zagare & Kilgour 2000",
              "a higher believed credibility of the guarantor lowers attacks", "attacked", -1,
              ["actors.united_states.credibility={beta: {mean: 0.3, concentration: 8}}"],
              ["actors.united_states.credibility={beta: {mean: 0.7, concentration: 8}}"]),
    Direction("Perfect deterrence: cost of war", "Zagare & Kilgour 2000",
              "a costlier war for the challenger lowers attacks", "attacked", -1,
              ["actors.russia.war_cost=1.0"], ["actors.russia.war_cost=3.0"]),
    Direction("Perfect deterrence: dissatisfaction", "Zagare & Kilgour 2000",
              "a challenger less satisfied with the status quo (a larger stake) attacks more",
              "attacked", +1, ["actors.russia.stake=0.7"], ["actors.russia.stake=1.3"]),
]


def paired_difference(base_file, changed_file, measure):
    """(difference, standard error, pairing, n) of `measure`, changed minus base: paired trial by
    trial where both count the same trials (as /summary pairs), else of independent estimates.
    The measure's definition is the file's own /measures."""
    a, b = dr.load_trials(base_file), dr.load_trials(changed_file)
    if a["experiment"].nunique() != 1 or b["experiment"].nunique() != 1:
        raise ValueError("one experiment per side")
    measures = a.attrs["measures"]
    a = a.assign(experiment=0)
    b = b.assign(experiment=1)
    keep = [c for c in a.columns if c in b.columns and c not in a.attrs["experiment_columns"]]
    both_sides = pd.concat([a[keep], b[keep]], ignore_index=True)
    both_sides.attrs["measures"] = measures
    s = dr.summarize_trials(both_sides, baseline=0)
    row = s[(s["experiment"] == 1) & (s["outcome"] == measure)].iloc[0]
    se = (row["difference_ci_high"] - row["difference_ci_low"]) / (2 * Z95)
    return float(row["difference"]), float(se), row["pairing"], int(row["n"])


def directions_section(detsim, trials, threads, work, log):
    out = ["## Theory's directions", "",
           f"Each row compares two runs of detsim that differ in one setting (or in the "
           f"structure), {trials} trials each, with the same seed: trial t draws the same "
           f"numbers on both sides, so the difference is paired trial by trial where both sides "
           f"count the same trials (`attacked`), and of independent estimates where they do not "
           f"(`honored_when_tested`, counted over the trials that test the guarantor). A "
           f"direction holds when the difference has the expected sign and clears {MARGIN} "
           f"standard errors.", ""]
    rows = []
    done = {}  # the runs made so far, by what they run: two directions may share one
    for d in DIRECTIONS:
        if not d.scenario.exists():
            rows.append((d.theory, d.reference, d.claim, "-", f"`{d.measure}`", "-", "-",
                         f"not run: {d.scenario.relative_to(ROOT)} is missing"))
            continue
        files = []
        for side, sets in (("base", d.base), ("changed", d.changed)):
            structure = d.structure_pair[0 if side == "base" else 1] if d.structure_pair \
                else d.structures[0]
            key = (d.scenario, structure, tuple(sets))
            if key not in done:
                done[key] = work / f"direction_run{len(done)}.h5"
                command = [detsim, "run", d.scenario, "--trials", trials, "--threads", threads,
                           "--quiet", "-o", done[key]]
                if structure:
                    command += ["--structure", structure]
                for s in sets:
                    command += ["--set", s]
                run(command, log)
            files.append(done[key])
        diff, se, pairing, _ = paired_difference(files[0], files[1], d.measure)
        setting = (f"`--structure {d.structure_pair[0]}` vs "
                   f"`{d.structure_pair[1] or 'its own pact'}`"
                   if d.structure_pair else
                   f"{d.structures[0] or 'its own guarantee'}: " +
                   ", ".join(f"`{s}`" for s in d.base) +
                   " → " + (", ".join(f"`{s}`" for s in d.changed) or "as written"))
        scenario = d.scenario.relative_to(ROOT)
        rows.append((d.theory, d.reference, d.claim, f"{scenario}, {setting}", f"`{d.measure}`",
                     f"{diff:+.4f} ({pairing})", f"{se:.4f}", verdict(diff, se, d.sign)))
    rows.append(huth_row(detsim, trials, threads, work, log))
    out += [table(("theory", "reference", "direction", "setting compared", "measure",
                   "difference", "se", f"at {MARGIN} se"), rows), ""]
    return "\n".join(out)


def huth_row(detsim, trials, threads, work, log):
    """Huth 1988: a guarantor that backs down invites a second challenge. Within one run (a
    bilateral pact, crises that recur after the cooldown): P(second crisis) among trials whose
    first attack the lead guarantor did not honor, minus among those it honored. A comparison of
    trials, as Huth's is of cases, not a paired one: the two groups differ in resolve too."""
    path = work / "huth.h5"
    run([detsim, "run", UKRAINE, "--structure", "bilateral_pact", "--trials", trials,
         "--threads", threads, "--quiet", "-o", path], log)
    t = dr.load_trials(path, columns=["tested.united_states", "honored.united_states",
                                      "second_attack_month"])
    tested = t[t["tested.united_states"]]
    second = tested["second_attack_month"].to_numpy() >= 0
    backed = ~tested["honored.united_states"].to_numpy(bool)
    n1, n0 = int(backed.sum()), int((~backed).sum())
    p1 = second[backed].mean() if n1 else math.nan
    p0 = second[~backed].mean() if n0 else math.nan
    diff = float(p1 - p0)
    se = math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0) if n1 and n0 else math.nan
    return ("Reputation after backing down", "Huth 1988",
            "a guarantor that backs down invites a second challenge",
            f"scenarios/ukraine.yaml, bilateral_pact: trials whose first attack the US did not honor "
            f"({n1}) vs honored ({n0})", "P(second crisis)", f"{diff:+.4f} (unpaired)",
            f"{se:.4f}", verdict(diff, se, +1))


# --------------------------------------------------------------------------- the page

def calibrate(detsim, args, work, log):
    out = work / "posterior.h5"
    command = [detsim, "calibrate", CALIBRATION_SCENARIO, TARGETS, "-o", out, "--seed",
               args.seed, "--threads", args.threads, "-q"]
    if args.quick:
        command += ["--particles", "40", "--generations", "2", "--trials", "200"]
    run(command, log)
    return out


def draw_figure(posterior_file, page, log):
    """The figure of the fit (scripts/plot_calibration.py), in figures/ beside the page; a line
    for the page."""
    if not PLOT_CALIBRATION.exists():
        return "(No figure: scripts/plot_calibration.py is not in this tree.)"
    figures = Path(page).parent / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    figure = figures / "calibration.png"
    try:
        run([sys.executable, PLOT_CALIBRATION, posterior_file, "-o", figure], log)
    except RunFailed as e:
        return f"(No figure: scripts/plot_calibration.py failed: {str(e).splitlines()[-1]})"
    return f"![the fit: priors against posteriors, targets against predictions](figures/{figure.name})"


def update_readme(path, readme_table, trials, quick):
    """README's table between its markers, replaced by this run's."""
    text_ = path.read_text()
    begin, end = README_MARKERS
    if begin not in text_ or end not in text_:
        raise SystemExit(f"validation_report.py: {path} has no {begin} ... {end} to fill")
    note = (f"{trials} trials per structure; " + ("a --quick smoke run, numbers meaningless; "
                                                  if quick else "") +
            "docs/VALIDATION.md has every headline measure.")
    head, rest = text_.split(begin, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{begin}\n{readme_table}\n\n({note})\n{end}{tail}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--detsim", default=str(ROOT / "build" / "detsim"))
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: few trials and a small fit (the numbers mean nothing)")
    parser.add_argument("--posterior",
                        help="a posterior file `detsim calibrate` wrote: used instead of fitting")
    parser.add_argument("--threads", default="2")
    parser.add_argument("--seed", default="20261201", help="the calibration's seed")
    parser.add_argument("--keep", help="keep the runs' files in this directory")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "VALIDATION.md"))
    parser.add_argument("--readme", default=str(README),
                        help="the README whose table (between its validation markers) is "
                             "replaced; '' to leave it alone")
    args = parser.parse_args()
    if not Path(args.detsim).exists():
        parser.error(f"{args.detsim}: no such program (build detsim, or give --detsim)")
    if args.posterior and not Path(args.posterior).exists():
        parser.error(f"{args.posterior}: no such file")
    trials = "300" if args.quick else "10000"
    direction_trials = "300" if args.quick else "4000"

    start = time.monotonic()
    log = []
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="validation-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        posterior = Path(args.posterior) if args.posterior else calibrate(args.detsim, args,
                                                                          work, log)
        figure = draw_figure(posterior, args.output, log)
        ukraine, readme_table = ukraine_section(args.detsim, posterior, trials, args.threads,
                                                work, log)
        sections = [fit_sections(posterior, figure), ukraine,
                    directions_section(args.detsim, direction_trials, args.threads, work, log)]
    except RunFailed as e:
        print(f"validation_report.py: a run failed:\n{e}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    minutes = (time.monotonic() - start) / 60
    fitted = "read from a given posterior file" if args.posterior else "fitted in this run"
    head = ["# Validation: calibrated to history, and theory's directions", "",
            "Generated by `scripts/validation_report.py`; do not edit by hand. "
            + ("**A --quick smoke run: its numbers mean nothing.** " if args.quick else "")
            + f"This run took {minutes:.1f} minutes on {args.threads} threads (the posterior "
            f"{fitted}).", "",
            "What is fitted: the parameters of the posterior table below, from the fitted "
            "targets. What stays judgment: every other value of the scenarios (docs/MODEL.md "
            "6.5), including everything the posterior does not set when the Ukraine comparison "
            "is run with it.", ""]
    tail = ["## The commands", "", "```",
            *[c.replace(str(ROOT) + "/", "").replace(str(work), "WORK") for c in log], "```", ""]
    Path(args.output).write_text("\n".join(head + sections + tail))
    if args.readme:
        update_readme(Path(args.readme), readme_table, trials, args.quick)
    print(f"validation_report.py: wrote {args.output} in {minutes:.1f} minutes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
