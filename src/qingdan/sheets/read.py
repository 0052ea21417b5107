"""Reading a clerk's sheet, CSV or xlsx, into rows of text cells numbered as the spreadsheet shows them.

CSV comes in UTF-8 (with or without BOM) or GB18030, what Excel in China writes; anything else (UTF-16
above all) stops the import with a sentence saying what to do. xlsx is read with openpyxl, which refuses
XML bombs through defusedxml. A cell a clerk typed as a formula is kept aside, to be reported: its text
is not the value they meant.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from qingdan.parsing import csvdoc
from qingdan.sheets.cells import restore
from qingdan.sheets.errors import CommandError

ZIP_MAGIC = b"PK\x03\x04"
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet numbers it, the header row included
    cells: list[str]


@dataclass
class Sheet:
    header: list[str]
    header_row: int
    rows: list[SheetRow]
    formulas: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, formula), xlsx only


def read_sheet(path: Path, shown: str) -> Sheet:
    """The sheet in a file: xlsx by its content (a zip), CSV otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CommandError("sheet.unreadable", where=shown, detail=error.strerror or str(error)) from error
    if path.suffix.lower() == ".xls" or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise CommandError("sheet.xls", where=shown)
    if raw.startswith(ZIP_MAGIC):
        return _read_xlsx(raw, shown)
    return _read_csv(raw, shown)


def _read_csv(raw: bytes, shown: str) -> Sheet:
    text, _, failure = csvdoc.decode(raw)
    if text is None:
        assert failure is not None
        raise CommandError(failure.key, where=shown, **failure.args)
    if "\x00" in text:
        raise CommandError("QD001.nul", where=shown)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = [[restore(cell) for cell in record] for record in reader]
    except csv.Error as error:
        raise CommandError("QD001.csv", where=f"{shown}:{reader.line_num}", detail=str(error)) from error
    return _table(records, shown)


def _table(records: list[list[str]], shown: str, formulas: list[tuple[int, int, str]] | None = None) -> Sheet:
    numbered = [SheetRow(number, cells) for number, cells in enumerate(records, 1) if any(c.strip() for c in cells)]
    if not numbered:
        raise CommandError("sheet.empty", where=shown)
    header, *rows = numbered
    names = list(header.cells)
    while names and not names[-1].strip():
        names.pop()
    return Sheet(names, header.number, rows, formulas or [])


def _read_xlsx(raw: bytes, shown: str) -> Sheet:
    import openpyxl  # imported here: CSV imports and every other command never need it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), data_only=False, rich_text=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file; all mean "not readable"
        raise CommandError("sheet.unreadable", where=shown, detail=f"{type(error).__name__}: {error}") from error
    worksheet = workbook.worksheets[0]
    records: list[list[str]] = []
    formulas: list[tuple[int, int, str]] = []
    for number, row in enumerate(worksheet.iter_rows(min_row=1, min_col=1), 1):
        cells: list[str] = []
        for column, cell in enumerate(row, 1):
            if cell.data_type == "f":
                formulas.append((number, column, str(cell.value)))
                cells.append("")
            else:
                cells.append(cell_text(cell.value))
        records.append(cells)
    return _table(records, shown, formulas)


def cell_text(value: Any) -> str:
    """An xlsx cell as text: numbers a clerk typed without a text format are written as they show."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def unescape(text: str) -> str:
    """OOXML writes control characters as `_x000D_`; openpyxl leaves them escaped."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda match: _control(int(match[1], 16)) or match[0], text)


def _control(code: int) -> str | None:
    return chr(code) if code < 0x20 else None
