#!/usr/bin/python3
"""Write a synthetic detsim results file (schema_version 1) to develop and test the Python tools.

The numbers are random but plausible (stronger guarantees deter more, attacks escalate further when
a guarantor fights, costs accrue over war months), so the figures and the notebook's regression
show something sensible; they are NOT model output. The layout follows docs/RESULTS.md exactly:
root attributes, /scenario, /experiments, /trials, /measures, /summary and /paths, chunked and
compressed like the C++ writer's. Same arguments, same seed: the same file contents.

The measure definitions (/measures) are not written here: they are those detsim itself wrote in
the golden-file run (tests/golden/reference.json, regenerated from detsim by
scripts/update_golden.sh), whose actors and outcome labels are the fixture's; /summary is what
detsim_results.summarize_trials makes of them.

    /usr/bin/python3 tests/python/make_fixture.py OUT.h5 [--experiments 5] [--trials 400]

Options for the reader's error tests: --schema-version 2, --incomplete (complete = 0, no
/summary, as a run stopped part-way), --fixed-strings (fixed-length byte strings instead of
variable-length UTF-8, which h5py hands back as bytes).
"""

import argparse
import sys

import json
from pathlib import Path

import h5py
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import detsim_results as dr  # noqa: E402

GOLDEN_REFERENCE = Path(__file__).resolve().parents[1] / "golden" / "reference.json"

STRUCTURES = ["none", "nato_article5", "bilateral_pact", "security_assistance",
              "economic_diplomatic"]
OUTCOME_LABELS = ["deterred", "target_holds", "stalemate_or_ceasefire", "challenger_gains",
                  "nuclear_use"]
ACTORS = [("russia", "challenger"), ("ukraine", "target"),
          ("united_states", "guarantor"), ("european_allies", "guarantor")]
GUARANTORS = [a for a, role in ACTORS if role == "guarantor"]
LEAD = "united_states"

# Per structure: baseline log-odds of attack, defend share (lead, others), monthly aid,
# yearly cohesion shift.
STRUCTURE_TERMS = {
    "none": (1.0, 0.0, 0.0, 0.0, 0.0),
    "nato_article5": (-2.2, 1.0, 1.0, 0.0, 0.02),
    "bilateral_pact": (-1.0, 0.6, 0.0, 0.01, -0.05),
    "security_assistance": (-0.3, 0.0, 0.0, 0.02, 0.0),
    "economic_diplomatic": (0.4, 0.0, 0.0, 0.0, 0.0),
}

SCENARIO_YAML = """\
detsim: 1
name: ukraine_synthetic
description: Synthetic fixture for the Python tools (not model output)
horizon_months: {horizon}
trials: {trials}
seed: {seed}
rationality: .inf
honor_noise: 0.0
severity:
  probe: 0.3
  war: 0.7
actors:
  russia:
    role: challenger
    capability: 1.0
    resolve: {{beta: {{mean: 0.6, concentration: 20}}}}
    stake: 1.0
    war_cost: {{uniform: [1.5, 2.5]}}
    nuclear: true
    can_probe: true
  ukraine:
    role: target
    capability: 0.4
  united_states:
    role: guarantor
    lead: true
    capability: 2.5
    resolve: {{beta: {{mean: 0.55, concentration: 10}}}}
    credibility: {{beta: {{mean: {{uniform: [0.3, 0.7]}}, concentration: 8}}}}
  european_allies: {{role: guarantor, capability: 0.9, resolve: {{uniform: [0.3, 0.7]}},
                    credibility: {{uniform: [0.3, 0.7]}}}}
guarantee:
  preset: {preset}
output:
  record_paths: {record_paths}
"""


def _beta(rng, mean, concentration, size):
    return rng.beta(mean * concentration, (1 - mean) * concentration, size)


