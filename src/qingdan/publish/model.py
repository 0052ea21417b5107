"""What a publication shows, built once from a Registry so that every page and the PDF agree.

Rules decided here:
- Only active items of active units are published: a cancelled item (已取消) never appears, and a revoked
  unit (已撤销) has no page, so its items (an error QD checks report) have nowhere to appear either.
- An item hangs under its parent when the parent is published on the same unit's page; otherwise (its parent
  was handed down with another unit, or is not published) it stands at the top of its unit and names its
  parent. Items caught in a parent cycle (QD104) are shown at the top level rather than lost.
- A sub-item without its own legal basis inherits the nearest ancestor's (SPEC §4.2); pages show each item's
  own basis under the tree, the search index the inherited one.
- Every record, item view and guide view holds only what `Kind.public(edition)` shows (`publish.public`): the
  simple edition's item views carry code, name, type and unit and no legal basis, responsibility,
  accountability, adjustment or note at all; a result carries its grade, never its scores. So no page, index
  or PDF can print what its edition does not publish, whatever its templates do.
- Units appear by level (区级, 街道(镇), 社区(村)) and, within a level, in the order of units.yaml.
- The 法律依据 pages (`publish.laws`) are made from the records as published: an edition that shows no legal
  basis (the 简易版) has none.
- An edition publishes the kinds the kind table gives it (`Kind.editions`): internal matters are for community
  cadres, in the 标准版 only. Records of † kinds (`adjustable`) are published while in force.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any

from qingdan.citations import CITING
from qingdan.diff.engine import Revision
from qingdan.diff.labels import revision_label
from qingdan.loader.registry import Registry
from qingdan.loader.tree import ancestors
from qingdan.models import Adjustment, CommunityTask, Decision, LegalBasis, Level, PowerItem, Record, Unit
from qingdan.models.kinds import BY_NAME, COMMUNITY_TASKS, GUIDES, KINDS, POWER, SIMPLE, STANDARD, UNITS, AnyKind
from qingdan.models.legal_basis import basis_fields
from qingdan.models.public import Public
from qingdan.publish.governance import Governance
from qingdan.publish.guides import CategoryGroup, GuideView, by_category, guide_views
from qingdan.publish.laws import NO_LAW_PAGES, LawLinks, items_citing, law_links
from qingdan.publish.public import public_records
from qingdan.stats import PowerCounts, power_counts, registry_stats


class Edition(StrEnum):
    STANDARD = STANDARD
    SIMPLE = SIMPLE

    @property
    def label(self) -> str:
        return "标准版" if self is Edition.STANDARD else "简易版"


Records = dict[str, tuple[Record, ...]]  # the records a publication shows, by kind name

DEPTH_LABELS = {1: "主项", 2: "子项", 3: "孙项"}


@dataclass(frozen=True, slots=True)
class ItemView:
    code: str
    name: str
    type_name: str
    type_letters: str
    unit: str
    depth: int  # 1 主项, 2 子项, 3 孙项, counted along the whole parent chain
    parent: str | None  # shown only when the item stands at the top of its page
    source: str | None  # None: not published in this edition
    delegation: str | None
    legal_basis: tuple[LegalBasis, ...]  # its own
    inherited_basis: tuple[LegalBasis, ...]  # its own, else the nearest ancestor's
    responsibilities: tuple[str, ...]
    accountability: tuple[str, ...]
    adjustment: Adjustment | None
    note: str | None
    children: tuple[ItemView, ...] = ()

    @property
    def depth_label(self) -> str:
        return DEPTH_LABELS.get(self.depth, "孙项")

    def walk(self) -> Iterator[ItemView]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class UnitView:
    unit: Unit
    items: tuple[ItemView, ...]  # the top of its tree
    count: int  # every published item of the unit, at any depth

    @property
    def ident(self) -> str:
        return self.unit.ident

    @property
    def name(self) -> str:
        return self.unit.name

    @property
    def anchor(self) -> str:
        return f"unit-{self.unit.ident}"

    def walk(self) -> Iterator[ItemView]:
        for item in self.items:
            yield from item.walk()


@dataclass(frozen=True, slots=True)
class LevelView:
    name: str
    units: tuple[UnitView, ...]

    @property
    def count(self) -> int:
        return sum(unit.count for unit in self.units)


@dataclass(frozen=True)
class Publication:
    region: str
    region_code: str
    edition: Edition
    revision: Revision
    published: date
    levels: tuple[LevelView, ...]
    stats: dict[str, Any]
    names: dict[str, str]  # unit id → name, revoked units too (old delegations name them)
    records: Records  # the records of every published kind but units and items, by kind name
    all_units: tuple[Unit, ...]  # every unit of units.yaml, in its order
    item_units: dict[str, str] = field(default_factory=dict)  # published code → the unit whose page shows it
    guides: tuple[GuideView, ...] = ()  # the service guides in force, as this edition shows them
    laws: LawLinks = NO_LAW_PAGES  # the law pages of the cited laws, and where each citation links

    @property
    def page_kinds(self) -> tuple[AnyKind, ...]:
        """The kinds with pages of their own in this edition, in the kind table's order (for navigation and
        appendices): those the registry has, and those always counted."""
        return tuple(kind for kind in _page_kinds(self.edition) if kind.report_key in self.stats)

    def guides_by_category(self, street: str | None = None) -> list[CategoryGroup]:
        """The guides (of one street, or all) under the standard's three categories."""
        return by_category(self.guides_in(street))

    def guides_in(self, street: str | None = None) -> tuple[GuideView, ...]:
        return self.guides if street is None else tuple(view for view in self.guides if view.offered_in(street))

    @property
    def guide_streets(self) -> tuple[Unit, ...]:
        """The streets and towns, each with its booklet of guides."""
        return self.page_units(GUIDES)

    def of(self, kind_name: str) -> tuple[Record, ...]:
        return self.records.get(kind_name, ())

    def shows(self, kind_name: str, path: str) -> bool:
        """Whether this edition publishes a field of a kind (for a table's header: its cells are empty anyway)."""
        return BY_NAME[kind_name].public(self.edition).shows(path)

    def page_units(self, kind: AnyKind) -> tuple[Unit, ...]:
        """The active units that get a page of this kind of their own."""
        return tuple(unit for unit in self.all_units if unit.active and unit.kind in kind.pages_per)

    @property
    def frame(self) -> tuple[Any, ...]:
        """What every page shows around its content (base.html): region, edition, navigation, revision, date."""
        return (self.region, self.edition, self.page_kinds, self.revision, self.published)

    @property
    def revision_label(self) -> str:
        return revision_label(self.revision, "zh")

    @property
    def units(self) -> tuple[UnitView, ...]:
        return tuple(unit for level in self.levels for unit in level.units)

    def items(self) -> Iterator[ItemView]:
        for unit in self.units:
            yield from unit.walk()

    def tasks_decided(self, decision: str) -> list[CommunityTask]:
        tasks = self.of(COMMUNITY_TASKS.name)
        return [task for task in tasks if isinstance(task, CommunityTask) and task.decision.value == decision]

    @property
    def task_decisions(self) -> tuple[str, ...]:
        return tuple(decision.value for decision in Decision)

    @cached_property
    def governance(self) -> Governance:
        """The 配权 lists arranged for their pages (谁来管 per street, grid events by class …), built once."""
        return Governance(self.records, self.all_units, {item.code: (item.name, item.unit) for item in self.items()})


