"""Every power item code the registry's history has retired, and what each named then (for QD501).

QD501 needs the whole first-parent history, so this reads only what changed: the files each commit
touched (one `git diff-tree` for all commits) and each power file version (blob) parsed once, half of
them in a forked process. The result for a head commit is cached (small: only retired codes), and so is
the full state, keyed by the newest commit, so that a history one commit longer costs one commit.
"""

from __future__ import annotations

import marshal
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic_core

from qingdan import csvdoc, yamldoc
from qingdan.cache import Store
from qingdan.columns import header_map
from qingdan.history import FileChange, History
from qingdan.models import PowerItem

Identity = tuple[str, str]  # (name, type): what a code names
Entry = tuple[str, str, bool]  # (name, type, active) of one code in one file version
Retired = dict[str, set[Identity]]
VERSION = "2"
PARALLEL_BLOBS = 64  # fewer file versions than this are parsed in this process alone


@dataclass
class _State:
    active: dict[str, Identity] = field(default_factory=dict)
    retired: Retired = field(default_factory=dict)
    files: dict[str, dict[str, Entry]] = field(default_factory=dict)  # power file → its codes, at the head
    where: dict[str, set[str]] = field(default_factory=dict)  # code → the power files that hold it


def reused(retired: Retired, code: str, identity: Identity) -> Identity | None:
    """What the code named when it was retired, if it now names something else (restoring is allowed)."""
    earlier = retired.get(code, set())
    return None if not earlier or identity in earlier else sorted(earlier)[0]


def retired_codes(history: History, registry_root: Path, store: Store | None, head: str = "HEAD") -> Retired:
    head_sha = history.resolve(head)
    cached = store.load("codes", f"{VERSION}-retired-{head_sha}") if store else None
    if isinstance(cached, dict):
        return cached
    commits = history.changes(head_sha)
    state, start = _resume(commits, store)
    blobs = {
        (change.new, change.path)
        for _, changed in commits[start:]
        for change in changed
        if change.new and change.path.startswith("power/")
    }
    parsed = _parse_blobs(history, registry_root, sorted(blobs))
    for _commit, changed in commits[start:]:
        _apply(state, changed, parsed)
    if store is not None:
        if commits and start < len(commits):
            store.save("codes", f"{VERSION}-state-{commits[-1][0].sha}", state)
        store.save("codes", f"{VERSION}-retired-{head_sha}", state.retired)
    return state.retired


def _resume(commits: list[tuple[Any, list[FileChange]]], store: Store | None) -> tuple[_State, int]:
    """The cached state of the newest commit that has one, and where to go on from."""
    for index in range(len(commits) - 1, -1, -1) if store else ():
        cached = store.load("codes", f"{VERSION}-state-{commits[index][0].sha}") if store else None
        if isinstance(cached, _State):
            return cached, index + 1
    return _State(), 0


def _apply(state: _State, changed: list[FileChange], parsed: dict[str, dict[str, Entry]]) -> None:
    touched: set[str] = set()
    for path, _old, new in changed:
        if not path.startswith("power/"):
            continue
        before = state.files.pop(path, {})
        after = parsed.get(new, {}) if new else {}
        for code in {code for code, entry in before.items() ^ after.items()}:
            touched.add(code)
            places = state.where.setdefault(code, set())
            places.discard(path)
            if code in after:
                places.add(path)
        if new:
            state.files[path] = after
    for code in touched:
        entries = (state.files[path][code] for path in sorted(state.where.get(code, ())))
        now = next(((name, kind) for name, kind, active in entries if active), None)
        before_identity = state.active.pop(code, None)
        if now is not None:
            state.active[code] = now
        elif before_identity is not None:
            state.retired.setdefault(code, set()).add(before_identity)


def _parse_blobs(history: History, registry_root: Path, blobs: list[tuple[str, str]]) -> dict[str, dict[str, Entry]]:
    """Codes of each (blob, path); the second half in a forked process with its own `cat-file`."""
    if len(blobs) < PARALLEL_BLOBS or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return {blob: _entries(history.blob(blob), path) for blob, path in blobs}
    ours, theirs = blobs[: len(blobs) // 2], blobs[len(blobs) // 2 :]
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the child: its own git process, results down the pipe, no exit handlers
        status = 1
        try:
            os.close(reading)
            with History(registry_root, history.tz) as own, os.fdopen(writing, "wb") as pipe:
                pipe.write(marshal.dumps({blob: _entries(own.blob(blob), path) for blob, path in theirs}))
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    parsed = {blob: _entries(history.blob(blob), path) for blob, path in ours}
    with os.fdopen(reading, "rb") as pipe:
        received = pipe.read()
    _, status = os.waitpid(child, 0)
    if status == 0:
        parsed.update(marshal.loads(received))
    else:  # a failed child only costs time
        parsed.update({blob: _entries(history.blob(blob), path) for blob, path in theirs})
    return parsed


def _entries(raw: bytes, path: str) -> dict[str, Entry]:
    """Codes of one power file version, with name, type and whether active. A file that does not parse
    contributes nothing (validate reports it where it stands)."""
    entries: dict[str, Entry] = {}
    for record in _records(raw, path):
        if isinstance(record, dict) and isinstance(code := record.get("code"), str) and code.strip():
            active = str(record.get("status") or "有效").strip() != "已取消"
            entries[code.strip()] = (str(record.get("name") or ""), str(record.get("type") or ""), active)
    return entries


def _records(raw: bytes, path: str) -> list[Any]:
    if path.lower().endswith(".csv"):
        document, _ = csvdoc.parse(raw)
        if document is None:
            return []
        by_header = header_map(PowerItem)
        keys = [str(by_header.get(header.strip(), (header,))[0]) for header in document.header]
        return [dict(zip(keys, row, strict=False)) for row in document.rows]
    # Only codes, names, types and statuses are needed here, so rapidyaml's JSON is decoded by pydantic's
    # fast JSON reader (no duplicate-key or number-text care: validate reports those).
    emitted = yamldoc.fast_json(raw)
    if emitted is not None:
        try:
            data = pydantic_core.from_json(emitted)
        except ValueError:
            data = None
    else:
        data = yamldoc.parse(raw).data
    items = data.get("items") if isinstance(data, dict) else None
    return items if isinstance(items, list) else []
