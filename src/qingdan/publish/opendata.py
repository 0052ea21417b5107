"""The lists as open data (SPEC §8.1): a Frictionless Data Package (`datapackage.json`, a Table Schema per kind,
one UTF-8 CSV per kind) and the same tables as Parquet (`qingdan.publish.parquet`).

What is published is what the site shows: every kind the edition publishes (personnel changes never), with the
fields it publishes (`Kind.public`, read through `publish.public`: assessment results as id, assessment, subject
and grade; the simple edition's power items as code, name, type and unit, and no legal basis of any kind);
power items only while active and of an active unit, every unit (revoked ones too, since older records name
them), every record of the other kinds.

Columns are the kind's flat columns (`review.meeting` becomes the field `review_meeting`, titled 审议.会议). A
list is one value per line in its CSV cell (a legal basis as its citation, a party weight as `区级部门:60:gaj`)
and a list of strings in Parquet. Primary keys are the kinds' keys; foreign keys are the references the kind
table declares, which the checks guarantee, so a registry without errors gives a package that validates.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from qingdan.loader.registry import Registry
from qingdan.models import PowerItem, Record
from qingdan.models.columns import Column, line_text, text_of
from qingdan.models.kinds import BY_NAME, KINDS, POWER, UNITS, AnyKind
from qingdan.models.public import Public
from qingdan.models.shape import unwrap
from qingdan.publish.model import Edition
from qingdan.publish.output import write_public
from qingdan.publish.public import public_records

DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class Field:
    column: Column
    kind: str  # Table Schema type: string, integer, number, date

    @property
    def name(self) -> str:
        return "_".join(str(part) for part in self.column.path)

    @property
    def is_list(self) -> bool:
        return self.column.is_list


@dataclass(frozen=True)
class Table:
    kind: AnyKind
    fields: tuple[Field, ...]
    rows: tuple[tuple[Any, ...], ...]  # typed values (str, int, Decimal, date, list[str] or None)


def open_data(
    registry: Registry, edition: Edition = Edition.STANDARD, only: Mapping[str, tuple[str, ...]] | None = None
) -> list[Table]:
    """The published tables of a registry, one per published kind, in the kind table's order; `only`: just the
    kinds it names, with just the columns it lists for each (a subset of what is published)."""
    tables = []
    for kind in KINDS:
        public = kind.public(edition)
        if public.empty:
            continue
        if only is not None and kind.name not in only:
            continue
        wanted = only[kind.name] if only is not None else None
        fields = tuple(field for field in _fields(kind, public) if wanted is None or field.column.key in wanted)
        records = public_records(kind, _published(registry, kind), edition, registry.settings.grades)
        rows = tuple(tuple(_value(data, field) for field in fields) for data in _dumped(records))
        tables.append(Table(kind, fields, rows))
    return tables


def _published(registry: Registry, kind: AnyKind) -> list[Record]:
    if kind is not POWER:
        return list(registry.of(kind))
    units = registry.by_key(UNITS)
    active_units = {ident for ident, unit in units.items() if unit.active}
    return [
        item for item in registry.of(POWER) if isinstance(item, PowerItem) and item.active and item.unit in active_units
    ]


def _dumped(records: tuple[Record, ...]) -> list[dict[str, Any]]:
    return [record.model_dump(by_alias=True, exclude_none=True) for record in records]


def _fields(kind: AnyKind, public: Public) -> tuple[Field, ...]:
    columns = [column for column in kind.columns if public.shows(column.key)]
    columns.sort(key=lambda column: column.path == ("note",))  # the key first as in the model, the note last
    return tuple(Field(column, _schema_type(kind.model, column)) for column in columns)


def _schema_type(model: type[BaseModel], column: Column) -> str:
    if column.is_list:
        return "string"
    annotation: Any = model
    for part in column.path:
        fields = annotation.model_fields
        info = fields.get(str(part)) or next(info for info in fields.values() if info.alias == part)
        annotation = unwrap(info.annotation)
    if isinstance(annotation, type) and issubclass(annotation, bool):
        return "string"
    for python_type, name in ((date, "date"), (int, "integer"), (Decimal, "number")):
        if isinstance(annotation, type) and issubclass(annotation, python_type):
            return name
    return "string"


def _value(data: dict[str, Any], field: Field) -> Any:
    value: Any = data
    for part in field.column.path:
        value = value.get(str(part)) if isinstance(value, dict) else None
    if value is None:
        return None
    if field.is_list:
        return [line_text(entry, field.column) for entry in value]
    if isinstance(value, dict):  # the text column of a field that holds a mapping here (a fee's basis, standard)
        return None
    if field.kind == "string":
        return text_of(value)
    return value


# --- the Data Package ---------------------------------------------------------------------------------------------


def write_datapackage(registry: Registry, out_dir: Path, edition: Edition = Edition.STANDARD) -> list[Path]:
    """`datapackage.json` and a CSV per kind in `out_dir`; returns the files written, the descriptor first."""
    tables = open_data(registry, edition)
    written = [write_public(out_dir / f"{table.kind.name}.csv", _csv(table)) for table in tables]
    descriptor = json.dumps(descriptor_of(registry, tables), ensure_ascii=False, indent=2) + "\n"
    return [write_public(out_dir / DESCRIPTOR, descriptor.encode("utf-8")), *written]


def descriptor_of(registry: Registry, tables: list[Table]) -> dict[str, Any]:
    region = registry.settings.region
    names = {table.kind.name for table in tables}
    return {
        "profile": "tabular-data-package",
        "name": f"qingdan-{region.code}",
        "title": f"{region.name}权责清单",
        "resources": [_resource(table, names) for table in tables],
    }


def _resource(table: Table, names: set[str]) -> dict[str, Any]:
    kind = table.kind
    field_names = {field.name for field in table.fields}
    schema: dict[str, Any] = {"fields": [_field_schema(field) for field in table.fields]}
    if kind.key_field in field_names:
        schema["primaryKey"] = [kind.key_field]
    foreign = [
        {"fields": [name], "reference": {"resource": target, "fields": [BY_NAME[target].key_field]}}
        for name, target in kind.references
        if name in field_names and target in names
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": kind.name,
        "title": kind.title,
        "description": kind.title_en,
        "path": f"{kind.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def _field_schema(field: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"name": field.name, "title": field.column.label, "type": field.kind}
    if field.is_list:
        schema["description"] = "one value per line"
    return schema


def _csv(table: Table) -> bytes:
    """Plain UTF-8 (no BOM: this is data for programs; the spreadsheets of `export --kind` have one), LF inside
    cells, CRLF between rows as RFC 4180 says."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([field.name for field in table.fields])
    for row in table.rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = "\n".join(value) if isinstance(value, list) else text_of(value)
    # Hostile text stays inert when someone opens the CSV in a spreadsheet (SPEC §9), as in every CSV qingdan
    # writes: a leading ' on a value a spreadsheet would evaluate. Parquet keeps the value as it is.
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
