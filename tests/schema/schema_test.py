"""The shipped scenario schema against the shipped files and the loader.

Every shipped YAML (scenarios and presets) names the schema in a yaml-language-server modeline
and validates against it (Debian's python3-jsonschema); broken files are rejected by the schema
and by `detsim validate` alike, and the valid variants accepted by both, so that an editor's
verdict is the loader's.

Usage: /usr/bin/python3 tests/schema/schema_test.py --detsim BUILD/detsim
"""

import argparse
import copy
import json
import pathlib
import subprocess
import sys
import tempfile
import unittest

import jsonschema
import yaml

SOURCE = pathlib.Path(__file__).resolve().parents[2]
SCENARIOS = SOURCE / "scenarios"
SCHEMA_FILE = SCENARIOS / "detsim-scenario.schema.json"
MODELINE = "# yaml-language-server: $schema="
DETSIM = None  # set from the command line


def shipped_yaml():
    return sorted(SCENARIOS.rglob("*.yaml"))


def ukraine():
    return yaml.safe_load((SCENARIOS / "ukraine.yaml").read_text())


def schema_errors(validator, document):
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(document)]


def detsim_validate(document, directory, preset=None):
    """Exit status of `detsim validate` on the document (and a preset file beside it)."""
    if preset is not None:
        (directory / "preset.yaml").write_text(yaml.safe_dump(preset))
    scenario = directory / "scenario.yaml"
    scenario.write_text(yaml.safe_dump(document))
    run = subprocess.run([DETSIM, "validate", str(scenario)], capture_output=True, text=True,
                         check=False)
    return run.returncode, run.stderr


DELETE = object()


def with_change(path, value, *more):
    """Ukraine with `value` at the dotted path (DELETE removes the key; None is an empty value),
    and so on for further (path, value) pairs."""
    document = ukraine()
    changes = [(path, value), *zip(more[::2], more[1::2])]
    for dotted, new in changes:
        *parents, last = dotted.split(".")
        node = document
        for key in parents:
            node = node.setdefault(key, {})
        if new is DELETE:
            del node[last]
        else:
            node[last] = copy.deepcopy(new)
    return document


# (what is wrong, the scenario); each must be rejected by both.
BROKEN = [
    ("unknown top-level key", with_change("horizon_month", 120)),
    ("unknown dynamics key (a typo)", with_change("dynamics.front_sped", 0.02)),
    ("unknown term", with_change("guarantee.terms", {"united_states": {"defnd": 0.5}})),
    ("a challenger key on the target", with_change("actors.ukraine.stake", 1.0)),
    ("an unknown role", with_change("actors.ukraine.role", "victim")),
    ("an actor id with capitals", with_change("actors.Belarus", {"role": "guarantor"})),
    ("out of range", with_change("severity.war", 2.5)),
    ("out of range below", with_change("dynamics.front_speed", -0.1)),
    ("integer out of range", with_change("dynamics.belief_grid", 8)),
    ("capability must be > 0", with_change("actors.russia.capability", 0)),
    ("wrong type: text for an integer", with_change("horizon_months", "ten years")),
    ("wrong type: a fractional integer", with_change("trials", 10.5)),
    ("wrong type: text for a boolean", with_change("actors.russia.nuclear", "maybe")),
    ("wrong type: a list for a section", with_change("severity", [0.3, 0.7])),
    ("missing required key", with_change("detsim", DELETE)),
    ("unknown format version", with_change("detsim", 2)),
    ("unknown distribution", with_change("actors.russia.resolve", {"gamma": [2, 3]})),
    ("a distribution with two keys",
     with_change("actors.russia.resolve", {"uniform": [0, 1], "beta": {"mean": 0.5}})),
    ("beta without concentration", with_change("actors.russia.resolve", {"beta": {"mean": 0.5}})),
    ("beta mean outside (0, 1)",
     with_change("actors.russia.resolve", {"beta": {"mean": 1.0, "concentration": 5}})),
    ("beta where draws may leave the field's range",
     with_change("actors.russia.stake", {"beta": {"mean": 0.5, "concentration": 5}})),
    ("uniform with three arguments", with_change("severity.war", {"uniform": [0.1, 0.5, 0.9]})),
    ("uniform argument out of range", with_change("severity.war", {"uniform": [0.1, 3]})),
    ("normal without the bound a bounded field needs",
     with_change("severity.war", {"normal": {"mean": 0.7, "sd": 0.1, "min": 0}})),
    ("normal with a negative sd",
     with_change("honor_noise", {"normal": {"mean": 0.1, "sd": -1, "min": 0}})),
    ("triangular with two arguments", with_change("severity.war", {"triangular": [0.1, 0.9]})),
    ("an unknown key in elections",
     with_change("actors.united_states.elections", {"every_month": 48})),
]

