"""A registry rebuilt from the cache: the files that changed are loaded, the others stand as partial records.

A partial record is an instance of its kind's model holding only the fields its file's cache entry keeps
(`entries.FileEntry`); the first read of any other field, or of the record as a whole (compared, hashed,
dumped), loads its file and fills in every partial record of that file in place (`hooks.record_hooks`). A
lookup by key finds its record through the key index of the run state without building any other record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar, cast

from qingdan.cache.entries import FileEntry
from qingdan.loader.load import FileResult, load_file
from qingdan.loader.registry import FileInfo, Registry
from qingdan.models import PowerItem, Record, Settings
from qingdan.models.kinds import POWER, AnyKind, Kind
from qingdan.problems import Problem, Ref
from qingdan.sources.files import Source

R = TypeVar("R", bound=Record)


class Inconsistent(Exception):
    """A file no longer gives what the cache says it gave (it changed while we read it): run cold."""


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
                    found.extend(self.records_of(slot))
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
        return None if position is None else cast("R", self.records_of(best)[position])

    @cached_property
    def children(self) -> Mapping[str, list[PowerItem]]:
        return _Children(self)

    def records_of(self, slot: Slot) -> list[Record]:
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


class _Children(Mapping[str, list[PowerItem]]):
    """Power items by their parent's code, as `Registry.children` gives them (in file order), found through
    the parent column of each file's cache entry: a check that asks for one item's children builds the
    records of the files holding them, not the 100,000 others."""

    def __init__(self, registry: LazyRegistry) -> None:
        self._registry = registry
        self._found: dict[str, list[PowerItem]] = {}

    @cached_property
    def _places(self) -> dict[str, list[tuple[Slot, int]]]:
        """Each parent code → where its children stand: (file, index among its records)."""
        places: dict[str, list[tuple[Slot, int]]] = {}
        for slot in self._registry.slots:
            if slot.kind is POWER:
                for index, parent in enumerate(self._parents(slot)):
                    if parent:
                        places.setdefault(parent, []).append((slot, index))
        return places

    def _parents(self, slot: Slot) -> list[str | None]:
        if slot._records is None:
            entry = slot.entry = slot.entry or self._registry.entries(slot)
            if entry is not None and "parent" in entry.fields:
                column = entry.fields.index("parent")
                return [row[column] for row in entry.rows]
        return [cast("PowerItem", record).parent for record in self._registry.records_of(slot)]

    def __getitem__(self, code: str) -> list[PowerItem]:
        found = self._found.get(code)
        if found is None:
            places = self._places[code]  # KeyError: no child
            records = self._registry.records_of
            found = self._found[code] = [cast("PowerItem", records(slot)[index]) for slot, index in places]
        return found

    def __contains__(self, code: object) -> bool:
        return code in self._places

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


def file_infos(slots: list[Slot], counts: dict[str, int]) -> list[FileInfo]:
    return [FileInfo(slot.path, slot.kind.name, "", counts.get(slot.path, 0)) for slot in slots]
