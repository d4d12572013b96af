"""docs/RESULTS.md against a real results file, so the page cannot drift from what detsim writes.

Every group, dataset and attribute in the file, and every /experiments, /trials, /measures,
/summary and /paths column, is documented; every name documented exists in the file (a file
written by `detsim rerun` for `rerun_of`, one run with `--posterior` for `posterior`). The page's tables are the list: the first cell of each
row of a table under a `## ` heading names what it documents (`name`, several `a`, `b`, or a
pattern such as `cost.<id>`); attributes documented in prose are written "attribute `name`".

Needs DETSIM_RESULTS_FILE (a `detsim run --structure all` file with recorded paths) and
DETSIM_BINARY (for the rerun file) in the environment; skipped without them.
"""

import os
import re
import subprocess
import sys
import tempfile
import unittest
import warnings
from pathlib import Path

import h5py

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "scripts"))

import detsim_results as dr  # noqa: E402

RESULTS_MD = HERE.parents[1] / "docs" / "RESULTS.md"
REAL_FILE = os.environ.get("DETSIM_RESULTS_FILE")
DETSIM = os.environ.get("DETSIM_BINARY")

# The section of RESULTS.md that documents each part of the file, by its heading.
ROOT, SCENARIO, DIMENSIONS = "Root attributes", "`/scenario`", "Dimensions"
SENSITIVITY = "`/sensitivity`"
POSTERIOR = "`/posterior`"
# A small Sobol study, to document what `detsim analyze` adds.
SOBOL_STUDY = """detsim_study: 1
scenario: {scenario}
design:
  method: sobol
  n: 4
  factors:
    actors.russia.resolve.beta.mean: {{range: [0.3, 0.8]}}
    guarantee.terms.united_states.audience_cost: {{range: [0, 1]}}
  structures: [nato_article5]
  trials: 20
"""
TABLE_SECTIONS = {"experiments": "`/experiments`", "trials": "`/trials`",
                  "measures": "`/measures`", "summary": "`/summary`", "paths": "`/paths`",
                  "design": "`/design`"}
# Groups only a study's file has: their columns are checked against a small run of the shipped
# sweep, and /experiments against both files together.
STUDY_ONLY = {"design"}
SWEEP = HERE.parents[1] / "scenarios" / "studies" / "us_audience_cost_sweep.yaml"
# The header of the tables that list names (others, like the outcome codes, list values).
NAME_HEADERS = {"column", "attribute", "dataset"}


