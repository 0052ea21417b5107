"""Editing a registry CSV file (power/*.csv and the like) in place.

Only the rows of changed records are written anew, and in them only the changed cells; every other row
keeps its bytes, the header keeps its order, and the file keeps its encoding (UTF-8, with or without BOM,
or GB18030) and its line ends. These are registry files, read by the loader as data: no `'` marks here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from qingdan.models import Record
from qingdan.models.columns import header_map
from qingdan.models.shape import Keys
from qingdan.parsing import csvdoc
from qingdan.sheets.errors import CommandError

BOM = b"\xef\xbb\xbf"


@dataclass
class CsvTable:
    encoding: str
    bom: bool
    newline: str
    chunks: list[str]  # the text of each CSV record, its line end included; the header among them
    paths: list[Keys | None]  # the field path of each header cell (None: not a known column)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # data rows: (chunk index, cells)

    def columns_under(self, name: str) -> list[int]:
        return [index for index, path in enumerate(self.paths) if path and path[0] == name]

    def set_cells(self, row: int, cells: dict[int, str]) -> None:
        chunk, values = self.rows[row]
        values = list(values) + [""] * (len(self.paths) - len(values))
        for index, text in cells.items():
            values[index] = text
        ending = self.chunks[chunk][len(self.chunks[chunk].rstrip("\r\n")) :] or self.newline
        self.chunks[chunk] = _line(values, ending)
        self.rows[row] = (chunk, values)

    def append(self, cells: dict[int, str]) -> int:
        if self.chunks and not self.chunks[-1].endswith(("\n", "\r")):
            self.chunks[-1] += self.newline
        values = [cells.get(index, "") for index in range(len(self.paths))]
        self.chunks.append(_line(values, self.newline))
        self.rows.append((len(self.chunks) - 1, values))
        return len(self.rows) - 1

    def render(self) -> bytes:
        return (BOM if self.bom else b"") + "".join(self.chunks).encode(self.encoding)


def load(raw: bytes, model: type[Record], shown: str) -> CsvTable:
    text, encoding, failure = csvdoc.decode(raw)
    if text is None:
        raise CommandError(failure.key if failure else "QD001.csv_encoding", where=shown)
    lines = io.StringIO(text, newline="").readlines()
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    reader = csv.reader(iter(lines), strict=True)
    chunks: list[str] = []
    records: list[list[str]] = []
    start = 0
    for record in reader:
        chunks.append("".join(lines[start : reader.line_num]))
        records.append(record)
        start = reader.line_num
    chunks.extend(lines[start:])
    by_header = header_map(model)
    table = CsvTable(encoding, raw.startswith(BOM), newline, chunks, [])
    filled = [index for index, record in enumerate(records) if any(cell.strip() for cell in record)]
    if filled:
        header = records[filled[0]]
        table.paths = [_path(by_header.get(cell.strip())) for cell in header]
        table.rows = [(index, records[index]) for index in filled[1:]]
    return table


def new_table(labels: list[str], model: type[Record]) -> CsvTable:
    """A new CSV file: Chinese labels, UTF-8 with a BOM and CRLF, as Excel would save it."""
    by_header = header_map(model)
    return CsvTable("utf-8", True, "\r\n", [_line(labels, "\r\n")], [_path(by_header.get(label)) for label in labels])


def _path(path: tuple[str | int, ...] | None) -> Keys | None:
    return tuple(str(part) for part in path) if path else None


def _line(values: list[str], ending: str) -> str:
    stream = io.StringIO(newline="")
    csv.writer(stream, lineterminator=ending).writerow(values)
    return stream.getvalue()
