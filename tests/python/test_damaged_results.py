"""scripts/detsim_results.py on damaged files: DetsimResultsError naming the file, never a raw
OSError/KeyError, a crash of the interpreter, or a hang (standard-library unittest only)."""

import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest
import warnings
from pathlib import Path

import h5py
import numpy as np

HERE = Path(__file__).resolve().parent
SCRIPTS = HERE.parents[1] / "scripts"
KEPT = HERE.parent / "fuzz" / "regressions" / "results"
sys.path.insert(0, str(SCRIPTS))
sys.path.insert(0, str(HERE))

import detsim_results as dr  # noqa: E402
import make_fixture  # noqa: E402

READERS = ("results_info", "load_experiments", "load_summary", "load_trials", "scenario_facts")

# Every public reader on one file, in a child interpreter (a crash must not end the tests):
# prints "ok", "refused" or "raw <type>".
CHILD = r"""
import sys, warnings
sys.path.insert(0, sys.argv[1])
import detsim_results as dr
warnings.simplefilter("ignore")
try:
    for name in sys.argv[3].split(","):
        getattr(dr, name)(sys.argv[2])
    print("ok")
except dr.DetsimResultsError as exc:
    print("refused", exc)
except Exception as exc:
    print("raw", type(exc).__name__, exc)
"""


def read_in_child(path, timeout=120):
    result = subprocess.run([sys.executable, "-c", CHILD, str(SCRIPTS), str(path),
                             ",".join(READERS)], capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        return f"crash {result.returncode}: {result.stderr[-300:]}"
    return result.stdout.strip()


class DamagedFileTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.good = os.path.join(cls.tmp.name, "good.h5")
        make_fixture.make_fixture(cls.good, n_experiments=2, trials=60)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def copy(self, name):
        path = os.path.join(self.tmp.name, name)
        shutil.copyfile(self.good, path)
        return path

    def assertRefused(self, path, pattern):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with self.assertRaises(dr.DetsimResultsError) as cm:
                for name in READERS:
                    getattr(dr, name)(path)
        self.assertIn(str(path), str(cm.exception))
        self.assertRegex(str(cm.exception), pattern)

    def test_truncated_file_says_so(self):
        path = self.copy("cut.h5")
        os.truncate(path, os.path.getsize(path) // 2)
        self.assertRefused(path, "truncated")

    def test_column_of_another_shape(self):
        path = self.copy("shape.h5")
        with h5py.File(path, "r+") as f:
            del f["trials/territory"]
            f["trials/territory"] = np.zeros((3, 2))
        self.assertRefused(path, "territory")

    def test_missing_scenario_yaml_and_damaged_yaml(self):
        path = self.copy("yaml.h5")
        with h5py.File(path, "r+") as f:
            f["scenario"].attrs["yaml"] = "actors: [unclosed"
        self.assertRefused(path, "scenario YAML is damaged")

    def test_kept_file_that_crashes_libhdf5_is_refused_not_a_crash(self):
        # 8 bit flips in a real results file: libhdf5 1.10 segfaults on it (found by the seeded
        # corruption test; the interpreter died with SIGSEGV before the reader probed files).
        outcome = read_in_child(KEPT / "bitflips_crash_libhdf5_in_python.h5")
        self.assertTrue(outcome.startswith("refused"), outcome)
        self.assertIn("libhdf5 crashed", outcome)

    def test_random_corruptions_never_raise_raw_errors_or_crash(self):
        data = Path(self.good).read_bytes()
        rng = random.Random(20261130)  # fixed: the same files every run
        outcomes = {}
        for i in range(30):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                at = rng.randrange(len(damaged))
                damaged[at] ^= 1 << rng.randrange(8)
            path = Path(self.tmp.name) / f"damaged{i}.h5"
            path.write_bytes(damaged)
            outcome = read_in_child(path)
            kind = outcome.split(" ")[0]
            outcomes[kind] = outcomes.get(kind, 0) + 1
            self.assertIn(kind, ("ok", "refused"), f"corruption {i}: {outcome}")
        self.assertGreater(outcomes.get("refused", 0), 0)


if __name__ == "__main__":
    unittest.main()
