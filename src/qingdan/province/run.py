"""A province's report from its folder: the districts read, the catalogue chosen, DuckDB's tables, and the output
written in one of four formats."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qingdan.errors import QingdanError, UsageError
from qingdan.province import catalogue as catalogues
from qingdan.province.districts import district_folders
from qingdan.province.engine import connected, load
from qingdan.province.sql import BY_NAME, REPORT_TABLES
from qingdan.province.staging import District, stage

if TYPE_CHECKING:
    import duckdb


@dataclass
class Province:
    folder: Path
    districts: list[District]
    skipped: list[QingdanError]
    catalogue: catalogues.Chosen
    connection: Any = field(default=None, repr=False)  # duckdb's connection, once the tables are there

    def rows(self, table: str, where: str = "", *parameters: object, limit: int | None = None) -> list[dict[str, Any]]:
        """A report table's rows in its order (the first `limit`), as mappings; `where` filters with `?`
        parameters."""
        order = BY_NAME[table].order
        query = f"SELECT * FROM {table}{f' WHERE {where}' if where else ''}{f' ORDER BY {order}' if order else ''}"
        query += f" LIMIT {int(limit)}" if limit is not None else ""
        cursor = self.connection.execute(query, list(parameters))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def count(self, table: str, column: str | None = None) -> int:
        """A report table's rows, or the distinct values of its `column`."""
        counted = f"count(DISTINCT {column})" if column else "count(*)"
        found = self.connection.execute(f"SELECT {counted} FROM {table}").fetchone()
        return int(found[0]) if found else 0

    def grouped(self, table: str, key: str, where: str = "", *parameters: object) -> dict[Any, list[dict[str, Any]]]:
        groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for row in self.rows(table, where, *parameters):
            groups[row[key]].append(row)
        return groups

    @property
    def failed(self) -> bool:
        """Exit 1: a folder left out, or a district with validation errors."""
        return bool(self.skipped) or any(district.errors for district in self.districts)


def read_province(folder: Path, catalogue: Path | None) -> Province:
    """The districts staged (from the cache where they did not change) and the catalogue chosen."""
    found, skipped = district_folders(folder)
    districts, not_staged = stage(found)
    _no_twins(districts)
    if not districts:
        raise UsageError("province.none_read", path=str(folder))
    chosen = catalogues.choose(catalogue, districts)
    return Province(folder, districts, [*skipped, *not_staged], chosen)


def _no_twins(districts: list[District]) -> None:
    by_code: dict[str, list[District]] = defaultdict(list)
    for district in districts:
        by_code[district.code].append(district)
    for code, group in by_code.items():
        if len(group) > 1:
            folders = ", ".join(str(district.folder) for district in group)
            raise UsageError("province.twins", code=code, folders=folders)


@contextmanager
def computed(province: Province, database: Path | None = None) -> Iterator[Province]:
    """The tables computed by DuckDB in a scratch folder (`database`: keep them there as views instead, over a
    copy of the base tables, for analysts)."""
    with tempfile.TemporaryDirectory(prefix="qingdan-province-") as scratch:
        target = database or Path(scratch) / "province.duckdb"
        with connected(target, Path(scratch)) as connection:
            load(connection, province.districts, catalogues.tables(province.catalogue), materialize=database is None)
            province.connection = connection
            try:
                yield province
            finally:
                province.connection = None


def table_names() -> tuple[str, ...]:
    return REPORT_TABLES


def summary_row(connection: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """(districts, items, entries differing in some district), for the closing line."""
    districts, items = connection.execute("SELECT count(*), sum(items) FROM district_summary").fetchone() or (0, 0)
    differing = connection.execute("SELECT count(*) FROM entry_summary WHERE differing > 0").fetchone() or (0,)
    return int(districts), int(items or 0), int(differing[0])