def _draw_params(rng, n):
    """The drawn parameters of n trials, keyed by their param.<dotted.path> column name."""
    return {
        "param.actors.russia.resolve": _beta(rng, 0.6, 20, n),
        "param.actors.russia.war_cost": rng.uniform(1.5, 2.5, n),
        "param.actors.united_states.resolve": _beta(rng, 0.55, 10, n),
        "param.actors.united_states.credibility.beta.mean": rng.uniform(0.3, 0.7, n),
        "param.actors.european_allies.resolve": rng.uniform(0.3, 0.7, n),
    }


def _simulate_experiment(rng, structure, n, horizon):
    """Plausible per-trial outcomes of one experiment as a dict of column arrays."""
    base, defend_lead, defend_other, aid, shift = STRUCTURE_TERMS[structure]
    p = _draw_params(rng, n)
    cred = p["param.actors.united_states.credibility.beta.mean"]
    logit = (base + 6.0 * (p["param.actors.russia.resolve"] - 0.6)
             - 1.5 * (p["param.actors.russia.war_cost"] - 2.0)
             - 4.0 * (defend_lead + 0.3) * (cred - 0.5))
    attacked = rng.random(n) < 1 / (1 + np.exp(-logit))
    attack_month = np.where(attacked, rng.integers(1, horizon + 1, n), -1)
    probes = rng.poisson(np.where(attacked, 1.5, 0.5))
    resolve = {"united_states": p["param.actors.united_states.resolve"],
               "european_allies": p["param.actors.european_allies.resolve"]}
    defend = {"united_states": defend_lead, "european_allies": defend_other}
    # An attack tests a guarantor that promised to fight, and some that did not.
    tested = {g: attacked & ((defend[g] > 0) | (rng.random(n) < 0.5)) for g in GUARANTORS}
    honored = {g: tested[g] & (resolve[g] + 0.5 * defend[g] >= 0.7) for g in GUARANTORS}
    fights = np.zeros(n, bool)
    for g in GUARANTORS:
        fights |= honored[g] & (defend[g] > 0) & attacked
    remaining = np.where(attacked, horizon - attack_month + 1, 0)
    war_months = np.minimum(rng.geometric(0.06, n), remaining) * attacked
    esc = np.where(attacked, 1, 0)
    esc = np.where(attacked & (rng.random(n) < np.where(fights, 0.25, 0.03)), 2, esc)
    esc = np.where((esc == 2) & (rng.random(n) < 0.08), 3, esc)
    territory = np.where(attacked, np.clip(rng.beta(np.where(fights, 12, 5), 2), 0.2, 1.0), 1.0)
    outcome = np.select(
        [~attacked, esc == 3, territory >= 0.95, territory >= 0.75],
        [0, 4, 1, 2], default=3)
    cohesion = np.clip(0.8 + shift * horizon / 12 + rng.normal(0, 0.05, n)
                       - 0.1 * (attacked & ~fights), 0, 1)
    cost = {"russia": 0.02 * war_months + 0.01 * probes,
            "ukraine": 0.1 * war_months * (1.0 - territory + 0.2)}
    for g in GUARANTORS:
        cost[g] = (aid * horizon * (g == LEAD)
                   + 0.05 * defend[g] * war_months * (honored[g] & attacked))
    burden = cost["united_states"] + cost["european_allies"]
    with np.errstate(invalid="ignore", divide="ignore"):
        burden_share = np.where(burden > 0, cost["european_allies"] / burden, np.nan)
    cols = {
        "attacked": attacked.astype(np.int8),
        "attack_month": attack_month.astype(np.int32),
        "probes": probes.astype(np.int32),
        "war_months": war_months.astype(np.int32),
        "max_escalation": esc.astype(np.int8),
        "outcome": outcome.astype(np.int8),
        "territory": territory,
        "cohesion": cohesion,
        "policy_flips": rng.binomial(2, 0.5, n).astype(np.int32),
        "burden_share_allies": burden_share,
    }
    for g in GUARANTORS:
        end_cred = np.clip(cred if g == LEAD else np.full(n, 0.5), 0, 1)
        end_cred = np.clip(end_cred + 0.15 * (honored[g] & attacked)
                           - 0.2 * (tested[g] & ~honored[g]), 0.01, 0.99)
        cols[f"tested.{g}"] = tested[g].astype(np.int8)
        cols[f"honored.{g}"] = honored[g].astype(np.int8)
        cols[f"credibility.{g}"] = end_cred
        prior = cred if g == LEAD else np.full(n, 0.5)
        cols[f"ambiguity.{g}"] = prior - resolve[g]  # believed minus true, at month 0
    for a, _ in ACTORS:
        cols[f"cost.{a}"] = cost[a]
    cols.update(p)
    return cols


