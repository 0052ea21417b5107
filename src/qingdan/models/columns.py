"""The flat columns of a record kind, for CSV headers: English keys or Chinese labels, dotted for nested
mappings (`review.meeting` / `审议.会议`). Derived from the models, so headers can never drift from them.

A list of small mappings (an assessment's parties) is one column whose cell holds a line per entry, its fields
joined by `:` in the order the entry's model gives in `LINE_FIELDS` (`区级部门:60:gaj`); the last field may
itself hold `:`. A model without `LINE_FIELDS` cannot stand in a cell."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from qingdan.models.legal_basis import LegalBasis
from qingdan.problems import Path

SEPARATOR = ":"


@dataclass(frozen=True)
class Column:
    path: Path  # ("review", "meeting")
    label: str  # 审议.会议
    is_list: bool
    line_fields: tuple[str, ...] | None = None  # a list of mappings: the fields of each line, in order
    line_example: str = ""  # what such a line looks like, for messages
    citations: bool = False  # a list of legal bases, one citation string per line

    @property
    def key(self) -> str:
        return ".".join(str(part) for part in self.path)


@cache
def columns_of(model: type[BaseModel]) -> tuple[Column, ...]:
    result: list[Column] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        label = info.title or key
        inner, is_list = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel) and not is_list:
            result += [
                Column((key, *child.path), f"{label}.{child.label}", child.is_list, child.line_fields)
                for child in columns_of(inner)
            ]
        elif isinstance(inner, type) and issubclass(inner, BaseModel) and hasattr(inner, "LINE_FIELDS"):
            example = str(getattr(inner, "LINE_EXAMPLE", ""))
            result.append(Column((key,), label, is_list, tuple(inner.LINE_FIELDS), example))
        else:
            result.append(Column((key,), label, is_list, citations=is_list and inner is LegalBasis))
    return tuple(result)


def columns_for(model: type[BaseModel]) -> dict[Path, Column]:
    """Column path → its column."""
    return {column.path: column for column in columns_of(model)}


def line_record(line: str, names: tuple[str, ...]) -> dict[str, str] | None:
    """`区级部门:60:gaj` → {party, weight, assessor}; None if the line has too few parts. The last part (a name
    or a text) is kept as written, `:` included."""
    parts = line.split(SEPARATOR, len(names) - 1)
    parts = [part.strip() for part in parts[:-1]] + parts[-1:]
    if len(parts) < 2 and len(names) > 1:
        return None
    return {name: part for name, part in zip(names, parts, strict=False) if part}


def header_map(model: type[BaseModel]) -> dict[str, Path]:
    """Every header text a clerk may write (key or label) → the column's path."""
    mapping: dict[str, Path] = {}
    for column in columns_of(model):
        mapping[column.key] = column.path
        mapping[column.label] = column.path
    return mapping


def _unwrap(annotation: object) -> tuple[object, bool]:
    """`list[X] | None` → (X, True); `X | None` → (X, False)."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = options[0]
        elif origin is list:
            is_list = True
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, is_list
