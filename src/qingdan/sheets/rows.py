"""A sheet's rows as records, each checked by its schema exactly as the loader checks a file's records.

Headers may be the Chinese labels or the English keys. A row whose key is already in the registry starts
from that record, and the sheet's cells are laid over it: a column the sheet does not have leaves its field
as it is, an empty cell empties it. Every problem points at the cell, `FILE:ROW:COLUMN`, row and column
numbered as the spreadsheet shows them.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from qingdan.checks.ids import duplicate_id
from qingdan.checks.power.codes import duplicate_code
from qingdan.file_checks import DUPLICATE_KEY, MISSING_FIELD, UNKNOWN_KEY, VARIANT_FORM, WRONG_VALUE
from qingdan.loader.schema_errors import validate_record
from qingdan.loader.vocab import normalise
from qingdan.models import Record
from qingdan.models.columns import Column, header_map, line_entry, text_of
from qingdan.models.kinds import POWER, AnyKind
from qingdan.models.shape import Keys, ordered
from qingdan.problems import Finding, Problem, Ref, Rule
from qingdan.sheets.cells import is_blank, split_lines
from qingdan.sheets.read import Sheet, SheetRow


@dataclass(frozen=True)
class SheetColumn:
    number: int  # 1-based, as the spreadsheet numbers it
    header: str
    path: Keys
    is_list: bool
    line_fields: tuple[str, ...] | None = None  # a list of small mappings, one per line (models.columns)
    line_example: str = ""
    model: Column | None = None  # the model's column it fills


@dataclass
class Imported:
    row: int
    key: str
    data: dict[str, Any]  # text values, vocabulary normalised, keys in file order
    model: Record


@dataclass
class Rows:
    shown: str
    columns: list[SheetColumn]
    records: list[Imported] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def column_for(self, path: tuple[str | int, ...], name: str | None = None) -> SheetColumn | None:
        """The column of a field path (list positions and deeper parts ignored), or the key column."""
        keys = tuple(part for part in path if isinstance(part, str))
        by_path = {column.path: column for column in self.columns}
        for candidate in ((*keys, name) if name else keys, keys):
            for length in range(len(candidate), 0, -1):
                if (found := by_path.get(tuple(str(part) for part in candidate[:length]))) is not None:
                    return found
        return by_path.get(("code",)) or by_path.get(("id",))

    def problem(self, rule: Rule, row: int, column: SheetColumn | None, variant: str = "", **args: str) -> Problem:
        where = Finding(Ref(self.shown), variant, args, None, column.header if column else None)
        return rule.stamp(replace(where, line=row, column=column.number if column else 1))


def parse_rows(sheet: Sheet, kind: AnyKind, shown: str, existing: Mapping[str, Record]) -> Rows:
    rows = _columns(sheet, kind, shown)
    key_path = (kind.key_field,)
    key_column = next((column for column in rows.columns if column.path == key_path), None)
    if key_column is None:
        rows.problems.append(rows.problem(MISSING_FIELD, sheet.header_row, None, "key_column", field=key_path[0]))
        return rows
    for row, number, formula in sheet.formulas:
        column = next((column for column in rows.columns if column.number == number), None)
        rows.problems.append(rows.problem(WRONG_VALUE, row, column, "formula", formula=formula[:40]))
    first_row: dict[str, int] = {}
    for sheet_row in sheet.rows:
        record_key = _cell(sheet_row, key_column)
        base = existing.get(record_key)
        imported = _record(rows, kind, sheet_row, base)
        if imported is None:
            continue
        if imported.key in first_row:
            rows.problems.append(_duplicate(rows, kind, imported, key_column, first_row[imported.key]))
            continue
        first_row[imported.key] = imported.row
        rows.records.append(imported)
    return rows


def _columns(sheet: Sheet, kind: AnyKind, shown: str) -> Rows:
    rows = Rows(shown, [])
    by_header = header_map(kind.model)
    known = {column.path: column for column in kind.columns}
    for number, header in enumerate(sheet.header, 1):
        name = header.strip()
        path = by_header.get(name)
        model_column = known.get(path) if path else None
        column = SheetColumn(
            number,
            name,
            tuple(str(p) for p in path or (name,)),
            bool(model_column and model_column.is_list),
            model_column.line_fields if model_column else None,
            model_column.line_example if model_column else "",
            model_column,
        )
        if path is None and (name or any(_cell(row, column).strip() for row in sheet.rows)):
            rows.problems.append(rows.problem(UNKNOWN_KEY, sheet.header_row, column, field=name))
        elif path is not None and any(known.path == column.path for known in rows.columns):
            rows.problems.append(rows.problem(DUPLICATE_KEY, sheet.header_row, column, "column", field=name))
        elif path is not None:
            rows.columns.append(column)
    return rows


def _cell(row: SheetRow, column: SheetColumn) -> str:
    return row.cells[column.number - 1] if column.number <= len(row.cells) else ""


def _record(rows: Rows, kind: AnyKind, sheet_row: SheetRow, base: Record | None) -> Imported | None:
    data = as_text(base) if base is not None else {}
    problems_before = len(rows.problems)
    for column in rows.columns:
        _lay(data, column.path, _value(rows, sheet_row, column))
    if len(rows.problems) > problems_before:
        return None
    for where, written, fixed in normalise(data, kind.model):
        at = rows.column_for(where)
        rows.problems.append(
            rows.problem(VARIANT_FORM, sheet_row.number, at, field=str(where[-1]), written=written, value=fixed)
        )
    model, issues = validate_record(kind.model, data)
    for issue in issues:
        at = rows.column_for(issue.path, issue.field)
        rows.problems.append(rows.problem(issue.rule, sheet_row.number, at, issue.variant, **issue.args))
    if model is None:
        return None
    assert isinstance(model, Record)
    return Imported(sheet_row.number, model.key, ordered(kind.model, data), model)


def _value(rows: Rows, sheet_row: SheetRow, column: SheetColumn) -> Any:
    """A cell's value: None when blank, a list for a list column, text otherwise."""
    cell = _cell(sheet_row, column)
    if is_blank(cell):
        return None
    if not column.is_list:
        return cell
    lines = split_lines(cell)
    if column.line_fields is None:
        return lines
    entries = []
    for number, line in enumerate(lines, 1):
        entry = line_entry(line, column.model) if column.model else None
        if entry is None:
            form = column.line_example
            rows.problems.append(
                rows.problem(WRONG_VALUE, sheet_row.number, column, "line", line=str(number), form=form)
            )
        entries.append(entry)
    return entries


def _lay(data: dict[str, Any], path: Keys, value: Any) -> None:
    """Set (or, for None, remove) the value at a column's path; an emptied mapping goes too."""
    *parents, last = path
    target = data
    for part in parents:
        inner = target.get(part)
        if not isinstance(inner, dict):
            if value is None:
                return
            inner = target[part] = {}
        target = inner
    if value is None:
        target.pop(last, None)
    else:
        target[last] = value
    if parents and not target:
        _lay(data, tuple(parents), None)


def as_text(record: Record) -> dict[str, Any]:
    """A record as the text data a file would hold (what the loader reads), for the sheet to be laid over."""
    result = _texts(record.model_dump(by_alias=True, exclude_none=True))
    assert isinstance(result, dict)
    return copy.deepcopy(result)


def _texts(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _texts(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_texts(inner) for inner in value]
    return text_of(value)


def _duplicate(rows: Rows, kind: AnyKind, imported: Imported, column: SheetColumn, first: int) -> Problem:
    if kind is POWER:
        return rows.problem(duplicate_code, imported.row, column, code=imported.key)
    return rows.problem(duplicate_id, imported.row, column, ident=imported.key, first=f"{rows.shown}:{first}")
