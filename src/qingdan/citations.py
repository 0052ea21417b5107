"""The registry's citations of its law library (SPEC §4.17): every legal basis of every active record, what the
library says of it, and which rule of QD121–QD126 it breaks. The checks, `qingdan laws`, `stats`, the diff's
law worklist and the 法律依据 pages share these rules, so they can never disagree.

Which fields hold legal bases is read from the models' types (`basis_fields`), not listed: a kind that gains a
legal basis is checked against the library without a change here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from qingdan.laws.library import Library, Version
from qingdan.laws.resolve import Resolution, resolve
from qingdan.laws.terms import LawLevel, LawStatus
from qingdan.loader.registry import Registry
from qingdan.models import LegalBasis, PowerItem, PowerType, Record
from qingdan.models.kinds import KINDS, AnyKind
from qingdan.models.legal_basis import basis_fields

# The kinds whose records cite laws, in the kind table's order.
CITING: tuple[AnyKind, ...] = tuple(kind for kind in KINDS if basis_fields(kind.model))

# 设定权: the levels at least one of a main item's bases must have for its type to be lawful, and where the
# law says so. A 行政许可 only by 法律, 行政法规, 国务院决定, 地方性法规 (and 自治条例和单行条例) or, for a
# temporary one, 地方政府规章 (行政许可法 第十四至十七条); a 行政处罚 by anything above a 规范性文件 (行政处罚法
# 第十六条: 其他规范性文件不得设定行政处罚); a 行政强制措施 by 法律, 行政法规 or 地方性法规 (行政强制法 第十、十一条).
SETTING_POWER: Mapping[PowerType, tuple[frozenset[LawLevel], str]] = {
    PowerType.LICENSING: (
        frozenset(
            {
                LawLevel.LAW,
                LawLevel.ADMINISTRATIVE_REGULATION,
                LawLevel.STATE_COUNCIL_DECISION,
                LawLevel.LOCAL_REGULATION,
                LawLevel.AUTONOMOUS_REGULATION,
                LawLevel.LOCAL_GOVERNMENT_RULE,
            }
        ),
        "《中华人民共和国行政许可法》第十四条至第十七条",
    ),
    PowerType.PENALTY: (frozenset(LawLevel) - {LawLevel.NORMATIVE_DOCUMENT}, "《中华人民共和国行政处罚法》第十六条"),
    PowerType.COERCION: (
        frozenset({LawLevel.LAW, LawLevel.ADMINISTRATIVE_REGULATION, LawLevel.LOCAL_REGULATION}),
        "《中华人民共和国行政强制法》第十条、第十一条",
    ),
}


def bases(record: Record) -> Iterator[tuple[str, int, LegalBasis]]:
    """Every legal basis of a record, with its field and its place in the field's list."""
    for name in basis_fields(type(record)):
        for index, basis in enumerate(getattr(record, name) or ()):
            yield name, index, basis


def resolved(library: Library, basis: LegalBasis) -> Resolution:
    return resolve(library, basis.law, basis.article, basis.text)


def review_date(record: Record, basis: LegalBasis) -> date | None:
    """When the citation was last read against the law: its `checked`, else its record's adjustment date."""
    if basis.checked is not None:
        return basis.checked
    adjustment = getattr(record, "adjustment", None)
    return getattr(adjustment, "date", None)


def newer_versions(resolution: Resolution, since: date | None) -> list[Version]:
    """The cited law's versions dated after `since` (QD126): the citation was written before them."""
    latest, law = resolution.version_date, resolution.law
    if law is None or since is None or latest is None or latest <= since:
        return []  # (decided on one date: this runs for every citation of every record)
    return law.versions_after(since)


OUT_OF_FORCE = frozenset({LawStatus.REPEALED, LawStatus.NOT_YET_IN_FORCE})


def out_of_force(resolution: Resolution) -> bool:
    """QD122: the cited law is repealed or not yet in force."""
    return resolution.status in OUT_OF_FORCE


def setting_power_rule(item: PowerItem) -> tuple[frozenset[LawLevel], str] | None:
    """QD125's rule for an item: the levels that may create its power and the provision that says so; None when
    it is not judged (not active, a sub-item, no basis, or a type the law leaves to any level)."""
    if item.parent or not item.legal_basis:  # first: an enum's hash is a Python call (a sub-item is 40 % of items)
        return None
    rule = SETTING_POWER.get(item.item_type)
    return rule if rule is not None and item.active else None


def setting_power_breach(rule: tuple[frozenset[LawLevel], str], levels: list[LawLevel | None]) -> frozenset[LawLevel]:
    """The levels of a main item's bases when none may create its power (`rule`), all of them known; else empty."""
    known = frozenset(level for level in levels if level is not None)
    if len(known) < len(set(levels)) or known & rule[0]:
        return frozenset()
    return known


@dataclass(frozen=True, eq=False)
class Citation:
    """One legal basis of one active record, and what the library says of it."""

    kind: AnyKind
    record: Record
    field: str
    index: int
    basis: LegalBasis
    resolution: Resolution
    newer: tuple[Version, ...]  # the law's versions after the citation was last reviewed (QD126)

    @property
    def unresolved(self) -> bool:
        """QD121 or QD123 (SPEC §6.2)."""
        return self.resolution.known is None or self.resolution.broken_reference

    @property
    def mismatched(self) -> bool:
        """QD124."""
        return self.resolution.quoted is False

    @property
    def failing(self) -> bool:
        """Any of QD121–QD124 and QD126 (QD125 is about a whole item: `setting_power_rule`)."""
        return self.unresolved or self.mismatched or out_of_force(self.resolution) or bool(self.newer)


# A citation before it is a `Citation`: its kind, record, field, place in the field's list and basis.
# `qingdan laws` makes each citation of 100,000 items one of these, and only those it shows `Citation`s, resolved
# then: making a `Citation` (a frozen dataclass) costs 1.3 µs, a tuple 0.03 µs, and `--changed-since 2015-01-01`
# shows a quarter of the citations, so the articles of the other laws are never parsed (measured).
Cited = tuple[AnyKind, Record, str, int, LegalBasis]


def cited(registry: Registry) -> Iterator[Cited]:
    """Every citation of every active record, in the kind table's and the files' order."""
    for kind in CITING:
        for record in registry.of(kind):
            if record.active:
                for name, index, basis in bases(record):
                    yield kind, record, name, index, basis


def citation(library: Library, found: Cited) -> Citation:
    """What the library says of a citation (each distinct law, article and text resolved once: `resolve`)."""
    kind, record, name, index, basis = found
    resolution = resolved(library, basis)
    newer = tuple(newer_versions(resolution, review_date(record, basis)))
    return Citation(kind, record, name, index, basis, resolution, newer)


def citations(registry: Registry) -> Iterator[Citation]:
    """Every citation of every active record, in the kind table's and the files' order (none without a
    library)."""
    library = registry.laws
    if library is None:
        return
    for found in cited(registry):
        yield citation(library, found)


def record_citations(kind: AnyKind, record: Record, library: Library) -> Iterator[Citation]:
    for name, index, basis in bases(record):
        yield citation(library, (kind, record, name, index, basis))