def sections(text):
    """{heading: text} for every `## ` heading."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def table_first_cells(section, header):
    """First cells of the rows of the tables of `section` whose first header is `header`."""
    cells, current = [], None
    for line in section.splitlines():
        if not line.startswith("|"):
            current = None
            continue
        first = line.split("|")[1].strip()
        if current is None:
            current = first
        elif current == header and not set(first) <= set("-: "):
            cells.append(first)
    return cells


def names_in(cell):
    """The backticked names of a cell; none for an italic description (*varied parameter*)."""
    return re.findall(r"`([^`]+)`", cell)


def pattern(name):
    """A documented name as a regex: `<id>`, `<term>`, `<dotted.path>` stand for any name."""
    parts = re.split(r"<[^>]+>", name)
    return re.compile("^" + r"[A-Za-z0-9_.]+".join(map(re.escape, parts)) + "$")


def documented(section, header="column"):
    return [name for cell in table_first_cells(section, header) for name in names_in(cell)]


def groups_of(file):
    return {name for name, item in file.items() if isinstance(item, h5py.Group)}


def prose_attributes(section):
    return set(re.findall(r"attribute `([A-Za-z_]+)`", section))


class ResultsDocAgainstFile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not REAL_FILE or not DETSIM:
            raise unittest.SkipTest("needs DETSIM_RESULTS_FILE and DETSIM_BINARY")
        cls.doc = sections(RESULTS_MD.read_text())
        cls.tmp = tempfile.TemporaryDirectory()
        cls.rerun_file = os.path.join(cls.tmp.name, "rerun.h5")
        subprocess.run([DETSIM, "rerun", REAL_FILE, "--experiment", "1", "--quiet",
                        "--threads", "1", "-o", cls.rerun_file], check=True)
        cls.study_file = os.path.join(cls.tmp.name, "sweep.h5")
        subprocess.run([DETSIM, "run", str(SWEEP), "--trials", "10", "--set", "horizon_months=12",
                        "--quiet", "--threads", "1", "-o", cls.study_file], check=True)
        study = os.path.join(cls.tmp.name, "sobol.yaml")
        Path(study).write_text(SOBOL_STUDY.format(scenario=HERE.parents[1] / "scenarios" /
                                                  "ukraine.yaml"))
        cls.analyzed_file = os.path.join(cls.tmp.name, "sobol.h5")
        subprocess.run([DETSIM, "run", study, "--set", "horizon_months=12", "--quiet",
                        "--threads", "1", "-o", cls.analyzed_file], check=True)
        subprocess.run([DETSIM, "analyze", cls.analyzed_file], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # A run with a precision target, for the /experiments columns it adds.
        cls.precision_file = os.path.join(cls.tmp.name, "precision.h5")
        subprocess.run([DETSIM, "run", str(HERE.parents[1] / "scenarios" / "ukraine.yaml"),
                        "--structure", "nato_article5", "--trials", "200", "--set",
                        "precision={measures: [attacked], half_width: 0.05, step: 100}",
                        "--set", "horizon_months=12", "--quiet", "--threads", "1",
                        "-o", cls.precision_file], check=True)

        # A run drawing from a posterior, for the root attribute and the /posterior group.
        posterior = os.path.join(cls.tmp.name, "posterior_in.h5")
        subprocess.run([sys.executable, str(HERE.parents[1] / "tests" / "cli" /
                                            "write_posterior.py"), posterior,
                        '{"applies_to": ["honor_noise"], "parameters": ["fitted.noise"], '
                        '"values": [[0.05, 0.1]], "weights": [0.5, 0.5]}'], check=True)
        cls.posterior_file = os.path.join(cls.tmp.name, "posterior_run.h5")
        subprocess.run([DETSIM, "run", str(HERE.parents[1] / "scenarios" / "ukraine.yaml"),
                        "--trials", "20", "--set", "horizon_months=12", "--posterior", posterior,
                        "--quiet", "--threads", "1", "-o", cls.posterior_file], check=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check_both_ways(self, where, in_file, names):
        """Every name in the file matches a documented one, and every documented one some name."""
        patterns = {name: pattern(name) for name in names}
        for actual in sorted(in_file):
            with self.subTest(where=where, undocumented=actual):
                self.assertTrue(any(p.match(actual) for p in patterns.values()),
                                f"{where}: {actual} is in the file but not in docs/RESULTS.md")
        for name, p in patterns.items():
            with self.subTest(where=where, documented=name):
                self.assertTrue(any(p.match(actual) for actual in in_file),
                                f"{where}: docs/RESULTS.md documents {name}, the file has none")

    def test_the_documented_sections_parse(self):
        for heading in [ROOT, SCENARIO, DIMENSIONS, *TABLE_SECTIONS.values()]:
            self.assertIn(heading, self.doc)
        self.assertGreater(len(documented(self.doc[TABLE_SECTIONS["trials"]])), 10)

    def test_root_attributes(self):
        names = documented(self.doc[ROOT], "attribute")
        with h5py.File(REAL_FILE, "r") as f, h5py.File(self.rerun_file, "r") as r, \
                h5py.File(self.posterior_file, "r") as p:
            self.check_both_ways("root attributes", set(f.attrs) | set(r.attrs) | set(p.attrs),
                                 names)

    def test_posterior(self):
        with h5py.File(self.posterior_file, "r") as f:
            self.assertEqual(groups_of(f), {"scenario", *TABLE_SECTIONS, "posterior"} - STUDY_ONLY)
            self.check_both_ways("/posterior", set(f["posterior"].keys()),
                                 documented(self.doc[POSTERIOR]))
            self.assertEqual(set(f["posterior"].attrs), prose_attributes(self.doc[POSTERIOR]))

    def test_groups(self):
        with h5py.File(REAL_FILE, "r") as f, h5py.File(self.study_file, "r") as s:
            self.assertEqual(groups_of(f), {"scenario", *TABLE_SECTIONS} - STUDY_ONLY)
            self.assertEqual(groups_of(s), {"scenario", *TABLE_SECTIONS})
            for file in (f, s):
                datasets = {name for name, item in file.items() if isinstance(item, h5py.Dataset)}
                self.check_both_ways("root datasets", datasets,
                                     documented(self.doc[DIMENSIONS], "dataset"))

    def test_dimension_attributes(self):
        allowed = prose_attributes(self.doc[DIMENSIONS])
        with h5py.File(REAL_FILE, "r") as f:
            for name in documented(self.doc[DIMENSIONS], "dataset"):
                with self.subTest(dimension=name):
                    self.assertLessEqual(set(f[name].attrs), allowed)
                    self.assertEqual(f[name].attrs["CLASS"], b"DIMENSION_SCALE")

    def test_sensitivity(self):
        with h5py.File(self.analyzed_file, "r") as f:
            self.assertEqual(groups_of(f), {"scenario", *TABLE_SECTIONS, "sensitivity"})
            self.check_both_ways("/sensitivity", set(f["sensitivity"].keys()),
                                 documented(self.doc[SENSITIVITY]))
            self.assertEqual(set(f["sensitivity"].attrs), prose_attributes(self.doc[SENSITIVITY]))

    def test_scenario_attributes(self):
        with h5py.File(REAL_FILE, "r") as f:
            self.check_both_ways("/scenario", set(f["scenario"].attrs),
                                 documented(self.doc[SCENARIO], "attribute"))

    def test_table_columns(self):
        with h5py.File(REAL_FILE, "r") as f, h5py.File(self.study_file, "r") as s, \
                h5py.File(self.precision_file, "r") as p:
            for group, heading in TABLE_SECTIONS.items():
                header = "dataset" if group == "paths" else "column"
                names = set(s[group].keys())
                if group not in STUDY_ONLY:
                    names |= set(f[group].keys()) | set(p[group].keys())
                self.check_both_ways(f"/{group}", names, documented(self.doc[heading], header))

    def test_attributes_of_groups_and_columns(self):
        # Column attributes are documented in the conventions at the top of the page (before
        # the first `## `), group attributes in their section's prose.
        conventions = RESULTS_MD.read_text().split("\n## ", 1)[0]
        column_attributes = prose_attributes(conventions)
        with h5py.File(REAL_FILE, "r") as real, h5py.File(self.study_file, "r") as study:
            for group, heading in TABLE_SECTIONS.items():
                f = study if group in STUDY_ONLY else real
                with self.subTest(group=group):
                    self.assertLessEqual(set(f[group].attrs), prose_attributes(self.doc[heading]))
                    for name, dataset in f[group].items():
                        self.assertLessEqual(set(dataset.attrs), column_attributes, name)
            # Every /design attribute documented is written.
            self.assertEqual(set(study["design"].attrs),
                             prose_attributes(self.doc[TABLE_SECTIONS["design"]]))
        with h5py.File(REAL_FILE, "r") as f:
            self.assertIn("outcome_labels", f["trials"].attrs)
            self.assertIn("description", f["trials/attacked"].attrs)

    def test_summary_measures(self):
        names = documented(self.doc[TABLE_SECTIONS["summary"]], "measure")
        with h5py.File(REAL_FILE, "r") as f:
            outcomes = {x.decode() for x in f["summary/outcome"][()]}
        self.check_both_ways("/summary outcome", outcomes, names)

    def test_the_load_summary_columns_listed(self):
        # The paragraph "`load_summary` columns: ..." names them all, in backticks.
        listed = re.search(r"^`load_summary` columns: (.*?)\n\n", RESULTS_MD.read_text(),
                           flags=re.M | re.S)
        self.assertIsNotNone(listed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dr.IncompleteResultsWarning)
            columns = set(dr.load_summary(REAL_FILE).columns)
            columns |= set(dr.load_summary(self.study_file).columns)
            columns |= set(dr.load_summary(self.precision_file).columns)
        self.check_both_ways("load_summary", columns, names_in(listed.group(1)))

    def test_seed_decimal_is_the_seed(self):
        with h5py.File(REAL_FILE, "r") as f:
            seed = int(f.attrs["seed"])
            decimal = f.attrs["seed_decimal"]
        decimal = decimal.decode() if isinstance(decimal, bytes) else decimal
        self.assertEqual(decimal, str(seed))


if __name__ == "__main__":
    unittest.main()
