"""scripts/validation_report.py against a calibration file made here in the layout `detsim
calibrate` writes (the contract), in its --quick mode: every section is written, the posterior's
summary is the weighted one of the file, the held-out target is marked, and every direction has a
row with its difference, standard error and verdict.

Uses DETSIM_BINARY (the detsim under test); skipped without it.
"""

import os
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DETSIM = os.environ.get("DETSIM_BINARY")


def write_calibration(path):
    """A posterior of three particles of the US resolve's mean, with two generations and two
    targets (one held out), as `detsim calibrate` writes them."""
    strings = h5py.string_dtype()
    with h5py.File(path, "w") as f:
        p = f.create_group("posterior")
        p["particle"] = np.arange(3, dtype=np.int32)
        p["weight"] = np.array([0.2, 0.5, 0.3])
        p["actors.ally.resolve.beta.mean"] = np.array([0.4, 0.5, 0.6])
        p.attrs["parameters"] = np.array(["actors.ally.resolve.beta.mean"], dtype=strings)
        p.attrs["applies_to"] = np.array(["actors.united_states.resolve.beta.mean"],
                                         dtype=strings)
        p.attrs["method"] = "abc-smc"
        g = f.create_group("calibration/generations")
        g["generation"] = np.array([0, 1], dtype=np.int32)
        g["tolerance"] = np.array([0.3, 0.1])
        g["acceptance_rate"] = np.array([0.5, 0.2])
        g["ess"] = np.array([3.0, 2.6])
        g["simulations"] = np.array([10, 20], dtype=np.int64)
        t = f.create_group("calibration/targets")
        t["target"] = np.array(["pacts_honored_post1945", "pacts_honored_pre1945"], dtype=strings)
        t["used_in_fit"] = np.array([1, 0], dtype=np.int32)
        t["source"] = np.array(["Berkemeier & Fuhrmann 2018"] * 2, dtype=strings)
        t["observed"] = np.array([6 / 43, 36 / 59])
        t["count"] = np.array([6, 36], dtype=np.int64)
        t["n"] = np.array([43, 59], dtype=np.int64)
        t["predictive_mean"] = np.array([0.15, 0.3])
        t["predictive_lo"] = np.array([0.05, 0.15])
        t["predictive_hi"] = np.array([0.28, 0.45])
        t["description"] = np.array(["honored when tested", "honored when tested"],
                                    dtype=strings)


@unittest.skipUnless(DETSIM, "needs DETSIM_BINARY")
class QuickReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        posterior = os.path.join(cls.tmp.name, "posterior.h5")
        write_calibration(posterior)
        cls.readme = Path(cls.tmp.name) / "README.md"
        cls.readme.write_text("before\n<!-- validation:begin -->\nold\n<!-- validation:end -->\n"
                              "after\n")
        cls.output = Path(cls.tmp.name) / "VALIDATION.md"
        done = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "validation_report.py"), "--quick",
             "--detsim", DETSIM, "--posterior", posterior, "-o", str(cls.output),
             "--readme", str(cls.readme)], capture_output=True, text=True)
        if done.returncode != 0:
            raise AssertionError(f"validation_report.py failed:\n{done.stderr}")
        cls.page = cls.output.read_text()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_section_is_written(self):
        for heading in ("## The targets", "## The fit", "## The Ukraine comparison",
                        "## Theory's directions", "## The commands"):
            self.assertIn(heading, self.page)

    def test_the_posterior_is_summarised_by_its_weights(self):
        # Weighted mean 0.2 * 0.4 + 0.5 * 0.5 + 0.3 * 0.6 = 0.51; the 2.5% and 97.5% weighted
        # quantiles are the smallest and the largest particle.
        row = next(line for line in self.page.splitlines()
                   if line.startswith("| `actors.ally.resolve.beta.mean`"))
        self.assertIn("| 0.510 | [0.400, 0.600] |", row)

    def test_the_held_out_target_is_marked_and_checked(self):
        row = [line for line in self.page.splitlines()
               if line.startswith("| pacts_honored_pre1945")][-1]
        self.assertIn("**held out**", row)
        self.assertIn("**no**", row)  # 0.610 lies above [0.15, 0.45]

    def test_the_ukraine_comparison_is_run_both_ways(self):
        self.assertRegex(self.page, r"\| `attacked` \| judgment \| [0-9.]+ \[")
        self.assertRegex(self.page, r"\| `attacked` \| posterior \| [0-9.]+ \[")
        readme = self.readme.read_text()
        self.assertTrue(readme.startswith("before\n<!-- validation:begin -->\n| measure"))
        self.assertNotIn("old", readme)
        self.assertTrue(readme.endswith("<!-- validation:end -->\nafter\n"))

    def test_every_direction_has_a_verdict(self):
        verdicts = re.findall(r"\| (holds|\*\*fails\*\*) \([^)]+\) \|$|"
                              r"\| not run: [^|]+ \|$", self.page, flags=re.M)
        self.assertGreaterEqual(len(verdicts), 8)
        self.assertIn("Huth 1988", self.page)


if __name__ == "__main__":
    unittest.main()
