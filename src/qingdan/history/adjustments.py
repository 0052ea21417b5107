"""`qingdan diff` and `qingdan log` as library functions: registries at two states of git history, and
one record followed through it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from qingdan.diff.catalogue import catalogue_worklist
from qingdan.diff.engine import Change, Diff, Period, Revision, diff_registries
from qingdan.diff.laws import law_worklist
from qingdan.errors import UsageError
from qingdan.loader.load import load_registry, load_settings
from qingdan.loader.registry import Registry
from qingdan.models.kinds import LAYOUT, POWER
from qingdan.sources.files import Folder, Source
from qingdan.sources.git import Commit, History
from qingdan.sources.reduced import reduced


@dataclass(frozen=True)
class Span:
    """Which two states to compare: revisions, a year, or dates. Nothing given: HEAD and the working tree."""

    old: str | None = None
    new: str | None = None
    year: int | None = None
    since: date | None = None
    until: date | None = None


def adjustment_report(root: Path, span: Span) -> Diff:
    settings = load_settings(Folder(root))
    with History(root, settings.tzinfo) as history:
        old, new = _states(history, span)
        new_source: Source = Folder(root) if new is None else history.source(new.sha)
        if old is None:  # before the history began: everything is new
            old_registry, new_registry = Registry(Folder(root), settings), load_registry(new_source)
        else:
            old_reduced, new_reduced = reduced(
                history.source(old.sha), new_source, LAYOUT, {POWER.name: POWER.list_key}
            )
            old_registry, new_registry = load_registry(old_reduced), load_registry(new_reduced)
        diff = diff_registries(old_registry, new_registry, old_revision=_revision(old), new_revision=_revision(new))
        whole = new_registry if old is None else None  # the reduced NEW lacks the items that did not change
        full_new = cache(lambda: whole or load_registry(new_source))
        diff.catalogue = catalogue_worklist(old_registry, new_registry, full_new)
        if old is not None:
            registries = (old_registry, new_registry)
            diff.laws = law_worklist(history.source(old.sha), new_source, registries, full_new)
    diff.period = Period(span.year, span.since, span.until)
    return diff


def _states(history: History, span: Span) -> tuple[Commit | None, Commit | None]:
    """(OLD, NEW); None for OLD is "before the history began", for NEW the working tree."""
    if span.year is not None:
        old, new = history.year(span.year)
        return old, _required(new, "history.no_commit_in_year", year=span.year)
    if span.since is not None or span.until is not None:
        if span.since is None or span.until is None:
            raise UsageError("usage.since_until")
        old, new = history.span(span.since, span.until)
        return old, _required(new, "history.no_commit_before", date=span.until)
    old_commit = history.commit(history.resolve("HEAD" if span.old is None else span.old))
    return old_commit, None if span.new is None else history.commit(history.resolve(span.new))


def _required(commit: Commit | None, key: str, **args: Any) -> Commit:
    if commit is None:
        raise UsageError(key, **args)
    return commit


def _revision(commit: Commit | None) -> Revision:
    return Revision(commit.sha, commit.date.date()) if commit else Revision()


@dataclass(frozen=True)
class LogEntry:
    commit: Commit
    change: Change


def record_log(root: Path, key: str) -> list[LogEntry]:
    """Every commit (first-parent, oldest first) that changed the record `key`, following it across files
    and across code changes: a 编码变更, or an item whose `adjustment.from` names a code it follows."""
    settings = load_settings(Folder(root))
    with History(root, settings.tzinfo) as history:
        steps: list[tuple[Commit, Diff]] = []
        previous = Registry(Folder(root), settings)
        for commit in history.commits_touching_registry():
            current = load_registry(history.source(commit.sha))
            steps.append((commit, diff_registries(previous, current)))
            previous = current
    keys = _aliases(key, [change for _, diff in steps for change in diff.changes])
    return [LogEntry(commit, change) for commit, diff in steps for change in diff.changes if change.key in keys]


def _aliases(key: str, changes: list[Change]) -> set[str]:
    """`key` and every code linked to it by a code change or an adjustment's `from`, transitively."""
    links: dict[str, set[str]] = {}
    for change in changes:
        linked = set(change.adjustment.get("from", ()) if change.adjustment else ())
        linked |= {field.old for field in change.fields if field.field == "code" and field.old}
        for other in linked:
            links.setdefault(change.key, set()).add(other)
            links.setdefault(other, set()).add(change.key)
    found, frontier = {key}, [key]
    while frontier:
        for other in links.get(frontier.pop(), ()):
            if other not in found:
                found.add(other)
                frontier.append(other)
    return found
