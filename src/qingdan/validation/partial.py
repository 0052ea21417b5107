"""A registry rebuilt from the cache: the files that changed are loaded, the others stand as partial records.

The cache keeps, for each version of a file (by content digest), a `FileEntry`: its own problems, the keys of
its records, and a projection of their plain fields (text, codes, vocabulary values, dates, numbers: what
lookups and the whole-registry checks read). A partial record is an instance of its kind's model holding only
those fields; the first read of any other field, or of the record as a whole (compared, hashed, dumped),
loads its file and fills in every partial record of that file in place (`tracing.record_hooks`). A lookup
by key finds its record through the key index of the run state without building any other record.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import hashlib
import operator
import re
import types
import typing
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar, cast

from qingdan.loader.load import FileResult, load_file
from qingdan.loader.registry import FileInfo, Registry
from qingdan.models import Record, Settings
from qingdan.models.kinds import BY_NAME, KINDS, AnyKind, Kind
from qingdan.problems import Path as DocPath
from qingdan.problems import Problem, Ref
from qingdan.sources.files import Source

R = TypeVar("R", bound=Record)
_PLAIN = (str, int, float, bool, decimal.Decimal, datetime.date, type(None))


class Inconsistent(Exception):
    """A file no longer gives what the cache says it gave (it changed while we read it): run cold."""


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


_FIRST_ENTRY = re.compile(rb"\n( *)-(?:[ \r\n]|\Z)")
_TOP_LEVEL = re.compile(rb"\n[^ \t\r\n#-]")  # a line at column 0 that is a key (or text), after the list
_LIST_KEYS: dict[str, re.Pattern[bytes]] = {}


Prints = tuple[bytes, list[tuple[int, int, int]]] | None


def record_prints(raw: bytes | Problem, result: FileResult) -> Prints:
    """A digest of the text outside the file's list (its defaults) and, per record, a fingerprint of the text
    of its entry in the list (its length and two 32-bit checksums, CRC-32 and Adler-32: a change that keeps
    all three is about one in 10^19, computed in C for a million records in a fraction of a second): equal
    fingerprints mean equal records. None when the entries cannot be told apart in the text (CSV, a
    flow-style list, an entry written `-` alone on its line): then every record of the file counts as
    changed.

    In a block sequence every entry starts with `- ` at the sequence's indentation and every other line of
    it is indented deeper; a line that only looks like an entry (inside a quoted text) would make more
    entries than the parser found, which is checked.
    """
    if not isinstance(raw, bytes) or result.entries < 0 or not result.records:
        return None
    list_key = BY_NAME[result.kind].list_key
    key_line = _LIST_KEYS.get(list_key)
    if key_line is None:
        pattern = rb"(?:\A|\n)%s:[ \t]*(?:#[^\r\n]*)?\r?(?=\n)" % list_key.encode()
        key_line = _LIST_KEYS[list_key] = re.compile(pattern)
    key = key_line.search(raw)
    first = _FIRST_ENTRY.search(raw, key.end()) if key is not None else None
    if first is None:
        return None
    start = first.start() + 1
    tail = _TOP_LEVEL.search(raw, start)
    end = tail.start() + 1 if tail is not None else len(raw)
    entries = raw[start:end].split(b"\n" + first.group(1) + b"- ")
    if len(entries) != result.entries:
        return None
    context = hashlib.blake2b(raw[:start] + b"\0" + raw[end:], digest_size=16).digest()
    digests = list(zip(map(len, entries), map(zlib.crc32, entries), map(zlib.adler32, entries), strict=True))
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


class Slot:
    """One data file of the registry being checked: loaded (it changed), or standing as partial records."""

    def __init__(
        self,
        path: str,
        kind: AnyKind,
        position: int,
        contents: Mapping[str, bytes | Problem],
        loaded: FileResult | None,
    ) -> None:
        self.path = path
        self.kind = kind
        self.position = position
        self._contents = contents  # read only if its records are needed whole
        self.loaded = loaded
        self.entry: FileEntry | None = None
        self._records: list[Record] | None = list(loaded.records) if loaded is not None else None
        self._keys: dict[str, int] | None = None
        self.partial = False

    @property
    def changed(self) -> bool:
        return self.loaded is not None

    def keys(self, entries: Callable[[Slot], FileEntry | None], source: Source) -> dict[str, int]:
        """Each key's first index among the file's records."""
        if self._keys is None:
            if self._records is not None and not self.partial:
                keys = [record.key for record in self._records]
            else:
                entry = self.entry or entries(self)
                keys = entry.keys if entry is not None else [record.key for record in self.records(entries, source)]
            self._keys = {}
            for index, key in enumerate(keys):
                self._keys.setdefault(key, index)
        return self._keys

    def records(self, entries: Callable[[Slot], FileEntry | None], source: Source) -> list[Record]:
        if self._records is None:
            entry = self.entry = self.entry or entries(self)
            if entry is None:  # not in the cache (any more): read it
                self._records = list(self.full(source).records)
            else:
                self._records = _partials(self.kind, self.path, entry)
                self.partial = True
        return self._records

    def full(self, source: Source) -> FileResult:
        """The file loaded (read now if the run has not read it yet)."""
        raw = self._contents[self.path]
        if isinstance(raw, Problem):
            raise Inconsistent(self.path)
        return load_file(source, self.path, self.kind, raw=raw)


def _partials(kind: AnyKind, path: str, entry: FileEntry) -> list[Record]:
    model = kind.model
    new = model.__new__
    fields = entry.fields
    setter = object.__setattr__
    records: list[Record] = []
    for row, doc_path, inherited in zip(entry.rows, entry.paths, entry.inherited, strict=True):
        record = new(model)
        setter(record, "__dict__", dict(zip(fields, row, strict=True)))
        setter(record, "__pydantic_fields_set__", set())
        setter(record, "__pydantic_extra__", None)
        setter(record, "__pydantic_private__", {"ref": Ref(path, doc_path), "inherited": inherited})
        records.append(record)
    return records


@dataclass
class Keyspace:
    """For each kind, each key → the file holding the first record with it (as of the last run), and for
    the few keys held by several files, all of them in file order."""

    first: dict[str, dict[str, str]] = field(default_factory=dict)
    more: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def holders(self, kind: str, key: str) -> list[str]:
        several = self.more.get(kind, {}).get(key)
        if several is not None:
            return several
        one = self.first.get(kind, {}).get(key)
        return [] if one is None else [one]

    def remove(self, kind: str, path: str, keys: list[str]) -> None:
        first, more = self.first.setdefault(kind, {}), self.more.setdefault(kind, {})
        for key in set(keys):
            several = more.get(key)
            if several is not None:
                if path in several:
                    several.remove(path)
                if len(several) == 1:
                    del more[key]
                if several:
                    first[key] = several[0]
            if first.get(key) == path:
                del first[key]

    def add(self, kind: str, path: str, keys: list[str]) -> None:
        first, more = self.first.setdefault(kind, {}), self.more.setdefault(kind, {})
        for key in dict.fromkeys(keys):
            held = first.setdefault(key, path)
            if held != path:
                several = more.setdefault(key, [held])
                if path not in several:
                    several.append(path)


class LazyRegistry(Registry):
    """A registry whose unchanged files are partial records, built only as far as the checks look."""

    def __init__(
        self,
        source: Source,
        settings: Settings,
        slots: list[Slot],
        keyspace: Keyspace,
        entries: Callable[[Slot], FileEntry | None],
    ) -> None:
        super().__init__(source, settings)
        self.slots = slots
        self.by_path = {slot.path: slot for slot in slots}
        self.keyspace = keyspace
        self.entries = entries
        self._owners: dict[int, Slot] = {}  # id of a partial record → its file
        self._changed: dict[str, list[Slot]] = {}
        for slot in slots:
            if slot.changed:
                self._changed.setdefault(slot.kind.name, []).append(slot)

    def of(self, kind: Kind[R]) -> list[R]:
        found = self.records.get(kind.name)
        if found is None:
            found = self.records[kind.name] = []
            for slot in self.slots:
                if slot.kind is kind:
                    found.extend(self._records(slot))
        return cast("list[R]", found)

    def lookup(self, kind: Kind[R], key: str) -> R | None:
        index = self._indexes.get(kind.name)
        if index is not None:
            return cast("R | None", index.get(key))
        best: Slot | None = None
        for path in self.keyspace.holders(kind.name, key):
            slot = self.by_path.get(path)
            if slot is not None and not slot.changed and (best is None or slot.position < best.position):
                best = slot
        for slot in self._changed.get(kind.name, ()):
            if best is not None and slot.position > best.position:
                break  # in file order
            if key in slot.keys(self.entries, self.source):
                best = slot
                break
        if best is None:
            return None
        position = best.keys(self.entries, self.source).get(key)
        return None if position is None else cast("R", self._records(best)[position])

    def _records(self, slot: Slot) -> list[Record]:
        fresh = slot._records is None
        records = slot.records(self.entries, self.source)
        if fresh and slot.partial:
            for record in records:
                self._owners[id(record)] = slot
        return records

    def materialize(self, record: Record) -> bool:
        """Fill in a partial record, and every other of its file, from the file itself."""
        slot = self._owners.get(id(record))
        if slot is None:
            return False
        partials = slot.records(self.entries, self.source)
        full = slot.full(self.source).records
        if len(full) != len(partials):
            raise Inconsistent(slot.path)
        setter = object.__setattr__
        for partial, complete in zip(partials, full, strict=True):
            self._owners.pop(id(partial), None)
            setter(partial, "__dict__", complete.__dict__)  # its fields in their order, as loaded
            setter(partial, "__pydantic_fields_set__", complete.__pydantic_fields_set__)
        slot.partial = False
        return True

    def partial_records(self) -> Iterator[Record]:
        """For tests: the records still partial."""
        for slot in self.slots:
            if slot.partial and slot._records is not None:
                yield from slot._records


def file_infos(slots: list[Slot], counts: dict[str, int]) -> list[FileInfo]:
    return [FileInfo(slot.path, slot.kind.name, "", counts.get(slot.path, 0)) for slot in slots]


KIND_ORDER = {kind.name: index for index, kind in enumerate(KINDS)}