def _column_meta(name):
    """(description, units) of a /trials column, as the C++ side would describe it."""
    fixed = {
        "experiment": ("experiment index (row of /experiments)", ""),
        "trial": ("trial index within the experiment", ""),
        "attacked": ("1 if the challenger attacked within the horizon", ""),
        "attack_month": ("month of the first attack, -1 if none", "months"),
        "probes": ("probes the challenger made", "count"),
        "war_months": ("months at war", "months"),
        "max_escalation": ("highest escalation level: 0 peace, 1 war, 2 direct clash, "
                           "3 nuclear use", ""),
        "outcome": ("outcome class code; see outcome_labels", ""),
        "territory": ("target's share of its territory at the end", "share"),
        "cohesion": ("alliance cohesion at the horizon, in [0, 1]", ""),
        "policy_flips": ("changes of administration among guarantors", "count"),
        "burden_share_allies": ("allies' share of the guarantors' cost, NaN if no cost", "share"),
    }
    if name in fixed:
        return fixed[name]
    kind, _, rest = name.partition(".")
    per = {
        "tested": (f"1 if {rest} was tested", ""),
        "honored": (f"1 if {rest} honored when tested", ""),
        "cost": (f"cumulative cost to {rest}", "stake units"),
        "credibility": (f"challenger's final belief mean about {rest}'s resolve", ""),
        "ambiguity": (f"believed minus true resolve of {rest} at month 0", ""),
        "param": (f"drawn parameter {rest}", ""),
    }
    return per[kind]


def _measure_records(trial_columns):
    """detsim's measure definitions (from the golden-file run) whose columns the fixture has."""
    stored = json.loads(GOLDEN_REFERENCE.read_text())["measures"]
    records = [dict(zip(stored["columns"], row)) for row in stored["rows"]]
    return [m for m in records
            if m["column"] in trial_columns and (not m["given"] or m["given"] in trial_columns)]


def _write_measures(f, records, fixed):
    g = f.create_group("measures")
    for name in records[0]:
        values = [m[name] for m in records]
        if name == "threshold":
            _write_column(g, name, np.array(values, float), "threshold", "", fixed)
        else:
            ds = _write_strings(g, name, values, fixed)
            _set_str_attr(ds, "description", name, fixed)


def _write_summary(path, fixed):
    """/summary of the written trials, by the definitions in the file's /measures."""
    summary = dr.summarize_trials(dr.load_trials(path))
    with h5py.File(path, "a") as f:
        g = f.create_group("summary")
        _write_column(g, "experiment", summary["experiment"].to_numpy(np.int32),
                      "experiment index (row of /experiments)", "", fixed)
        for col, d in [("outcome", "name of the measure"),
                       ("kind", "rate (Wilson interval) or mean (normal interval)"),
                       ("description", "what the measure is")]:
            ds = _write_strings(g, col, list(summary[col]), fixed)
            _set_str_attr(ds, "description", d, fixed)
        for col, d in [("mean", "estimate: share of trials for a rate, else mean"),
                       ("ci_low", "lower end of the 95% interval"),
                       ("ci_high", "upper end of the 95% interval")]:
            _write_column(g, col, summary[col].to_numpy(float), d, "", fixed)
        _write_column(g, "n", summary["n"].to_numpy(np.int32), "trials the estimate is based on",
                      "", fixed)


