"""Running a check so that what it reads is written down, for the next run to know what it must redo.

A check sees the registry through a `CheckView`. A per-record check (`@check(…, each=KIND)`) is handed the
records of the files to (re)run, one file after the other, and the view writes down per file which keys their
records looked up (`by_key(...).get(code)`, `children.get(code)`, `code in registry.broken`) and which kinds
they read whole: those files must be redone when one of these changes. For a check over the whole registry it
writes down which kinds the check read, and `hooks` which fields of their records: the check must be redone
when one of these values changes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from qingdan.checks.base import Check
from qingdan.laws.library import Library
from qingdan.loader.registry import Registry
from qingdan.loader.tree import PowerTree
from qingdan.models import PowerItem, Record, Settings
from qingdan.models.catalogue import Catalogue
from qingdan.models.kinds import POWER, Kind
from qingdan.problems import Problem

R = TypeVar("R", bound=Record)

CHILDREN = "children"  # the lookups of `registry.children`, by parent code
WHOLE = "*"  # a global check read every field of a kind (compared a record, hashed it, dumped it)
PARENT_FIELD = "parent"


@dataclass
class Deps:
    """What a loop's pass over one file read beyond that file's records."""

    keys: dict[str, set[str]] = field(default_factory=dict)  # kind name, or CHILDREN → keys looked up
    broken: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)  # kinds read whole
    opaque: bool = False  # read something else of the registry (its files, all its records)


@dataclass
class Outcome:
    """A loop's findings on one file's records, and what they depended on."""

    problems: list[Problem]
    deps: Deps


@dataclass
class Reads:
    """What a global check read: kind name → fields of its records (WHOLE for all); a kind present means
    its records and their order."""

    fields: dict[str, set[str]] = field(default_factory=dict)
    broken: bool = False
    opaque: bool = False

    def kind(self, name: str, *fields: str) -> None:
        self.fields.setdefault(name, set()).update(fields)


Selection = Callable[[Kind[Record]], Iterable[tuple[str, list[Record]]]]  # a kind's (path, records) to run


def key_field(kind: Kind[R]) -> str:
    """The model field records of a kind are matched by (its key in files may be an alias: `id` → `ident`)."""
    for name, info in kind.model.model_fields.items():
        if kind.key_field in (name, info.alias):
            return name
    return WHOLE


class Session:
    """One run of one check: what it found, and what it read."""

    def __init__(self, check: Check) -> None:
        self.check = check
        self.loops: list[tuple[str, dict[str, Outcome]]] = []  # per kind of `each`: its files' outcomes
        self.current: Outcome | None = None  # the file whose records a per-record check is going through
        self.loose: list[Problem] = []  # found on the settings alone, or by a check over the whole registry
        self.reads = Reads()  # what a check over the whole registry read

    def collect(self, view: CheckView, select: Selection | None, settings: bool) -> None:
        """Run the check: per record, over the files `select` gives for each kind of its scope; else whole.
        What it finds on the settings alone is found again only if `settings`."""
        check = self.check
        stamp = check.stamp
        if check.settings is not None and settings:
            self.loose += map(stamp, check.settings(view.settings))
        assert check.run is not None
        if not check.each:
            self.loose += map(stamp, check.run(view))
            return
        assert select is not None
        run = check.run
        for kind in check.each:
            outcomes: dict[str, Outcome] = {}
            self.loops.append((kind.name, outcomes))
            for path, records in select(kind):
                self.current = outcome = outcomes[path] = Outcome([], Deps())
                found = outcome.problems
                for record in records:
                    for finding in run(record, view):
                        found.append(stamp(finding))
        self.current = None

    def deps(self) -> Deps:
        """What the file being gone through depends on (a per-record check runs only on a file's records)."""
        assert self.current is not None
        return self.current.deps

    def whole(self, kind: str) -> None:
        if self.current is not None:
            self.current.deps.kinds.add(kind)
        else:
            self.reads.kind(kind)

    def opaque(self) -> None:
        if self.current is not None:
            self.current.deps.opaque = True
        else:
            self.reads.opaque = True


class CheckView(Registry):
    """The registry as one check sees it (the session writes down what it reads)."""

    def __init__(self, base: Registry, session: Session) -> None:  # no dataclass fields of its own
        self._base = base
        self._session = session
        self._indexes_seen: dict[str, Mapping[str, Record]] = {}
        self._broken_view: Set[str] | None = None

    def of(self, kind: Kind[R]) -> list[R]:
        self._session.whole(kind.name)
        return self._base.of(kind)

    def by_key(self, kind: Kind[R]) -> dict[str, R]:
        index = self._indexes_seen.get(kind.name)
        if index is None:
            if not self._session.check.each:
                self._session.reads.kind(kind.name, key_field(kind))
                index = self._base.by_key(kind)
            else:
                index = _Lookups(self._base, kind, self._session)
            self._indexes_seen[kind.name] = index
        return cast("dict[str, R]", index)

    @property
    def children(self) -> Mapping[str, list[PowerItem]]:
        if not self._session.check.each:
            self._session.reads.kind(POWER.name, PARENT_FIELD)
            return self._base.children
        return _Children(self._base, self._session)

    @property
    def settings(self) -> Settings:  # type: ignore[override]  # read-only: a check cannot set it
        """As they are: a change of qingdan.yaml makes every run cold (a property, not `__getattr__`: some
        checks read it for every record)."""
        return self._base.settings

    def grouped(self, kind: Kind[R], key: Callable[[R], Iterable[str]]) -> Mapping[str, list[R]]:
        """As it is, read whole: any change of the kind's records may change it."""
        current = self._session.current  # (inlined: some checks read it for every record)
        if current is not None:
            current.deps.kinds.add(kind.name)
        else:
            self._whole_read(kind)
        return self._base.grouped(kind, key)

    def load_errors(self, kind: Kind[R]) -> bool:
        """As it is, read whole (`changes` counts a file whose errors come or go as a change of its kind)."""
        self._whole_read(kind)
        return self._base.load_errors(kind)

    def _whole_read(self, kind: Kind[R]) -> None:
        if not self._session.check.each:
            self._session.reads.kind(kind.name, WHOLE)
        else:
            self._session.whole(kind.name)

    @property
    def tree(self) -> PowerTree:
        """The registry's tree of power items, read whole: every code and parent (QD104 reads it only for a
        chain too deep to walk item by item)."""
        if not self._session.check.each:
            self._session.reads.kind(POWER.name, key_field(POWER), PARENT_FIELD)
        else:
            self._session.whole(POWER.name)
        return self._base.tree

    @property
    def broken(self) -> set[str]:
        if not self._session.check.each:
            self._session.reads.broken = True
            return self._base.broken
        if self._broken_view is None:
            self._broken_view = _Broken(self._base.broken, self._session)
        return cast("set[str]", self._broken_view)

    @broken.setter
    def broken(self, value: set[str]) -> None:
        raise AttributeError("broken")  # a check cannot change the registry

    @property
    def catalogue(self) -> Catalogue | None:  # type: ignore[override]  # read-only: a check cannot set it
        """As it is: a change of the catalogue, like one of qingdan.yaml, makes every run cold."""
        return self._base.catalogue

    @property
    def laws(self) -> Library | None:
        """As it is: a change of the law library, like one of qingdan.yaml, makes every run cold."""
        return self._base.laws

    @property
    def record_count(self) -> int:
        self._session.opaque()
        return self._base.record_count

    def __getattr__(self, name: str) -> Any:
        """settings as they are (a change of qingdan.yaml redoes everything); anything else is opaque."""
        if name == "settings":
            return self._base.settings
        if name.startswith("__"):
            raise AttributeError(name)
        self._session.opaque()
        return getattr(self._base, name)


class _Lookups(Mapping[str, Record]):
    """`registry.by_key(kind)` for a per-record check: each key looked up is written down (in the keys of the
    file being gone through; this runs for every lookup of every check, so it is kept short)."""

    __slots__ = ("_base", "_find", "_keys", "_kind", "_owner", "_session")

    def __init__(self, base: Registry, kind: Kind[Record], session: Session) -> None:
        self._base = base
        self._kind = kind
        self._session = session
        # A plain registry is looked up in its index; a lazy one (partial records) by its own means.
        self._find: Callable[[str], Record | None] = (
            base.by_key(kind).get if type(base) is Registry else functools.partial(base.lookup, kind)
        )
        self._owner: Outcome | None = None
        self._keys: set[str] = set()

    def get(self, key: object, default: Any = None) -> Any:
        current = self._session.current  # (inlined: this runs for every lookup of every check)
        if current is not self._owner:
            self._rebind(current)
        if key.__class__ is not str:  # nothing a key can equal: written down as a read of the whole kind
            self._session.whole(self._kind.name)
            return default
        self._keys.add(key)
        found = self._find(key)
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: str) -> Record:
        found: Record | None = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def _rebind(self, current: Outcome | None) -> None:
        assert current is not None  # a per-record check runs only on a file's records
        self._owner = current
        self._keys = current.deps.keys.setdefault(self._kind.name, set())

    def __iter__(self) -> Iterator[str]:
        self._session.whole(self._kind.name)
        return iter(self._base.by_key(self._kind))

    def __len__(self) -> int:
        self._session.whole(self._kind.name)
        return len(self._base.by_key(self._kind))


