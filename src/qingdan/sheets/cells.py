"""Cells: how a record's values become the text of spreadsheet cells, and back.

A spreadsheet program evaluates a cell that starts with `=`, `+`, `-` or `@` (and some read a leading tab
or CR as a way to smuggle one in): a `=HYPERLINK(...)` in an item's name must never run on a clerk's
machine. In CSV such a cell gets a leading `'`, the mark spreadsheets themselves use for "this is text";
so that the mark can always be taken off again, a value that itself starts with `'` gets one too. Import
takes off exactly one leading `'` from every CSV cell. xlsx needs no mark: cells are written as text cells.

List fields hold one value per line. Legal bases are citation strings (`《law》article：text`); a list of small
mappings (the parties and indicators of an assessment) has a line per entry in the form its model gives
(`qingdan.models.columns`).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from qingdan.models import LegalBasis, parse_citation
from qingdan.models.columns import SEPARATOR, Column, columns_of, line_parts, text_of
from qingdan.sheets.errors import CommandError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
LINE_BREAKS = re.compile(r"\r\n|\n|\r")


def neutralise(text: str) -> str:
    """The CSV cell for a value: a leading `'` where a spreadsheet could take the value for a formula."""
    return QUOTE + text if text.startswith((*FORMULA_STARTS, QUOTE)) else text


def restore(cell: str) -> str:
    """The value of a CSV cell: exactly one leading `'` taken off."""
    return cell.removeprefix(QUOTE)


def sheet_columns(model: type[BaseModel]) -> tuple[Column, ...]:
    """The record kind's columns in file order: key first, the free-text note last."""
    columns = columns_of(model)
    return tuple(column for column in columns if column.path != ("note",)) + tuple(
        column for column in columns if column.path == ("note",)
    )


def record_cells(data: dict[str, Any], columns: tuple[Column, ...], key: str) -> list[str]:
    """One row: the record's dumped data (model_dump by alias) as cell texts, unneutralised."""
    return [_cell_text(_at(data, column.path), column, key) for column in columns]


def _at(data: dict[str, Any], path: tuple[str | int, ...]) -> Any:
    value: Any = data
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(str(part))
    return value


def _cell_text(value: Any, column: Column, key: str) -> str:
    if value is None or isinstance(value, dict):  # a mapping stands in its dotted columns (models.columns)
        return ""
    if not column.is_list:
        return text_of(value)
    lines = [_line_text(entry, column, key) for entry in value]
    for line in lines:
        if not line.strip() or LINE_BREAKS.search(line):
            raise CommandError("export.list_line", key=key, field=column.key, value=line)
    return "\n".join(lines)


def _line_text(entry: Any, column: Column, key: str) -> str:
    if column.citations:
        basis = LegalBasis.model_validate(entry)
        # `checked` has no place in a citation string: the sheet leaves it out and import keeps it (sheets.plan).
        if parse_citation(basis.citation) != comparable(basis.model_dump(exclude={"checked"})):
            raise CommandError("export.citation", key=key, citation=basis.citation)
        return basis.citation
    if column.line_fields is None or not isinstance(entry, dict):
        return text_of(entry)
    parts = line_parts(entry, column)
    if any(SEPARATOR in part for part in parts[:-1]):  # only the last part may hold `:`
        raise CommandError("export.list_line", key=key, field=column.key, value=SEPARATOR.join(parts))
    return SEPARATOR.join(parts)


def comparable(value: Any) -> Any:
    """A dumped value with what an empty cell cannot tell apart removed: None, blank text, empty lists."""
    if isinstance(value, dict):
        kept = {key: comparable(inner) for key, inner in value.items()}
        return {key: inner for key, inner in kept.items() if inner is not None} or None
    if isinstance(value, list):
        return [comparable(inner) for inner in value] or None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def is_blank(cell: str) -> bool:
    """An empty cell, or one with only spaces: the field has no value."""
    return not cell.strip()


def split_lines(cell: str) -> list[str]:
    """A list cell's values: one per line, blank lines (Excel leaves them behind) skipped."""
    return [line for line in LINE_BREAKS.split(cell) if line.strip()]
