"""`qingdan province`: 八统一 across the districts of a province, on DuckDB.

DIR holds one folder per district (`districts.py`); each is staged as Parquet with its validation summary,
cached by content (`staging.py`); the catalogue is chosen (`catalogue.py`); DuckDB runs the SQL of `sql.py`
(`engine.py`, `run.py`); the tables are written as HTML (`site.py`), JSON, CSV or a DuckDB file (`formats.py`),
built beside the destination and kept in the cache whole (`output.py`); `report.py` is the one call the CLI makes.
"""

from enum import StrEnum


class Format(StrEnum):
    """What `province --format` writes. Here, not beside the writers: the CLI names it when the command is
    declared, and importing the writers (DuckDB, the models, the publication) took 0.5 s of every command."""

    html = "html"
    json = "json"
    csv = "csv"
    duckdb = "duckdb"