def _paths(rng, cols, rows, horizon):
    """Monthly series of the first `rows` trials, consistent with their final values."""
    months = np.arange(horizon + 1)
    out = {}
    am = cols["attack_month"][:rows]
    at_war = (am[:, None] >= 0) & (months[None, :] >= am[:, None])
    frac = np.where(at_war, np.clip((months[None, :] - am[:, None] + 1) / 12, 0, 1), 0)
    out["territory"] = 1 - frac * (1 - cols["territory"][:rows, None])
    esc = cols["max_escalation"][:rows, None].astype(float)
    out["escalation"] = np.where(at_war, np.minimum(esc, 1 + (frac >= 1) * (esc - 1)), 0.0)
    walk = np.cumsum(rng.normal(0, 0.01, (rows, horizon + 1)), axis=1)
    bridge = walk - walk[:, -1:] * months / horizon
    out["cohesion"] = np.clip(0.8 + (cols["cohesion"][:rows, None] - 0.8) * months / horizon
                              + bridge, 0, 1)
    out["aid_stock"] = np.cumsum(np.full((rows, horizon + 1), 0.01), axis=1) * 0.5
    for g in GUARANTORS:
        start = 0.5
        walk = np.cumsum(rng.normal(0, 0.01, (rows, horizon + 1)), axis=1)
        bridge = walk - walk[:, -1:] * months / horizon
        end = cols[f"credibility.{g}"][:rows, None]
        out[f"credibility.{g}"] = np.clip(start + (end - start) * months / horizon + bridge, 0, 1)
    for a, _ in ACTORS:
        out[f"cost.{a}"] = cols[f"cost.{a}"][:rows, None] * months / horizon
    return out


def _str_dtype(fixed):
    return None if fixed else h5py.string_dtype("utf-8")


def _write_strings(group, name, values, fixed):
    if fixed:
        data = np.array([v.encode("utf-8") for v in values], dtype="S")
    else:
        data = np.array(values, dtype=object)
    return group.create_dataset(name, data=data, dtype=_str_dtype(fixed) or data.dtype,
                                maxshape=(None,), chunks=True, compression="gzip")


def _set_str_attr(obj, name, value, fixed):
    obj.attrs[name] = np.bytes_(value.encode("utf-8")) if fixed else value


def _write_column(group, name, data, description, units, fixed):
    ds = group.create_dataset(name, data=data, maxshape=(None,), chunks=True,
                              compression="gzip", shuffle=True)
    _set_str_attr(ds, "description", description, fixed)
    if units:
        _set_str_attr(ds, "units", units, fixed)
    return ds


