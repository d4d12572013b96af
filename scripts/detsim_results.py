"""Read detsim results files (HDF5, schema_version 1) into pandas.

    import sys; sys.path.insert(0, "scripts")
    import detsim_results as dr
    trials = dr.load_trials("results/ukraine_all.h5")     # one row per trial
    summary = dr.load_summary("results/ukraine_all.h5")   # one row per (experiment, measure)
    coh = dr.load_paths("results/ukraine_all.h5", "cohesion")  # tidy: one row per trial-month

The layout is described column by column in docs/RESULTS.md. Every function opens the file,
checks that it is a detsim results file of a schema this module understands, and raises
DetsimResultsError, saying what it cannot read and why, when it is not. A run stopped part-way
(root attribute complete = 0, or missing in a `.part` file) is readable, but load_trials,
load_summary and load_paths give an IncompleteResultsWarning, because its estimates rest on fewer
trials than were asked for; results_info reports it as info["complete"] without warning.

load_scenario returns a dict when PyYAML is importable (HAVE_YAML) and the YAML text otherwise.
"""

import math
import os
import re
import signal
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

import h5py
import numpy as np
import pandas as pd

try:  # python3-yaml is optional: without it load_scenario returns the text.
    import yaml
except ImportError:  # pragma: no cover - depends on the installation
    yaml = None

HAVE_YAML = yaml is not None

#: The newest schema_version this module can read.
SCHEMA_VERSION = 1
#: Value of the root attribute file_type in every detsim results file.
FILE_TYPE = "detsim results"
#: Labels of the max_escalation codes 0..3 (the escalation ladder of MODEL.md).
ESCALATION_LABELS = ("peace", "war", "direct_clash", "nuclear_use")

__all__ = [
    "DetsimResultsError", "IncompleteResultsWarning", "HAVE_YAML", "SCHEMA_VERSION",
    "ESCALATION_LABELS", "ScenarioFacts", "load_trials", "load_summary", "load_paths",
    "load_experiments", "load_scenario", "results_info", "scenario_facts", "path_variables",
    "column_info", "summarize_trials", "load_measures", "wilson_interval", "load_design",
    "factor_columns", "load_sensitivity",
]


class DetsimResultsError(Exception):
    """A file that this module cannot read as a detsim results file; the message says why."""


class IncompleteResultsWarning(UserWarning):
    """The file comes from a run stopped part-way (root attribute complete is 0 or missing)."""


# --------------------------------------------------------------------------- low-level access

def _to_str(value):
    """A string attribute or element as str, whether h5py gives str, bytes or a 1-element array."""
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(-1)[0]
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8")
    return str(value)


def _attr_str(obj, name, default=None):
    return _to_str(obj.attrs[name]) if name in obj.attrs else default


def _attr_str_list(obj, name):
    value = obj.attrs[name]
    return [_to_str(v) for v in np.atleast_1d(value)]


def _read_dataset(ds):
    """A 1-D dataset as a numpy array; string datasets (fixed or variable length) as str objects."""
    if h5py.check_string_dtype(ds.dtype) is not None:
        return np.asarray(ds.asstr()[()], dtype=object)
    return ds[()]


def _missing_file_message(path):
    msg = f"cannot read {path}: no such file"
    # detsim writes at PATH.XXXXXX.part (six random characters) and renames when the run ends.
    folder, name = os.path.split(path)
    try:
        parts = sorted(p for p in os.listdir(folder or ".")
                       if p.startswith(name + ".") and p.endswith(".part"))
    except OSError:
        parts = []
    if parts:
        part = os.path.join(folder, parts[-1])
        msg += (f" (but {part} exists: a run that was stopped or is still running "
                f"writes there; it is readable but incomplete)")
    return msg


def _check_whole_file(path):
    """Refuse, before libhdf5 reads it, a file cut short (a copy or a disk that ran out).

    The HDF5 superblock (at 0, 512, 1024, ...) records the file's end; libhdf5 trusts it.
    """
    size = os.path.getsize(path)
    with open(path, "rb") as raw:
        at = 0
        while at + 64 <= size:
            raw.seek(at)
            block = raw.read(64)
            if block[:8] == b"\x89HDF\r\n\x1a\n":
                version = block[8]
                if version in (0, 1):
                    offsets, field = block[13], (24 if version == 0 else 28) + 2 * block[13]
                elif version in (2, 3):
                    offsets, field = block[9], 12 + 2 * block[9]
                else:
                    raise DetsimResultsError(
                        f"cannot read {path}: unknown HDF5 superblock version {version} "
                        f"(the file is damaged)")
                if offsets not in (2, 4, 8):
                    raise DetsimResultsError(f"cannot read {path}: its HDF5 superblock is damaged")
                end = int.from_bytes(block[field:field + offsets], "little")
                if end != (1 << (8 * offsets)) - 1 and at + end > size:
                    raise DetsimResultsError(
                        f"cannot read {path}: truncated: the file has {size} bytes but says it "
                        f"has {at + end} (an interrupted copy, or a disk that filled up)")
                return
            at = 512 if at == 0 else at * 2


