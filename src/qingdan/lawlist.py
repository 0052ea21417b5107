"""What `qingdan laws` reports (SPEC §6), what `stats` counts of the library (§6.2), and the citations the 法律依据
pages and the diff's law worklist show: the library's laws with their citations, one law's citing records (the
impact list), and the laws changed since a date with the records to review (the worklist).

Every count is of citations in active records; a citation *fails* when it breaks any of QD121–QD124 or QD126
(`Citation.failing`), as the checks judge it (`qingdan.citations`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from qingdan.citations import Citation, Cited, citation, cited, out_of_force
from qingdan.errors import UsageError
from qingdan.laws.index import IndexEntry
from qingdan.laws.library import Known, Law, Library
from qingdan.laws.terms import LawLevel, LawStatus, name_key
from qingdan.loader.registry import Registry


@dataclass
class LawEntry:
    """One law of the library (with its text, or listed in the index) and the citations of it."""

    known: Known
    library: Library = field(repr=False)
    cited: list[Cited] = field(default_factory=list, repr=False)  # made `citations` when a report first asks

    @cached_property
    def citations(self) -> list[Citation]:
        """Its citations, in the kind table's and the files' order (`--changed-since` may show few laws)."""
        return [citation(self.library, found) for found in self.cited]

    @property
    def title(self) -> str:
        return self.known.title if isinstance(self.known, Law) else self.known.name

    @property
    def level(self) -> LawLevel | None:
        return self.known.level

    @property
    def status(self) -> LawStatus:
        return self.known.status

    @property
    def current_date(self) -> date | None:
        return self.known.current.date if isinstance(self.known, Law) else self.known.published

    @property
    def versions(self) -> list[tuple[date | None, str]]:
        """(date, file) of each version, oldest first; none for a document listed without text."""
        return [(version.date, version.path) for version in self.known.versions] if isinstance(self.known, Law) else []

    @property
    def records(self) -> int:
        """How many records cite it (a record may cite two of its articles)."""
        return len({(citation.kind.name, citation.record.key) for citation in self.citations})

    @property
    def failing(self) -> int:
        return sum(citation.failing for citation in self.citations)


@dataclass
class LawsReport:
    library: str  # its folder
    laws: list[LawEntry]  # by level, then title
    unknown: dict[str, list[Citation]]  # cited names the library does not know (QD121) → their citations

    def counts(self) -> dict[str, Any]:
        """`stats`'s `laws` (SPEC §6.2)."""
        cited = [citation for entry in self.laws for citation in entry.citations]
        cited += [citation for found in self.unknown.values() for citation in found]
        levels = Counter(entry.level.value for entry in self.laws if entry.level is not None)
        return {
            "laws": len(self.laws),
            "versions": sum(len(entry.versions) for entry in self.laws),
            "by_level": {level.value: levels[level.value] for level in LawLevel if levels[level.value]},
            "citations": len(cited),
            "unresolved": sum(citation.unresolved for citation in cited),
            "mismatched": sum(citation.mismatched for citation in cited),
        }


def laws_report(registry: Registry) -> LawsReport | None:
    """Every law of the registry's library with the citations of it; None without a library."""
    library = registry.laws
    if library is None:
        return None
    entries = {id(known): LawEntry(known, library) for known in _known(library)}
    unknown: dict[str, list[Citation]] = {}
    names: dict[str, Known | None] = {}  # the law each cited name means, found once per name
    for found in cited(registry):
        name = found[4].law
        known = names[name] if name in names else names.setdefault(name, library.find(name))
        if known is None:
            unknown.setdefault(name, []).append(citation(library, found))
        else:
            entries[id(known)].cited.append(found)
    ordered = sorted(entries.values(), key=_order)
    return LawsReport(library.folder, ordered, dict(sorted(unknown.items())))


def _known(library: Library) -> Iterable[Known]:
    yield from library.laws.values()
    yield from (entry for key, entry in library.indexed.items() if key not in library.laws)


_LEVELS = {level: index for index, level in enumerate(LawLevel)}


def _order(entry: LawEntry) -> tuple[int, str]:
    return (_LEVELS.get(entry.level, len(_LEVELS)) if entry.level else len(_LEVELS), entry.title)


def law_entry(report: LawsReport, name: str) -> LawEntry:
    """The law a name means (as citations are matched); UsageError when the library has none."""
    key = name_key(name)
    for entry in report.laws:
        names = [entry.title, *(entry.known.aliases if isinstance(entry.known, Law) else ())]
        if key in {name_key(known) for known in names}:
            return entry
    raise UsageError("laws.no_such_law", name=name, library=report.library)


@dataclass(frozen=True)
class Changed:
    """A law with versions after the date, and the citations of it."""

    entry: LawEntry
    versions: tuple[date, ...]  # its versions after the date


@dataclass(frozen=True)
class Worklist:
    """The review worklist: the laws with a version after `since`, each with the records citing it."""

    since: date
    laws: tuple[Changed, ...]

    @property
    def citations(self) -> int:
        return sum(len(item.entry.citations) for item in self.laws)


def changed_since(report: LawsReport, since: date, only: LawEntry | None = None) -> Worklist:
    found = []
    for entry in [only] if only is not None else report.laws:
        dates = tuple(when for when, _ in entry.versions if when is not None and when > since)
        if isinstance(entry.known, IndexEntry) and entry.known.published and entry.known.published > since:
            dates = (entry.known.published,)
        if dates:
            found.append(Changed(entry, dates))
    return Worklist(since, tuple(found))


def result(citation: Citation) -> str:
    """What the library says of a citation, as one word (for reports): the first failure, or `ok`."""
    resolution = citation.resolution
    if resolution.known is None:
        return "unknown"
    if out_of_force(resolution):
        return "out_of_force"
    if resolution.broken_reference:
        return "missing"
    if citation.mismatched:
        return "mismatched"
    if citation.newer:
        return "unreviewed"
    return "ok"


RESULTS = ("ok", "unknown", "out_of_force", "missing", "mismatched", "unreviewed")