def make_fixture(path, n_experiments=5, trials=400, horizon=60, record_paths=30, seed=12345,
                 schema_version=1, complete=True, fixed_strings=False):
    """Write a synthetic results file at `path`; returns the per-trial columns written (a dict).

    n_experiments (1..5) takes the structures in the order `detsim run --structure all` uses.
    complete=False writes what a run stopped part-way leaves: complete = 0, fewer trials in the
    last experiment, no /summary.
    """
    if not 1 <= n_experiments <= len(STRUCTURES):
        raise ValueError(f"n_experiments must be 1..{len(STRUCTURES)}")
    rng = np.random.default_rng(seed)
    structures = STRUCTURES[:n_experiments]
    per_exp, paths, path_ids = [], [], []
    for e, s in enumerate(structures):
        cols = _simulate_experiment(rng, s, trials, horizon)
        if not complete and e == n_experiments - 1:
            cols = {k: v[: trials // 2] for k, v in cols.items()}
        m = len(cols["attacked"])
        cols = {"experiment": np.full(m, e, np.int32), "trial": np.arange(m, dtype=np.int32),
                **cols}
        per_exp.append(cols)
        r = min(record_paths, m)
        paths.append(_paths(rng, cols, r, horizon))
        path_ids.append((np.full(r, e, np.int32), np.arange(r, dtype=np.int32)))
    trial_cols = {k: np.concatenate([c[k] for c in per_exp]) for k in per_exp[0]}

    with h5py.File(path, "w") as f:
        a = f.attrs
        for k, v in [("detsim_version", "0.1.0"), ("git_revision", "fixture"),
                     ("created_utc", "2026-11-26T06:40:00Z"), ("file_type", "detsim results"),
                     ("command_line", "detsim run scenarios/ukraine.yaml --structure all "
                                      "-o results/ukraine_all.h5")]:
            _set_str_attr(f, k, v, fixed_strings)
        a["schema_version"] = np.int64(1)  # readable while /summary is computed; set below
        a["seed"] = np.uint64(seed)
        a["complete"] = np.int8(1 if complete else 0)
        a["trials_completed"] = np.int64(len(trial_cols["trial"]))

        yaml_text = SCENARIO_YAML.format(horizon=horizon, trials=trials, seed=seed,
                                         preset="none", record_paths=record_paths)
        _set_str_attr(f.create_group("scenario"), "yaml", yaml_text, fixed_strings)

        g = f.create_group("experiments")
        _write_column(g, "experiment", np.arange(n_experiments, dtype=np.int32),
                      "experiment index", "", fixed_strings)
        ds = _write_strings(g, "structure", structures, fixed_strings)
        _set_str_attr(ds, "description", "guarantee preset of the experiment", fixed_strings)
        _write_column(g, "trials", np.array([len(c["trial"]) for c in per_exp], np.int32),
                      "trials run in the experiment", "", fixed_strings)
        ds = _write_strings(g, "resolved_yaml", [
            SCENARIO_YAML.format(horizon=horizon, trials=trials, seed=seed, preset=s,
                                 record_paths=record_paths) for s in structures], fixed_strings)
        _set_str_attr(ds, "description", "the experiment's fully resolved scenario", fixed_strings)

        g = f.create_group("trials")
        labels = [s.encode() for s in OUTCOME_LABELS] if fixed_strings else OUTCOME_LABELS
        g.attrs.create("outcome_labels", labels,
                       dtype=None if fixed_strings else h5py.string_dtype("utf-8"))
        for name, data in trial_cols.items():
            _write_column(g, name, data, *_column_meta(name), fixed_strings)

        _write_measures(f, _measure_records(trial_cols), fixed_strings)

        g = f.create_group("paths")
        _write_column(g, "experiment", np.concatenate([i[0] for i in path_ids]),
                      "experiment of each recorded trial", "", fixed_strings)
        _write_column(g, "trial", np.concatenate([i[1] for i in path_ids]),
                      "trial of each recorded trial", "", fixed_strings)
        for var in paths[0]:
            data = np.concatenate([p[var] for p in paths], axis=0)
            ds = g.create_dataset(var, data=data, maxshape=(None, horizon + 1), chunks=True,
                                  compression="gzip")
            desc, units = ({"territory": ("target's territory share", "share"),
                            "escalation": ("escalation level", "level"),
                            "aid_stock": ("capability delivered to the target as aid",
                                          "capability"),
                            "cohesion": ("alliance cohesion", "")}.get(var)
                           or ((f"cumulative cost to {var[5:]}", "stake units")
                               if var.startswith("cost.") else
                               (f"challenger's belief mean about {var[12:]}'s resolve", "")))
            _set_str_attr(ds, "description", desc, fixed_strings)
            if units:
                _set_str_attr(ds, "units", units, fixed_strings)
    if complete:
        _write_summary(path, fixed_strings)
    with h5py.File(path, "a") as f:
        f.attrs["schema_version"] = np.int64(schema_version)
    return trial_cols


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("output", help="HDF5 file to write")
    p.add_argument("--experiments", type=int, default=5)
    p.add_argument("--trials", type=int, default=400, help="trials per experiment")
    p.add_argument("--horizon", type=int, default=60, help="horizon in months")
    p.add_argument("--record-paths", type=int, default=30, help="recorded trials per experiment")
    p.add_argument("--seed", type=int, default=12345)
    p.add_argument("--schema-version", type=int, default=1)
    p.add_argument("--incomplete", action="store_true", help="write complete = 0, no /summary")
    p.add_argument("--fixed-strings", action="store_true", help="fixed-length byte strings")
    a = p.parse_args(argv)
    make_fixture(a.output, a.experiments, a.trials, a.horizon, a.record_paths, a.seed,
                 a.schema_version, not a.incomplete, a.fixed_strings)
    print(a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
