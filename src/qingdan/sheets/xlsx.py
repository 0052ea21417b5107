"""Writing an xlsx sheet a clerk can work in: a frozen, bold header row with filters, columns wide enough
to read, long texts wrapped, and every cell a text cell.

Text cells (type `s`, number format `@`) are what keep `010` and an 18-digit code from becoming numbers
and a `=HYPERLINK(...)` from becoming a formula, even after the clerk edits the cell. Control characters
are written as OOXML escapes (`_x000D_`), since XML itself would turn a CR into a line feed.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from typing import Any

from qingdan.sheets.cells import FORMULA_STARTS
from qingdan.sheets.errors import CommandError

MIN_WIDTH, MAX_WIDTH = 8, 60
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_LOOKS_ESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_")


def write_xlsx(header: list[str], rows: list[list[str]], title: str) -> bytes:
    import openpyxl  # imported here: only xlsx export needs it

    # openpyxl creates its scratch files with a text-mode open() that names no encoding (it only reserves
    # the name and writes bytes later): harmless, but -X warn_default_encoding would flag it on every save.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EncodingWarning)
        workbook = openpyxl.Workbook(write_only=True)
        _fill(workbook.create_sheet(title), header, rows)
        stream = io.BytesIO()
        workbook.save(stream)
    return stream.getvalue()


def _fill(
    sheet: Any,  # openpyxl's stubs miss the write-only sheet's column_dimensions and auto_filter
    header: list[str],
    rows: list[list[str]],
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    for index, width in enumerate(_widths(header, rows), 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold, wrapped = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for number, values in enumerate([header, *rows]):
        cells = []
        for value in values:
            # An empty cell stays empty, but formatted as text: what a clerk types into it stays text too.
            cell = WriteOnlyCell(sheet, value=_escaped(value) if value else None)
            cell.number_format = "@"
            if value:
                cell.data_type = "s"  # text, even when it looks like a formula or a number
            cell.quotePrefix = value.startswith(FORMULA_STARTS)
            if number == 0:
                cell.font = bold
            elif "\n" in value:
                cell.alignment = wrapped
            cells.append(cell)
        sheet.append(cells)
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(header)))}{len(rows) + 1}"


def _escaped(value: str) -> str:
    if _LOOKS_ESCAPED.search(value):
        # Excel and LibreOffice would read it as an escaped character: it could not come back as written.
        raise CommandError("export.xlsx_escape", value=value[:40])
    return _CONTROL.sub(lambda match: f"_x{ord(match[0]):04X}_", value)


def _widths(header: list[str], rows: list[list[str]]) -> list[float]:
    """Each column as wide as its widest line (CJK characters count double), within limits."""
    widest = [display_width(name) for name in header]
    for values in rows:
        for index, value in enumerate(values):
            longest = max((display_width(line) for line in value.split("\n")), default=0)
            widest[index] = max(widest[index], longest)
    return [float(min(MAX_WIDTH, max(MIN_WIDTH, width + 2))) for width in widest]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
