"""`qingdan validate` as a library function: load, run every check, locate and sort the problems."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from qingdan.checks import DATA_CHECKS
from qingdan.loader.load import load_registry, locate_in_file
from qingdan.loader.registry import Registry
from qingdan.problems import Problem
from qingdan.sources.files import Source
from qingdan.validation.report import ValidationReport


def validate(where: Path | Source, *, label: str | None = None) -> ValidationReport:
    registry = load_registry(where)
    return report_for(registry, label or str(where))


def report_for(registry: Registry, label: str, extra: Iterable[Problem] = ()) -> ValidationReport:
    """Run every data check; `extra` adds problems found elsewhere (the history checks)."""
    found = [*registry.problems, *extra]
    for check in DATA_CHECKS:
        found.extend(check.problems(registry))
    problems = sorted(_located(registry.source, found), key=Problem.sort_key)
    return ValidationReport(label, len(registry.files) + 1, registry.record_count, _unique(problems))


def _located(source: Source, problems: list[Problem]) -> list[Problem]:
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for found in problems:
        by_file[found.file].append(found)
    located: list[Problem] = []
    for relative, group in by_file.items():
        located += locate_in_file(source, relative, group)
    return located


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
