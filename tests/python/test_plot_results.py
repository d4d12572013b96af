"""Tests of scripts/plot_results.py and of the example notebook (standard-library unittest only).

    /usr/bin/python3 -m unittest discover -s tests/python -v

The script runs in a subprocess with no display, as on a build server. With
DETSIM_RESULTS_FILE=path/to/real.h5 in the environment, it is also run against that file.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCRIPT = ROOT / "scripts" / "plot_results.py"
NOTEBOOK = ROOT / "scripts" / "example_analysis.ipynb"
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(HERE))

import detsim_results as dr  # noqa: E402
import make_fixture  # noqa: E402
import plot_results  # noqa: E402

REAL_FILE = os.environ.get("DETSIM_RESULTS_FILE")
DETSIM = os.environ.get("DETSIM_BINARY")
SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF"}


def headless_env(**extra):
    """The environment of a build server: no display, no backend chosen for us."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MPLBACKEND")}
    env.update(PYDEVD_DISABLE_FILE_VALIDATION="1", **extra)
    return env


def run_script(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True,
                          text=True, env=headless_env(), timeout=300)


def expected_stems(path):
    """The figures a file supports: four always, the forest plot when /summary has differences
    from a baseline (a file written before them has none), the fan charts when /paths has the
    series."""
    stems = ["outcome_probabilities", "attack_survival", "max_escalation", "cost_vs_deterrence"]
    with h5py.File(path, "r") as f:
        if "summary" in f and "difference" in f["summary"] and \
                np.isfinite(f["summary/difference"][()]).any():
            stems.append("difference_forest")
    with h5py.File(path, "r") as f:  # series with at least one recorded trial
        variables = [v for v in dr.path_variables(path) if f["paths"][v].shape[0] > 0]
    if "cohesion" in variables:
        stems.append("fan_cohesion")
    for g in dr.scenario_facts(path).guarantors:
        if f"credibility.{g}" in variables:
            stems.append(f"fan_credibility_{g}")
    return stems


class PlotScriptChecks:
    """The script writes every figure, non-empty and well-formed; subclasses set `path`."""

    path = None
    require_fans = True

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def check_format(self, fmt):
        result = run_script(self.path, "-o", self.out / fmt, "--format", fmt)
        self.assertEqual(result.returncode, 0, result.stderr)
        stems = expected_stems(self.path)
        if self.require_fans:
            self.assertIn("fan_cohesion", stems)
        expected = [str(self.out / fmt / f"{s}.{fmt}") for s in stems]
        self.assertEqual(result.stdout.split(), expected, "printed paths")
        for p in expected:
            data = Path(p).read_bytes()
            self.assertGreater(len(data), 1000, p)
            self.assertTrue(data.startswith(SIGNATURES[fmt]), p)
            if fmt == "svg":
                self.assertIn(b"<svg", data[:2000])

    def test_png(self):
        self.check_format("png")

    def test_svg(self):
        self.check_format("svg")


