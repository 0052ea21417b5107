"""Vocabulary values written in a full-width or variant form (街道（镇）) are normalised, with a warning.

What a key may hold is read off the record's model: a vocabulary (`Vocabulary` enum) or fixed terms a text field
accepts (`Terms`), for the model's own keys and those of the mappings nested in it. A kind's vocabularies are
declared with its model and nowhere else.
"""

from __future__ import annotations

import types
import typing
import unicodedata
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel

from qingdan.models.common import Terms
from qingdan.problems import Path

# what a key accepts: its terms, and the model of the mappings it holds (if it holds any)
Accepts = tuple[frozenset[str], type[BaseModel] | None]


def normalise(record: dict[str, Any], model: type[BaseModel], path: Path = ()) -> list[tuple[Path, str, str]]:
    """Rewrite variant vocabulary values in place; return (path, written, normalised) for each."""
    changes: list[tuple[Path, str, str]] = []
    for key, value in record.items():
        terms, inner = accepted(model).get(key, (frozenset(), None))
        if isinstance(value, str) and (fixed := _fixed(value, terms)):
            record[key] = fixed
            changes.append(((*path, key), value, fixed))
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, dict) and inner is not None:
                    changes += normalise(element, inner, (*path, key, index))
                elif isinstance(element, str) and (fixed := _fixed(element, terms)):
                    value[index] = fixed
                    changes.append(((*path, key, index), element, fixed))
        elif isinstance(value, dict) and inner is not None:
            changes += normalise(value, inner, (*path, key))
    return changes


@cache
def accepted(model: type[BaseModel]) -> dict[str, Accepts]:
    """Each key of the model (as written in files) → the terms it accepts and the model of its mappings."""
    return {info.alias or name: _walk(info.annotation, info.metadata) for name, info in model.model_fields.items()}


def _walk(annotation: Any, metadata: list[Any]) -> Accepts:
    terms = frozenset(value for marker in metadata if isinstance(marker, Terms) for value in marker.values)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *more = typing.get_args(annotation)
        found, model = _walk(inner, more)
        return terms | found, model
    if origin in (typing.Union, types.UnionType, list):
        results = [_walk(arg, []) for arg in typing.get_args(annotation)]
        models = [model for _, model in results if model is not None]
        return terms.union(*(found for found, _ in results)), (models[0] if models else None)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return terms | {str(member.value) for member in annotation}, None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return terms, annotation
    return terms, None


def _fixed(value: str, allowed: frozenset[str]) -> str | None:
    if not allowed or value in allowed:
        return None
    candidate = unicodedata.normalize("NFKC", value).strip()
    return candidate if candidate in allowed else None
