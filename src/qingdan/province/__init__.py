"""`qingdan province`: 八统一 across the districts of a province, on DuckDB.

DIR holds one folder per district (`districts.py`); each is staged as Parquet with its validation summary,
cached by content (`staging.py`); the catalogue is chosen (`catalogue.py`); DuckDB runs the SQL of `sql.py`
(`engine.py`); the tables are read into a `Province` (`tables.py`) and written as HTML, JSON, CSV or a DuckDB
file (`formats.py`, `site.py`).
"""