def _page_kinds(edition: Edition) -> tuple[AnyKind, ...]:
    return tuple(kind for kind in KINDS if kind.page and not kind.public(edition).empty)


def build_publication(registry: Registry, edition: Edition, revision: Revision, published: date) -> Publication:
    return assemble(registry, edition, revision, published, power_part(registry, edition))


def assemble(
    registry: Registry, edition: Edition, revision: Revision, published: date, power: PowerPart
) -> Publication:
    """The publication of a registry whose power items are arranged already: by `power_part`, or after an edit
    by `publish.incremental`, which arranges again only those of the units the edit touched."""
    grades = registry.settings.grades
    records: Records = {
        kind.name: public_records(kind, _in_force(registry, kind), edition, grades)
        for kind in KINDS
        if kind not in (UNITS, POWER) and not kind.public(edition).empty
    }
    views = tuple(unit for level in power.levels for unit in level.units)
    return Publication(
        region=registry.settings.region.name,
        region_code=registry.settings.region.code,
        edition=edition,
        revision=revision,
        published=published,
        levels=power.levels,
        stats=registry_stats(registry, power.counts),
        names={unit.ident: unit.name for unit in registry.of(UNITS)},
        # a page may draw on kinds without pages of their own (公益效能: institutions, indicator sets)
        records=records,
        all_units=public_records(UNITS, registry.of(UNITS), edition, grades),
        item_units=power.item_units,
        guides=guide_views(registry, GUIDES.public(edition), POWER.public(edition), power.by_code),
        laws=_law_links(registry, edition, power, views, records),
    )


