"""`qingdan validate` with the cache: the report again when nothing changed, else only what changed redone.

Three paths, fastest first. Every file is read and hashed (BLAKE2b) each time; when the digests and the
code are those of a cached report, that report is the answer, without loading the parsers, the models or
the checks. Otherwise the state the last run left for this registry folder lets `incremental` load only the
changed files and redo only the checks' work they touch. Without a usable state (first run, new qingdan,
another registry) the run is cold, and leaves a state for the next. The store is `qingdan.cache.store`: signed,
so a planted or damaged file reads as missing, and with no writable folder every run is simply cold.
"""

from __future__ import annotations

import hashlib
import platform
import sys
from pathlib import Path

from qingdan import __version__
from qingdan.cache.state import FileStats, RunState, Snapshot, state_key
from qingdan.cache.store import Store, cache_dir
from qingdan.models.kinds import LAYOUT
from qingdan.validation.report import ValidationReport

# The distributions a report depends on besides qingdan: the two YAML parsers, pydantic (which types the
# records) and ruamel (which `fmt` and the writers use).
DEPENDENCIES = frozenset({"rapidyaml", "pyyaml", "pydantic", "pydantic_core", "ruamel_yaml"})

# How the last run in this process was answered ("plain", "report", "incremental" or "cold"), for the tests
# that prove an answer came from where it should.
last_path = ""


def validate_cached(root: Path, *, label: str, use_cache: bool = True) -> ValidationReport:
    from qingdan.validation.validate import validate

    global last_path
    store = Store(cache_dir())
    if not use_cache or not store.usable:
        last_path = "plain"
        return validate(root, label=label)
    stamp = code_stamp()
    known = store.load("stats", state_key(root, stamp))
    snapshot = Snapshot.take(root, LAYOUT, known if isinstance(known, FileStats) else None)
    if snapshot.fresh:
        store.save("stats", state_key(root, stamp), snapshot.stats)
    run_key = snapshot.run_key(stamp)
    cached = store.load("reports", run_key)
    if isinstance(cached, ValidationReport):
        last_path = "report"
        cached.registry = label
        return cached
    from qingdan.validation.incremental import Context, cold, compact, incremental

    context = Context(snapshot, store, stamp, label)
    state = store.load("states", snapshot.state_key(stamp))
    run = incremental(context, state) if isinstance(state, RunState) else None
    last_path = "incremental"
    if run is None:
        last_path = "cold"
        run = cold(context, state.projected if isinstance(state, RunState) else None)
    for digest, entry in run.entries:
        store.save("files", context.entry_key(digest), entry)
    store.save("states", snapshot.state_key(stamp), compact(run.state))
    store.save("reports", run_key, run.report)
    return run.report


def code_stamp() -> str:
    """Changes whenever qingdan's code does, even without a version bump (editable installs), or the Python,
    the parsers or pydantic it runs on."""
    package = Path(__file__).resolve().parent.parent
    stamps = sorted(f"{path.relative_to(package)}:{path.stat().st_mtime_ns}" for path in package.rglob("*.py"))
    text = "\n".join([__version__, platform.python_version(), *dependency_versions(), *stamps])
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def dependency_versions() -> list[str]:
    """`name-version` of each installed distribution of DEPENDENCIES, from the names of their metadata folders
    (`rapidyaml-0.15.2.dist-info`): importlib.metadata would tell the same, but importing it takes 0.13 s,
    half of a run that finds nothing changed, where listing the folders takes under a millisecond."""
    found = set()
    for folder in sys.path:
        try:
            names = [entry.name for entry in Path(folder or ".").iterdir()]
        except OSError:
            continue
        for name in names:
            stem, dot, suffix = name.rpartition(".")
            project, _, version = stem.partition("-")
            if dot and suffix in ("dist-info", "egg-info") and project.lower().replace(".", "_") in DEPENDENCIES:
                found.add(f"{project.lower()}-{version}")
    return sorted(found)
