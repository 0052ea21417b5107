"""`qingdan validate` as a library function: load, run every check, locate and sort the problems."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from qingdan.loader.load import load_registry
from qingdan.loader.locate import locate_in_file
from qingdan.loader.registry import Registry
from qingdan.problems import KEY_MARK, Problem
from qingdan.sources.files import Source
from qingdan.validation.report import ValidationReport
from qingdan.validation.runner import check_problems

Positions = dict[tuple[str | int, ...], tuple[int, int]]


def validate(where: Path | Source, *, label: str | None = None) -> ValidationReport:
    registry = load_registry(where)
    return report_for(registry, label or str(where))


def report_for(registry: Registry, label: str, extra: Iterable[Problem] = ()) -> ValidationReport:
    """Run every data check; `extra` adds problems found elsewhere (the history checks)."""
    found = [*registry.problems, *extra, *check_problems(registry)]
    return finish(registry.source, found, label, len(registry.files) + 1, registry.record_count)


def finish(
    source: Source,
    found: list[Problem],
    label: str,
    files: int,
    records: int,
    known: dict[str, Positions] | None = None,
    digests: dict[str, str] | None = None,
) -> ValidationReport:
    """Locate, sort and deduplicate the problems of a run. `known`: positions found in earlier runs, by file
    digest (`digests` gives each file's), used and completed instead of parsing the file again."""
    problems = sorted(_located(source, found, known, digests or {}), key=Problem.sort_key)
    return ValidationReport(label, files, records, _unique(problems))


def _located(
    source: Source, problems: list[Problem], known: dict[str, Positions] | None, digests: dict[str, str]
) -> list[Problem]:
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for found in problems:
        by_file[found.file].append(found)
    located: list[Problem] = []
    for relative, group in by_file.items():
        digest = digests.get(relative)
        if known is None or digest is None:
            located += locate_in_file(source, relative, group)
            continue
        positions = known.setdefault(digest, {})
        if all(found.line or found.path in positions for found in group):
            located += [found if found.line else _placed(found, positions[found.path]) for found in group]
            continue
        placed = locate_in_file(source, relative, group)
        for before, after in zip(group, placed, strict=True):
            if not before.line:
                positions[before.path] = (after.line, after.column)
        located += placed
    return located


def _placed(found: Problem, position: tuple[int, int]) -> Problem:
    path = found.path[:-1] if found.path and found.path[-1] == KEY_MARK else found.path
    return replace(found, line=position[0], column=position[1], path=path)


def _unique(problems: list[Problem]) -> list[Problem]:
    """One problem per (file, line, column, check, message): a file default shared by many records is
    reported once."""
    seen: set[tuple[object, ...]] = set()
    result = []
    for found in problems:
        identity = (found.file, found.line, found.column, found.check, found.key, tuple(found.args.items()))
        if identity not in seen:
            seen.add(identity)
            result.append(found)
    return result