def _law_links(
    registry: Registry, edition: Edition, power: PowerPart, views: tuple[UnitView, ...], records: Records
) -> LawLinks:
    """The law pages of what the edition shows (none when it shows no legal basis: the library is not even
    opened then), the citations of each unit's page taken from its part when made before."""
    shown = any(kind.public(edition).shows(name) for kind in CITING for name in basis_fields(kind.model))
    library = registry.laws if registry.library is not None and shown else None
    if library is None:
        return NO_LAW_PAGES
    units = frozenset(view.ident for view in views)
    pages = []
    for view in views:
        part = power.units.get(view.ident)
        if part is None or part.view is not view:  # a unit listed twice: its second page is no part's
            pages.append(items_citing(library, view.walk(), units))
            continue
        kept = part.citing
        if not kept or kept[0] is not library or kept[1] != units:
            kept[:] = [library, units, items_citing(library, view.walk(), units)]
        pages.append(kept[2])
    return law_links(library, pages, records)


@dataclass(frozen=True)
class UnitPart:
    """What the power items of one unit (by the id they name, published or not) bring to a publication: the
    unit's tree (None: the unit is not published), where the items on it stand, their counts, and the codes
    their chains of parents looked up (`loader.tree.ancestors`). Those codes and the unit's own items are all
    a part depends on, as long as no power code and no unit id is used twice (`PowerPart.joined`)."""

    view: UnitView | None
    placed: dict[str, str]
    counts: PowerCounts
    reads: frozenset[str]
    # Its page's law citations (`publish.laws.Citing`) once made, with the library and the units with a page
    # they were made with: [library, units, citing], or empty.
    citing: list[Any] = field(default_factory=list, compare=False, repr=False)


@dataclass(frozen=True)
class PowerPart:
    """A publication's power items: the units' trees by level, the unit whose page shows each code, the counts,
    each unit's part, and the first item of each code (`Registry.by_key`) that they were made with."""

    levels: tuple[LevelView, ...]
    item_units: dict[str, str]
    counts: PowerCounts
    units: dict[str, UnitPart]
    by_code: Mapping[str, PowerItem]

    @classmethod
    def joined(cls, registry: Registry, units: dict[str, UnitPart], by_code: Mapping[str, PowerItem]) -> PowerPart:
        """The power items of a registry from each unit's part, where no code and no unit id is used twice (each
        unit is then built on its own: a part places only its own unit's items)."""
        levels: list[LevelView] = []
        placed: dict[str, str] = {}
        for level in Level:
            shown = [view for unit in _published(registry, level) if (view := units[unit.ident].view) is not None]
            levels.append(LevelView(level.value, tuple(shown)))
            for view in shown:
                placed.update(units[view.ident].placed)
        return cls(tuple(levels), placed, _total(units), units, by_code)


def power_part(registry: Registry, edition: Edition) -> PowerPart:
    """Every unit's tree and part, built in one walk (as a publication lists them: a unit listed twice has two
    trees, an item whose code another item uses too may stand on another unit's page)."""
    builder = _TreeBuilder(registry, POWER.public(edition), registry.by_key(POWER), registry.of(POWER))
    levels = tuple(
        LevelView(level.value, tuple(builder.unit_view(unit) for unit in _published(registry, level)))
        for level in Level
    )
    units = {ident: builder.part(ident) for ident in {*builder.by_unit, *builder.views}}
    return PowerPart(levels, builder.placed, _total(units), units, builder.by_code)


def unit_parts(
    registry: Registry,
    edition: Edition,
    idents: Collection[str],
    items: Iterable[PowerItem],
    by_code: Mapping[str, PowerItem],
) -> dict[str, UnitPart]:
    """The parts of the units named that have any (an active unit, or active items naming the id), in a
    registry where no code and no unit id is used twice; `items`: every item of those units among others, in
    file order; `by_code`: the registry's items by code."""
    builder = _TreeBuilder(registry, POWER.public(edition), by_code, items, idents)
    for unit in registry.of(UNITS):
        if unit.ident in idents and unit.active:
            builder.unit_view(unit)
    return {ident: builder.part(ident) for ident in idents if ident in builder.by_unit or ident in builder.views}


def _total(units: dict[str, UnitPart]) -> PowerCounts:
    counts = PowerCounts()
    for part in units.values():
        counts.add(part.counts)
    return counts


