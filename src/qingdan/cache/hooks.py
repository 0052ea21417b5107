"""Hooks on the record models while checks run: which fields of a kind's records a global check reads, and
partial records (`partial`) filled in before anything reads what they lack.

A field is read through a descriptor put on the model class until it is first read: then its name is written
down and the descriptor takes itself off, so that every later read costs nothing (the fields of a record live
in its `__dict__`, where an ordinary read finds them). What reads a record as a whole — comparing it, hashing
it, dumping it, pydantic's own methods — is wrapped too. Everything is put back on leaving.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from qingdan.cache.tracing import WHOLE, Reads
from qingdan.models import Record
from qingdan.models.kinds import KINDS

Materializer = Callable[[Record], bool]  # fills in a partial record; False if it was not one
_WHOLE_RECORD = (
    "__eq__", "__hash__", "__iter__", "__repr__", "__str__", "__repr_args__", "model_dump", "model_dump_json",
    "model_copy", "__copy__", "__deepcopy__", "__getstate__", "__rich_repr__", "__pretty__",
)  # fmt: skip
_ABSENT = object()


class _FieldReader:
    """A field of a record model, read through this descriptor until it is first read: then it writes the
    field's name down and takes itself off the class, so that every later read costs nothing."""

    __slots__ = ("fields", "materialize", "model", "name", "original")

    def __init__(self, model: type, name: str, fields: list[set[str]], materialize: Materializer | None) -> None:
        self.model = model
        self.name = name
        self.fields = fields  # the field sets of the kinds whose model this is
        self.materialize = materialize
        self.original = model.__dict__.get(name, _ABSENT)

    def __get__(self, record: Any, owner: type | None = None) -> Any:
        if record is None:
            return self
        self.restore()
        for names in self.fields:
            names.add(self.name)
        if self.name not in record.__dict__ and self.materialize is not None:
            self.materialize(record)
        try:
            return record.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None

    def __set__(self, record: Any, value: Any) -> None:
        raise AttributeError(self.name)  # records are read-only

    def restore(self) -> None:
        if self.model.__dict__.get(self.name) is self:
            if self.original is _ABSENT:
                delattr(self.model, self.name)
            else:
                setattr(self.model, self.name, self.original)


def _wrap_whole(original: Callable[..., Any], fields: list[set[str]] | None, materialize: Materializer | None) -> Any:
    def whole(record: Any, *args: Any, **kwargs: Any) -> Any:
        if fields is not None:
            for names in fields:
                names.add(WHOLE)
        if materialize is not None:
            materialize(record)
            for other in args:  # the other side of ==
                if isinstance(other, Record):
                    materialize(other)
        return original(record, *args, **kwargs)

    return whole


@contextmanager
def record_hooks(reads: Reads | None, materialize: Materializer | None) -> Iterator[None]:
    """While inside: the fields of records read are written down in `reads` (if given), and a partial record
    is filled in (by `materialize`) before anything reads a field it lacks."""
    models: dict[type[Record], list[str]] = {}
    for kind in KINDS:
        models.setdefault(kind.model, []).append(kind.name)
    patched: list[tuple[type, str, Any]] = []
    readers: list[_FieldReader] = []
    try:
        for model, kinds in models.items():
            fields = [reads.fields.setdefault(kind, set()) for kind in kinds] if reads is not None else None
            patched += _patch_model(model, fields, materialize)
            if fields is not None:
                for name in model.model_fields:
                    readers.append(_FieldReader(model, name, fields, materialize))
                    setattr(model, name, readers[-1])
        yield
    finally:
        for reader in readers:
            reader.restore()
        for model, name, original in reversed(patched):
            if original is _ABSENT:
                delattr(model, name)
            else:
                setattr(model, name, original)


def _patch_model(
    model: type[Record], fields: list[set[str]] | None, materialize: Materializer | None
) -> list[tuple[type, str, Any]]:
    """Hooks on what reads a record as a whole (and, for partial records, on a missing field)."""
    if fields is None and materialize is None:
        return []
    patched: list[tuple[type, str, Any]] = []
    if materialize is not None:
        original_getattr = getattr(model, "__getattr__")  # noqa: B009 (pydantic defines it outside type checking)

        def fill_in(record: Any, name: str) -> Any:
            if name in model.model_fields and materialize(record):
                return getattr(record, name)
            return original_getattr(record, name)

        patched.append((model, "__getattr__", model.__dict__.get("__getattr__", _ABSENT)))
        setattr(model, "__getattr__", fill_in)  # noqa: B010
    for name in _WHOLE_RECORD:
        original = getattr(model, name, None)
        if original is not None:
            patched.append((model, name, model.__dict__.get(name, _ABSENT)))
            setattr(model, name, _wrap_whole(original, fields, materialize))
    getter = _wrap_whole(lambda record: record.__pydantic_fields_set__, fields, materialize)
    patched.append((model, "model_fields_set", model.__dict__.get("model_fields_set", _ABSENT)))
    setattr(model, "model_fields_set", property(getter))  # noqa: B010
    return patched
