"""scripts/plot_calibration.py against a small calibration of the shipped targets (needs
DETSIM_BINARY; skipped without it): the figure is written, and a results file is refused."""

import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCRIPT = ROOT / "scripts" / "plot_calibration.py"
CALIBRATION = ROOT / "scenarios" / "calibration"
DETSIM = os.environ.get("DETSIM_BINARY")


@unittest.skipUnless(DETSIM, "needs DETSIM_BINARY")
class PlotCalibration(unittest.TestCase):
    def test_figure_of_a_small_calibration_of_the_shipped_targets(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "calibration.h5"
            subprocess.run([DETSIM, "calibrate", str(CALIBRATION / "defense_pact_post1945.yaml"),
                            str(CALIBRATION / "targets.yaml"), "-o", str(out), "--particles",
                            "20", "--generations", "2", "--trials", "30", "--threads", "2",
                            "-q"], check=True, capture_output=True, timeout=600)
            figure = Path(tmp) / "figure.png"
            run = subprocess.run([sys.executable, str(SCRIPT), str(out), "-o", str(figure)],
                                 capture_output=True, text=True, timeout=300,
                                 env={**os.environ, "MPLBACKEND": "Agg"})
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertEqual(figure.read_bytes()[:8], b"\x89PNG\r\n\x1a\n")

            # A results file is not a calibration: refused with a message, not a traceback.
            results = Path(tmp) / "results.h5"
            subprocess.run([DETSIM, "run", str(CALIBRATION / "defense_pact_post1945.yaml"),
                            "--trials", "10", "-q", "-o", str(results)], check=True,
                           capture_output=True, timeout=600)
            refused = subprocess.run([sys.executable, str(SCRIPT), str(results)],
                                     capture_output=True, text=True, timeout=300)
            self.assertNotEqual(refused.returncode, 0)
            self.assertIn("not a detsim calibration file", refused.stderr)


if __name__ == "__main__":
    unittest.main()
