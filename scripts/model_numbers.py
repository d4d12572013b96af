#!/usr/bin/python3
"""Every number docs/MODEL.md 6.4 quotes, from runs of the shipped scenario: one command.

    /usr/bin/python3 scripts/model_numbers.py [--detsim build/detsim] [--keep DIR]

Runs the default scenario (scenarios/ukraine.yaml, its seed, 10 000 trials per structure) once
as shipped and once per comparison 6.4 makes (one setting changed with --set), then prints one
line per number, `label = value`, e.g. `attacked.nato_article5.gamma0 = 0.053`. A label is
`<measure>.<structure>.<run>`; the runs are listed in RUNS below, each with what it changes.
Labels are stable: 6.4 cites them, and a later model adds labels rather than renaming them.
Rates and means carry their 95% interval in brackets where 6.4 gives one (Wilson or normal, as
/summary computes them). About a minute on 2 cores.

Exit status: 0 success, 1 a run failed (its command and stderr are printed), 2 bad arguments.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np
import yaml
from scipy import stats

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import detsim_results as dr  # noqa: E402  (needs the path above)

SCENARIO = ROOT / "scenarios" / "ukraine.yaml"
STRUCTURES = ("none", "nato_article5", "bilateral_pact", "security_assistance",
              "economic_diplomatic")
GUARANTORS = ("united_states", "european_allies")
FIRST_ELECTION_MONTH = 26  # scenarios/ukraine.yaml: the first US election


def both_guarantors(term, value):
    return [f"guarantee.terms.{g}.{term}={value}" for g in GUARANTORS]


@dataclass
class Run:
    """One detsim run: the settings it changes from the shipped scenario, and its structures."""
    name: str
    what: str
    sets: list = field(default_factory=list)
    structures: tuple = STRUCTURES
    paths: bool = False  # keep the shipped output.record_paths (only the default run needs them)


RUNS = [
    Run("default", "the shipped scenario, as `detsim run scenarios/ukraine.yaml --structure all`",
        paths=True),
    Run("myopic", "the challenger of before: myopic (delta = 0), a fresh opportunity shock "
        "each month (rho_V = 0), a war that ends the trial's crises (cooldown 0)",
        ["dynamics.challenger_discount=0", "dynamics.opportunity_persistence=0",
         "dynamics.crisis_cooldown_months=0"]),
    Run("onecrisis", "the shipped scenario with a war that ends the trial's crises (cooldown 0)",
        ["dynamics.crisis_cooldown_months=0"]),
    Run("delta0", "a myopic challenger (delta = 0) with lasting windows (rho_V = 0.9)",
        ["dynamics.challenger_discount=0"]),
    Run("rho0", "the forward-looking challenger (delta = 0.98) with a fresh shock each month "
        "(rho_V = 0)", ["dynamics.opportunity_persistence=0"]),
    Run("sigma0", "no opportunity shock (sigma_V = 0): attacks timed by elections, aid and "
        "beliefs alone", ["dynamics.opportunity_volatility=0"]),
    Run("sigma0_h480", "sigma_V = 0 over 480 months",
        ["dynamics.opportunity_volatility=0", "horizon_months=480"]),
    Run("h480", "the shipped scenario over 480 months", ["horizon_months=480"]),
    Run("myopic_h480", "the myopic challenger of before over 480 months",
        ["dynamics.challenger_discount=0", "dynamics.opportunity_persistence=0",
         "dynamics.crisis_cooldown_months=0", "horizon_months=480"]),
    Run("gamma0", "guarantors that do not weigh costs (gamma = 0)", ["dynamics.cost_weight=0"]),
    Run("nopool", "Article 5 without pooled alliance resolve (collective false)",
        ["guarantee.collective=false"], ("nato_article5",)),
    Run("psi0", "no post-war guarantees (psi = 0 for both guarantors)",
        both_guarantors("postwar_guarantee", 0)),
    Run("norevoke", "no revocation (reversal risk 0 for both guarantors)",
        both_guarantors("reversal_risk", 0)),
    Run("aid_unseen", "aid not read as evidence (dynamics.aid_observed = 0)",
        ["dynamics.aid_observed=0"]),
    Run("inforce12", "Article 5 members' forces bind only from month 12 (accession)",
        both_guarantors("in_force_month", 12), ("nato_article5",)),
    Run("inforce12_mu0", "in_force_month 12 without the preventive motive (mu = 0)",
        both_guarantors("in_force_month", 12) + ["dynamics.preventive_weight=0"],
        ("nato_article5",)),
]

# /summary measures printed for every run and structure, with how many decimals.
RUN_MEASURES = {"attacked": 3, "attack_month": 1, "honored_when_tested.united_states": 3,
                "war_months_if_war": 1, "cost.united_states": 2, "probes": 3}
# ... and for the default run, the whole table of 6.4 (intervals on the measures marked True).
DEFAULT_MEASURES = {
    "attacked": (3, True), "honored_when_tested.united_states": (3, True),
    "honored_when_tested.european_allies": (3, True), "revoked.united_states": (3, False),
    "abs_ambiguity.united_states": (2, False), "attack_month": (1, True),
    "war_months_if_war": (1, True), "outcome.challenger_gains": (3, False),
    "territory": (2, False), "cohesion": (2, False), "escalation_ge_2": (3, False),
    "nuclear_use": (3, False), "burden_share_allies": (2, False),
    "cost.united_states": (2, False), "cost.european_allies": (2, False),
    "credibility.united_states": (3, False), "credibility.european_allies": (3, False),
    "believed_honor.united_states": (3, True), "believed_honor.european_allies": (3, False),
    "probes": (3, False), "crises": (2, False), "second_crisis": (3, False),
}


def run_detsim(detsim, run, out, trials):
    cmd = [str(detsim), "run", str(SCENARIO), "-o", str(out), "--threads", "2", "-q"]
    for s in run.structures:
        cmd += ["--structure", s]
    if trials is not None:
        cmd += ["--trials", str(trials)]
    sets = list(run.sets) + ([] if run.paths else ["output.record_paths=0"])
    for s in sets:
        cmd += ["--set", s]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(f"model_numbers: {' '.join(cmd)} failed ({proc.returncode}):\n"
                         f"{proc.stderr}")
        sys.exit(1)


def fmt(x, digits):
    return "nan" if x is None or not np.isfinite(x) else f"{x:.{digits}f}"


class Printer:
    def __init__(self):
        self.seen = set()

    def __call__(self, label, value, digits=3, ci=None):
        assert label not in self.seen, label  # a label names one number
        self.seen.add(label)
        text = fmt(value, digits)
        if ci is not None:
            text += f" [{fmt(ci[0], digits)}, {fmt(ci[1], digits)}]"
        print(f"{label} = {text}", flush=True)


def summary_numbers(put, path, run):
    summary = dr.load_summary(path)
    measures = ({m: (d, True) for m, d in RUN_MEASURES.items()} if run.name != "default"
                else DEFAULT_MEASURES)
    for preset in run.structures:
        rows = summary[summary["preset"] == preset].set_index("outcome")
        for measure, (digits, with_ci) in measures.items():
            if measure not in rows.index or rows.loc[measure, "n"] == 0:
                continue
            row = rows.loc[measure]
            put(f"{measure}.{preset}.{run.name}", row["mean"], digits,
                (row["ci_low"], row["ci_high"]) if with_ci else None)


def default_trial_numbers(put, trials):
    """What 6.4 reads from the default run's trials rather than from /summary."""
    for preset in STRUCTURES:
        t = trials[trials["preset"] == preset]
        attacked = t[t["attacked"] == 1]
        if len(attacked):
            put(f"attacks_from_first_election.{preset}.default",
                np.mean(attacked["attack_month"] >= FIRST_ELECTION_MONTH))
        if preset == "none":
            continue
        # Who is attacked and probed: the share of those trials whose US commitment a new
        # administration revoked (at any month), against its share of all trials.
        revoked = t["revoked.united_states"] == 1
        if len(attacked):
            put(f"revoked_share_of_attacked.united_states.{preset}.default",
                np.mean(attacked["revoked.united_states"] == 1))
        probing = t["probes"] > 0
        put(f"probing_trials.{preset}.default", probing.sum(), 0)
        if probing.any():
            put(f"revoked_share_of_probing.united_states.{preset}.default",
                np.mean(revoked[probing]))
        # "Backing down costs credibility": what the challenger believes at the horizon, by
        # what the US did when tested (trials where it was never tested apart).
        us_tested = t["tested.united_states"] == 1
        us_honored = t["honored.united_states"] == 1
        for name, sel in (("untested", ~us_tested), ("honored", us_tested & us_honored),
                          ("backed_down", us_tested & ~us_honored)):
            for column in ("believed_honor.united_states", "credibility.united_states"):
                values = t.loc[sel, column].to_numpy(dtype=float)
                values = values[np.isfinite(values)]
                if len(values):
                    put(f"{column}.{preset}.default.us_{name}", values.mean())
            # Repeated crises: how often a second one followed (types and acts together; the
            # act's own effect is test (b)'s, tests/engine/crises_test.cpp).
            if name != "untested" and sel.any():
                put(f"second_crisis.{preset}.default.us_{name}",
                    np.mean(t.loc[sel, "second_attack_month"] >= 0))
        # Wars by who fights, where the US promises forces: tested and honoring, or not.
        wars = t[t["war_months"] > 0]
        us_forces = t["terms.united_states.defend"].iloc[0] > 0
        for name, sel in (("us_fights", wars["honored.united_states"] == 1),
                          ("us_out", wars["honored.united_states"] == 0)) if us_forces else ():
            w = wars[sel]
            put(f"wars.{preset}.default.{name}", len(w), 0)
            if len(w):
                put(f"war_months.{preset}.default.{name}", w["war_months"].mean(), 1)
                put(f"challenger_gains_share.{preset}.default.{name}",
                    np.mean(w["outcome"] == "challenger_gains"))
        gains_in_war = wars[wars["outcome"] == "challenger_gains"]
        if len(gains_in_war):
            put(f"max_territory_at_capitulation.{preset}.default",
                gains_in_war["territory"].max(), 2)