def _check_header(f, path):
    """Raise DetsimResultsError unless f is a detsim results file of a readable schema."""
    file_type = _attr_str(f, "file_type")
    # file_type identifies our files; without it, schema_version and detsim_version together
    # still do, so a file from a writer that forgot file_type is read rather than refused.
    if file_type is not None and file_type != FILE_TYPE:
        raise DetsimResultsError(
            f"cannot read {path}: not a detsim results file (root attribute file_type is "
            f"{file_type!r}, expected {FILE_TYPE!r})")
    if "schema_version" not in f.attrs or (file_type is None and "detsim_version" not in f.attrs):
        raise DetsimResultsError(
            f"cannot read {path}: not a detsim results file (it is HDF5 but has no root "
            f"attribute file_type = {FILE_TYPE!r} and schema_version)")
    try:
        version = int(np.asarray(f.attrs["schema_version"]).reshape(-1)[0])
    except (TypeError, ValueError) as exc:
        raise DetsimResultsError(
            f"cannot read {path}: root attribute schema_version is not an integer "
            f"({f.attrs['schema_version']!r})") from exc
    if version > SCHEMA_VERSION:
        raise DetsimResultsError(
            f"cannot read {path}: it has schema_version {version}, written by detsim "
            f"{_attr_str(f, 'detsim_version', '?')}, and this reader ({__name__}) understands "
            f"schema_version {SCHEMA_VERSION} at most; use the scripts/ of a matching detsim")
    if version < 1:
        raise DetsimResultsError(f"cannot read {path}: invalid schema_version {version}")
    if "trials" not in f:
        raise DetsimResultsError(f"cannot read {path}: it has no /trials group")


def _is_complete(f):
    return "complete" in f.attrs and int(np.asarray(f.attrs["complete"]).reshape(-1)[0]) != 0


# Files already walked, by (path, size, modification time): the walk costs a full read, and a
# file that crashed or hung it is refused again at once, with the same message.
_SAFE_FILES = set()
_UNSAFE_FILES = {}


def _walk_everything(f):
    """Read every attribute and dataset of an open file (the probe's work), going on past errors,
    so that what comes after a damaged object or link is probed too."""
    def attempt(read, default=None):
        try:
            return read()
        except Exception:  # an error is for the real read to report; only crashes matter here
            return default

    def walk(obj, depth):
        for key in attempt(lambda: list(obj.attrs), []):
            attempt(lambda: obj.attrs[key])
        if isinstance(obj, h5py.Dataset):
            attempt(lambda: obj[()])
        elif isinstance(obj, h5py.Group) and depth < 8:  # detsim's files are 2 levels deep
            for name in attempt(lambda: list(obj.keys()), []):
                child = attempt(lambda: obj[name])
                if child is not None:
                    walk(child, depth + 1)

    walk(f, 0)


def _check_readable_by_libhdf5(path):
    """Refuse a file that libhdf5 itself crashes or loops on, before this process walks it.

    libhdf5 1.10 segfaults, aborts or loops forever on some damaged files (about 1 in 30 random
    corruptions), and inside Python that would end the interpreter. A forked child reads the whole
    file first; the parent refuses the file if the child dies or runs out of time. Errors the
    child meets are left for the real read to report.
    """
    stat = os.stat(path)
    key = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns)
    timeout = 30.0 + stat.st_size / 20e6  # a healthy file reads far faster than 20 MB/s
    if key in _SAFE_FILES or not hasattr(os, "fork"):
        return
    if key in _UNSAFE_FILES:
        raise DetsimResultsError(_UNSAFE_FILES[key])
    pid = os.fork()
    if pid == 0:  # the child: read, and leave without running any of the parent's cleanup
        status = 0
        try:
            with h5py.File(path, "r") as f:
                _walk_everything(f)
        except BaseException:  # an error, not a crash: the parent's own read will say which
            status = 1
        os._exit(status)
    deadline = time.monotonic() + timeout
    while True:
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            _UNSAFE_FILES[key] = (
                f"cannot read {path}: damaged: libhdf5 had not finished reading it after "
                f"{timeout:.0f} s (it loops on some damaged files)")
            raise DetsimResultsError(_UNSAFE_FILES[key])
        time.sleep(0.005)
    if os.WIFSIGNALED(wait_status):
        number = os.WTERMSIG(wait_status)
        _UNSAFE_FILES[key] = (f"cannot read {path}: damaged: libhdf5 crashed reading it "
                              f"(signal {number}, {signal.Signals(number).name})")
        raise DetsimResultsError(_UNSAFE_FILES[key])
    _SAFE_FILES.add(key)


