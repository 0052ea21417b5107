"""The flat columns of a record kind, for CSV headers: English keys or Chinese labels, dotted for nested
mappings (`review.meeting` / `审议.会议`). Derived from the models, so headers can never drift from them.

A list of small mappings (an assessment's parties) is one column whose cell holds a line per entry, its fields
joined by `:` in the order the entry's model gives in `LINE_FIELDS` (`区级部门:60:gaj`); the last field may
itself hold `:`. A model without `LINE_FIELDS` cannot stand in a cell. An entry of one of two forms (an
assessment result's score: `{party, score}` or `{indicator, score}`) also gives `LINE_OTHERWISE`, the fields of a
line whose first part is not a term of the first field's vocabulary (`区级部门:92.5`, but `群众满意度测评:9.2`).
Legal bases are citation strings, one a line. A field that is either text or a mapping (a guide's fee: `不收费`,
or its basis and standard) has a column for the text and the mapping's dotted columns beside it."""

from __future__ import annotations

import types
import typing
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

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
    line_otherwise: tuple[str, ...] | None = None  # the fields of a line whose first part is not in line_terms
    line_terms: frozenset[str] = frozenset()
    citations: bool = False  # a list of legal bases, each written as a citation string

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
        mapping = _text_or_mapping(info.annotation)
        if mapping is not None:
            result.append(Column((key,), label, False))
            result += _nested(key, label, mapping)
        elif isinstance(inner, type) and issubclass(inner, BaseModel) and not is_list:
            result += _nested(key, label, inner)
        elif isinstance(inner, type) and issubclass(inner, LegalBasis):
            result.append(Column((key,), label, is_list, citations=True))
        elif isinstance(inner, type) and issubclass(inner, BaseModel) and hasattr(inner, "LINE_FIELDS"):
            example = str(getattr(inner, "LINE_EXAMPLE", ""))
            names = tuple(inner.LINE_FIELDS)
            otherwise = getattr(inner, "LINE_OTHERWISE", None)
            terms = _terms(inner, names[0]) if otherwise else frozenset()
            result.append(Column((key,), label, is_list, names, example, otherwise and tuple(otherwise), terms))
        else:
            result.append(Column((key,), label, is_list, citations=is_list and inner is LegalBasis))
    return tuple(result)


def _nested(key: str, label: str, model: type[BaseModel]) -> list[Column]:
    return [replace(child, path=(key, *child.path), label=f"{label}.{child.label}") for child in columns_of(model)]


def _text_or_mapping(annotation: object) -> type[BaseModel] | None:
    """The model of a field that holds either text or that model's mapping (`str | Fee`), else None."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return None
    options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    models = [arg for arg in options if isinstance(arg, type) and issubclass(arg, BaseModel)]
    return models[0] if len(options) == 2 and len(models) == 1 and str in options else None


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


def line_entry(line: str, column: Column) -> dict[str, str] | None:
    """A cell line of a list-of-mappings column as a mapping, in the form its first part says."""
    assert column.line_fields is not None
    entry = line_record(line, column.line_fields)
    first = entry.get(column.line_fields[0]) if entry else None
    if entry and column.line_otherwise and unicodedata.normalize("NFKC", first or "").strip() not in column.line_terms:
        return line_record(line, column.line_otherwise)
    return entry


def line_names(entry: dict[str, object], column: Column) -> tuple[str, ...]:
    """The fields an entry's line is written with (the other form when it lacks the first field)."""
    assert column.line_fields is not None
    if column.line_otherwise and entry.get(column.line_fields[0]) is None:
        return column.line_otherwise
    return column.line_fields


def _terms(model: type[BaseModel], name: str) -> frozenset[str]:
    vocabulary, _ = _unwrap(model.model_fields[name].annotation)
    if isinstance(vocabulary, type) and issubclass(vocabulary, Enum):
        return frozenset(str(member.value) for member in vocabulary)
    return frozenset()


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


def text_of(value: Any) -> str:
    """A model value as the text a clerk would write: vocabulary terms, ISO dates, decimals as written."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def line_text(entry: Any, column: Column) -> str:
    """One entry of a list column as the line its cell holds: a legal basis as its citation, a small mapping in
    its line form (trailing empty parts left out), anything else as text."""
    if column.citations and isinstance(entry, dict | LegalBasis):
        return LegalBasis.model_validate(entry).citation
    if column.line_fields is None or not isinstance(entry, dict):
        return text_of(entry)
    return SEPARATOR.join(line_parts(entry, column))


def line_parts(entry: dict[str, Any], column: Column) -> list[str]:
    """The parts of a small mapping's line, in its line form, trailing empty parts left out."""
    parts = [text_of(entry.get(name)) if entry.get(name) is not None else "" for name in line_names(entry, column)]
    while parts and not parts[-1]:
        parts.pop()
    return parts
