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


class StudyResults(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not DETSIM:
            raise unittest.SkipTest("needs DETSIM_BINARY")
        cls.tmp = tempfile.TemporaryDirectory()
        study = Path(cls.tmp.name) / "study.yaml"
        study.write_text(STUDY.format(scenario=ROOT / "scenarios" / "ukraine.yaml"))
        cls.path = os.path.join(cls.tmp.name, "study.h5")
        subprocess.run([DETSIM, "run", str(study), "--set", "horizon_months=24", "--quiet",
                        "--threads", "2", "-o", cls.path], check=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

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
        self.assertEqual([p.name for p in written], ["response_attacked.png"])
        self.assertTrue(written[0].read_bytes().startswith(b"\x89PNG"))


if __name__ == "__main__":
    unittest.main()
