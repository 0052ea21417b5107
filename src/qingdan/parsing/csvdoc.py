"""CSV files as rows of text cells, in the encodings Excel in China writes (UTF-8, UTF-8-BOM, GB18030).

Rows whose cells are all blank are skipped (Excel leaves them behind). Positions are recovered only when
a problem has to be reported: `source_map` scans the text once and places every cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from qingdan.file_checks import SYNTAX
from qingdan.parsing.sourcemap import Position, SourceMap, position_at
from qingdan.parsing.yamldoc import ParseFinding
from qingdan.problems import Path

HEADER = "#header"  # source-map path prefix of the header row's cells


@dataclass
class CsvDocument:
    header: list[str]
    rows: list[list[str]]  # data rows only, blank ones left out
    encoding: str = "utf-8"


def decode(raw: bytes) -> tuple[str | None, str, ParseFinding | None]:
    """The text and its encoding, or QD001 naming why the bytes are not UTF-8 or GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "", ParseFinding(SYNTAX, "utf16", 1, 1)
    try:
        return raw.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    if b"\x00" not in raw:
        try:
            return raw.decode("gb18030"), "gb18030", None
        except UnicodeDecodeError:
            pass
    before = raw[:first_bad].decode("utf-8", errors="replace")
    line, column = position_at(before, len(before))
    return None, "", ParseFinding(SYNTAX, "csv_encoding", line, column, {"byte": f"0x{raw[first_bad]:02X}"})


def parse(raw: bytes) -> tuple[CsvDocument | None, ParseFinding | None]:
    text, encoding, failure = decode(raw)
    if text is None:
        return None, failure
    if "\x00" in text:
        line, column = position_at(text, text.index("\x00"))
        return None, ParseFinding(SYNTAX, "nul", line, column)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    try:
        rows.extend(row for row in reader if _is_filled(row))
    except csv.Error as error:
        line = max(1, reader.line_num)  # where the reader stopped: the unclosed cell runs to here
        return None, ParseFinding(SYNTAX, "csv", line, 1, {"detail": str(error)})
    if not rows:
        return CsvDocument([], [], encoding), None
    return CsvDocument(rows[0], rows[1:], encoding), None


def _is_filled(row: list[str]) -> bool:
    return any(cell.strip() for cell in row)


def source_map(raw: bytes, columns: list[Path]) -> SourceMap:
    """Place every cell: `values[(row, *column)]`, `values[(row,)]` for a row's first cell, and
    `keys[(HEADER, *column)]` for the header. `columns` are the paths the header's cells map to."""
    text, _, _ = decode(raw)
    smap = SourceMap()
    if text is None:
        return smap
    data_rows = (row for row in _scan(text) if _is_filled([cell for cell, _ in row]))
    header = next(data_rows, None)
    if header is None:
        return smap
    for (_, position), column in zip(header, columns, strict=False):
        smap.keys[(HEADER, *column)] = position
        smap.values[(HEADER, *column)] = position
    for index, row in enumerate(data_rows):
        smap.values[(index,)] = row[0][1]
        for (_, position), column in zip(row, columns, strict=False):
            smap.values[(index, *column)] = position
    return smap


def _scan(text: str) -> Iterator[list[tuple[str, Position]]]:
    """Rows of (cell text, where the cell starts), by the same rules as the csv module's default dialect."""
    line, column = 1, 1
    row: list[tuple[str, Position]] = []
    cell: list[str] = []
    start = (1, 1)
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        index += 1
        if quoted:
            if char == '"' and text[index : index + 1] == '"':
                cell.append('"')
                index += 1
                column += 1
            elif char == '"':
                quoted = False
            else:
                cell.append(char)
        elif char == '"' and not cell:
            quoted = True
        elif char == ",":
            row.append(("".join(cell), start))
            cell, start = [], (line, column + 1)
        elif char in "\r\n":
            if char == "\r" and text[index : index + 1] == "\n":
                index += 1
            row.append(("".join(cell), start))
            yield row
            row, cell = [], []
            line, column = line + 1, 0
            start = (line, 1)
        else:
            cell.append(char)
        if char == "\n" and quoted:
            line, column = line + 1, 0
        column += 1
    if row or cell:
        row.append(("".join(cell), start))
        yield row
