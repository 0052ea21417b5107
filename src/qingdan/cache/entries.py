"""What the cache keeps of one version of one file (a `FileEntry`, by the file's digest): its valid records' keys,
a projection of their plain fields (text, codes, vocabulary values, dates, numbers: what lookups and the checks
over the whole registry read), where each record stands, and a fingerprint of each record's text, by which the
next run tells the records an edit changed from those it left alone."""

from __future__ import annotations

import datetime
import decimal
import enum
import hashlib
import operator
import types
import typing
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

from qingdan.loader.load import FileResult
from qingdan.models import Record
from qingdan.models.kinds import BY_NAME
from qingdan.problems import Path as DocPath
from qingdan.problems import Problem
from qingdan.sources.cut import cut

_PLAIN = (str, int, float, bool, decimal.Decimal, datetime.date, type(None))


@dataclass
class FileEntry:
    """What the cache keeps of one version of one file."""

    keys: list[str]  # its valid records' keys, in order
    fields: tuple[str, ...]  # the projected fields
    rows: list[tuple[Any, ...]]  # their values, one tuple per record
    paths: list[DocPath]  # each record's path in its document
    inherited: list[frozenset[str]]  # each record's fields set by file defaults
    prints: list[tuple[int, int, int]] | None = None  # each record's fingerprint (`record_prints`), if any
    context: bytes = b""  # the fingerprint of the file's text outside its list (its defaults)


Prints = tuple[bytes, list[tuple[int, int, int]]] | None


def record_prints(raw: bytes | Problem, result: FileResult) -> Prints:
    """A digest of the text outside the file's list (its defaults) and, per record, a fingerprint of the text
    of its entry in the list (`sources.cut`: its length and two 32-bit checksums, CRC-32 and Adler-32: a
    change that keeps all three is about one in 10^19, computed in C for a million records in a fraction of a
    second): equal fingerprints mean equal records. None when the entries cannot be told apart in the text
    (CSV, a flow-style list, an entry written `-` alone on its line, a line inside a text that looks like an
    entry: more entries than the parser found): then every record of the file counts as changed.
    """
    if not isinstance(raw, bytes) or result.entries < 0 or not result.records:
        return None
    found = cut(raw, BY_NAME[result.kind].list_key)
    if found is None or len(found.pieces) != result.entries:
        return None
    pieces = found.pieces
    context = hashlib.blake2b(raw[: found.start] + b"\0" + raw[found.end :], digest_size=16).digest()
    digests = list(zip(map(len, pieces), map(zlib.crc32, pieces), map(zlib.adler32, pieces), strict=True))
    if len(digests) == len(result.records):
        return context, digests  # every entry a record: the usual case
    indexes = [(record.__pydantic_private__ or {})["ref"].path[-1] for record in result.records]
    if not all(isinstance(index, int) for index in indexes):
        return None
    return context, [digests[index] for index in indexes]


@cache
def plain_fields(model: type[Record]) -> tuple[str, ...]:
    """The fields of a model whose values are plain (text, numbers, dates, vocabulary values, None, or lists
    of these): what a lookup reads of the record it finds (a unit's kind, a delegation's to_units)."""
    return tuple(name for name, info in model.model_fields.items() if _is_plain(info.annotation, lists=True))


def _is_plain(annotation: Any, lists: bool = False) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_plain(typing.get_args(annotation)[0], lists)
    if origin in (typing.Union, types.UnionType):
        return all(_is_plain(argument, lists) for argument in typing.get_args(annotation))
    if origin is list and lists:
        return all(_is_plain(argument) for argument in typing.get_args(annotation))
    if annotation in _PLAIN:
        return True
    return isinstance(annotation, type) and issubclass(annotation, enum.Enum)


def entry_of(result: FileResult, projected: frozenset[str], prints: Prints) -> FileEntry:
    """The cache entry of a loaded file, keeping the `projected` fields of its records."""
    model = BY_NAME[result.kind].model
    names = tuple(name for name in model.model_fields if name in projected)
    getter = operator.itemgetter(*names) if len(names) > 1 else None
    if getter is not None:
        rows = [getter(record.__dict__) for record in result.records]
    else:  # one field or none: itemgetter would not give a tuple
        rows = [tuple(record.__dict__[name] for name in names) for record in result.records]
    privates = [record.__pydantic_private__ or {} for record in result.records]
    return FileEntry(
        keys=[record.key for record in result.records],
        fields=names,
        rows=rows,
        paths=[private["ref"].path for private in privates],
        inherited=[private.get("inherited", frozenset()) for private in privates],
        prints=prints[1] if prints is not None else None,
        context=prints[0] if prints is not None else b"",
    )


EMPTY = FileEntry([], (), [], [], [], [], b"")  # a file with no valid record, or none at all
