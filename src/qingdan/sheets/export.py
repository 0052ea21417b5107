"""`qingdan export`: one record kind as a sheet, one record a row, ready for Excel.

Headers are the Chinese labels of SPEC §4 (or the English keys), taken from the models so they match what
`import` and the loader accept. Records are in registry order. A record that fails its schema cannot be
exported (there is no record to export): the result counts the errors, so the user is told the sheet is
incomplete.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from qingdan.loader.load import load_registry
from qingdan.loader.registry import Registry
from qingdan.models import PowerItem, Record
from qingdan.models.kinds import POWER, UNITS, AnyKind, kind_named
from qingdan.problems import Severity
from qingdan.sheets.cells import neutralise, record_cells, sheet_columns
from qingdan.sheets.errors import CommandError

FORMATS = ("csv", "xlsx")
HEADERS = ("zh", "en")


@dataclass(frozen=True)
class ExportResult:
    data: bytes
    records: int
    errors: int  # errors in the kind's files: records with errors are missing from the sheet


def export_sheet(
    root: Path, kind_name: str, *, fmt: str = "csv", header: str = "zh", unit: str | None = None
) -> ExportResult:
    kind = kind_named(kind_name)
    registry = load_registry(root)
    records = registry.of(kind)
    if unit is not None:
        if kind is not POWER:
            raise CommandError("export.unit_kind")
        if unit not in registry.by_key(UNITS):
            raise CommandError("export.unknown_unit", unit=unit)
        records = [record for record in records if isinstance(record, PowerItem) and record.unit == unit]
    head, rows = sheet_rows(records, kind, header)
    data = _csv_bytes(head, rows) if fmt == "csv" else _xlsx_bytes(head, rows, kind)
    return ExportResult(data, len(rows), _errors_in(registry, kind))


def sheet_rows(records: list[Record], kind: AnyKind, header: str = "zh") -> tuple[list[str], list[list[str]]]:
    """The header and the rows' cell texts, not yet neutralised."""
    columns = sheet_columns(kind.model)
    head = [column.label if header == "zh" else column.key for column in columns]
    rows = [
        record_cells(record.model_dump(by_alias=True, exclude_none=True), columns, record.key) for record in records
    ]
    return head, rows


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with a BOM (so Excel opens it as UTF-8), CRLF between rows, LF inside cells, as Excel writes."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return stream.getvalue().encode("utf-8-sig")


def _xlsx_bytes(header: list[str], rows: list[list[str]], kind: AnyKind) -> bytes:
    from qingdan.sheets.xlsx import write_xlsx

    return write_xlsx(header, rows, kind.title)


def _errors_in(registry: Registry, kind: AnyKind) -> int:
    files = {info.path for info in registry.files if info.kind == kind.name}
    return sum(1 for found in registry.problems if found.file in files and found.severity is Severity.ERROR)