class FixturePlotTests(PlotScriptChecks, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fixture_dir = tempfile.TemporaryDirectory()
        cls.path = Path(cls.fixture_dir.name) / "fixture.h5"
        make_fixture.make_fixture(cls.path, n_experiments=5, trials=200, record_paths=20)

    @classmethod
    def tearDownClass(cls):
        cls.fixture_dir.cleanup()

    def test_pdf(self):
        self.check_format("pdf")

    def test_expected_figures(self):
        self.assertEqual(expected_stems(self.path), [
            "outcome_probabilities", "attack_survival", "max_escalation", "cost_vs_deterrence",
            "fan_cohesion", "fan_credibility_united_states", "fan_credibility_european_allies"])


@unittest.skipUnless(REAL_FILE, "set DETSIM_RESULTS_FILE to plot a real results file")
class RealFilePlotTests(PlotScriptChecks, unittest.TestCase):
    path = REAL_FILE
    require_fans = False  # a run may record no paths (output.record_paths: 0)


class BadInputTests(unittest.TestCase):
    """Exit 2 and a message naming the file for anything the script cannot plot."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def assertBadInput(self, path, pattern):
        result = run_script(path, "-o", self.dir / "figs")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("plot_results: error:", result.stderr)
        self.assertIn(str(path), result.stderr)
        self.assertRegex(result.stderr, pattern)
        self.assertEqual(result.stdout, "")

    def test_missing_file(self):
        self.assertBadInput(self.dir / "absent.h5", "no such file")

    def test_not_hdf5(self):
        path = self.dir / "bad.h5"
        path.write_text("hello")
        self.assertBadInput(path, "not an HDF5 file")

    def test_newer_schema(self):
        path = self.dir / "v2.h5"
        make_fixture.make_fixture(path, n_experiments=2, trials=40, schema_version=2)
        self.assertBadInput(path, "schema_version 2")

    def test_bad_format_is_a_usage_error(self):
        result = run_script(self.dir / "x.h5", "-o", self.dir, "--format", "gif")
        self.assertEqual(result.returncode, 2)
        self.assertIn("invalid choice", result.stderr)

    def test_incomplete_run_still_plots_and_says_so(self):
        path = self.dir / "part.h5"
        make_fixture.make_fixture(path, n_experiments=3, trials=80, complete=False)
        result = run_script(path, "-o", self.dir / "figs")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("incomplete", result.stderr)
        self.assertEqual(result.stderr.count("IncompleteResultsWarning"), 1, result.stderr)
        # The summary estimated from the trials carries differences: the forest plot is drawn.
        self.assertEqual(len(result.stdout.split()), 8)
        self.assertIn("difference_forest.png", result.stdout)


    def test_experiments_a_stopped_run_never_reached_are_left_out(self):
        path = self.dir / "stopped.h5"
        make_fixture.make_fixture(path, n_experiments=3, trials=80, complete=False)
        with h5py.File(path, "r+") as f:  # keep experiment 0 only, as a run stopped early
            for ds in f["trials"].values():
                ds.resize((80,))
        result = run_script(path, "-o", self.dir / "figs")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("experiments [1, 2] have no trials", result.stderr)
        self.assertNotIn("RuntimeWarning", result.stderr)

    def test_no_trials_at_all(self):
        path = self.dir / "empty.h5"
        make_fixture.make_fixture(path, n_experiments=2, trials=40, complete=False)
        with h5py.File(path, "r+") as f:
            for ds in f["trials"].values():
                ds.resize((0,))
        self.assertBadInput(path, "no trials yet")


# Small studies for the sensitivity figures: three factors, two structures, 36 months.
STUDY = """detsim_study: 1
scenario: {scenario}
design:
  method: {method}
{sizes}
  factors:
    actors.russia.resolve.beta.mean: {{range: [0.3, 0.8]}}
    guarantee.terms.united_states.audience_cost: {{range: [0, 1]}}
    dynamics.opportunity_volatility: {{range: [0, 0.4]}}
  structures: [nato_article5, bilateral_pact]
  trials: 100
"""
SIZES = {"sobol": "  n: 16", "morris": "  trajectories: 10\n  morris_levels: 4"}


@unittest.skipUnless(DETSIM, "set DETSIM_BINARY to make study files")
class SensitivityFigureTests(unittest.TestCase):
    """Sobol bars and Morris mu*-sigma for analysed study files, drawn from what the file
    holds; not drawn before `detsim analyze`, nor for a file of structures."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        d = Path(cls.tmp.name)
        cls.files = {}
        for method, sizes in SIZES.items():
            study = d / f"{method}.yaml"
            study.write_text(STUDY.format(scenario=ROOT / "scenarios" / "ukraine.yaml",
                                          method=method, sizes=sizes))
            out = d / f"{method}.h5"
            subprocess.run([DETSIM, "run", str(study), "--set", "horizon_months=36", "--quiet",
                            "--threads", "2", "-o", str(out)], check=True, timeout=300)
            if method == "sobol":
                cls.files["unanalysed"] = d / "unanalysed.h5"
                shutil.copyfile(out, cls.files["unanalysed"])
            subprocess.run([DETSIM, "analyze", str(out)], check=True, timeout=300,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cls.files[method] = out

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        self.out = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.out.cleanup()

    def written(self, name):
        result = run_script(self.files[name], "-o", self.out.name)
        self.assertEqual(result.returncode, 0, result.stderr)
        paths = result.stdout.split()
        for p in paths:
            data = Path(p).read_bytes()
            self.assertGreater(len(data), 1000, p)
            self.assertTrue(data.startswith(SIGNATURES["png"]), p)
        return [Path(p).stem for p in paths], result.stderr

    def test_one_figure_per_measure_of_a_sobol_file(self):
        stems, _ = self.written("sobol")
        measures = dict.fromkeys(dr.load_sensitivity(self.files["sobol"])["measure"])
        self.assertIn("attacked", measures)
        self.assertEqual(stems, [f"sobol_{m.replace('.', '_')}" for m in measures])

    def test_one_figure_per_measure_of_a_morris_file(self):
        stems, _ = self.written("morris")
        measures = dict.fromkeys(dr.load_sensitivity(self.files["morris"])["measure"])
        self.assertIn("attacked", measures)
        self.assertEqual(stems, [f"morris_{m.replace('.', '_')}" for m in measures])

    def test_not_drawn_before_analyze(self):
        stems, stderr = self.written("unanalysed")
        self.assertEqual(stems, [])  # three factors: no response curves either
        self.assertIn("detsim analyze", stderr)

    def test_each_design_gets_its_own_figure_only(self):
        # A file of structures has no /sensitivity: RealFilePlotTests checks it gets none.
        self.assertIsNone(plot_results.plot_sobol_indices(
            dr.load_sensitivity(self.files["morris"]), "attacked"))
        self.assertIsNone(plot_results.plot_morris(
            dr.load_sensitivity(self.files["sobol"]), "attacked"))

    def test_sobol_bars_are_the_files_indices(self):
        sens = dr.load_sensitivity(self.files["sobol"])
        fig = plot_results.plot_sobol_indices(sens, "attacked")
        structures = list(dict.fromkeys(sens["structure"]))
        axes = [ax for ax in fig.axes if ax.patches]
        self.assertEqual(len(axes), len(structures))
        for ax, structure in zip(axes, structures):
            rows = sens[(sens["structure"] == structure) & (sens["measure"] == "attacked")]
            # Bars are drawn S1 for every factor, then ST, in the design's factor order.
            expected = np.concatenate([rows.loc[rows["index"] == i, "estimate"].to_numpy()
                                       for i in ("S1", "ST")])
            drawn = np.array([bar.get_width() for bar in ax.patches])
            np.testing.assert_allclose(drawn, expected)
            bars = [c for c in ax.containers if hasattr(c, "errorbar") and c.errorbar]
            self.assertEqual(len(bars), 2)  # each bar series carries its interval

    def test_morris_points_are_the_files_mu_star_and_sigma(self):
        sens = dr.load_sensitivity(self.files["morris"])
        fig = plot_results.plot_morris(sens, "attacked")
        structure = sens["structure"].iloc[0]
        rows = sens[(sens["structure"] == structure) & (sens["measure"] == "attacked")]
        points = [line.get_xydata()[0] for line in fig.axes[0].lines
                  if line.get_marker() not in (None, "None", "", "|") and
                  len(line.get_xydata()) == 1]
        expected = np.column_stack([rows.loc[rows["index"] == i, "estimate"].to_numpy()
                                    for i in ("mu_star", "sigma")])
        np.testing.assert_allclose(np.array(points), expected)


class ForestPlotTests(unittest.TestCase):
    """The forest plot draws the summary's differences, unpaired ones apart."""

    def summary(self):
        rows = []
        for e, (pairing, d) in enumerate([("baseline", np.nan), ("paired", -0.3),
                                          ("unpaired", 0.2)]):
            rows.append(dict(experiment=e, experiment_label=f"s{e}", outcome="attacked",
                             kind="rate", baseline=0, pairing=pairing, difference=d,
                             difference_ci_low=d - 0.05, difference_ci_high=d + 0.1))
        return pd.DataFrame(rows)

    def test_paired_filled_unpaired_open(self):
        fig = plot_results.plot_difference_forest(self.summary())
        ax = fig.axes[0]
        drawn = {}
        for line in ax.lines:
            xy = line.get_xydata()
            if line.get_marker() in ("o", "s") and len(xy):
                drawn[line.get_marker()] = (xy[:, 0].tolist(), line.get_markerfacecolor())
        self.assertEqual(drawn["o"][0], [-0.3])
        self.assertEqual(drawn["s"][0], [0.2])
        self.assertNotEqual(drawn["o"][1], drawn["s"][1])  # open against filled

    def test_none_without_differences(self):
        summary = self.summary().drop(columns=["difference"])
        self.assertIsNone(plot_results.plot_difference_forest(summary))
        only_baseline = self.summary().iloc[:1]
        self.assertIsNone(plot_results.plot_difference_forest(only_baseline))


class CostFigureTests(unittest.TestCase):
    """cost_vs_deterrence draws every guarantor's cost, not the lead's only."""

    def test_one_panel_per_guarantor_with_its_costs(self):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "fixture.h5"
            make_fixture.make_fixture(path, n_experiments=3, trials=100)
            summary = dr.load_summary(path)
            guarantors = dr.scenario_facts(path).guarantors
        self.assertEqual(len(guarantors), 2)
        rows = {m: summary[summary["outcome"] == m].set_index("experiment")
                for m in ["attacked"] + [f"cost.{g}" for g in guarantors]}
        fig = plot_results.plot_cost_vs_deterrence(
            rows["attacked"], {g: rows[f"cost.{g}"] for g in guarantors},
            {g: "stake units" for g in guarantors})
        self.assertEqual(len(fig.axes), len(guarantors))
        for ax, g in zip(fig.axes, guarantors):
            points = [line.get_xydata()[0] for line in ax.lines
                      if len(line.get_xydata()) == 1 and line.get_marker() not in ("|", "_")]
            np.testing.assert_allclose([p[1] for p in points], rows[f"cost.{g}"]["mean"])
            np.testing.assert_allclose([p[0] for p in points], 1 - rows["attacked"]["mean"])


class OutcomeFigureTests(unittest.TestCase):
    """A rare outcome class (nuclear use) gets a zoomed panel, where its bars can be read."""

    def summary(self, nuclear_share):
        rows = []
        for e, structure in enumerate(["none", "nato_article5"]):
            for label, share in (("deterred", 0.5 - nuclear_share), ("war", 0.5),
                                 ("nuclear_use", nuclear_share)):
                rows.append(dict(experiment=e, experiment_label=structure, structure=structure,
                                 outcome=f"outcome.{label}", mean=share, ci_low=share * 0.8,
                                 ci_high=share * 1.2))
        return pd.DataFrame(rows)

    def test_rare_class_zoomed(self):
        fig = plot_results.plot_outcome_probabilities(self.summary(0.004),
                                                      ["deterred", "war", "nuclear_use"])
        self.assertEqual(len(fig.axes), 2)
        zoom = fig.axes[1]
        self.assertEqual([t.get_text() for t in zoom.get_xticklabels()], ["nuclear use"])
        heights = sorted(bar.get_height() for bar in zoom.patches)
        np.testing.assert_allclose(heights, [0.004, 0.004])
        self.assertLess(zoom.get_ylim()[1], 0.01)  # readable: the bars fill the panel

    def test_no_zoom_without_a_rare_class(self):
        fig = plot_results.plot_outcome_probabilities(self.summary(0.2),
                                                      ["deterred", "war", "nuclear_use"])
        self.assertEqual(len(fig.axes), 1)


class ElectionMarkTests(unittest.TestCase):
    """Fan charts mark the months that hold an election, from the scenario's calendar."""

    def test_months_from_first_month_and_term(self):
        scenario = {"actors": {"us": {"elections": {"every_months": 48, "first_month": 26}},
                               "eu": {"role": "guarantor"}}}
        self.assertEqual(plot_results.election_months(scenario, ["us", "eu"], 120),
                         {"us": [26, 74]})
        self.assertEqual(plot_results.election_months("yaml text", ["us"], 120), {})

    def test_fan_chart_draws_a_line_at_each(self):
        months = list(range(13))
        index = pd.MultiIndex.from_tuples([(0, t) for t in range(5)],
                                          names=["experiment", "trial"])
        wide = pd.DataFrame(np.random.default_rng(1).random((5, 13)), index=index,
                            columns=months)
        fig = plot_results.plot_fan_chart(wide, [(0, "none")], "t", "y", elections=[3, 9])
        lines = [line for line in fig.axes[0].lines if line.get_gid() == "election"]
        self.assertEqual([line.get_xdata()[0] for line in lines], [3, 9])


class StructureStyleTests(unittest.TestCase):
    """A structure looks the same in every file; series of one file stay distinct."""

    def test_a_preset_keeps_its_style_whatever_else_the_file_holds(self):
        alone = plot_results.structure_styles(["bilateral_pact"])[0]
        for others in (["none", "nato_article5", "bilateral_pact"],
                       ["bilateral_pact", "economic_diplomatic"],
                       ["my_pact", "bilateral_pact"]):
            styles = plot_results.structure_styles(others)
            self.assertEqual(styles[others.index("bilateral_pact")], alone, others)

    def test_series_of_one_file_are_distinct(self):
        for names in (list(plot_results.PRESETS) + ["a", "b", "c"],
                      ["nato_article5", "nato_article5", "x", "none"]):
            styles = plot_results.structure_styles(names)
            looks = {(s.marker, s.face, s.fill, s.hatch) for s in styles}
            self.assertEqual(len(looks), len(names), names)

    def test_labels_are_words(self):
        self.assertEqual(plot_results.structure_label("nato_article5"), "NATO Article 5")
        self.assertEqual(plot_results.structure_label("bilateral_pact[cohesion_shift=-0.05]"),
                         "bilateral pact [cohesion_shift=-0.05]")
        self.assertEqual(plot_results.structure_label("my_own_pact"), "my own pact")


class KaplanMeierTests(unittest.TestCase):
    def test_hand_computed_curve(self):
        # Attacks in months 1 and 2 among four trials; two never attacked, censored at 5.
        km = plot_results.kaplan_meier([1, -1, 2, -1], horizon=5)
        np.testing.assert_allclose(km["month"], [0, 1, 2, 5])
        np.testing.assert_allclose(km["survival"], [1, 0.75, 0.5, 0.5])
        np.testing.assert_array_equal(km["at_risk"], [4, 4, 3, 2])
        self.assertTrue((km["low"] <= km["survival"]).all())
        self.assertTrue((km["survival"] <= km["high"]).all())

    def test_each_curve_has_its_band_edges_drawn(self):
        trials = pd.DataFrame({"experiment": [0] * 4 + [1] * 4,
                               "experiment_label": ["none"] * 4 + ["nato_article5"] * 4,
                               "structure": ["none"] * 4 + ["nato_article5"] * 4,
                               "attack_month": [1, -1, 2, -1, 3, -1, -1, -1]})
        fig = plot_results.plot_attack_survival(trials, horizon=5)
        lines = fig.axes[0].lines
        for edge in ("low", "high"):
            drawn = [line for line in lines if line.get_gid() == f"band_{edge}"]
            self.assertEqual(len(drawn), 2, edge)
            for e, line in enumerate(drawn):
                km = plot_results.kaplan_meier(trials.loc[trials["experiment"] == e,
                                                          "attack_month"], 5)
                np.testing.assert_allclose(line.get_ydata(), km[edge])
            self.assertNotEqual(drawn[0].get_linestyle(), drawn[1].get_linestyle())

    def test_no_attack_stays_at_one(self):
        km = plot_results.kaplan_meier([-1, -1, -1], horizon=12)
        np.testing.assert_allclose(km["survival"], [1, 1])
        np.testing.assert_allclose(km["month"], [0, 12])


@unittest.skipUnless(importlib.util.find_spec("nbconvert") and
                     importlib.util.find_spec("ipykernel"),
                     "nbconvert and ipykernel are needed to execute the notebook")
class NotebookTests(unittest.TestCase):
    """scripts/example_analysis.ipynb executes headless, on the fixture (and on a real file)."""

    def execute(self, results, **env):
        """Runs the notebook on `results` (env: its other files); returns its text output."""
        with tempfile.TemporaryDirectory() as out:
            result = subprocess.run(
                [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
                 "--ExecutePreprocessor.timeout=600", "--output-dir", out, str(NOTEBOOK)],
                capture_output=True, text=True, timeout=900, cwd=ROOT,
                env=headless_env(DETSIM_RESULTS_FILE=str(results),
                                 **{k: str(v) for k, v in env.items()}))
            self.assertEqual(result.returncode, 0, result.stderr[-3000:])
            import nbformat
            nb = nbformat.read(Path(out) / NOTEBOOK.name, as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        self.assertFalse([o for o in outputs if o.output_type == "error"])
        images = [o for o in outputs if "image/png" in o.get("data", {})]
        self.assertGreaterEqual(len(images), 4)
        text = "".join(o.get("text", "") for o in outputs)
        self.assertIn("Matter most", text)
        return text

    def test_on_fixture(self):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "fixture.h5"
            make_fixture.make_fixture(path, n_experiments=3, trials=200, record_paths=10)
            # No study files: the study sections say how to make them, and do not fail.
            text = self.execute(path, DETSIM_SWEEP_FILE=Path(d) / "none.h5",
                                DETSIM_STUDY_FILE=Path(d) / "none.h5",
                                DETSIM_BINARY=Path(d) / "no-detsim")
            self.assertIn("not found and no detsim binary", text)
            self.assertIn("not found or not analysed", text)

    @unittest.skipUnless(DETSIM, "set DETSIM_BINARY to make study files")
    def test_study_sections_on_small_study_files(self):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "fixture.h5"
            make_fixture.make_fixture(path, n_experiments=3, trials=200, record_paths=10)
            study = Path(d) / "sobol.yaml"
            study.write_text(STUDY.format(scenario=ROOT / "scenarios" / "ukraine.yaml",
                                          method="sobol", sizes="  n: 8"))
            sobol = Path(d) / "sobol.h5"
            subprocess.run([DETSIM, "run", str(study), "--set", "horizon_months=24", "--quiet",
                            "--trials", "20", "--threads", "2", "-o", str(sobol)], check=True,
                           timeout=300)
            subprocess.run([DETSIM, "analyze", str(sobol)], check=True, timeout=300,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # The sweep is made by the notebook itself (DETSIM_BINARY), at 400 trials a point.
            text = self.execute(path, DETSIM_SWEEP_FILE=Path(d) / "sweep.h5",
                                DETSIM_STUDY_FILE=sobol, DETSIM_BINARY=DETSIM)
            self.assertIn("P(attack) by audience cost", text)
            self.assertIn("grid design of 11 points", text)
            sens = dr.load_sensitivity(sobol)
            top = sens[(sens["measure"] == "attacked") & (sens["index"] == "ST")
                       & (sens["structure"] == "nato_article5")]
            top = top.sort_values("estimate", ascending=False).iloc[0]
            self.assertIn(f"Drives P(attack) most under nato_article5: {top['factor']}", text)

    @unittest.skipUnless(REAL_FILE, "set DETSIM_RESULTS_FILE to run it on a real results file")
    def test_on_real_file(self):
        self.execute(Path(REAL_FILE).resolve())


if __name__ == "__main__":
    unittest.main()
