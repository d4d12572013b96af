"""Tests of scripts/detsim_results.py (standard-library unittest only).

    /usr/bin/python3 -m unittest discover -s tests/python -v

Runs on a synthetic fixture (make_fixture.py). With DETSIM_RESULTS_FILE=path/to/real.h5 in the
environment, the layout checks (ReaderChecks) also run against that real detsim output.
"""

import os
import sys
import tempfile
import unittest
import warnings
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "scripts"))
sys.path.insert(0, str(HERE))

import detsim_results as dr  # noqa: E402
import make_fixture  # noqa: E402

REAL_FILE = os.environ.get("DETSIM_RESULTS_FILE")

CORE_COLUMNS = {
    "experiment": np.int32, "trial": np.int32, "attacked": bool, "attack_month": np.int32,
    "probes": np.int32, "war_months": np.int32, "territory": np.float64,
    "cohesion": np.float64, "policy_flips": np.int32, "burden_share_allies": np.float64,
}
OUTCOME_LABELS = ["deterred", "target_holds", "stalemate_or_ceasefire", "challenger_gains",
                  "nuclear_use"]


def quietly(fn, *args, **kw):
    """Call fn with the incomplete-run warning silenced (tested on its own below)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dr.IncompleteResultsWarning)
        return fn(*args, **kw)


class ReaderChecks:
    """Checks that must hold for ANY schema-1 results file; subclasses set `path`."""

    path = None

    @classmethod
    def setUpClass(cls):
        cls.trials = quietly(dr.load_trials, cls.path)
        cls.facts = dr.scenario_facts(cls.path)
        cls.info = dr.results_info(cls.path)
        with h5py.File(cls.path, "r") as f:
            cls.raw_trials = {k: v[()] for k, v in f["trials"].items()}
            cls.raw_labels = [dr._to_str(x) for x in f["trials"].attrs["outcome_labels"]]
            cls.raw_structures = [dr._to_str(x) for x in f["experiments"]["structure"][()]]
            cls.raw_experiments = list(f["experiments"]["experiment"][()])

    def test_every_core_column_present_with_its_type(self):
        for name, dtype in CORE_COLUMNS.items():
            with self.subTest(column=name):
                self.assertIn(name, self.trials.columns)
                self.assertEqual(self.trials[name].dtype, np.dtype(dtype))

    def test_every_file_column_is_read(self):
        self.assertTrue(set(self.raw_trials) <= set(self.trials.columns))
        self.assertEqual(len(self.trials), len(self.raw_trials["trial"]))

    def test_per_actor_columns(self):
        self.assertTrue(self.facts.guarantors, "the scenario names no guarantor")
        for actor in self.facts.roles:
            self.assertEqual(self.trials[f"cost.{actor}"].dtype, np.float64)
        for g in self.facts.guarantors:
            with self.subTest(guarantor=g):
                self.assertEqual(self.trials[f"tested.{g}"].dtype, bool)
                self.assertEqual(self.trials[f"honored.{g}"].dtype, bool)
                self.assertEqual(self.trials[f"credibility.{g}"].dtype, np.float64)
                self.assertEqual(self.trials[f"ambiguity.{g}"].dtype, np.float64)
                # Honoring presupposes being tested.
                self.assertFalse((self.trials[f"honored.{g}"] & ~self.trials[f"tested.{g}"]).any())

    def test_drawn_parameters_are_float_columns(self):
        params = [c for c in self.trials.columns if c.startswith("param.")]
        self.assertTrue(params)
        for c in params:
            self.assertEqual(self.trials[c].dtype, np.float64, c)

    def test_outcome_is_ordered_categorical_of_the_file_labels(self):
        outcome = self.trials["outcome"]
        self.assertIsInstance(outcome.dtype, pd.CategoricalDtype)
        self.assertTrue(outcome.cat.ordered)
        self.assertEqual(list(outcome.cat.categories), self.raw_labels)
        self.assertEqual(set(self.raw_labels), set(OUTCOME_LABELS))
        np.testing.assert_array_equal(outcome.cat.codes, self.raw_trials["outcome"])

    def test_max_escalation_is_labelled(self):
        esc = self.trials["max_escalation"]
        self.assertTrue(esc.cat.ordered)
        self.assertEqual(list(esc.cat.categories),
                         ["peace", "war", "direct_clash", "nuclear_use"])
        np.testing.assert_array_equal(esc.cat.codes, self.raw_trials["max_escalation"])

    def test_attack_month_is_minus_one_exactly_when_not_attacked(self):
        t = self.trials
        np.testing.assert_array_equal(t["attack_month"] >= 0, t["attacked"])
        self.assertTrue((t.loc[~t["attacked"], "max_escalation"] == "peace").all())

    def test_experiment_columns_are_joined(self):
        t = self.trials
        for e, s in zip(self.raw_experiments, self.raw_structures):
            self.assertTrue((t.loc[t["experiment"] == e, "structure"] == s).all())
        self.assertNotIn("resolved_yaml", t.columns)
        self.assertIn("trials", t.columns)
        self.assertIn("experiment_label", t.columns)
        self.assertEqual(list(t.columns[:4]),
                         ["experiment", "trial", "structure", "experiment_label"])

    def test_descriptions_are_carried(self):
        desc = self.trials.attrs["descriptions"]
        self.assertTrue(all(desc.get(c) for c in self.raw_trials), "a column lacks description")

    def test_summary(self):
        if not self.info["has_summary"]:
            self.skipTest("no /summary (incomplete run)")
        s = dr.load_summary(self.path)
        self.assertEqual(list(s.columns[:2]), ["experiment", "structure"])
        for c in ("outcome", "mean", "ci_low", "ci_high", "n"):
            self.assertIn(c, s.columns)
        self.assertEqual(s["n"].dtype, np.int32)
        measures = set(s["outcome"])
        for needed in ["attacked"] + [f"outcome.{l}" for l in self.raw_labels] + \
                [f"cost.{self.facts.lead_guarantor}"]:
            self.assertIn(needed, measures)
        ok = s.dropna(subset=["mean", "ci_low", "ci_high"])
        self.assertTrue((ok["ci_low"] <= ok["mean"] + 1e-12).all())
        self.assertTrue((ok["mean"] <= ok["ci_high"] + 1e-12).all())

    def test_summarize_trials_agrees_with_summary(self):
        """Evaluating the file's /measures over its trials gives its /summary: on real output,
        detsim's C++ and this reader evaluate the one set of definitions alike (to rounding:
        C++ keeps running means, numpy sums pairwise)."""
        if not self.info["has_summary"]:
            self.skipTest("no /summary (incomplete run)")
        measures = dr.load_measures(self.path)
        ours = dr.summarize_trials(self.trials).set_index(["experiment", "outcome"])
        theirs = dr.load_summary(self.path).set_index(["experiment", "outcome"])
        self.assertEqual(sorted(ours.index), sorted(theirs.index))
        self.assertEqual(set(ours.index.get_level_values("outcome")), set(measures["measure"]))
        ours = ours.loc[theirs.index]
        for c in ("mean", "ci_low", "ci_high"):
            np.testing.assert_allclose(ours[c], theirs[c], rtol=1e-12, atol=1e-15, err_msg=c)
        np.testing.assert_array_equal(ours["n"], theirs["n"])
        if "pairing" in theirs:  # a file from before the differences has none to compare
            np.testing.assert_array_equal(ours["pairing"], theirs["pairing"].astype(str))
            np.testing.assert_array_equal(ours["difference_n"], theirs["difference_n"])
            np.testing.assert_array_equal(ours["baseline"], theirs["baseline"])
            for c in ("difference", "difference_ci_low", "difference_ci_high"):
                np.testing.assert_allclose(ours[c], theirs[c], rtol=1e-9, atol=1e-12, err_msg=c)
        np.testing.assert_array_equal(ours["kind"], theirs["kind"])
        np.testing.assert_array_equal(ours["description"], theirs["description"])
        self.assertEqual(list(ours.columns[:3]), ["structure", "experiment_label", "trials"])

    def test_measures_read_existing_columns(self):
        measures = dr.load_measures(self.path)
        self.assertTrue(set(measures["kind"]) <= {"rate", "mean"})
        for _, m in measures.iterrows():
            with self.subTest(measure=m["measure"]):
                self.assertIn(m["column"], self.raw_trials)
                self.assertTrue(m["given"] == "" or m["given"] in self.raw_trials)
        self.assertEqual(list(self.trials.attrs["measures"][0]), list(measures.columns))

    def test_paths(self):
        variables = dr.path_variables(self.path)
        if not variables:
            self.skipTest("no /paths (record_paths 0)")
        for v in ["cohesion"] + [f"credibility.{g}" for g in self.facts.guarantors]:
            self.assertIn(v, variables)
        long = quietly(dr.load_paths, self.path, "cohesion")
        if long.empty:
            self.skipTest("/paths holds no recorded trial")
        self.assertEqual(list(long.columns),
                         ["experiment", "trial", "structure", "experiment_label", "month", "value"])
        self.assertEqual(long["month"].min(), 0)
        self.assertEqual(long["month"].max(), self.facts.horizon_months)
        wide = quietly(dr.load_paths, self.path, "cohesion", wide=True)
        self.assertEqual(wide.shape[1], self.facts.horizon_months + 1)
        self.assertEqual(len(long), wide.size)
        self.assertEqual(wide.index.names, ["experiment", "trial"])

    def test_scenario_and_info(self):
        scenario = dr.load_scenario(self.path)
        if dr.HAVE_YAML:
            self.assertIsInstance(scenario, dict)
            self.assertIn("actors", scenario)
        else:
            self.assertIsInstance(scenario, str)
        self.assertIn(self.facts.lead_guarantor, self.facts.guarantors)
        for k in ("detsim_version", "schema_version", "seed", "complete", "trials",
                  "structures", "horizon_months", "lead_guarantor"):
            self.assertIn(k, self.info)
        self.assertEqual(self.info["schema_version"], 1)
        self.assertEqual(self.info["structures"], self.raw_structures)


class FixtureReaderTests(ReaderChecks, unittest.TestCase):
    """The checks above, plus exact values, on the synthetic fixture."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "fixture.h5")
        cls.written = make_fixture.make_fixture(cls.path, n_experiments=4, trials=150)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_values_round_trip(self):
        for name, values in self.written.items():
            got = self.trials[name]
            if isinstance(got.dtype, pd.CategoricalDtype):
                got = got.cat.codes
            np.testing.assert_array_equal(np.asarray(got, dtype=float),
                                          np.asarray(values, dtype=float), err_msg=name)

    def test_structures_in_experiment_order(self):
        self.assertEqual(list(self.trials["structure"].cat.categories),
                         make_fixture.STRUCTURES[:4])

    def test_facts(self):
        self.assertEqual(self.facts.horizon_months, 60)
        self.assertEqual(self.facts.lead_guarantor, "united_states")
        self.assertEqual(self.facts.guarantors, ["united_states", "european_allies"])

    def test_scenario_of_one_experiment(self):
        text = dr._scenario_text(self.path, experiment=2)
        self.assertIn("preset: bilateral_pact", text)
        with self.assertRaises(dr.DetsimResultsError):
            dr.load_scenario(self.path, experiment=99)

    def test_column_subset(self):
        t = dr.load_trials(self.path, columns=["attacked"])
        self.assertEqual(set(t.columns), {"experiment", "trial", "structure", "trials",
                                          "experiment_label", "attacked"})
        with self.assertRaisesRegex(dr.DetsimResultsError, "no column"):
            dr.load_trials(self.path, columns=["nonsense"])

    def test_missing_path_variable(self):
        with self.assertRaisesRegex(dr.DetsimResultsError, "no such variable"):
            dr.load_paths(self.path, "nonsense")


