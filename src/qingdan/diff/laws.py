"""The law library's own changes between two states, as a worklist (SPEC §6.3): per law, its class — 新增 (new
in the library), 修改 (a newer version), 废止 (repealed), 删除 (gone from the library) —, its old and new version
dates, and every record of NEW that cites it, flagged when its quotation no longer matches (QD124).

Most of a district's yearly adjustments follow a law being amended, renumbered or repealed: when the library
takes the new text, the diff says which laws moved and which records must be read again. Laws are matched by
title whatever file holds them. Only when both states have a library: adopting one is not a change of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from qingdan.citations import Citation, citations
from qingdan.laws.library import Known, Law, Library
from qingdan.laws.terms import LawStatus, name_key
from qingdan.loader.load import attach_laws
from qingdan.loader.registry import Registry
from qingdan.models.common import Vocabulary
from qingdan.sources.files import Source


class LawClass(Vocabulary):
    ADDED = "新增"
    AMENDED = "修改"
    REPEALED = "废止"
    REMOVED = "删除"


@dataclass(frozen=True)
class CitingRecord:
    """A record of NEW citing a changed law: what the clerk must read again."""

    kind: str  # its kind's report key
    key: str
    name: str
    unit: str | None
    article: str | None
    mismatched: bool  # its quotation is not in the new text (QD124)


@dataclass(frozen=True)
class LawChange:
    title: str
    change_class: LawClass
    old_date: date | None
    new_date: date | None
    citing: tuple[CitingRecord, ...] = ()


def law_worklist(
    old: Source, new: Source, registries: tuple[Registry, Registry], full_new: Callable[[], Registry]
) -> list[LawChange]:
    """The worklist between the libraries of two states (`old`, `new`: their whole sources, whose settings are
    those of `registries`), with NEW's citing records from `full_new()`: called only when both have a library."""
    before, after = _library(old, registries[0]), _library(new, registries[1])
    if before is None or after is None:
        return []
    changes = list(_changes(before, after))
    if not changes:
        return []
    citing: dict[str, list[Citation]] = {}
    for citation in citations(full_new()):
        known = citation.resolution.known
        if known is not None:
            citing.setdefault(name_key(_title(known)), []).append(citation)
    return [
        LawChange(title, change_class, was, now, tuple(_citing(citing.get(name_key(title), []))))
        for title, change_class, was, now in changes
    ]


def _library(source: Source, loaded: Registry) -> Library | None:
    registry = Registry(source, loaded.settings)
    attach_laws(registry)
    return registry.laws


def _changes(before: Library, after: Library) -> Iterator[tuple[str, LawClass, date | None, date | None]]:
    """(title, class, old date, new date) of every law that changed, in title order."""
    old, new = _by_key(before), _by_key(after)
    for key in sorted(old.keys() | new.keys(), key=lambda key: _title(new.get(key) or old[key])):
        was, now = old.get(key), new.get(key)
        if now is None:
            assert was is not None
            yield _title(was), LawClass.REMOVED, _date(was), None
        elif was is None:
            yield _title(now), LawClass.ADDED, None, _date(now)
        elif now.status is LawStatus.REPEALED and was.status is not LawStatus.REPEALED:
            yield _title(now), LawClass.REPEALED, _date(was), _date(now)
        elif (_date(now) or date.min) > (_date(was) or date.min):
            yield _title(now), LawClass.AMENDED, _date(was), _date(now)


def _by_key(library: Library) -> dict[str, Known]:
    return {**library.indexed, **library.laws}


def _title(known: Known) -> str:
    return known.title if isinstance(known, Law) else known.name


def _date(known: Known) -> date | None:
    return known.current.date if isinstance(known, Law) else known.published


def _citing(found: list[Citation]) -> Iterator[CitingRecord]:
    for citation in found:
        record = citation.record
        yield CitingRecord(
            citation.kind.report_key,
            record.key,
            record.label,
            record.responsible_unit,
            citation.basis.article,
            citation.mismatched,
        )