@contextmanager
def _open(path, warn_incomplete=True):
    """Open and check a results file; warn (once per call) if the run stopped part-way."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise DetsimResultsError(_missing_file_message(path))
    if not os.access(path, os.R_OK):
        raise DetsimResultsError(f"cannot read {path}: permission denied")
    if not os.path.isfile(path):
        raise DetsimResultsError(f"cannot read {path}: not a regular file")
    _check_whole_file(path)
    _check_readable_by_libhdf5(path)
    try:
        f = h5py.File(path, "r")
    except OSError as exc:
        raise DetsimResultsError(
            f"cannot read {path}: not an HDF5 file, or a damaged one ({exc})") from exc
    with f:
        # A damaged file fails anywhere inside: libhdf5 raises OSError (or KeyError for an object
        # it cannot find, ValueError/TypeError for a type it cannot convert); the caller gets one
        # kind of error that names the file.
        try:
            _check_header(f, path)
            if warn_incomplete and not _is_complete(f):
                done = f.attrs.get("trials_completed", "an unknown number of")
                warnings.warn(
                    f"{path} is incomplete (root attribute complete is 0 or missing): the run "
                    f"stopped part-way after {done} trials; estimates rest on those only",
                    IncompleteResultsWarning, stacklevel=4)
            yield f
        except DetsimResultsError:
            raise
        except (OSError, KeyError, ValueError, TypeError, IndexError, AttributeError,
                UnicodeDecodeError, RuntimeError) as exc:
            raise DetsimResultsError(
                f"cannot read {path}: damaged, or not laid out as detsim writes it "
                f"({type(exc).__name__}: {exc})") from exc


def _read_table(f, group, path, skip=()):
    """The equal-length 1-D columns of a group, as a dict in file order, plus their attributes.

    A run killed between two column appends can leave columns of different lengths; they are
    cut to the shortest (with a warning) when the file is incomplete, an error otherwise.
    """
    if group not in f:
        raise DetsimResultsError(f"cannot read {path}: it has no /{group} group")
    g = f[group]
    cols, meta = {}, {}
    for name, ds in g.items():
        if name in skip or not isinstance(ds, h5py.Dataset):
            continue
        if ds.ndim != 1:
            raise DetsimResultsError(
                f"cannot read {path}: /{group}/{name} has {ds.ndim} dimensions, expected 1")
        cols[name] = _read_dataset(ds)
        meta[name] = (_attr_str(ds, "description", ""), _attr_str(ds, "units", ""))
    lengths = {len(v) for v in cols.values()}
    if len(lengths) > 1:
        shortest = min(lengths)
        if _is_complete(f):
            raise DetsimResultsError(
                f"cannot read {path}: the columns of /{group} differ in length "
                f"({sorted(lengths)}) although the file says it is complete")
        warnings.warn(f"{path}: columns of /{group} differ in length {sorted(lengths)} (run "
                      f"stopped mid-write); keeping the first {shortest} rows",
                      IncompleteResultsWarning, stacklevel=3)
        cols = {k: v[:shortest] for k, v in cols.items()}
    return cols, meta


# --------------------------------------------------------------------------- experiments

def _experiment_labels(exp):
    """One readable, unique label per experiment: the structure, plus what else varies if needed.

    With `--structure all` each experiment has its own structure and the label is just that; when
    several experiments share a structure (a parameter sweep), the varied columns are appended.
    """
    key = "structure" if "structure" in exp else "experiment"
    structure = exp[key].astype(str)
    if structure.is_unique:
        return structure
    varied = [c for c in exp.columns if c not in ("experiment", "structure", "trials")]
    labels = structure.copy()
    if varied:
        extra = exp[varied].astype(str).apply(
            lambda r: ", ".join(f"{c}={v}" for c, v in r.items()), axis=1)
        labels = structure + " (" + extra + ")"
    if not labels.is_unique:
        labels = labels + " #" + exp["experiment"].astype(str)
    return labels


def _experiments_frame(f, path):
    cols, _ = _read_table(f, "experiments", path, skip=("resolved_yaml",))
    if "experiment" not in cols:
        raise DetsimResultsError(f"cannot read {path}: /experiments has no column experiment")
    exp = pd.DataFrame({k: (v.astype(bool) if v.dtype == np.int8 and np.isin(v, (0, 1)).all()
                            else v) for k, v in cols.items()})
    exp["experiment_label"] = _experiment_labels(exp)
    # Categoricals keep the experiments' order (not alphabetical) in groupby, pivots and plots.
    for c in ("structure", "experiment_label"):
        if c in exp:
            exp[c] = pd.Categorical(exp[c], categories=list(dict.fromkeys(exp[c])))
    # HDF5 lists columns alphabetically; put the identifying ones first, varied parameters after,
    # and a study's factors in the design's order (its attribute factors), the first one first.
    first = [c for c in ("experiment", "structure", "experiment_label", "trials") if c in exp]
    if "design" in f and "factors" in f["design"].attrs:
        first += [c for c in (f"factor.{p}" for p in _attr_str_list(f["design"], "factors"))
                  if c in exp]
    return exp[first + [c for c in exp.columns if c not in first]]


def _join_experiments(df, exp, path):
    """Join the experiment columns onto df by `experiment`; clashing names get `experiments.`."""
    if not set(df["experiment"]).issubset(set(exp["experiment"])):
        missing = sorted(set(df["experiment"]) - set(exp["experiment"]))
        raise DetsimResultsError(
            f"cannot read {path}: rows refer to experiments {missing} absent from /experiments")
    exp = exp.rename(columns={c: f"experiments.{c}" for c in exp.columns
                              if c != "experiment" and c in df.columns})
    out = df.merge(exp, on="experiment", how="left", validate="many_to_one", sort=False)
    first = ["experiment", "trial"] if "trial" in out else ["experiment"]
    first += [c for c in exp.columns if c != "experiment"]
    return out[first + [c for c in out.columns if c not in first]]


def load_experiments(path):
    """/experiments as a DataFrame (without resolved_yaml), plus a derived `experiment_label`;
    columns experiment, structure, experiment_label, trials, then any varied parameters (0/1
    int8 columns such as `collective` as bool)."""
    with _open(path, warn_incomplete=False) as f:
        return _experiments_frame(f, os.fspath(path))


def factor_columns(df):
    """The factor columns (`factor.<dotted.path>`) of a frame from load_trials, load_summary,
    load_experiments or load_design, in the design's order: a study's file has one per factor,
    any other file none."""
    return [c for c in df.columns if str(c).startswith("factor.")]


def load_design(path):
    """/design of a study's file as a DataFrame, one row per design point (point, role, base_row,
    trajectory, step, moved_factor, and `u.<path>`, the unit-cube coordinate of each factor), with
    each factor's value at the point as `factor.<path>` (from /experiments). df.attrs holds the
    design: method, factors (dotted paths, in order), factor_specs, structures, n, morris_levels,
    trials, seed (int), scenario, study_yaml. DetsimResultsError if the file is not from a study.
    """
    path = os.fspath(path)
    with _open(path, warn_incomplete=False) as f:
        if "design" not in f:
            raise DetsimResultsError(
                f"cannot read the design of {path}: it has no /design group (not a study's file)")
        cols, _ = _read_table(f, "design", path)
        g = f["design"]
        attrs = {name: _attr_str(g, name) for name in
                 ("method", "scenario", "study_yaml")}
        for name in ("factors", "factor_specs", "structures"):
            attrs[name] = _attr_str_list(g, name)
        for name in ("n", "morris_levels", "trials"):
            attrs[name] = int(g.attrs[name]) if name in g.attrs else None
        attrs["seed"] = int(_attr_str(g, "seed_decimal", "0"))
        exp = _experiments_frame(f, path)
    df = pd.DataFrame(cols)
    factors = [c for c in exp.columns if str(c).startswith("factor.")]
    if factors and "point" in exp:
        values = exp.drop_duplicates("point").set_index("point")[factors]
        df = df.join(values, on="point")
    df.attrs.update(attrs)
    return df


def load_sensitivity(path):
    """/sensitivity (written by `detsim analyze`) as a DataFrame, one row per (structure,
    measure, factor, index): estimate, ci_low, ci_high, noise_share, trials_needed. df.attrs
    holds the group's attributes (method `sobol` or `morris`, resamples, bootstrap_seed, level,
    noise_target) as strings. DetsimResultsError if the file has not been analysed.
    """
    path = os.fspath(path)
    with _open(path, warn_incomplete=False) as f:
        if "sensitivity" not in f:
            raise DetsimResultsError(
                f"cannot read the sensitivity indices of {path}: it has no /sensitivity group "
                f"(run `detsim analyze {path}` on a sobol or morris study's file)")
        cols, _ = _read_table(f, "sensitivity", path)
        attrs = {name: _attr_str(f["sensitivity"], name) for name in f["sensitivity"].attrs}
    missing = {"structure", "measure", "factor", "index", "estimate", "ci_low",
               "ci_high"} - set(cols)
    if missing:
        raise DetsimResultsError(f"cannot read {path}: /sensitivity lacks {sorted(missing)}")
    df = pd.DataFrame(cols)
    for name in ("structure", "measure", "factor", "index"):
        df[name] = df[name].astype(str)
    df.attrs.update(attrs)
    return df


# --------------------------------------------------------------------------- trials

def _coded(values, labels, column, path):
    codes = np.asarray(values).astype(np.int64)
    bad = (codes < 0) | (codes >= len(labels))
    if bad.any():
        raise DetsimResultsError(
            f"cannot read {path}: /trials/{column} has codes {sorted(set(codes[bad]))} outside "
            f"0..{len(labels) - 1} ({list(labels)})")
    return pd.Categorical.from_codes(codes, categories=list(labels), ordered=True)


def _as_flag(values, column, path):
    """An int8 0/1 column as bool; other values are kept as int8 with a warning (not guessed at)."""
    if np.isin(values, (0, 1)).all():
        return values.astype(bool)
    warnings.warn(f"{path}: /trials/{column} holds values other than 0/1; left as int8",
                  stacklevel=3)
    return values


def load_trials(path, columns=None):
    """/trials as a DataFrame, one row per trial, with the /experiments columns joined in.

    - outcome: ordered Categorical of the group's `outcome_labels` (code i -> label i);
    - max_escalation: ordered Categorical peace < war < direct_clash < nuclear_use;
    - other int8 columns (attacked, tested.<id>, honored.<id>): bool;
    - structure, trials and any varied-parameter column of /experiments, and a derived
      experiment_label (the structure, made unique if experiments share one), as columns;
      an /experiments column whose name is also a /trials column is joined as `experiments.<name>`.
    `columns` (optional) limits the /trials columns read (experiment and trial always are).
    df.attrs["descriptions"] and df.attrs["units"] map column names to the file's attributes;
    df.attrs["experiment_columns"] names the columns joined from /experiments; df.attrs["measures"]
    holds the file's /measures records (see load_measures), which summarize_trials evaluates.
    """
    path = os.fspath(path)
    with _open(path) as f:
        skip = ()
        if columns is not None:
            keep = set(columns) | {"experiment", "trial"}
            skip = [c for c in f["trials"] if c not in keep]
            unknown = keep - set(f["trials"])
            if unknown:
                raise DetsimResultsError(
                    f"cannot read {path}: /trials has no column(s) {sorted(unknown)}")
        cols, meta = _read_table(f, "trials", path, skip=skip)
        for required in ("experiment", "trial"):
            if required not in cols:
                raise DetsimResultsError(f"cannot read {path}: /trials has no column {required}")
        labels = None
        if "outcome" in cols:
            if "outcome_labels" not in f["trials"].attrs:
                raise DetsimResultsError(
                    f"cannot read {path}: /trials has no attribute outcome_labels to name the "
                    f"outcome codes")
            labels = _attr_str_list(f["trials"], "outcome_labels")
        exp = _experiments_frame(f, path)
        measures = _measure_records(f, path)
    data = {}
    for name, values in cols.items():
        if name == "outcome":
            data[name] = _coded(values, labels, name, path)
        elif name == "max_escalation":
            data[name] = _coded(values, ESCALATION_LABELS, name, path)
        elif values.dtype == np.int8:
            data[name] = _as_flag(values, name, path)
        else:
            data[name] = values
    df = _join_experiments(pd.DataFrame(data), exp, path)
    df.attrs.update(source=path, descriptions={k: d for k, (d, _) in meta.items()},
                    units={k: u for k, (_, u) in meta.items() if u},
                    experiment_columns=[c for c in df.columns
                                        if c not in cols and c != "experiment"])
    if measures is not None:
        df.attrs["measures"] = measures
    return df


# --------------------------------------------------------------------------- summary

def load_summary(path):
    """/summary as a DataFrame: experiment, structure, experiment_label, outcome (the measure's
    name, e.g. attacked, outcome.deterred, cost.united_states), mean, ci_low, ci_high, n.

    A run killed part-way has no /summary (the rows of the experiments it had finished are in
    /summary_so_far, its first rows_written rows, renamed /summary when the run closes): this
    raises DetsimResultsError then; summarize_trials(load_trials(path)) estimates the same
    measures from the trials, by the definitions the file carries in /measures.
    """
    path = os.fspath(path)
    with _open(path) as f:
        if "summary" not in f:
            raise DetsimResultsError(
                f"cannot read the summary of {path}: it has no /summary group (a run renames "
                f"/summary_so_far, the rows of the experiments it had finished, to /summary "
                f"when it closes; use summarize_trials(load_trials(path)) for a killed run)")
        cols, _ = _read_table(f, "summary", path)
        exp = _experiments_frame(f, path)
    missing = {"experiment", "outcome", "mean", "ci_low", "ci_high", "n"} - set(cols)
    if missing:
        raise DetsimResultsError(f"cannot read {path}: /summary lacks {sorted(missing)}")
    df = pd.DataFrame(cols)
    df["outcome"] = df["outcome"].astype(str)
    df = _join_experiments(df, exp, path)
    first = [c for c in exp.columns if c in df] + \
        ["outcome", "mean", "ci_low", "ci_high", "n"]
    return df[first + [c for c in df.columns if c not in first]]


_Z95 = 1.959963984540054


def wilson_interval(k, n):
    """Wilson 95% interval (low, high) of k successes in n: sensible near 0 and 1, where rare
    outcomes live; the interval detsim's summary uses for rates."""
    if n == 0:
        return math.nan, math.nan
    p = k / n
    den = 1 + _Z95 ** 2 / n
    centre = (p + _Z95 ** 2 / (2 * n)) / den
    half = _Z95 * math.sqrt(p * (1 - p) / n + _Z95 ** 2 / (4 * n * n)) / den
    return max(0.0, centre - half), min(1.0, centre + half)