def law_pdf(law, grid):
    """Density on grid of a resolve or credibility law as the scenario writes it (beta, uniform)."""
    if isinstance(law, dict) and "beta" in law:
        mean, k = law["beta"]["mean"], law["beta"]["concentration"]
        return stats.beta.pdf(grid, mean * k, (1 - mean) * k)
    if isinstance(law, dict) and "uniform" in law:
        lo, hi = law["uniform"]
        return stats.uniform.pdf(grid, lo, hi - lo)
    raise ValueError(f"model_numbers: no density for the law {law!r}")


def chance_to_honor(law, audience_cost, threshold, noise):
    """P(r + a >= threshold + eps), r from law, eps ~ N(0, noise): MODEL.md 7.2 integrated."""
    grid = np.linspace(0, 1, 20001)
    weight = law_pdf(law, grid)
    honors = stats.norm.cdf((grid + audience_cost - threshold) / noise)
    return np.trapz(weight * honors, grid) / np.trapz(weight, grid)


def cost_margin(s, terms, cost_weight):
    """Delta_g = gamma * phi_g * C_g of MODEL.md 7.2, from a resolved scenario and g's terms."""
    d = s["dynamics"]
    months = d["forecast_months"]
    clash = min(1.0, d["clash_base"] + (d["clash_direct"] if terms["defend"] > 0 else 0.0))
    nuclear = any(a.get("nuclear") for a in s["actors"].values() if a["role"] == "challenger")
    forces = d["guarantor_war_cost"] * terms["defend"] * terms["capability"]
    expected = months * (forces + d["sanctions_cost_share"] * terms["sanctions"])
    if nuclear:
        expected += d["escalation_cost"] * (1 - (1 - clash) ** months)
    return cost_weight * terms["flexibility"] * expected


