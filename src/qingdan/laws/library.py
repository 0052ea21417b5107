"""The law library (法规库, SPEC §4.17) as qingdan reads it: laws by name, each with its versions side by side,
the documents the index lists without text, and what is wrong in the library's own files (QD127).

A law's versions are its files with one title; the current version is the one with the latest version date.
Articles are read only when asked for (`articles`), version by version, and kept.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from qingdan.laws.document import Articles, Header
from qingdan.laws.flaw import Flaw
from qingdan.laws.index import IndexEntry
from qingdan.laws.terms import LawLevel, LawStatus, name_key


@dataclass(frozen=True, eq=False)
class Version:
    """One file of the library: one version of one law."""

    path: str  # relative to the registry root
    digest: str
    level: LawLevel | None
    header: Header

    @property
    def title(self) -> str:
        return self.header.title or ""

    @property
    def date(self) -> date | None:
        return self.header.version_date


@dataclass(eq=False)
class Law:
    """A law with a text in the library: its versions, oldest first."""

    key: str  # its name as compared (`name_key`)
    versions: list[Version] = field(default_factory=list)

    @property
    def current(self) -> Version:
        """The version with the latest date (a version without one only when no other has one)."""
        return self.versions[-1]

    @property
    def title(self) -> str:
        return self.current.title

    @property
    def level(self) -> LawLevel | None:
        return self.current.level

    @property
    def status(self) -> LawStatus:
        return self.current.header.front.effective_status

    @property
    def replaced_by(self) -> str | None:
        return self.current.header.front.replaced_by

    @property
    def repealed(self) -> date | None:
        return self.current.header.front.repealed

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(alias for version in self.versions for alias in version.header.front.aliases))

    def versions_after(self, when: date) -> list[Version]:
        """The versions dated after `when`, oldest first."""
        return [version for version in self.versions if version.date is not None and version.date > when]

    def older(self) -> Iterator[Version]:
        """The versions before the current one, newest first."""
        yield from reversed(self.versions[:-1])


Known = Law | IndexEntry
_CANDIDATES = 30  # names compared with a cited name the library does not know


@dataclass(eq=False)
class Library:
    """Every law of a library folder, and the documents its index lists."""

    folder: str  # relative to the registry root
    laws: dict[str, Law] = field(default_factory=dict)  # by name key
    indexed: dict[str, IndexEntry] = field(default_factory=dict)  # by name key; documents without text
    flaws: list[tuple[str, Flaw]] = field(default_factory=list)  # (file, flaw), for QD127
    read_articles: Callable[[Version], Articles] = field(default=lambda version: Articles(), repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)  # what is worked out of citations, once
    _articles: dict[str, Articles] = field(default_factory=dict, repr=False)

    @cached_property
    def _aliases(self) -> dict[str, Law]:
        found: dict[str, Law] = {}
        for law in self.laws.values():
            for alias in law.aliases:
                found.setdefault(name_key(alias), law)
        return found

    def find(self, name: str) -> Known | None:
        """The law (or indexed document) a cited name means: by title, by alias, then in the index."""
        key = name_key(name)
        return self.laws.get(key) or self._aliases.get(key) or self.indexed.get(key)

    def suggest(self, name: str) -> str | None:
        """The closest known name, for a citation that names nothing known (once per name)."""
        key = ("suggest", name)
        if key not in self.memo:
            self.memo[key] = self._closest(name_key(name))
        found: str | None = self.memo[key]
        return found

    def _closest(self, wanted: str) -> str | None:
        # difflib against all 3,500 names of a LawRefBook-size library took 0.1 s a name (measured): it compares
        # only the few names that share the most characters with the cited one.
        shared = Counter[str]()
        for character in set(wanted):
            shared.update(self._by_character.get(character, ()))
        candidates = [key for key, _ in shared.most_common(_CANDIDATES)]
        close = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.6)
        return self._names[close[0]] if close else None

    @cached_property
    def _names(self) -> dict[str, str]:
        """Every known name as compared → as written."""
        return {**{key: law.title for key, law in self.laws.items()}, **{k: e.name for k, e in self.indexed.items()}}

    @cached_property
    def _by_character(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for key in self._names:
            for character in set(key):
                index.setdefault(character, []).append(key)
        return index

    @cached_property
    def statuses(self) -> frozenset[LawStatus]:
        """The statuses its laws and documents have (most libraries: 现行有效 alone)."""
        return frozenset(law.status for law in self.laws.values()) | {entry.status for entry in self.indexed.values()}

    def articles(self, version: Version) -> Articles:
        found = self._articles.get(version.path)
        if found is None:
            found = self._articles[version.path] = self.read_articles(version)
        return found

    @property
    def version_count(self) -> int:
        return sum(len(law.versions) for law in self.laws.values())


def assemble(folder: str, versions: list[Version], index: list[IndexEntry]) -> Library:
    """A library from its files' versions (in path order) and its index: laws grouped by title, versions by
    date; a second file with one title and one date is a flaw (the first one counts)."""
    library = Library(folder)
    seen: dict[tuple[str, date | None], Version] = {}
    for version in versions:
        for flaw in version.header.flaws:
            library.flaws.append((version.path, flaw))
        if version.level is None:
            library.flaws.append((version.path, Flaw(1, 1, "level")))
        if not version.header.title:
            continue
        key = name_key(version.title)
        twin = seen.setdefault((key, version.date), version)
        if twin is not version:
            flaw = Flaw(version.header.title_line, 1, "duplicate", (("other", twin.path),))
            library.flaws.append((version.path, flaw))
            continue
        library.laws.setdefault(key, Law(key)).versions.append(version)
    for law in library.laws.values():
        law.versions.sort(key=lambda version: version.date or date.min)
    for entry in index:
        library.indexed.setdefault(name_key(entry.name), entry)
    library.flaws.sort(key=lambda found: (found[0], found[1].line, found[1].column))
    return library
