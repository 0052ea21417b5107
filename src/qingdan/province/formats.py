"""The province report as JSON (one document, every table), CSV (a folder, one file per table, for Excel) and a
DuckDB database file (the base tables and every view, for analysts)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from qingdan.province.run import Province, computed, summary_row, table_names
from qingdan.reporters.diff.csv_report import BOM, safe_cell

VERSION = 1


def as_json(province: Province, lang: str) -> str:
    document: dict[str, Any] = {
        "version": VERSION,
        "catalogue": str(province.catalogue.path) if province.catalogue.path else None,
        "skipped": [reason.localized(lang) for reason in province.skipped],
    }
    for table in table_names():
        document[table] = province.rows(table)
    return json.dumps(document, ensure_ascii=False, indent=1, default=str) + "\n"


def write_csv(province: Province, out: Path) -> list[Path]:
    """One CSV per table in `out` (UTF-8 with a BOM, formula-like cells made inert, as every CSV qingdan writes)."""
    written = []
    for table in table_names():
        rows = province.rows(table)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        cursor = province.connection.execute(f"SELECT * FROM {table} LIMIT 0")
        writer.writerow([column[0] for column in cursor.description])
        writer.writerows([safe_cell(_text(value)) for value in row.values()] for row in rows)
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{table}.csv").write_bytes((BOM + buffer.getvalue()).encode("utf-8"))
        written.append(out / f"{table}.csv")
    return written


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def write_database(province: Province, out: Path) -> tuple[int, int, int]:
    """A DuckDB file with the base tables copied in and every table of the report as a view over them; returns
    the closing line's counts, read from it."""
    with computed(province, database=out) as done:
        return summary_row(done.connection)