def _estimate(kind, x):
    """(mean, ci_low, ci_high, n) of the non-NaN values of x: a rate (Wilson) or a mean (normal)."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0:
        return math.nan, math.nan, math.nan, 0
    if kind == "rate":
        k = int(np.count_nonzero(x))
        return (k / n, *wilson_interval(k, n), n)
    mean = float(x.mean())
    if n < 2:
        return mean, math.nan, math.nan, n
    half = _Z95 * float(x.std(ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half, n


def _measure_records(f, path):
    """/measures as a list of dicts (one per measure, in the file's order), or None if absent."""
    if "measures" not in f:
        return None
    cols, _ = _read_table(f, "measures", path)
    needed = {"measure", "kind", "description", "column", "transform", "threshold", "given",
              "otherwise"}
    if needed - set(cols):
        raise DetsimResultsError(f"cannot read {path}: /measures lacks {sorted(needed - set(cols))}")
    return [{k: (_to_str(v[i]) if k != "threshold" else float(v[i])) for k, v in cols.items()}
            for i in range(len(cols["measure"]))]


def load_measures(path):
    """/measures as a DataFrame: how detsim computes each /summary measure from /trials.

    One row per measure (name in `measure`, as in /summary's `outcome`): its kind (rate or mean),
    description, the /trials `column` it reads, the `transform` that makes a trial's value of it
    (identity, equals or at_least `threshold`, nonzero, absolute), and which trials count (`given`
    column nonzero; elsewhere `otherwise` skip or zero). summarize_trials evaluates these records.
    """
    path = os.fspath(path)
    with _open(path, warn_incomplete=False) as f:
        records = _measure_records(f, path)
    if records is None:
        raise DetsimResultsError(
            f"cannot read the measures of {path}: it has no /measures group (written by a detsim "
            f"older than the one that records how its summary is computed)")
    return pd.DataFrame(records)


def _numeric(series):
    """A /trials column as float: category codes for the coded columns, 0/1 for flags."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(float)
    return series.to_numpy(float)


_TRANSFORMS = {
    "identity": lambda x, k: x,
    "equals": lambda x, k: (x == k).astype(float),
    "at_least": lambda x, k: (x >= k).astype(float),
    "nonzero": lambda x, k: (x != 0).astype(float),
    "absolute": lambda x, k: np.abs(x),
}


def _measure_values(t, m):
    """Each trial's value under one /measures record; NaN where the trial does not count."""
    if m["transform"] not in _TRANSFORMS:
        raise DetsimResultsError(
            f"measure {m['measure']}: unknown transform {m['transform']!r} (this reader knows "
            f"{sorted(_TRANSFORMS)})")
    x = _numeric(t[m["column"]])
    with np.errstate(invalid="ignore"):
        v = _TRANSFORMS[m["transform"]](x, m["threshold"])
    if m["given"]:
        counted = _numeric(t[m["given"]]) != 0
        v = np.where(counted, v, np.nan if m["otherwise"] == "skip" else 0.0)
    return np.where(np.isnan(x), np.nan, v)


def _newcombe_interval(k1, n1, k2, n2):
    """Newcombe's hybrid score interval (1998, method 10) for p1 - p2, as detsim computes it."""
    if n1 <= 0 or n2 <= 0:
        return math.nan, math.nan
    p1, p2 = k1 / n1, k2 / n2
    (l1, u1), (l2, u2) = wilson_interval(k1, n1), wilson_interval(k2, n2)
    d = p1 - p2
    return d - math.hypot(p1 - l1, u2 - p2), d + math.hypot(u1 - p1, p2 - l2)


def _welch_interval(x, y):
    """Normal interval for mean(x) - mean(y) with unequal variances (Welch), as detsim's."""
    if len(x) < 2 or len(y) < 2:
        return math.nan, math.nan
    d = float(x.mean()) - float(y.mean())
    half = _Z95 * math.sqrt(float(x.var(ddof=1)) / len(x) + float(y.var(ddof=1)) / len(y))
    return d - half, d + half


def _difference(kind, values, base):
    """(baseline-relative columns) of one measure: values and base are per-trial arrays in trial
    order, NaN where the trial does not count. Paired when both ran the same trials and counted
    the same ones, as /summary decides; else of independent estimates."""
    if len(values) == len(base) and np.array_equal(np.isnan(values), np.isnan(base)):
        d = values[~np.isnan(values)] - base[~np.isnan(base)]
        if len(d) == 0:
            return "paired", math.nan, math.nan, math.nan, 0
        low = high = math.nan
        if len(d) >= 2:
            half = _Z95 * float(d.std(ddof=1)) / math.sqrt(len(d))
            low, high = float(d.mean()) - half, float(d.mean()) + half
        return "paired", float(d.mean()), low, high, len(d)
    x, y = values[~np.isnan(values)], base[~np.isnan(base)]
    difference = float(x.mean()) - float(y.mean()) if len(x) and len(y) else math.nan
    if kind == "rate":
        low, high = _newcombe_interval(int(np.count_nonzero(x)), len(x),
                                       int(np.count_nonzero(y)), len(y))
    else:
        low, high = _welch_interval(x, y)
    return "unpaired", difference, low, high, 0


def summarize_trials(trials, measures=None, baseline=0):
    """Estimate /summary from a load_trials frame, in load_summary's layout.

    For a file without /summary (a run stopped part-way). The measures are the file's own
    definitions (/measures, carried in trials.attrs["measures"] by load_trials, or given as
    `measures`, a list of records or load_measures' frame), evaluated per experiment with the
    intervals detsim uses (Wilson for rates, normal theory for means), so the result matches what
    the run would have written for the same trials. Each experiment's difference from the
    experiment numbered `baseline` (paired trial by trial where /summary would pair it) fills the
    columns baseline, pairing, difference, difference_ci_low, difference_ci_high, difference_n.
    A measure whose column is not among the trials (load_trials(columns=...)) is left out.
    """
    if measures is None:
        measures = trials.attrs.get("measures")
    if measures is None:
        raise DetsimResultsError(
            "cannot summarize: no measure definitions (the trials come from a file without "
            "/measures, or lost their attrs; pass measures=load_measures(path))")
    if isinstance(measures, pd.DataFrame):
        measures = measures.to_dict("records")
    groups = {e: t.sort_values("trial", kind="stable")
              for e, t in trials.groupby("experiment", sort=True)}
    if baseline not in groups:
        raise DetsimResultsError(f"cannot summarize: no trials of baseline experiment {baseline}")
    usable = [m for m in measures
              if m["column"] in trials.columns and (not m["given"] or m["given"] in trials.columns)]
    values = {(e, m["measure"]): np.asarray(_measure_values(t, m), dtype=float)
              for e, t in groups.items() for m in usable}
    rows = []
    for e in groups:
        for m in usable:
            v = values[(e, m["measure"])]
            if e == baseline:
                versus = ("baseline", math.nan, math.nan, math.nan, 0)
            else:
                versus = _difference(m["kind"], v, values[(baseline, m["measure"])])
            rows.append((e, m["measure"], *_estimate(m["kind"], v), m["kind"], m["description"],
                         baseline, *versus))
    df = pd.DataFrame(rows, columns=["experiment", "outcome", "mean", "ci_low", "ci_high", "n",
                                     "kind", "description", "baseline", "pairing", "difference",
                                     "difference_ci_low", "difference_ci_high", "difference_n"]
                      ).astype({"n": np.int32, "baseline": np.int32, "difference_n": np.int32})
    exp_cols = ["experiment"] + [c for c in trials.attrs.get("experiment_columns", [])
                                 if c in trials.columns]
    exp = trials[exp_cols].drop_duplicates("experiment")
    df = df.merge(exp, on="experiment", how="left")
    return df[exp_cols + [c for c in df.columns if c not in exp_cols]]


# --------------------------------------------------------------------------- paths

def path_variables(path):
    """Names of the monthly series in /paths (empty if the run recorded none)."""
    with _open(path, warn_incomplete=False) as f:
        if "paths" not in f:
            return []
        return [k for k, v in f["paths"].items()
                if isinstance(v, h5py.Dataset) and v.ndim == 2]


def load_paths(path, variable, wide=False):
    """The monthly series /paths/<variable> of the recorded trials.

    Default: a TIDY LONG frame with columns experiment, trial, structure, experiment_label,
    month, value; one row per recorded trial and month (month 0 is the initial state, the last
    is horizon_months). wide=True gives one row per recorded trial instead: a (experiment, trial)
    MultiIndex and one column per month, convenient for quantiles across trials.
    df.attrs holds the dataset's description and units.
    """
    path = os.fspath(path)
    with _open(path) as f:
        if "paths" not in f:
            raise DetsimResultsError(
                f"cannot read paths from {path}: it has no /paths group (the run recorded no "
                f"monthly paths: output.record_paths was 0)")
        g = f["paths"]
        available = [k for k, v in g.items() if isinstance(v, h5py.Dataset) and v.ndim == 2]
        if variable not in available:
            raise DetsimResultsError(
                f"cannot read /paths/{variable} from {path}: no such variable; it has "
                f"{available}")
        for k in ("experiment", "trial"):
            if k not in g:
                raise DetsimResultsError(f"cannot read {path}: /paths has no {k} column")
        values = g[variable][()]
        description = _attr_str(g[variable], "description", "")
        units = _attr_str(g[variable], "units", "")
        ids = [g["experiment"][()], g["trial"][()]]
        exp = _experiments_frame(f, path)
        complete = _is_complete(f)
    rows = min(len(values), len(ids[0]), len(ids[1]))
    if rows < max(len(values), len(ids[0]), len(ids[1])):
        if complete:
            raise DetsimResultsError(f"cannot read {path}: /paths/{variable} and its "
                                     f"experiment/trial rows differ in length")
        values, ids = values[:rows], [i[:rows] for i in ids]
    index = pd.MultiIndex.from_arrays(ids, names=["experiment", "trial"])
    wide_df = pd.DataFrame(values, index=index,
                           columns=pd.RangeIndex(values.shape[1], name="month"))
    attrs = dict(source=path, variable=variable, description=description, units=units)
    if wide:
        wide_df.attrs.update(attrs)
        return wide_df
    long = wide_df.stack().rename("value").reset_index()
    long = long.astype({"experiment": np.int32, "trial": np.int32, "month": np.int32})
    long = _join_experiments(long, exp, path)[
        ["experiment", "trial", "structure", "experiment_label", "month", "value"]]
    long.attrs.update(attrs)
    return long


# --------------------------------------------------------------------------- scenario

def load_scenario(path, experiment=None):
    """The resolved scenario: a dict if PyYAML is installed (HAVE_YAML), else the YAML text.

    Without `experiment`, /scenario's yaml; with it, that experiment's resolved_yaml (its preset
    and overrides applied).
    """
    text = _scenario_text(path, experiment)
    return _parse_yaml(path, text) if HAVE_YAML else text


def _parse_yaml(path, text):
    """The stored scenario YAML parsed; DetsimResultsError if the file's copy is damaged."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DetsimResultsError(
            f"cannot read {path}: its stored scenario YAML is damaged ({exc})") from exc


def _scenario_text(path, experiment=None):
    path = os.fspath(path)
    with _open(path, warn_incomplete=False) as f:
        if experiment is None:
            if "scenario" not in f or "yaml" not in f["scenario"].attrs:
                raise DetsimResultsError(f"cannot read {path}: no /scenario attribute yaml")
            return _attr_str(f["scenario"], "yaml")
        g = f.get("experiments")
        if g is None or "resolved_yaml" not in g:
            raise DetsimResultsError(f"cannot read {path}: no /experiments/resolved_yaml")
        exps = list(g["experiment"][()])
        if experiment not in exps:
            raise DetsimResultsError(f"{path}: no experiment {experiment} (it has {exps})")
        return _to_str(_read_dataset(g["resolved_yaml"])[exps.index(experiment)])


@dataclass
class ScenarioFacts:
    """What the plots need from the scenario: horizon, actors' roles and the lead guarantor."""
    horizon_months: int
    roles: dict = field(default_factory=dict)  # actor id -> role, in scenario order
    lead_guarantor: str = None

    @property
    def guarantors(self):
        return [a for a, r in self.roles.items() if r == "guarantor"]


def _actors_from_dict(scenario):
    """[(id, role, lead)] from a parsed scenario; actors as a mapping or as a list with `id`."""
    actors = scenario.get("actors") or {}
    items = actors.items() if isinstance(actors, dict) else [(a.get("id"), a) for a in actors]
    return [(str(i), str((a or {}).get("role", "")), bool((a or {}).get("lead", False)))
            for i, a in items]


def _actors_from_text(text):
    """[(id, role, lead)] scanned from YAML text without PyYAML: each key indented under the
    top-level `actors:` is an actor, and its role/lead are read from its block or flow mapping."""
    lines = text.splitlines()
    try:
        start = next(i for i, l in enumerate(lines) if re.match(r"actors:\s*(#.*)?$", l))
    except StopIteration:
        return []
    blocks, indent = [], None
    for line in lines[start + 1:]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        depth = len(line) - len(line.lstrip())
        if depth == 0:
            break
        m = re.match(r"\s*([A-Za-z0-9_\-]+)\s*:(.*)$", line)
        if indent is None:
            indent = depth
        if depth == indent and m:
            blocks.append([m.group(1), m.group(2)])
        elif blocks:
            blocks[-1][1] += "\n" + line
    return [(i, (re.search(r"role\s*:\s*([A-Za-z_]+)", b) or [None, ""])[1],
             bool(re.search(r"lead\s*:\s*(true|True|yes)", b))) for i, b in blocks]


def _horizon_from_text(text):
    m = re.search(r"^horizon_months\s*:\s*(\d+)", text, re.MULTILINE)
    return int(m.group(1)) if m else None


def scenario_facts(path):
    """Horizon, roles and lead guarantor, from the scenario YAML (parsed if PyYAML is there).

    Fallbacks, for a file whose YAML lacks them: the horizon is the width of /paths minus one,
    else the latest attack month; the guarantors are the ids of the credibility.<id> paths or
    columns; the lead is the guarantor with `lead: true`, else the first guarantor.
    """
    path = os.fspath(path)
    text = _scenario_text(path)
    if HAVE_YAML:
        parsed = _parse_yaml(path, text) or {}
        actors = _actors_from_dict(parsed) if isinstance(parsed, dict) else []
        horizon = parsed.get("horizon_months") if isinstance(parsed, dict) else None
    else:
        actors, horizon = _actors_from_text(text), _horizon_from_text(text)
    roles = {i: r for i, r, _ in actors}
    with _open(path, warn_incomplete=False) as f:
        if horizon is None:
            horizon = _horizon_from_file(f)
        if "guarantor" not in roles.values():
            names = list(f["paths"]) if "paths" in f else []
            names = names if any(n.startswith("credibility.") for n in names) else list(f["trials"])
            roles.update({n.split(".", 1)[1]: "guarantor" for n in names
                          if n.startswith("credibility.")})
    leads = [i for i, r, lead in actors if lead and roles.get(i) == "guarantor"]
    guarantors = [a for a, r in roles.items() if r == "guarantor"]
    lead = leads[0] if leads else (guarantors[0] if guarantors else None)
    return ScenarioFacts(int(horizon), roles, lead)


def _horizon_from_file(f):
    if "paths" in f:
        for v in f["paths"].values():
            if isinstance(v, h5py.Dataset) and v.ndim == 2:
                return v.shape[1] - 1
    if "attack_month" in f["trials"]:
        return int(max(0, f["trials"]["attack_month"][()].max())) + 1
    raise DetsimResultsError("cannot tell the horizon: no horizon_months, paths or attack_month")


# --------------------------------------------------------------------------- metadata

def column_info(path, group="trials"):
    """A frame describing the columns of a group: name, dtype, description, units."""
    path = os.fspath(path)
    with _open(path, warn_incomplete=False) as f:
        if group not in f:
            raise DetsimResultsError(f"cannot read {path}: it has no /{group} group")
        rows = [(k, str(v.dtype), _attr_str(v, "description", ""), _attr_str(v, "units", ""))
                for k, v in f[group].items() if isinstance(v, h5py.Dataset)]
    return pd.DataFrame(rows, columns=["name", "dtype", "description", "units"])


def results_info(path):
    """A dict describing the file: root attributes (decoded), experiments, counts, horizon.

    Does not warn about an incomplete file: `complete` is in the result for the caller to check.
    """
    path = os.fspath(path)
    with _open(path, warn_incomplete=False) as f:
        info = {"path": path}
        for k, v in f.attrs.items():
            if isinstance(v, (str, bytes, np.bytes_)):
                info[k] = _to_str(v)
            elif np.ndim(v) == 0:
                info[k] = v.item() if hasattr(v, "item") else v
            else:
                info[k] = [_to_str(x) for x in v]
        info["complete"] = _is_complete(f)
        info["trials"] = len(f["trials"]["trial"]) if "trial" in f["trials"] else 0
        info["has_summary"] = "summary" in f
        info["has_sensitivity"] = "sensitivity" in f
    exp = load_experiments(path)
    facts = scenario_facts(path)
    info.update(experiments=len(exp), structures=[str(s) for s in exp["structure"]]
                if "structure" in exp else [], horizon_months=facts.horizon_months,
                actors=facts.roles, lead_guarantor=facts.lead_guarantor,
                path_variables=path_variables(path), yaml_parsed=HAVE_YAML)
    return info