# Written in every form the loader takes; each must be accepted by both.
VALID = [
    ("every distribution form", with_change("dynamics", {
        "front_speed": {"uniform": [0.01, 0.03]},
        "front_noise": {"triangular": [0, 0.01, 0.02]},
        "settlement_rate": {"beta": {"mean": {"uniform": [0.02, 0.04]}, "concentration": 50}},
        "exhaustion": {"normal": {"mean": 1, "sd": 0.2, "min": 0.5}},
        "clash_base": {"normal": {"mean": 0.001, "sd": 0.0005, "min": 0, "max": 1}},
        "belief_grid": 512,
    })),
    ("empty sections and elections",
     with_change("severity", None, "output", None, "actors.united_states.elections", None)),
    ("a seed above 2^63", with_change("seed", 2**64 - 1)),
    ("terms overridden by id",
     with_change("guarantee.terms", {"european_allies": {"defend": 0.3, "sanctions": 0.01}})),
]

BROKEN_PRESET = {"detsim_preset": 1, "name": "broken", "lead": {"defend": 1.5}}


class ShippedSchema(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.schema = json.loads(SCHEMA_FILE.read_text())
        jsonschema.Draft7Validator.check_schema(cls.schema)
        cls.validator = jsonschema.Draft7Validator(cls.schema)

    def test_every_shipped_yaml_names_the_schema_in_its_first_line(self):
        files = shipped_yaml()
        self.assertGreaterEqual(len(files), 7)
        for path in files:
            with self.subTest(file=str(path.relative_to(SOURCE))):
                first = path.read_text().splitlines()[0]
                self.assertTrue(first.startswith(MODELINE), first)
                target = first[len(MODELINE):].strip()
                self.assertFalse(pathlib.PurePath(target).is_absolute())
                self.assertEqual((path.parent / target).resolve(), SCHEMA_FILE)

    def test_every_shipped_yaml_validates(self):
        for path in shipped_yaml():
            with self.subTest(file=str(path.relative_to(SOURCE))):
                document = yaml.safe_load(path.read_text())
                self.assertEqual(schema_errors(self.validator, document), [])

    def check_verdicts(self, cases, valid):
        """Schema and loader agree on each case: accepted (exit 0) if valid, else rejected (2)."""
        with tempfile.TemporaryDirectory() as tmp:
            for what, document in cases:
                with self.subTest(case=what, valid=valid):
                    errors = schema_errors(self.validator, document)
                    self.assertEqual(errors == [], valid, errors)
                    status, stderr = detsim_validate(document, pathlib.Path(tmp))
                    self.assertEqual(status, 0 if valid else 2, stderr)

    def test_broken_scenarios_are_rejected_by_schema_and_loader(self):
        self.check_verdicts(BROKEN, valid=False)

    def test_valid_variants_are_accepted_by_schema_and_loader(self):
        self.check_verdicts(VALID, valid=True)

    def test_a_broken_preset_is_rejected_by_schema_and_loader(self):
        self.assertNotEqual(schema_errors(self.validator, BROKEN_PRESET), [])
        self.assertNotEqual(schema_errors(self.validator, {"detsim_preset": 1, "lead": {},
                                                           "audience_cost": 0.3}), [])
        with tempfile.TemporaryDirectory() as tmp:
            document = with_change("guarantee.preset", "./preset.yaml")
            status, stderr = detsim_validate(document, pathlib.Path(tmp), preset=BROKEN_PRESET)
            self.assertEqual(status, 2, stderr)

    def test_studies_broken_and_valid_get_the_same_verdicts(self):
        sweep = yaml.safe_load((SCENARIOS / "studies" / "us_audience_cost_sweep.yaml").read_text())
        sweep["scenario"] = str(SCENARIOS / "ukraine.yaml")

        def study(change):
            document = copy.deepcopy(sweep)
            change(document)
            return document

        broken = [
            ("unknown design key", study(lambda d: d["design"].update(metod="grid"))),
            ("a factor with two forms",
             study(lambda d: d["design"]["factors"][
                 "guarantee.terms.united_states.audience_cost"].update(range=[0, 1]))),
            ("no scenario", study(lambda d: d.pop("scenario"))),
        ]
        valid = [
            ("the shipped sweep", study(lambda d: None)),
            ("a Latin hypercube over a range",
             study(lambda d: d["design"].update(
                 method="latin_hypercube", n=4,
                 factors={"dynamics.opportunity_volatility": {"range": [0.1, 0.3]}}))),
        ]
        self.check_verdicts(broken, valid=False)
        self.check_verdicts(valid, valid=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--detsim", required=True)
    args, rest = parser.parse_known_args()
    DETSIM = args.detsim
    unittest.main(argv=[sys.argv[0], "-v", *rest])
