"""The Python side of a study (standard-library unittest only): factor columns with the trials
and the summary, load_design, and the response-curve figure, on a real small design file.

Needs DETSIM_BINARY (the detsim under test) in the environment, which writes the file; skipped
without it.
"""

import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import detsim_results as dr  # noqa: E402
import plot_results  # noqa: E402

DETSIM = os.environ.get("DETSIM_BINARY")

# Two factors crossed on a grid (3 x 2 points) under two structures: 12 experiments.
STUDY = """detsim_study: 1
scenario: {scenario}
design:
  method: grid
  factors:
    guarantee.terms.united_states.audience_cost: {{levels: [0, 0.3, 0.6]}}
    dynamics.opportunity_volatility: {{levels: [0.1, 0.3]}}
  structures: [nato_article5, bilateral_pact]
  trials: 40
"""


class StudyFile(unittest.TestCase):
    """A class of tests on one small study's results file (cls.path, in cls.tmp): the study's
    text is STUDY_TEXT, run over 24 months."""
    STUDY_TEXT = None

    @classmethod
    def setUpClass(cls):
        if not DETSIM:
            raise unittest.SkipTest("needs DETSIM_BINARY")
        cls.tmp = tempfile.TemporaryDirectory()
        study = Path(cls.tmp.name) / "study.yaml"
        study.write_text(cls.STUDY_TEXT.format(scenario=ROOT / "scenarios" / "ukraine.yaml"))
        cls.path = os.path.join(cls.tmp.name, "study.h5")
        subprocess.run([DETSIM, "run", str(study), "--set", "horizon_months=24", "--quiet",
                        "--threads", "2", "-o", cls.path], check=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()


class StudyResults(StudyFile):
    STUDY_TEXT = STUDY

    def test_factor_columns_come_with_trials_and_summary(self):
        factors = ["factor.guarantee.terms.united_states.audience_cost",
                   "factor.dynamics.opportunity_volatility"]
        trials = dr.load_trials(self.path)
        summary = dr.load_summary(self.path)
        self.assertEqual(sorted(dr.factor_columns(trials)), sorted(factors))
        self.assertEqual(sorted(dr.factor_columns(summary)), sorted(factors))
        self.assertEqual(len(trials), 12 * 40)
        # Odometer order, the last factor fastest; each point under both structures.
        exp = dr.load_experiments(self.path)
        np.testing.assert_array_equal(exp["point"], np.repeat(np.arange(6), 2))
        np.testing.assert_allclose(exp[factors[0]], np.repeat([0, 0.3, 0.6], 4))
        np.testing.assert_allclose(exp[factors[1]], np.tile(np.repeat([0.1, 0.3], 2), 3))
        # The factor is what the experiment ran: the resolved US audience cost.
        np.testing.assert_array_equal(exp[factors[0]], exp["terms.united_states.audience_cost"])

    def test_load_design(self):
        design = dr.load_design(self.path)
        self.assertEqual(len(design), 6)
        self.assertEqual(design.attrs["method"], "grid")
        self.assertEqual(design.attrs["factors"], ["guarantee.terms.united_states.audience_cost",
                                                   "dynamics.opportunity_volatility"])
        self.assertEqual(design.attrs["structures"], ["nato_article5", "bilateral_pact"])
        self.assertEqual(design.attrs["trials"], 40)
        self.assertEqual(list(design["role"]), ["grid"] * 6)
        # u is the middle of the level's stratum; the value is that level.
        np.testing.assert_allclose(design["u.dynamics.opportunity_volatility"],
                                   [0.25, 0.75] * 3)
        np.testing.assert_allclose(design["factor.dynamics.opportunity_volatility"],
                                   [0.1, 0.3] * 3)

    def test_a_file_without_design_is_refused_by_load_design(self):
        real = os.environ.get("DETSIM_RESULTS_FILE")
        if not real:
            self.skipTest("needs DETSIM_RESULTS_FILE")
        with self.assertRaises(dr.DetsimResultsError):
            dr.load_design(real)

    def test_response_curves_for_two_factors_one_panel_per_structure(self):
        fig = plot_results.plot_response_curves(dr.load_summary(self.path), "attacked")
        self.assertIsNotNone(fig)
        axes = fig.get_axes()
        self.assertEqual(len(axes), 2)
        # One curve (and band) per level of the second factor, three points each.
        for ax in axes:
            lines = [l for l in ax.get_lines() if len(l.get_xdata()) == 3]
            self.assertEqual(len(lines), 2)
        written = plot_results.make_figures(self.path, Path(self.tmp.name) / "figures")
        # Two factors on a grid through its base point: a tornado chart too.
        self.assertEqual([p.name for p in written], ["response_attacked.png",
                                                     "tornado_attacked.png"])
        for p in written:
            self.assertTrue(p.read_bytes().startswith(b"\x89PNG"), p)


# Three factors at low, base and high levels on a grid (27 points) under one structure: the
# one-at-a-time points a tornado chart reads are 7 of them.
ONE_AT_A_TIME = """detsim_study: 1
scenario: {scenario}
design:
  method: grid
  factors:
    actors.russia.war_cost: {{levels: [1, 2, 3]}}
    dynamics.opportunity_volatility: {{levels: [0, 0.25, 0.4]}}
    severity.war: {{levels: [0.55, 0.7, 0.85]}}
  structures: [nato_article5]
  trials: 30
"""


class TornadoTests(StudyFile):
    STUDY_TEXT = ONE_AT_A_TIME

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.summary = dr.load_summary(cls.path)

    def mean_at(self, war_cost, volatility, severity):
        s = self.summary[self.summary["outcome"] == "attacked"]
        row = s[np.isclose(s["factor.actors.russia.war_cost"], war_cost)
                & np.isclose(s["factor.dynamics.opportunity_volatility"], volatility)
                & np.isclose(s["factor.severity.war"], severity)]
        self.assertEqual(len(row), 1)
        return float(row["mean"].iloc[0])

    def test_effects_are_the_files_means_with_one_factor_moved(self):
        effects = plot_results.one_at_a_time(self.summary, "attacked").set_index("factor")
        self.assertEqual(sorted(effects.index), ["actors.russia.war_cost",
                                                 "dynamics.opportunity_volatility",
                                                 "severity.war"])
        base = self.mean_at(2, 0.25, 0.7)
        np.testing.assert_allclose(effects["base"], base)
        v = effects.loc["dynamics.opportunity_volatility"]
        self.assertEqual((v["low_level"], v["base_level"], v["high_level"]), (0, 0.25, 0.4))
        self.assertAlmostEqual(v["low"], self.mean_at(2, 0, 0.7))
        self.assertAlmostEqual(v["high"], self.mean_at(2, 0.4, 0.7))
        w = effects.loc["actors.russia.war_cost"]
        self.assertAlmostEqual(w["low"], self.mean_at(1, 0.25, 0.7))
        self.assertAlmostEqual(w["high"], self.mean_at(3, 0.25, 0.7))
        self.assertAlmostEqual(w["swing"], abs(w["high"] - w["low"]))

    def test_bars_start_at_the_base_and_end_at_each_level(self):
        fig = plot_results.plot_tornado(self.summary, "attacked")
        self.assertIsNotNone(fig)
        bars = fig.get_axes()[0].patches
        self.assertEqual(len(bars), 6)  # a low and a high bar per factor
        effects = plot_results.one_at_a_time(self.summary, "attacked")
        ends = sorted(round(b.get_x() + b.get_width(), 9) for b in bars)
        np.testing.assert_allclose(ends, sorted(list(effects["low"]) + list(effects["high"])))
        for b in bars:
            self.assertAlmostEqual(b.get_x(), float(effects["base"].iloc[0]))

    def test_the_figure_is_written_for_a_grid_of_three_factors(self):
        written = plot_results.make_figures(self.path, Path(self.tmp.name) / "figures")
        self.assertEqual([p.name for p in written], ["tornado_attacked.png"])
        self.assertTrue(written[0].read_bytes().startswith(b"\x89PNG"))

    def test_no_tornado_without_the_base_point(self):
        s = self.summary
        # Drop the base point: the one-at-a-time effects are no longer in the file.
        base = (np.isclose(s["factor.actors.russia.war_cost"], 2)
                & np.isclose(s["factor.dynamics.opportunity_volatility"], 0.25)
                & np.isclose(s["factor.severity.war"], 0.7))
        self.assertIsNone(plot_results.plot_tornado(s[~base], "attacked"))


if __name__ == "__main__":
    unittest.main()
