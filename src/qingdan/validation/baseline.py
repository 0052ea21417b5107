"""`validate --base REV`: the working tree checked as usual, plus the history checks against REV, and every
problem marked new or not, so a pull request is judged on what it introduces."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from qingdan.cache.store import Store, cache_dir
from qingdan.diff.engine import diff_registries
from qingdan.history.checks import history_problems
from qingdan.history.codes import retired_codes
from qingdan.loader.load import load_registry, load_settings
from qingdan.problems import Problem
from qingdan.sources.files import Folder
from qingdan.sources.git import History
from qingdan.validation.report import ValidationReport
from qingdan.validation.validate import report_for


def validate_against(root: Path, base: str, *, label: str, use_cache: bool = True) -> ValidationReport:
    settings = load_settings(Folder(root))
    with History(root, settings.tzinfo) as history:
        base_sha = history.resolve(base)
        new = load_registry(root)
        old = load_registry(history.source(base_sha))
        retired = retired_codes(history, Store(cache_dir()) if use_cache else None)
        diff = diff_registries(old, new)
        report = report_for(new, label, history_problems(diff, old, new, retired))
        before = {_identity(problem) for problem in report_for(old, label).problems}
    report.problems = [replace(problem, new=_identity(problem) not in before) for problem in report.problems]
    return report


def _identity(found: Problem) -> tuple[object, ...]:
    """A problem regardless of where its lines moved: the same check on the same field of the same record."""
    return (found.check, found.file, found.record, found.field, found.key, tuple(sorted(found.args.items())))