def honoring_numbers(put, path):
    """The table of honoring chances in an attack (and a probe) from each structure's resolved
    scenario: true under each administration, and believed at month 0 from the prior."""
    with h5py.File(path, "r") as f:
        presets = [dr._to_str(x) for x in f["experiments/preset"][:]]
        resolved = [yaml.safe_load(dr._to_str(x)) for x in f["experiments/resolved_yaml"][:]]
    probe_answers, probe_believed = [], []
    for preset, s in zip(presets, resolved):
        if preset == "none":
            continue
        sigma = s["honor_noise"]
        for g, terms in s["guarantee"]["terms"].items():
            actor = s["actors"][g]
            terms = dict(terms, capability=actor["capability"])
            fights = terms["defend"] > 0
            threshold = s["severity"]["war" if fights else "probe"]
            laws = {"original": actor["resolve"]}
            if "elections" in actor:
                laws["alternate"] = actor["elections"]["resolve_after_flip"]
            believed_noise = np.hypot(sigma, terms["vagueness"])
            a = terms["audience_cost"]
            for variant, gamma in (("", s["dynamics"]["cost_weight"]), (".gamma0", 0.0)):
                delta = cost_margin(s, terms, gamma)
                if not variant:
                    put(f"delta.{preset}.{g}", delta)
                for admin, law in laws.items():
                    put(f"honor_true.{preset}.{g}.{admin}{variant}",
                        chance_to_honor(law, a, threshold + delta, sigma))
                put(f"honor_believed.{preset}.{g}.month0{variant}",
                    chance_to_honor(actor["credibility"], a, threshold + delta, believed_noise))
                if not variant:
                    put(f"honor_believed.{preset}.{g}.month0.clear",
                        chance_to_honor(actor["credibility"], a, threshold + delta, sigma))
            probe_believed.append(chance_to_honor(actor["credibility"], a,
                                                  s["severity"]["probe"], believed_noise))
            if a >= 0.25:  # the guarantors that promise to fight, in a probe (theta_p, no Delta)
                probe_answers += [chance_to_honor(law, a, s["severity"]["probe"], sigma)
                                  for law in laws.values()]
    put("probe_answer_min.promising_to_fight", min(probe_answers))
    put("probe_believed_min.committed", min(probe_believed))


