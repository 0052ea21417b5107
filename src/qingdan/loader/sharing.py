"""Memory: what a million records can share.

pydantic gives every model instance its own set of the names of the fields it was given (200 to 700 bytes);
records are frozen, so the set never changes, and records given the same fields can share one.
"""

from __future__ import annotations

import typing
from functools import cache
from typing import Any

from pydantic import BaseModel

_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def share_fields_sets(model: BaseModel) -> None:
    """Give the model (and the models in its fields) the one shared set of the names it was given: pydantic
    makes a set for each, 200 to 700 bytes, which is a third of the memory of a million items. Records are
    frozen, so nothing adds to these sets; a copy gets its own."""
    names = model.__pydantic_fields_set__
    shared = _FIELDS_SETS.setdefault(frozenset(names), names)
    if shared is not names:
        object.__setattr__(model, "__pydantic_fields_set__", shared)
    values = model.__dict__
    for name in _nesting(type(model)):
        value = values[name]
        if value.__class__ is list:
            for item in value:
                if isinstance(item, BaseModel):
                    share_fields_sets(item)
        elif isinstance(value, BaseModel):
            share_fields_sets(value)


@cache
def _nesting(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that may hold models."""
    return tuple(name for name, info in model.model_fields.items() if "BaseModel" in _bases_named(info.annotation))


def _bases_named(annotation: Any) -> set[str]:
    """The names of every class in an annotation and in their bases (`list[LegalBasis] | None` → …BaseModel…)."""
    found: set[str] = set()
    for part in (annotation, *typing.get_args(annotation)):
        if isinstance(part, type):
            found.update(base.__name__ for base in part.__mro__)
        elif part is not annotation:
            found |= _bases_named(part)
    return found
