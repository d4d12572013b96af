"""The shipped sensitivity study and its report script (standard-library unittest only): the study
file validates at the size docs/SENSITIVITY.md states, and scripts/sensitivity_report.py writes
its tables and figure from a small analysed Sobol file (not the ten-minute study).

Needs DETSIM_BINARY (the detsim under test); skipped without it.
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
import sensitivity_report as report  # noqa: E402

DETSIM = os.environ.get("DETSIM_BINARY")
SHIPPED = ROOT / "scenarios" / "studies" / "ukraine_sensitivity.yaml"

# Three factors, N = 8, two structures: 40 points under each, a few seconds.
SMALL = """detsim_study: 1
scenario: {scenario}
design:
  method: sobol
  n: 8
  factors:
    actors.russia.resolve.beta.mean: {{range: [0.5, 0.8]}}
    severity.war: {{range: [0.55, 0.85]}}
    dynamics.opportunity_volatility: {{range: [0, 0.4]}}
  structures: [none, nato_article5]
  trials: 40
"""
DOCUMENT = f"""# Prose before

{report.BEGIN}
stale numbers
{report.END}

Prose after.
"""


def parse_tables(text):
    """{(structure, factor): (S1 cell, ST cell)} from the headline tables of the generated text."""
    cells, structure = {}, None
    headline = text.split("#### P(attack)", 1)[1].split("#### ", 1)[0]
    for line in headline.splitlines():
        heading = re.match(r"\*\*(\S+)\*\* \(Monte Carlo noise", line)
        if heading:
            structure = heading.group(1)
        row = re.match(r"\| `([^`]+)` \| ([^|]*) \| ([^|]*) \|$", line)
        if row and structure:
            self_check = (structure, row.group(1))
            assert self_check not in cells, f"{self_check} twice"
            cells[self_check] = (row.group(2), row.group(3))
    return cells


def numbers(cell):
    return [float(x) for x in re.findall(r"-?\d+\.\d+", cell)]


@unittest.skipUnless(DETSIM, "set DETSIM_BINARY to validate and run studies")
class ShippedStudy(unittest.TestCase):
    def test_the_shipped_study_validates_at_its_stated_size(self):
        # Every one of the 15,360 experiments is checked: about 16 s of CPU.
        result = subprocess.run([DETSIM, "validate", str(SHIPPED)], capture_output=True,
                                text=True, timeout=600)
        self.assertEqual(result.returncode, 0, result.stderr)
        text = SHIPPED.read_text()
        factors = re.findall(r"^    ([a-z_.]+): \{range:", text, re.M)
        n = int(re.search(r"^  n: (\d+)", text, re.M).group(1))
        self.assertGreaterEqual(len(factors), 8)
        self.assertIn("structures: [none, economic_diplomatic, security_assistance, "
                      "bilateral_pact, nato_article5]", text)
        # Saltelli's A, B and one AB_i per factor: N (k + 2) points, under five structures.
        points = n * (len(factors) + 2)
        self.assertIn(f"{points} design points, {5 * points} experiments", result.stdout)


@unittest.skipUnless(DETSIM, "set DETSIM_BINARY to make a study file")
class ReportWriter(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        d = Path(cls.tmp.name)
        study = d / "small.yaml"
        study.write_text(SMALL.format(scenario=ROOT / "scenarios" / "ukraine.yaml"))
        cls.results = d / "small.h5"
        subprocess.run([DETSIM, "run", str(study), "--set", "horizon_months=24", "--quiet",
                        "--threads", "2", "-o", str(cls.results)], check=True, timeout=300)
        subprocess.run([DETSIM, "analyze", str(cls.results)], check=True, timeout=300,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.document = d / "docs" / "SENSITIVITY.md"
        cls.document.parent.mkdir()
        cls.document.write_text(DOCUMENT)
        cls.figure = report.write_report(cls.results, cls.document, d / "docs" / "figures",
                                         "small.yaml", seconds=12.3, threads=2)
        cls.text = cls.document.read_text()
        cls.sens = dr.load_sensitivity(cls.results)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_only_the_generated_section_is_replaced(self):
        self.assertTrue(self.text.startswith("# Prose before\n\n" + report.BEGIN))
        self.assertTrue(self.text.endswith(report.END + "\n\nProse after.\n"))
        self.assertNotIn("stale numbers", self.text)
        self.assertEqual(self.text.count(report.BEGIN), 1)

    def test_headline_table_holds_the_files_indices(self):
        cells = parse_tables(self.text)
        attacked = self.sens[self.sens["measure"] == "attacked"]
        self.assertEqual(len(cells), 2 * 3)  # two structures, three factors
        for (structure, factor), (s1, st) in cells.items():
            for index, cell in (("S1", s1), ("ST", st)):
                row = attacked[(attacked["structure"] == structure)
                               & (attacked["factor"] == factor) & (attacked["index"] == index)]
                self.assertEqual(len(row), 1)
                expected = row[["estimate", "ci_low", "ci_high"]].to_numpy(float)[0]
                np.testing.assert_allclose(numbers(cell), expected, atol=0.005 + 1e-12)

    def test_noise_shares_are_the_files(self):
        for structure in ("none", "nato_article5"):
            rows = self.sens[(self.sens["measure"] == "attacked")
                             & (self.sens["structure"] == structure)]
            share = 100 * float(rows["noise_share"].max())
            self.assertIn(f"**{structure}** (Monte Carlo noise {share:.1f}%", self.text)

    def test_provenance_names_the_study_and_no_machine_path(self):
        info = dr.results_info(self.results)
        self.assertIn("from `small.yaml`", self.text)
        self.assertIn(str(info["git_revision"]), self.text)
        self.assertIn("the run took 12 s with 2 threads", self.text)
        self.assertNotIn(self.tmp.name, self.text)
        self.assertNotIn("/work/", self.text)

    def test_the_figure_is_written_and_linked(self):
        self.assertTrue(self.figure.read_bytes().startswith(b"\x89PNG"))
        self.assertIn("](figures/sensitivity_attacked.png)", self.text)

    def test_a_document_without_markers_is_refused(self):
        with self.assertRaises(ValueError):
            report.replace_generated("# no markers\n", "block")

    def test_an_unanalysed_file_exits_2(self):
        with tempfile.TemporaryDirectory() as d:
            plain = Path(d) / "plain.h5"
            subprocess.run([DETSIM, "run", str(ROOT / "scenarios" / "ukraine.yaml"), "--trials",
                            "10", "--quiet", "-o", str(plain)], check=True, timeout=300)
            document = Path(d) / "doc.md"
            document.write_text(DOCUMENT)
            code = report.main(["--skip-run", "--results", str(plain), "--document",
                                str(document), "--figures", str(Path(d) / "fig")])
            self.assertEqual(code, 2)
            self.assertEqual(document.read_text(), DOCUMENT)  # nothing half-written


if __name__ == "__main__":
    unittest.main()
