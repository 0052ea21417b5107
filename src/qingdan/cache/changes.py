"""What changed between the last run and this one, record by record, and what that makes stale.

A changed file is compared with its cache entry: a record counts as changed if its path in the document or the
fingerprint of its text (`entries.record_prints`) is not found on the other side. What depended on a changed
record is stale: a loop's pass over a file whose lookups hit one of their keys, or a global check that read a
field whose values differ between the old and the new file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qingdan.cache.entries import EMPTY, FileEntry
from qingdan.cache.state import FileState
from qingdan.cache.tracing import CHILDREN, PARENT_FIELD, WHOLE, Deps, Outcome, Reads
from qingdan.loader.load import FileResult
from qingdan.models.kinds import POWER
from qingdan.problems import Problem, Severity


@dataclass
class Changes:
    """What differs between the last run's files and this run's, record by record."""

    kinds: set[str] = field(default_factory=set)  # kinds with a record changed, added or removed
    paths: dict[str, set[str]] = field(default_factory=dict)  # kind → files with such a record
    keys: dict[str, set[str]] = field(default_factory=dict)  # kind → keys of those records, old or new
    holders: dict[str, set[str]] = field(default_factory=dict)  # kind → files that held one of those keys
    parents: set[str] = field(default_factory=set)  # parent codes of those power items, old or new
    broken: set[str] = field(default_factory=set)  # keys broken before or now, not both
    old: dict[str, tuple[FileState, FileEntry]] = field(default_factory=dict)  # changed or removed files
    new: dict[str, FileResult] = field(default_factory=dict)  # changed or added files
    entries: dict[str, FileEntry] = field(default_factory=dict)  # their new cache entries

    @property
    def any(self) -> bool:
        return bool(self.kinds) or bool(self.broken)


def summarise(changes: Changes) -> None:
    """Which records changed: those whose (path, fingerprint) is not on the other side."""
    old_broken: set[str] = set()
    new_broken: set[str] = set()
    for path in {*changes.old, *changes.new}:
        before = changes.old.get(path)
        result = changes.new.get(path)
        old = before[1] if before is not None else EMPTY
        new = changes.entries.get(path, EMPTY)
        kind = before[0].kind if before is not None else result.kind if result is not None else ""
        old_broken.update(before[0].broken if before is not None else ())
        new_broken.update(result.broken if result is not None else ())
        gone, came = _differing(old, new)
        failed = _failed(before[0].problems if before is not None else []) != _failed(result.problems if result else [])
        if not gone and not came:
            if failed:  # the file's errors came or went with its records unchanged (`Registry.load_errors`)
                changes.kinds.add(kind)
                changes.paths.setdefault(kind, set()).add(path)
            continue
        changes.kinds.add(kind)
        changes.paths.setdefault(kind, set()).add(path)
        keys = changes.keys.setdefault(kind, set())
        keys.update(old.keys[index] for index in gone)
        keys.update(new.keys[index] for index in came)
        if kind == POWER.name:
            for entry, indexes in ((old, gone), (new, came)):
                if PARENT_FIELD not in entry.fields:
                    changes.kinds.add(CHILDREN)  # parents unknown: every lookup of children is affected
                    continue
                column = entry.fields.index(PARENT_FIELD)
                changes.parents.update(str(entry.rows[index][column]) for index in indexes if entry.rows[index][column])
    changes.broken = old_broken ^ new_broken


def _failed(problems: list[Problem]) -> bool:
    return any(problem.severity is Severity.ERROR for problem in problems)


def _differing(old: FileEntry, new: FileEntry) -> tuple[list[int], list[int]]:
    """The indexes of the old records not found unchanged among the new, and of the new not among the old."""
    if old.prints is None or new.prints is None or old.context != new.context:
        return list(range(len(old.keys))), list(range(len(new.keys)))
    before = set(zip(old.paths, old.prints, strict=True))
    after = set(zip(new.paths, new.prints, strict=True))
    gone = [index for index, pair in enumerate(zip(old.paths, old.prints, strict=True)) if pair not in after]
    came = [index for index, pair in enumerate(zip(new.paths, new.prints, strict=True)) if pair not in before]
    return gone, came


def stale_files(kind: str, outcomes: dict[str, Outcome], changes: Changes) -> set[str]:
    """The files of a loop's kind whose pass must be redone: those with a record changed or added, those that
    held a record with the key of a changed one (their lookups of their own kind's keys are not written down:
    `rerun.compact`), and those whose lookups found something that changed."""
    dirty = set(changes.paths.get(kind, ())) | changes.holders.get(kind, set())
    for path, outcome in outcomes.items():
        if path not in dirty and _affected(outcome.deps, changes):
            dirty.add(path)
    return dirty


def _affected(deps: Deps, changes: Changes) -> bool:
    if deps.opaque:
        return changes.any
    if not deps.kinds.isdisjoint(changes.kinds):
        return True
    for kind, keys in deps.keys.items():
        touched = changes.parents if kind == CHILDREN else changes.keys.get(kind)
        if touched and not keys.isdisjoint(touched):
            return True
        if kind == CHILDREN and CHILDREN in changes.kinds:
            return True
    return bool(deps.broken) and not deps.broken.isdisjoint(changes.broken)


def reads_changed(reads: Reads, changes: Changes) -> bool:
    if reads.opaque:
        return changes.any
    if reads.broken and changes.broken:
        return True
    return any(kind in changes.kinds and _fields_changed(kind, names, changes) for kind, names in reads.fields.items())


def _fields_changed(kind: str, names: set[str], changes: Changes) -> bool:
    """Whether the values a global check read of one kind differ between the old and new changed files."""
    for path in changes.paths.get(kind, ()):
        old = changes.old.get(path)
        new = changes.new.get(path)
        old_entry = old[1] if old is not None else EMPTY
        new_records = new.records if new is not None else []
        if len(old_entry.keys) != len(new_records):
            return True
        if not new_records:
            continue
        if WHOLE in names or not names <= set(old_entry.fields):
            return True
        privates = [record.__pydantic_private__ or {} for record in new_records]
        if [private["ref"].path for private in privates] != old_entry.paths:
            return True
        if [private.get("inherited", frozenset()) for private in privates] != old_entry.inherited:
            return True
        for name in names:
            column = old_entry.fields.index(name)
            if [row[column] for row in old_entry.rows] != [record.__dict__[name] for record in new_records]:
                return True
    return False
