"""Running the checks for the state a run leaves: every check with what it reads written down (`run`), or, after
an edit, only what the edit can have changed (`redo`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from qingdan.cache.changes import Changes, reads_changed, stale_files
from qingdan.cache.entries import plain_fields
from qingdan.cache.hooks import record_hooks
from qingdan.cache.partial import LazyRegistry
from qingdan.cache.state import CheckState, RunState
from qingdan.cache.tracing import WHOLE, Reads, Selection, run_check
from qingdan.checks.base import Check
from qingdan.loader.registry import Registry
from qingdan.models import Record
from qingdan.models.kinds import BY_NAME, Kind


def run(check: Check, registry: Registry, select: Selection) -> CheckState:
    """Run one check over the whole registry: per record, file by file, if it says so; else whole, with the
    fields of the records it reads written down."""
    if check.each:
        session = run_check(check, registry, select)
        return CheckState(session.loops, session.loose)  # loose: what it found on the settings alone
    materialize = registry.materialize if isinstance(registry, LazyRegistry) else None
    reads = Reads()
    with record_hooks(reads, materialize):
        session = run_check(check, registry)
    reads.fields = {kind: names for kind, names in reads.fields.items() if names or kind in session.reads.fields}
    reads.broken, reads.opaque = session.reads.broken, session.reads.opaque
    for kind, names in session.reads.fields.items():
        reads.kind(kind, *names)
    return CheckState(None, session.loose, reads)


def redo(check: Check, prior: CheckState | None, registry: LazyRegistry, changes: Changes) -> CheckState:
    """A check's state after `changes`: its findings on the files the changes touch redone, the others kept."""
    if prior is None:
        return run(check, registry, all_of(registry))
    if prior.loops is None:
        if prior.reads is not None and not reads_changed(prior.reads, changes):
            return prior
        return run(check, registry, all_of(registry))
    dirty = {kind: stale_files(kind, outcomes, changes) for kind, outcomes in prior.loops}
    if not any(dirty.values()):
        return _kept(prior, registry)
    session = run_check(check, registry, _only(registry, dirty), settings=False)  # qingdan.yaml is as it was
    loops = []
    for (kind, outcomes), (_, redone) in zip(prior.loops, session.loops, strict=True):
        kept = {
            path: outcome for path, outcome in outcomes.items() if path in registry.by_path and path not in dirty[kind]
        }
        loops.append((kind, {**kept, **redone}))
    return CheckState(loops, prior.problems)


def _kept(prior: CheckState, registry: LazyRegistry) -> CheckState:
    loops = [
        (kind, {path: outcome for path, outcome in outcomes.items() if path in registry.by_path})
        for kind, outcomes in prior.loops or ()
    ]
    return CheckState(loops, prior.problems)


def all_of(registry: LazyRegistry) -> Selection:
    def select(kind: Kind[Record]) -> Iterator[tuple[str, list[Record]]]:
        for slot in registry.slots:
            if slot.kind is kind:
                yield slot.path, registry.records_of(slot)

    return select


def _only(registry: LazyRegistry, dirty: dict[str, set[str]]) -> Selection:
    def select(kind: Kind[Record]) -> Iterator[tuple[str, list[Record]]]:
        paths = dirty.get(kind.name, set())
        for slot in registry.slots:
            if slot.kind is kind and slot.path in paths:
                yield slot.path, registry.records_of(slot)

    return select


def fields_kept(kind: str, projected: dict[str, frozenset[str]]) -> frozenset[str]:
    """What a cache entry keeps of its records: the plain fields (what lookups read) and whatever else the
    checks over the whole registry read."""
    return frozenset(plain_fields(BY_NAME[kind].model)) | projected.get(kind, frozenset())


def projected(checks: dict[str, CheckState], earlier: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """The fields the checks over the whole registry read that are not plain (those are always kept): to keep
    them too."""
    found = {kind: set(names) for kind, names in earlier.items()}
    for state in checks.values():
        if state.loops is None and state.reads is not None:
            for kind, names in state.reads.fields.items():
                found.setdefault(kind, set()).update(names - {WHOLE} - set(plain_fields(BY_NAME[kind].model)))
    return {kind: frozenset(names) for kind, names in found.items() if names}


def compact(state: RunState) -> RunState:
    """The state made smaller before it is stored. A file's lookups of keys its own records hold are left out:
    a change of any record with such a key makes the next run redo the files that held it (`changes.holders`),
    whatever they looked up (QD101 and QD104 look up every item's own code: 3.1 of the 3.8 MB a state took at
    100,000 items, each run unpickling it). Equal key sets become one object: the per-record checks of one file
    look up the same keys (the parents of its items), and the pickle then stores them once."""
    shared: dict[frozenset[str], frozenset[str]] = {}
    for check in state.checks.values():
        for kind, outcomes in check.loops or ():
            for path, outcome in outcomes.items():
                keys = outcome.deps.keys
                own = keys.get(kind)
                if own:
                    keys[kind] = {key for key in own if path not in state.keyspace.holders(kind, key)}
                for name, found in keys.items():
                    frozen = frozenset(found)
                    keys[name] = cast("set[str]", shared.setdefault(frozen, frozen))
    return state
