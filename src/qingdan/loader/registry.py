"""A loaded registry: its settings, its records by kind, and the problems met while loading it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from qingdan.laws.library import Library
from qingdan.loader.tree import PowerTree, power_tree
from qingdan.models import PowerItem, Record, Settings
from qingdan.models.catalogue import Catalogue
from qingdan.models.kinds import POWER, Kind
from qingdan.problems import Problem, Severity
from qingdan.sources.files import Source

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class FileInfo:
    path: str  # relative to the registry root, with / separators
    kind: str
    digest: str
    records: int


@dataclass
class Registry:
    source: Source
    settings: Settings
    files: list[FileInfo] = field(default_factory=list)
    records: dict[str, list[Record]] = field(default_factory=dict)  # kind name → its records, in file order
    problems: list[Problem] = field(default_factory=list)  # found while loading
    broken: set[str] = field(default_factory=set)  # keys of records that failed their schema
    catalogue: Catalogue | None = None  # the province's basic catalogue, when qingdan.yaml names one
    library: Callable[[], Library] | None = field(default=None, repr=False)  # opens the law library (§4.17)
    _indexes: dict[str, dict[str, Record]] = field(default_factory=dict, repr=False)
    _groups: dict[tuple[str, object], dict[str, list[Record]]] = field(default_factory=dict, repr=False)

    @cached_property
    def laws(self) -> Library | None:
        """The law library, when the registry has one: opened when first read (most runs never need it)."""
        return self.library() if self.library is not None else None

    # The checks ask for a kind's records, index and groups for every record they check: these return what is
    # built without `typing.cast`, a function call each time (by_key 180 → 115 ns a call, 545,000 calls at
    # 100,000 items).
    def of(self, kind: Kind[R]) -> list[R]:
        """The records of one kind, in file order."""
        try:
            return self.records[kind.name]  # type: ignore[return-value]  # its kind's records
        except KeyError:
            return self.records.setdefault(kind.name, [])  # type: ignore[return-value]

    def by_key(self, kind: Kind[R]) -> dict[str, R]:
        """The records of one kind by key; the first of each key (duplicates are reported by their checks)."""
        try:
            return self._indexes[kind.name]  # type: ignore[return-value]  # its kind's records
        except KeyError:
            index: dict[str, Record] = {}
            for record in self.of(kind):
                index.setdefault(record.key, record)
            self._indexes[kind.name] = index
            return index  # type: ignore[return-value]

    def grouped(self, kind: Kind[R], key: Callable[[R], Iterable[str]]) -> Mapping[str, list[R]]:
        """The records of a kind under each of the values `key` gives them (a guide under each item code it
        lists), in file order; built once per registry for each (kind, key). A check reading it depends on
        every record of the kind."""
        try:
            return self._groups[(kind.name, key)]  # type: ignore[return-value]  # its kind's records
        except KeyError:
            found: dict[str, list[Record]] = {}
            for record in self.of(kind):
                for value in key(record):
                    found.setdefault(value, []).append(record)
            self._groups[(kind.name, key)] = found
            return found  # type: ignore[return-value]

    def load_errors(self, kind: Kind[R]) -> bool:
        """Whether a file of the kind has an error of its own (it did not load, or not all of it)."""
        return any(p.severity is Severity.ERROR and p.file.startswith(kind.prefix) for p in self.problems)

    def lookup(self, kind: Kind[R], key: str) -> R | None:
        """The first record of a kind with this key (as `by_key(kind).get(key)`)."""
        return self.by_key(kind).get(key)

    @cached_property
    def children(self) -> Mapping[str, list[PowerItem]]:
        """Power items by their parent's code."""
        result: dict[str, list[PowerItem]] = {}
        for item in self.of(POWER):
            if item.parent:
                result.setdefault(item.parent, []).append(item)
        return result

    @cached_property
    def tree(self) -> PowerTree:
        """Every power item code's level and the codes on a cycle, walked once (see `loader.tree`)."""
        return power_tree(self.by_key(POWER))

    @property
    def record_count(self) -> int:
        return sum(info.records for info in self.files)
