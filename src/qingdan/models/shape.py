"""What the models say about a record's keys: their order in files, the mappings nested in them, and which
hold numbers or dates. Derived from the models, like the columns, so they cannot drift apart."""

from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel

Keys = tuple[str, ...]


@cache
def field_order(model: type[BaseModel]) -> tuple[str, ...]:
    """Keys as written in files, in the model's order (key first), the free-text `note` last."""
    names = [info.alias or name for name, info in model.model_fields.items()]
    return tuple(sorted(names, key=lambda name: name == "note"))


@cache
def submodel(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model of the mapping (or of each mapping in the list) a key holds, if it holds mappings."""
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            inner = unwrap(info.annotation)
            return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
    return None


@cache
def typed_paths(model: type[BaseModel]) -> frozenset[Keys]:
    """Key paths (list positions left out) whose values are integers, decimals or dates."""
    found: set[Keys] = set()
    for name, info in model.model_fields.items():
        key = info.alias or name
        inner = unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found.update((key, *path) for path in typed_paths(inner))
        elif inner in (int, Decimal, date):
            found.add((key,))
    return frozenset(found)


def unwrap(annotation: object) -> object:
    """`Annotated[list[X] | None, ...]` → X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated or origin is list:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            # `str | Fee`: the mapping's model, whose keys have an order
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            models = [arg for arg in options if isinstance(arg, type) and issubclass(arg, BaseModel)]
            annotation = (models or options)[0]
        else:
            return annotation


def ordered(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """The data with its keys (and those of nested mappings) in file order; unknown keys last."""
    rank = {key: index for index, key in enumerate(field_order(model))}
    result: dict[str, Any] = {}
    for key in sorted(data, key=lambda name: rank.get(name, len(rank))):
        value, inner = data[key], submodel(model, key)
        if inner is not None and isinstance(value, dict):
            value = ordered(inner, value)
        elif inner is not None and isinstance(value, list):
            value = [ordered(inner, entry) if isinstance(entry, dict) else entry for entry in value]
        result[key] = value
    return result
