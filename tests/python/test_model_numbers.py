"""scripts/model_numbers.py, the source of docs/MODEL.md 6.4's numbers (standard-library unittest):
its integrals agree with Monte Carlo draws, its cost margin with the worked example of MODEL.md
7.2, and its labelled numbers with the results file they are read from.

Uses DETSIM_RESULTS_FILE (a run of the shipped scenario under every structure) and DETSIM_BINARY
(the detsim under test); the tests that need one are skipped without it.
"""

import os
import re
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
import model_numbers as mn  # noqa: E402

RESULTS = os.environ.get("DETSIM_RESULTS_FILE")
DETSIM = os.environ.get("DETSIM_BINARY")
LINE = re.compile(r"^([a-z0-9_.]+) = (-?[0-9.]+|nan)( \[(-?[0-9.]+|nan), (-?[0-9.]+|nan)\])?$")


class Collect:
    """Stands in for model_numbers.Printer: keeps the numbers instead of printing them."""

    def __init__(self):
        self.values = {}

    def __call__(self, label, value, digits=3, ci=None):
        assert label not in self.values, label
        self.values[label] = value


class ChanceToHonor(unittest.TestCase):
    def monte_carlo(self, draw, audience_cost, threshold, noise, n=400_000, seed=7):
        rng = np.random.default_rng(seed)
        r = draw(rng, n)
        honors = r + audience_cost >= threshold + rng.normal(0.0, noise, n)
        p = honors.mean()
        return p, np.sqrt(p * (1 - p) / n)

    def test_beta_law_matches_draws_within_4_standard_errors(self):
        # Article 5's US: r ~ beta(mean 0.55, concentration 10), a = 0.35, theta + Delta = 0.733.
        law = {"beta": {"mean": 0.55, "concentration": 10}}
        p, se = self.monte_carlo(lambda rng, n: rng.beta(5.5, 4.5, n), 0.35, 0.733, 0.05)
        self.assertLess(abs(mn.chance_to_honor(law, 0.35, 0.733, 0.05) - p), 4 * se)

    def test_uniform_law_matches_draws_within_4_standard_errors(self):
        # Europe's credibility prior uniform(0.3, 0.7), read with a vague promise's wider noise.
        law = {"uniform": [0.3, 0.7]}
        noise = float(np.hypot(0.05, 0.15))
        p, se = self.monte_carlo(lambda rng, n: rng.uniform(0.3, 0.7, n), 0.0, 0.304, noise)
        self.assertLess(abs(mn.chance_to_honor(law, 0.0, 0.304, noise) - p), 4 * se)

    def test_a_law_it_cannot_integrate_is_refused(self):
        with self.assertRaises(ValueError):
            mn.chance_to_honor({"triangular": [0, 0.5, 1]}, 0.0, 0.3, 0.05)


@unittest.skipUnless(RESULTS, "set DETSIM_RESULTS_FILE to a run of the shipped scenario")
class HonoringTable(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.numbers = Collect()
        mn.honoring_numbers(cls.numbers, RESULTS)

    def test_cost_margin_is_the_worked_example_of_model_7_2(self):
        # MODEL.md 7.2: Delta ~ 0.066 for the pact's US (phi = 1), ~ 0.033 under Article 5.
        self.assertAlmostEqual(self.numbers.values["delta.bilateral_pact.united_states"], 0.066,
                               delta=0.0005)
        self.assertAlmostEqual(self.numbers.values["delta.nato_article5.united_states"], 0.033,
                               delta=0.0005)

    def test_weighing_costs_and_vagueness_lower_the_chances_in_the_direction_they_must(self):
        v = self.numbers.values
        for preset in ("nato_article5", "bilateral_pact", "economic_diplomatic"):
            us = f"{preset}.united_states"
            self.assertGreater(v[f"honor_true.{us}.original.gamma0"], v[f"honor_true.{us}.original"])
            self.assertGreater(v[f"honor_true.{us}.original"], v[f"honor_true.{us}.alternate"])
        # Vaguer wording pulls the believed chance toward one half.
        self.assertGreater(v["honor_believed.economic_diplomatic.united_states.month0.clear"],
                           v["honor_believed.economic_diplomatic.united_states.month0"])


@unittest.skipUnless(DETSIM, "set DETSIM_BINARY to run the script")
class WholeScript(unittest.TestCase):
    def test_every_line_is_a_label_and_matches_the_file_it_was_read_from(self):
        with tempfile.TemporaryDirectory() as folder:
            proc = subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "model_numbers.py"), "--detsim", DETSIM,
                 "--only", "nopool", "--trials", "400", "--keep", folder],
                capture_output=True, text=True, check=True)
            lines = [ln for ln in proc.stdout.splitlines() if not ln.startswith("#")]
            self.assertTrue(lines)
            values = {}
            for line in lines:
                match = LINE.match(line)
                self.assertIsNotNone(match, line)
                values[match.group(1)] = float(match.group(2))
            trials = dr.load_trials(Path(folder) / "nopool.h5")
            self.assertEqual(set(trials["preset"]), {"nato_article5"})
            self.assertFalse(trials["collective"].any())  # the setting the run names took effect
            self.assertAlmostEqual(values["attacked.nato_article5.nopool"],
                                   trials["attacked"].mean(), delta=0.0005)

    def test_an_unknown_run_is_refused_with_status_2(self):
        proc = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "model_numbers.py"), "--detsim", DETSIM,
             "--only", "no_such_run"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("no_such_run", proc.stderr)


if __name__ == "__main__":
    unittest.main()