class _Children(Mapping[str, list[PowerItem]]):
    """`registry.children` for a per-record check: each parent code looked up is written down."""

    def __init__(self, base: Registry, session: Session) -> None:
        self._base = base
        self._session = session

    def _note(self, key: object) -> None:
        deps = self._session.deps()
        if isinstance(key, str):
            deps.keys.setdefault(CHILDREN, set()).add(key)
        else:
            deps.kinds.add(POWER.name)

    def get(self, key: object, default: Any = None) -> Any:
        self._note(key)
        return self._base.children.get(key, default) if isinstance(key, str) else default

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return key in self._base.children

    def __getitem__(self, key: str) -> list[PowerItem]:
        self._note(key)
        return self._base.children[key]

    def __iter__(self) -> Iterator[str]:
        self._session.whole(POWER.name)
        return iter(self._base.children)

    def __len__(self) -> int:
        self._session.whole(POWER.name)
        return len(self._base.children)


class _Broken(Set[str]):
    """`registry.broken` for a per-record check: each key asked about is written down."""

    def __init__(self, broken: set[str], session: Session) -> None:
        self._broken = broken
        self._session = session

    def __contains__(self, key: object) -> bool:
        deps = self._session.deps()
        if isinstance(key, str):
            deps.broken.add(key)
        else:
            deps.opaque = True
        return key in self._broken

    def __iter__(self) -> Iterator[str]:
        self._session.opaque()
        return iter(self._broken)

    def __len__(self) -> int:
        self._session.opaque()
        return len(self._broken)


def run_check(check: Check, base: Registry, select: Selection | None = None, settings: bool = True) -> Session:
    """Run one check over `base`, writing down what it reads: a per-record check over the files `select`
    gives, a check over the whole registry whole; and (if `settings`) what it finds on the settings alone."""
    session = Session(check)
    session.collect(CheckView(base, session), select, settings)
    return session
