"""The SQL of `province/sql.py` on an embedded DuckDB: the base tables over the districts' Parquet files, then
every view, either kept as views (the `--format duckdb` file, for analysts) or computed once into tables (the
reports read each several times).

DuckDB runs in a bounded space: two threads (the machine's two cores), a memory limit of 1 GiB, spilling to a
temporary folder beyond it; the work is done in a database file in that folder, not in memory, so the country
(14,000,000 items) stays within 2 GiB.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qingdan.models.kinds import POWER, UNITS
from qingdan.province.districts import POWER_COLUMNS, UNIT_COLUMNS
from qingdan.province.sql import VIEWS
from qingdan.province.staging import District

MEMORY_LIMIT = "1GB"
DISTRICT_COLUMNS = ("district", "name", "source", "synthetic", "errors", "warnings")

if TYPE_CHECKING:
    import duckdb


@contextmanager
def connected(database: Path, scratch: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    import duckdb

    threads = max(1, min(2, os.cpu_count() or 1))
    config: dict[str, str | bool | int | float | list[str]] = {
        "threads": threads,
        "memory_limit": MEMORY_LIMIT,
        "temp_directory": str(scratch),
    }
    connection = duckdb.connect(str(database), config=config)
    # The views read the districts' files several times; without the cache every read opens 2,800 footers
    # again (0.5 s of a count(*) over the country's 14,000,000 items, 0.03 s with it).
    connection.execute("SET parquet_metadata_cache = true")
    try:
        yield connection
    finally:
        connection.close()


def load(
    connection: duckdb.DuckDBPyConnection,
    districts: list[District],
    catalogue: dict[str, Any],
    *,
    materialize: bool,
) -> None:
    """The base tables, then every view: as views over copied base tables (`materialize=False`, a file to keep),
    or as tables computed once over the Parquet files where they lie."""
    _base(connection, districts, catalogue, copy=not materialize)
    for view in VIEWS:
        kind = "TABLE" if materialize and view.stored else "VIEW"
        connection.execute(f"CREATE {kind} {view.name} AS {view.query}")


def _base(
    connection: duckdb.DuckDBPyConnection, districts: list[District], catalogue: dict[str, Any], copy: bool
) -> None:
    import pyarrow as pa

    rows: dict[str, list[Any]] = {
        "district": [d.code for d in districts],
        "name": [d.name for d in districts],
        "source": [d.shape.value for d in districts],
        "synthetic": [d.synthetic for d in districts],
        "errors": [d.errors for d in districts],
        "warnings": [d.warnings for d in districts],
    }
    kinds = (POWER.name, UNITS.name)
    files: dict[str, list[Any]] = {
        "file": [str(d.files[kind]) for d in districts for kind in kinds],
        "district": [d.code for d in districts for _ in kinds],
    }
    tables = {"districts": pa.table(rows), "district_files": pa.table(files), **catalogue}
    for name, arrow in tables.items():
        connection.register(f"{name}_rows", arrow)
        connection.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_rows")
        connection.unregister(f"{name}_rows")
    kind = "TABLE" if copy else "VIEW"
    for kind_name, columns in ((POWER.name, POWER_COLUMNS), (UNITS.name, UNIT_COLUMNS)):
        paths = [str(d.files[kind_name]) for d in districts]
        connection.execute(f"CREATE {kind} {kind_name} AS {_read(columns, paths)}")


def _read(columns: tuple[str, ...], paths: list[str]) -> str:
    listed = ", ".join("'" + path.replace("'", "''") + "'" for path in paths) or "''"
    selected = ", ".join(f"t.{column}" for column in columns)
    return (
        f"SELECT f.district, {selected} FROM read_parquet([{listed}], filename = true, union_by_name = true) t "
        f"JOIN district_files f ON f.file = t.filename"
    )