def _published(registry: Registry, level: Level) -> list[Unit]:
    return [unit for unit in registry.of(UNITS) if unit.active and unit.level is level]


def _in_force(registry: Registry, kind: AnyKind) -> list[Record]:
    return [record for record in registry.of(kind) if record.active or not kind.adjustable]


class _TreeBuilder:
    """Builds each unit's item tree from the active items (of the units named), in file order."""

    def __init__(
        self,
        registry: Registry,
        public: Public,
        by_code: Mapping[str, PowerItem],
        items: Iterable[PowerItem],
        idents: Collection[str] | None = None,
    ) -> None:
        self.registry = registry
        self.public = public
        self.by_code = by_code
        self.by_unit: dict[str, list[PowerItem]] = {}
        for item in items:
            if (idents is None or item.unit in idents) and item.active:
                self.by_unit.setdefault(item.unit, []).append(item)
        # A tree shows the children among its own unit's items: of every item in the registry when a code may be
        # used twice (an item of another unit, with the code of one of this unit's, may stand there), else of
        # the unit's own active items, all the same, without walking the registry (70 ms at 100,000 items on a
        # loaded machine, calibration 1.96 s).
        self.children = registry.children if idents is None else _children(self.by_unit)
        self.placed: dict[str, str] = {}
        self.views: dict[str, UnitView] = {}
        self.placed_by: dict[str, dict[str, str]] = {}  # unit id → what its tree placed
        self.chains: dict[int, list[PowerItem]] = {}  # id(item) → its ancestors, walked once for tree and counts

    def unit_view(self, unit: Unit) -> UnitView:
        items = self.by_unit.get(unit.ident, [])
        here = {item.code for item in items}
        placing = self.placed_by.setdefault(unit.ident, {})
        roots = [self._view(item, here, placing, top=True) for item in items if item.parent not in here]
        # Whatever is left sits in a parent cycle: show it rather than lose it.
        roots += [self._view(item, here, placing, top=True) for item in items if item.code not in self.placed]
        view = UnitView(unit, tuple(roots), sum(1 for root in roots for _ in root.walk()))
        self.views[unit.ident] = view
        return view

    def part(self, ident: str) -> UnitPart:
        items = self.by_unit.get(ident, [])
        chains = [self._chain(item) for item in items]
        reads = frozenset(
            each.parent for item, chain in zip(items, chains, strict=True) for each in (item, *chain) if each.parent
        )
        counts = power_counts(items, (1 + len(chain) for chain in chains), self.registry.by_key(UNITS))
        return UnitPart(self.views.get(ident), self.placed_by.get(ident, {}), counts, reads)

    def _view(self, item: PowerItem, here: set[str], placing: dict[str, str], top: bool) -> ItemView:
        self.placed[item.code] = placing[item.code] = item.unit
        kids = [
            child
            for child in self.children.get(item.code, ())
            if child.active and child.code in here and child.code not in self.placed
        ]
        children = tuple(self._view(child, here, placing, top=False) for child in kids if child.code not in self.placed)
        shown = self.public.cut(item)
        own = tuple(shown.legal_basis or ())
        chain = self._chain(item)
        return ItemView(
            code=shown.code,
            name=shown.name,
            type_name=shown.item_type.value,
            type_letters=shown.item_type.letters,
            unit=shown.unit,
            depth=1 + len(chain),
            parent=shown.parent if top else None,
            source=shown.source.value if shown.source else None,
            delegation=shown.delegation,
            legal_basis=own,
            inherited_basis=own or (_inherited(chain) if self.public.shows("legal_basis") else ()),
            responsibilities=tuple(shown.responsibilities or ()),
            accountability=tuple(shown.accountability or ()),
            adjustment=shown.adjustment,
            note=shown.note,
            children=children,
        )

    def _chain(self, item: PowerItem) -> list[PowerItem]:
        chain = self.chains.get(id(item))
        if chain is None:
            chain = self.chains[id(item)] = ancestors(self.by_code, item)
        return chain


def _children(by_unit: dict[str, list[PowerItem]]) -> dict[str, list[PowerItem]]:
    children: dict[str, list[PowerItem]] = {}
    for items in by_unit.values():
        for item in items:
            if item.parent:
                children.setdefault(item.parent, []).append(item)
    return children


def _inherited(chain: list[PowerItem]) -> tuple[LegalBasis, ...]:
    """The legal basis of the nearest ancestor that has one (SPEC §4.2)."""
    return next((tuple(parent.legal_basis) for parent in chain if parent.legal_basis), ())