@unittest.skipUnless(REAL_FILE, "set DETSIM_RESULTS_FILE to check a real results file")
class RealFileReaderTests(ReaderChecks, unittest.TestCase):
    """The layout checks on real detsim output."""
    path = REAL_FILE


class FileErrorTests(unittest.TestCase):
    """What the reader refuses, and how it says so."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def fixture(self, name="f.h5", **kw):
        path = self.dir / name
        make_fixture.make_fixture(path, n_experiments=2, trials=60, record_paths=5, **kw)
        return path

    def assertRefused(self, path, *patterns):
        for fn in (dr.load_trials, dr.load_summary, dr.results_info):
            with self.subTest(function=fn.__name__):
                with self.assertRaises(dr.DetsimResultsError) as cm:
                    fn(path)
                message = str(cm.exception)
                self.assertIn(str(path), message)
                for p in patterns:
                    self.assertRegex(message, p)

    def test_missing_file(self):
        self.assertRefused(self.dir / "absent.h5", "no such file")

    def test_missing_file_points_at_part_file(self):
        (self.dir / "run.h5.part").write_bytes(b"")
        self.assertRefused(self.dir / "run.h5", "no such file", r"run\.h5\.part exists")

    def test_not_hdf5(self):
        path = self.dir / "notes.h5"
        path.write_text("not HDF5 at all\n")
        self.assertRefused(path, "not an HDF5 file")

    def test_hdf5_but_not_detsim(self):
        path = self.dir / "other.h5"
        with h5py.File(path, "w") as f:
            f["data"] = np.arange(3)
        self.assertRefused(path, "not a detsim results file")

    def test_other_file_type(self):
        path = self.fixture()
        with h5py.File(path, "r+") as f:
            f.attrs["file_type"] = "something else"
        self.assertRefused(path, "not a detsim results file", "something else")

    def test_newer_schema(self):
        path = self.fixture(schema_version=2)
        self.assertRefused(path, "schema_version 2", "understands schema_version 1")

    def test_incomplete_run_warns_and_reads(self):
        path = self.fixture(complete=False)
        with self.assertWarnsRegex(dr.IncompleteResultsWarning, "incomplete"):
            t = dr.load_trials(path)
        self.assertEqual(len(t), 60 + 30)
        self.assertFalse(dr.results_info(path)["complete"])
        with self.assertRaisesRegex(dr.DetsimResultsError, "no /summary"):
            quietly(dr.load_summary, path)
        s = dr.summarize_trials(t)
        self.assertIn("outcome.deterred", set(s["outcome"]))
        self.assertEqual(sorted(set(s["experiment"])), [0, 1])

    def test_summarize_needs_the_measure_definitions(self):
        path = self.fixture(complete=False)
        with h5py.File(path, "r+") as f:
            del f["measures"]
        t = quietly(dr.load_trials, path)
        self.assertNotIn("measures", t.attrs)
        with self.assertRaisesRegex(dr.DetsimResultsError, "no measure definitions"):
            dr.summarize_trials(t)
        with self.assertRaisesRegex(dr.DetsimResultsError, "no /measures"):
            dr.load_measures(path)

    def test_summarize_evaluates_the_file_definitions_not_its_own(self):
        """A definition changed in the file changes the estimate: nothing is defined twice."""
        path = self.fixture()
        t = quietly(dr.load_trials, path)
        before = dr.summarize_trials(t).set_index(["experiment", "outcome"])["mean"]
        measures = dr.load_measures(path)
        row = measures.index[measures["measure"] == "escalation_ge_2"][0]
        measures.loc[row, "threshold"] = 1.0  # now: war or worse
        after = dr.summarize_trials(t, measures).set_index(["experiment", "outcome"])["mean"]
        attacked = (t["max_escalation"].cat.codes >= 1).groupby(t["experiment"]).mean()
        for e in attacked.index:
            self.assertEqual(after[(e, "escalation_ge_2")], attacked[e])
            self.assertLessEqual(before[(e, "escalation_ge_2")], after[(e, "escalation_ge_2")])

    def test_missing_complete_attribute_counts_as_incomplete(self):
        path = self.fixture()
        with h5py.File(path, "r+") as f:
            del f.attrs["complete"]
        with self.assertWarns(dr.IncompleteResultsWarning):
            dr.load_trials(path)

    def test_complete_run_does_not_warn(self):
        path = self.fixture()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            dr.load_trials(path)
            dr.load_summary(path)
            dr.load_paths(path, "territory")

    def test_uneven_columns_cut_when_incomplete_refused_when_complete(self):
        path = self.fixture(complete=False)
        with h5py.File(path, "r+") as f:
            f["trials/cohesion"].resize((len(f["trials/cohesion"]) - 7,))
        with self.assertWarnsRegex(dr.IncompleteResultsWarning, "differ in length"):
            t = dr.load_trials(path)
        self.assertEqual(len(t), 90 - 7)
        with h5py.File(path, "r+") as f:
            f.attrs["complete"] = np.int8(1)
        with self.assertRaisesRegex(dr.DetsimResultsError, "differ in length"):
            dr.load_trials(path)

    def test_outcome_code_out_of_range(self):
        path = self.fixture()
        with h5py.File(path, "r+") as f:
            f["trials/outcome"][0] = 9
        with self.assertRaisesRegex(dr.DetsimResultsError, "outside"):
            dr.load_trials(path)

    def test_fixed_length_byte_strings_are_decoded(self):
        path = self.fixture(fixed_strings=True)
        t = dr.load_trials(path)
        self.assertEqual(list(t["structure"].cat.categories), ["none", "nato_article5"])
        self.assertEqual(list(t["outcome"].cat.categories), OUTCOME_LABELS)
        self.assertEqual(dr.results_info(path)["detsim_version"], "0.1.0")
        self.assertEqual(dr.scenario_facts(path).lead_guarantor, "united_states")

    def test_without_pyyaml(self):
        path = self.fixture()
        saved = dr.yaml, dr.HAVE_YAML
        dr.yaml, dr.HAVE_YAML = None, False
        try:
            self.assertIsInstance(dr.load_scenario(path), str)
            facts = dr.scenario_facts(path)
        finally:
            dr.yaml, dr.HAVE_YAML = saved
        self.assertEqual(facts.horizon_months, 60)
        self.assertEqual(facts.lead_guarantor, "united_states")
        self.assertEqual(facts.guarantors, ["united_states", "european_allies"])

    def test_shared_structures_get_unique_labels(self):
        path = self.fixture()
        with h5py.File(path, "r+") as f:
            g = f["experiments"]
            del g["structure"]
            g.create_dataset("structure", data=["bilateral_pact"] * 2,
                             dtype=h5py.string_dtype("utf-8"))
            g["actors.united_states.capability"] = np.array([2.0, 3.0])
        t = dr.load_trials(path)
        self.assertEqual(list(t["experiment_label"].cat.categories),
                         ["bilateral_pact (actors.united_states.capability=2.0)",
                          "bilateral_pact (actors.united_states.capability=3.0)"])
        self.assertIn("actors.united_states.capability", t.columns)


if __name__ == "__main__":
    unittest.main()
