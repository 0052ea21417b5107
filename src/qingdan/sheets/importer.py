"""`qingdan import`: a clerk's sheet back into the registry, all of it or nothing.

1. Every row is checked by its schema, cell by cell (`rows`).
2. The new bytes of every file the import changes are computed in memory (`plan`).
3. The registry as it would be is validated through an overlay of those bytes on the folder, exactly as
   `qingdan validate` would validate it after the import; a problem in an imported record points at its
   row and column in the sheet, a new problem anywhere else (a child item whose parent's type changed)
   at the registry file.
4. Only without errors are the files written, together (`atomic.write_all`). Before that, the would-be
   registry is compared with the sheet: every imported record must read back as the sheet says and no
   other record may change; anything else is a bug, and stops the import rather than writing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from qingdan.diff.engine import diff_registries
from qingdan.file_checks import SYNTAX
from qingdan.loader.load import load_registry
from qingdan.loader.registry import Registry
from qingdan.models.kinds import AnyKind, kind_named
from qingdan.problems import Problem, Severity
from qingdan.sheets.errors import CommandError
from qingdan.sheets.plan import Plan, plan_import, sheet_data
from qingdan.sheets.read import read_sheet
from qingdan.sheets.rows import Rows, parse_rows
from qingdan.sources import files
from qingdan.sources.files import Layout
from qingdan.validation.validate import report_for
from qingdan.writing import atomic


@dataclass
class ImportReport:
    sheet: str  # the sheet as the user named it
    rows: int
    problems: list[Problem] = field(default_factory=list)  # in the sheet: FILE:ROW:COLUMN
    elsewhere: list[Problem] = field(default_factory=list)  # new problems in other records, after the import
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    written: list[str] = field(default_factory=list)  # registry-relative paths

    @property
    def errors(self) -> int:
        return sum(1 for found in (*self.problems, *self.elsewhere) if found.severity is Severity.ERROR)


def import_sheet(
    root: Path, sheet_path: Path, kind_name: str, *, into: Path | None = None, shown: str | None = None
) -> ImportReport:
    kind = kind_named(kind_name)
    shown = shown or sheet_path.as_posix()
    sheet = read_sheet(sheet_path, shown)
    target = into_file(root, kind, into)
    registry = load_registry(root)
    existing = registry.by_key(kind)
    rows = parse_rows(sheet, kind, shown, existing)
    report = ImportReport(shown, len(sheet.rows), list(rows.problems))
    report.problems += [
        rows.problem(SYNTAX, imported.row, rows.column_for(()), "broken", record=imported.key)
        for imported in rows.records
        if imported.key in registry.broken and imported.key not in existing
    ]
    refused = report.errors > 0  # the valid rows are still checked together: every problem in one run
    plan = plan_import(root, kind, rows.records, existing, target)
    report.added, report.updated, report.unchanged = len(plan.added), len(plan.updated), len(plan.unchanged)
    if plan.files:
        _check_after(root, registry, kind, plan, rows, report, verify=not refused)
    report.problems.sort(key=lambda found: (found.line, found.column, found.check))
    if not report.errors and plan.files:
        atomic.write_all({root / relative: data for relative, data in plan.files.items()})
        report.written = sorted(plan.files)
    return report


def into_file(root: Path, kind: AnyKind, into: Path | None) -> str | None:
    """`--into` as a registry-relative path: a YAML (or, for kinds that allow it, CSV) file of the kind."""
    if into is None:
        return None
    candidate = into if into.is_absolute() else Path.cwd() / into
    try:
        relative = candidate.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = into.as_posix()  # given relative to the registry
    suffix = Path(relative).suffix.lower()
    in_place = relative == kind.file if kind.single_file else relative.startswith(kind.prefix)
    if not in_place or suffix not in (".yaml", ".yml", *((".csv",) if kind.csv else ())):
        raise CommandError("import.into", path=into.as_posix(), kind=kind.name, folder=kind.folder or kind.prefix)
    return relative


@dataclass(frozen=True)
class Overlay:
    """The registry folder with some files replaced or added: the registry as the import would leave it."""

    root: Path
    changed: dict[str, bytes]

    def discover(self, layout: Layout) -> tuple[list[files.DataFile], list[Problem]]:
        found, problems = files.discover(self.root, layout)
        known = {data_file.path for data_file in found}
        for relative in sorted(self.changed):
            if relative not in known:
                kind = layout.kind_of(relative)
                if kind is not None:
                    found.append(files.DataFile(relative, kind))
        return found, problems

    def read(self, relative: str) -> bytes | Problem:
        return self.changed[relative] if relative in self.changed else files.read(self.root, relative)


def _check_after(
    root: Path, registry: Registry, kind: AnyKind, plan: Plan, rows: Rows, report: ImportReport, *, verify: bool
) -> None:
    label = root.as_posix()
    known = {_identity(found) for found in report_for(registry, label).problems}
    after = load_registry(Overlay(root, plan.files))
    by_key = {imported.key: imported.row for imported in rows.records}
    for found in report_for(after, label).problems:
        placed = _in_sheet(found, plan, rows, by_key)
        if placed is not None:
            report.problems.append(placed)
        elif _identity(found) not in known:
            report.elsewhere.append(found)
    if verify and not report.errors:
        _verify(registry, after, kind, rows)


def _in_sheet(found: Problem, plan: Plan, rows: Rows, by_key: dict[str, int]) -> Problem | None:
    """The problem moved to the sheet's cell, if it is about an imported record."""
    for length in (2, 1):
        row = plan.places.get((found.file, found.path[:length]))
        if row is not None:
            column = rows.column_for(found.path[length:], found.field)
            break
    else:
        row = by_key.get(found.record or "") if found.file in plan.files else None
        if row is None:
            return None
        column = rows.column_for(found.path, found.field)
    return replace(
        found, file=rows.shown, line=row, column=column.number if column else 1, field=column.header if column else None
    )


def _identity(found: Problem) -> tuple[object, ...]:
    """A problem apart from its position, which the import may shift."""
    return (found.file, found.check, found.key, found.record, found.field, tuple(sorted(found.args.items())))


def _verify(before: Registry, after: Registry, kind: AnyKind, rows: Rows) -> None:
    """Every imported record reads back as the sheet has it, and nothing else changed."""
    imported = {record.key: record for record in rows.records}
    read_back = after.by_key(kind)
    for key, record in imported.items():
        again = read_back.get(key)
        if again is None or sheet_data(again) != sheet_data(record.model):
            raise CommandError("import.internal", key=key)
    for change in diff_registries(before, after).changes:
        if change.key not in imported:
            raise CommandError("import.internal", key=change.key)