def window_numbers(put, trials, run):
    """The share of trials attacked inside the 12 months before the forces bind."""
    t = trials[trials["preset"] == "nato_article5"]
    put(f"attacked_before_month12.nato_article5.{run.name}",
        np.mean((t["attacked"] == 1) & (t["attack_month"] < 12)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detsim", default=str(ROOT / "build" / "detsim"),
                        help="the detsim program (default: build/detsim)")
    parser.add_argument("--keep", metavar="DIR",
                        help="write the results files into DIR and keep them")
    parser.add_argument("--trials", type=int,
                        help="trials per structure (default: the scenario's 10 000)")
    parser.add_argument("--only", action="append", metavar="RUN",
                        help="only these runs (repeatable): " + ", ".join(r.name for r in RUNS))
    args = parser.parse_args()
    if not os.access(args.detsim, os.X_OK):
        parser.error(f"{args.detsim} is not an executable detsim (build it, or give --detsim)")
    unknown = set(args.only or ()) - {r.name for r in RUNS}
    if unknown:
        parser.error(f"unknown run(s) {', '.join(sorted(unknown))}")

    put = Printer()
    with tempfile.TemporaryDirectory(prefix="model_numbers.") as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for run in RUNS:
            if args.only and run.name not in args.only:
                continue
            print(f"# {run.name}: {run.what}", flush=True)
            out = folder / f"{run.name}.h5"
            run_detsim(args.detsim, run, out, args.trials)
            summary_numbers(put, out, run)
            if run.name == "default":
                honoring_numbers(put, out)
                default_trial_numbers(put, dr.load_trials(out))
            if run.name.startswith("inforce12"):
                window_numbers(put, dr.load_trials(out), run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
