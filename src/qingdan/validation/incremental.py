"""Validation that redoes only what an edit touches, with exactly the problems of a cold run.

A cold run loads every file and runs every check as `--no-cache` does, and answers (`cold`). Then, with the
report out (by a child the console script forks before it loads anything, which waits for it to end), the
registry is loaded again and its checks run writing down what each one reads (`traced_cold`, `cache.tracing`):
that leaves in the cache one entry per file version (`cache.entries.FileEntry`) and a `RunState`: every check's
findings, per file for a per-record check (`@check(…, each=KIND)`), with what they read.

The next run reads and hashes the files whose size, time or inode changed, loads only those whose content
changed, and works out which of their records changed (`cache.changes`: by the fingerprint of each record's
text) and so which kinds, keys, parent codes and broken records. A per-record check is rerun for the files
with a changed record and the files whose lookups hit a changed key; a check over the whole registry is rerun
whole if a field it read changed (compared between the cached projection of the old file and the new file);
every other finding is kept (`cache.rerun`). Problems are then located, sorted and deduplicated exactly as a
cold run does. Whatever the cache cannot answer (an entry gone, a file changed while read) makes the run cold.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from qingdan.cache.changes import Changes, summarise
from qingdan.cache.entries import EMPTY, FileEntry, entry_of, record_prints
from qingdan.cache.hooks import record_hooks
from qingdan.cache.partial import Inconsistent, Keyspace, LazyRegistry, Slot, file_infos
from qingdan.cache.rerun import fields_kept, projected, redo, run
from qingdan.cache.state import FORMAT, CheckState, FileState, RunState, Snapshot
from qingdan.cache.store import Area, Store
from qingdan.checks import DATA_CHECKS
from qingdan.loader.load import (
    FileResult,
    add_file,
    attach_catalogue,
    attach_laws,
    load_file,
    load_files,
    load_settings,
    no_cyclic_gc,
)
from qingdan.loader.registry import Registry
from qingdan.models import Record
from qingdan.models.kinds import BY_NAME, Kind
from qingdan.problems import Problem
from qingdan.sources.files import Folder
from qingdan.validation.report import ValidationReport
from qingdan.validation.validate import finish, report_for

Entries = Iterable[tuple[str, FileEntry]]  # by file digest


@dataclass
class Run:
    """The outcome of a run that writes down what its checks read: its report, the state for the next run, and
    the entries of the files it loaded, to keep."""

    report: ValidationReport
    state: RunState
    entries: Entries
    keep_report: bool = True  # the report is the snapshot's, to be found again by its key


class Context:
    """What every run needs: the snapshot, the store and the code stamp."""

    def __init__(self, snapshot: Snapshot, store: Store, stamp: str, label: str) -> None:
        self.snapshot = snapshot
        self.store = store
        self.stamp = stamp
        self.label = label

    def entry_key(self, digest: str) -> str:
        return f"{FORMAT}-{self.stamp}-{digest}"

    def entry(self, digest: str) -> FileEntry | None:
        found = self.store.load(Area.FILES, self.entry_key(digest))
        return found if isinstance(found, FileEntry) else None


# --------------------------------------------------------------------------------------------------- cold


def cold(context: Context) -> ValidationReport:
    """Load every file (from the snapshot's contents) and run every check, as `--no-cache` does: the answer of a
    cold run. The cache is left by `traced_cold`, after the answer is out."""
    snapshot = context.snapshot
    registry = _registry(context)
    with no_cyclic_gc():
        for result in load_files(registry.source, snapshot.data_files, snapshot.raws):
            add_file(registry, result)
            snapshot.raws.pop(result.path, None)  # the text is done with
        return report_for(registry, context.label)


def traced_cold(context: Context, earlier: dict[str, frozenset[str]] | None = None) -> Run:
    """Load every file and run every check, writing down what each one reads: the state a cold run leaves, with
    its report and its files' entries. `earlier`: the fields the last state kept besides the plain ones."""
    snapshot = context.snapshot
    registry = _registry(context)
    results: list[FileResult] = []
    entries: list[tuple[str, FileEntry]] = []
    with no_cyclic_gc():
        for result in load_files(registry.source, snapshot.data_files, snapshot.raws):
            add_file(registry, result)
            results.append(result)
            raw = snapshot.raws.pop(result.path, None)  # the text is done with, once fingerprinted
            if result.digest and result.digest == snapshot.digests.get(result.path) and isinstance(raw, bytes):
                prints = record_prints(raw, result)
                entries.append((result.digest, entry_of(result, fields_kept(result.kind, earlier or {}), prints)))
        by_kind: dict[str, list[tuple[str, list[Record]]]] = {}
        for result in results:
            by_kind.setdefault(result.kind, []).append((result.path, result.records))

        def everything(kind: Kind[Record]) -> list[tuple[str, list[Record]]]:
            return by_kind.get(kind.name, [])

        checks = {check.ident: run(check, registry, everything) for check in DATA_CHECKS}
        state = RunState(
            settings=snapshot.settings_digest,
            discovered=snapshot.discovered_keys,
            files=[_file_state(result) for result in results],
            checks=checks,
            keyspace=Keyspace(),
            projected=projected(checks, earlier or {}),
            positions={},
        )
        for result in results:
            state.keyspace.add(result.kind, result.path, [record.key for record in result.records])
        # A file the helper read after it changed (a rare race) is not what the snapshot hashed: the report is then
        # not the snapshot's, and is not kept under its key.
        read_as_hashed = all(result.digest == snapshot.digests.get(result.path) for result in results)
        return Run(_report(context, registry, state), state, entries, keep_report=read_as_hashed)


def _registry(context: Context) -> Registry:
    snapshot = context.snapshot
    source = Folder(snapshot.root)
    registry = Registry(source, load_settings(source))
    registry.problems.extend(snapshot.discovered)
    attach_catalogue(registry)
    attach_laws(registry, snapshot.digests, context.store)
    return registry


def _file_state(result: FileResult) -> FileState:
    return FileState(result.path, result.kind, result.digest, len(result.records), result.problems, result.broken)


def _report(context: Context, registry: Registry, state: RunState) -> ValidationReport:
    """Every problem in the order a cold run finds them, then located, sorted and deduplicated."""
    found = list(registry.problems)
    order = {file.path: index for index, file in enumerate(state.files)}
    for check in DATA_CHECKS:
        found += _findings(state.checks[check.ident], order)
    known = dict(state.positions)
    digests = dict(context.snapshot.digests)
    report = finish(
        registry.source, found, context.label, len(state.files) + 1, sum(f.count for f in state.files), known, digests
    )
    current = set(digests.values())
    state.positions = {digest: positions for digest, positions in known.items() if digest in current and positions}
    return report


def _findings(state: CheckState, order: dict[str, int]) -> Iterator[Problem]:
    yield from state.problems  # a whole-registry check's findings, or what a check found on the settings
    for _kind, outcomes in state.loops or ():
        for path in sorted(outcomes, key=lambda path: order.get(path, len(order))):
            yield from outcomes[path].problems


# ------------------------------------------------------------------------------------------- incremental


def incremental(context: Context, state: RunState) -> Run | None:
    """The run redone from the last state, or None if the cache cannot answer (then run cold)."""
    snapshot = context.snapshot
    source = Folder(snapshot.root)
    settings = load_settings(source)
    if snapshot.settings_digest != state.settings or snapshot.discovered_keys != state.discovered:
        return None  # what discovery finds (a link, a missing units.yaml) is not tracked file by file
    try:
        with no_cyclic_gc():
            return _incremental(context, state, source, settings)
    except Inconsistent:
        return None


# Past this share of the registry's bytes changed, a cold run costs less than redoing (the helper process
# loads half, and nothing is compared).
MOST = 0.5


def _incremental(context: Context, state: RunState, source: Folder, settings: Any) -> Run | None:
    snapshot = context.snapshot
    prior = {file.path: file for file in state.files}
    if _changed_share(snapshot, prior) > MOST:
        return None
    changes = Changes()
    slots: list[Slot] = []
    for position, data_file in enumerate(snapshot.data_files):
        path, kind = data_file.path, BY_NAME[data_file.kind]
        digest = snapshot.digests[path]
        before = prior.get(path)
        clean = before is not None and before.digest == digest and before.kind == kind.name and digest[0] != "!"
        loaded = None if clean else load_file(source, path, kind, raw=(raw := snapshot.raws[path]))
        slots.append(Slot(path, kind, position, snapshot.raws, loaded))
        if loaded is not None:
            changes.new[path] = loaded
            kept = fields_kept(kind.name, state.projected)
            changes.entries[path] = entry_of(loaded, kept, record_prints(raw, loaded))
    current = {slot.path for slot in slots}
    for file in state.files:
        if file.path in changes.new or file.path not in current:
            entry = context.entry(file.digest) if file.count else EMPTY
            if entry is None:
                return None
            changes.old[file.path] = (file, entry)
    summarise(changes)
    for name, keys in changes.keys.items():
        changes.holders[name] = {path for key in keys for path in state.keyspace.holders(name, key)}
    registry = _lazy(context, state, source, settings, slots, prior)
    checks = {}
    with record_hooks(None, registry.materialize):
        for check in DATA_CHECKS:
            checks[check.ident] = redo(check, state.checks.get(check.ident), registry, changes)
    new_state = _next_state(state, slots, prior, changes, checks)
    report = _report(context, registry, new_state)
    entries = [(changes.new[path].digest, entry) for path, entry in changes.entries.items() if changes.new[path].digest]
    return Run(report, new_state, entries)


def _changed_share(snapshot: Snapshot, prior: dict[str, FileState]) -> float:
    sizes = {data.path: snapshot.sizes[data.path] for data in snapshot.data_files}
    total = sum(sizes.values()) or 1
    changed = sum(
        size
        for path, size in sizes.items()
        if (before := prior.get(path)) is None or before.digest != snapshot.digests[path]
    )
    return changed / total


def _lazy(
    context: Context, state: RunState, source: Folder, settings: Any, slots: list[Slot], prior: dict[str, FileState]
) -> LazyRegistry:
    def entries(slot: Slot) -> FileEntry | None:
        before = prior.get(slot.path)
        return context.entry(before.digest) if before is not None else None

    registry = LazyRegistry(source, settings, slots, state.keyspace, entries)
    registry.problems.extend(context.snapshot.discovered)
    attach_catalogue(registry)
    attach_laws(registry, context.snapshot.digests, context.store)
    counts: dict[str, int] = {}
    for slot in slots:
        if slot.loaded is not None:
            registry.problems.extend(slot.loaded.problems)
            registry.broken.update(slot.loaded.broken)
            counts[slot.path] = len(slot.loaded.records)
        else:
            before = prior[slot.path]
            registry.problems.extend(before.problems)
            registry.broken.update(before.broken)
            counts[slot.path] = before.count
    registry.files = file_infos(slots, counts)
    return registry


def _next_state(
    state: RunState, slots: list[Slot], prior: dict[str, FileState], changes: Changes, checks: dict[str, CheckState]
) -> RunState:
    keyspace = state.keyspace
    for path, (file, entry) in changes.old.items():
        keyspace.remove(file.kind, path, entry.keys)
    files = []
    for slot in slots:
        result = changes.new.get(slot.path)
        if result is not None:
            keyspace.add(result.kind, result.path, [record.key for record in result.records])
            files.append(_file_state(result))
        else:
            files.append(prior[slot.path])
    return RunState(
        settings=state.settings,
        discovered=state.discovered,
        files=files,
        checks=checks,
        keyspace=keyspace,
        projected=projected(checks, state.projected),
        positions=state.positions,
    )
