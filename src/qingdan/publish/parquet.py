"""The open-data tables as Parquet files, one per kind, for DuckDB, pandas or Spark (SPEC §8.1): the columns of
the Data Package, typed (dates as dates, weights as decimals, lists as lists of strings).

pyarrow is imported here only, so the other commands do not pay for it."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from qingdan.loader.registry import Registry
from qingdan.publish.model import Edition
from qingdan.publish.opendata import Field, Table, open_data

SUFFIX = ".parquet"
# Each file says whose lists it holds, so that `qingdan province` can tell districts apart whatever their folders
# are called (key-value metadata of the Parquet file).
REGION_CODE, REGION_NAME = "qingdan.region.code", "qingdan.region.name"
# Weights and scores: at most two places (SPEC §2); 12 digits leave room for any count or amount.
DECIMAL_PRECISION, DECIMAL_SCALE = 12, 2


def write_parquet(
    registry: Registry,
    out_dir: Path,
    edition: Edition = Edition.STANDARD,
    only: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Path]:
    """A Parquet file per published kind in `out_dir` (`only`: just these kinds and columns, see `open_data`),
    written atomically; returns the files."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from qingdan.writing.atomic import write_bytes

    written = []
    region = registry.settings.region
    metadata = {REGION_CODE: region.code, REGION_NAME: region.name}
    for table in open_data(registry, edition, only):
        fields = [(field.name, _arrow_type(pa, field)) for field in table.fields]
        schema = pa.schema(fields, metadata=metadata)
        columns = [[_arrow_value(field, row[index]) for row in table.rows] for index, field in enumerate(table.fields)]
        arrow_table = pa.Table.from_arrays(
            [pa.array(values, type=kind) for values, kind in zip(columns, schema.types, strict=True)], schema=schema
        )
        sink = pa.BufferOutputStream()
        pq.write_table(arrow_table, sink, compression="zstd")
        target = out_dir / f"{table.kind.name}{SUFFIX}"
        write_bytes(target, sink.getvalue().to_pybytes())
        written.append(target)
    return written


def _arrow_type(pa: Any, field: Field) -> Any:
    if field.is_list:
        return pa.list_(pa.string())
    return {
        "date": pa.date32(),
        "integer": pa.int64(),
        "number": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
    }.get(field.kind, pa.string())


def _arrow_value(field: Field, value: Any) -> Any:
    if field.kind == "number" and isinstance(value, Decimal):
        return value.quantize(Decimal(1).scaleb(-DECIMAL_SCALE))
    return value


__all__ = ["REGION_CODE", "REGION_NAME", "SUFFIX", "Table", "write_parquet"]
