"""`qingdan validate` with the cache: the report again when nothing changed, else only what changed redone, and
in every case the answer first and the cache after.

Three paths, fastest first. Every file whose size, time or inode changed since the last run is read and hashed
(BLAKE2b); when the digests and the code are those of a cached report, that report is the answer, without
loading the parsers, the models or the checks. Otherwise the state the last run left for this registry folder
lets `incremental` load only the changed files and redo only the checks' work they touch. Without a usable
state (first run, new qingdan, another registry) the run is cold. What the next run needs is written by a
`cache.writer.Writer` once the report is out (`answer`; `validate_cached` writes it before returning). The
store is `qingdan.cache.store`: signed, so a planted or damaged file reads as missing, and with no writable
folder every run is simply cold.
"""

from __future__ import annotations

import hashlib
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qingdan import __version__
from qingdan.cache.state import FileStats, RunState, Snapshot, state_key
from qingdan.cache.store import Area, Store, cache_dir
from qingdan.cache.writer import Writer, wait_for_writer
from qingdan.models.kinds import LAYOUT
from qingdan.validation.report import ValidationReport

if TYPE_CHECKING:
    from qingdan.validation.incremental import Context, Run

# The distributions a report depends on besides qingdan: the two YAML parsers, pydantic (which types the
# records) and ruamel (which `fmt` and the writers use).
DEPENDENCIES = frozenset({"rapidyaml", "pyyaml", "pydantic", "pydantic_core", "ruamel_yaml"})

# How the last run in this process was answered ("plain", "report", "incremental" or "cold"), for the tests
# that prove an answer came from where it should.
last_path = ""


@dataclass
class Answer:
    report: ValidationReport
    writer: Writer | None = None  # what to leave in the cache for the next run, once the report is out


def validate_cached(root: Path, *, label: str, use_cache: bool = True) -> ValidationReport:
    """The report, with what the next run needs written before returning (the library's form)."""
    found = answer(root, label=label, use_cache=use_cache)
    if found.writer is not None:
        found.writer.claim()
        found.writer.write()
    return found.report


def answer(root: Path, *, label: str, use_cache: bool = True, detached: bool = False) -> Answer:
    """The report, and the writer of what the next run needs. `detached` (the console script): a cold run's
    writer is a child forked before anything is loaded, which writes once this process has ended; any other
    writer is returned, to be run once the report is out."""
    from qingdan.validation.validate import validate

    global last_path
    store = Store(cache_dir())
    if not use_cache or not store.usable:
        last_path = "plain"
        return Answer(validate(root, label=label))
    stamp = code_stamp()
    key = state_key(root, stamp)
    wait_for_writer(store, key)
    known = store.load(Area.STATS, key)
    if not isinstance(known, FileStats):  # never run on this registry with this code: nothing to look up
        return _cold(_cold_writer(store, key, root, stamp, label, None), detached, lambda: validate(root, label=label))
    snapshot = Snapshot.take(root, LAYOUT, known)
    run_key = snapshot.run_key(stamp)
    cached = store.load(Area.REPORTS, run_key)
    if isinstance(cached, ValidationReport):
        last_path = "report"
        cached.registry = label
        stats = Writer(store, key, lambda into: into.save(Area.STATS, key, snapshot.stats))
        return Answer(cached, stats if snapshot.fresh else None)
    from qingdan.validation.incremental import Context, cold, incremental

    context = Context(snapshot, store, stamp, label)
    state = store.load(Area.STATES, key)
    run = incremental(context, state) if isinstance(state, RunState) else None
    if run is None:
        earlier = state.projected if isinstance(state, RunState) else None
        return _cold(_cold_writer(store, key, root, stamp, label, earlier), detached, lambda: cold(context))
    last_path = "incremental"
    return Answer(run.report, Writer(store, key, lambda into: _keep(into, key, context, run)))


def _cold(writer: Writer, detached: bool, report: Callable[[], ValidationReport]) -> Answer:
    """A cold run's answer; its writer forked first, when detached (see `answer`)."""
    global last_path
    last_path = "cold"
    if detached and writer.write_when_done():
        return Answer(report())
    return Answer(report(), writer)


def _cold_writer(
    store: Store, key: str, root: Path, stamp: str, label: str, earlier: dict[str, frozenset[str]] | None
) -> Writer:
    """What a cold run leaves: the registry loaded again and checked, each check writing down what it reads."""

    def work(into: Store) -> None:
        from qingdan.validation.incremental import Context, traced_cold

        snapshot = Snapshot.take(root, LAYOUT, None)  # every file read: each entry's fingerprints need its text
        context = Context(snapshot, into, stamp, label)
        _keep(into, key, context, traced_cold(context, earlier))

    return Writer(store, key, work)


def _keep(into: Store, key: str, context: Context, run: Run) -> None:
    """Entries first, then the state that names them, then the report and the files' stats: a reader that
    finds one finds what it names."""
    from qingdan.cache.rerun import compact

    for digest, entry in run.entries:
        into.save(Area.FILES, context.entry_key(digest), entry)
    into.save(Area.STATES, key, compact(run.state))
    into.refresh(Area.FILES, [context.entry_key(file.digest) for file in run.state.files if file.count])
    if run.keep_report:
        into.save(Area.REPORTS, context.snapshot.run_key(context.stamp), run.report)
    into.save(Area.STATS, key, context.snapshot.stats)


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
