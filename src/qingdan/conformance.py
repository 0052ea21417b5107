"""Conformance to the province's basic catalogue (八统一, SPEC §4.16): what `qingdan catalogue` reports, what
`stats` counts, and the rules the catalogue checks (QD111–QD116) share with them.

Per unit: the items that implement an entry and match it in every unified element, those that differ (which
element, both values), the entries expected of the unit that none of its active items implements, and its
active items that name no entry (local items). Only active items and entries in use take part.

An entry is expected of a unit when it is in use, one of its 行使层级 is 县级 or 乡镇级, its 主管部门 names the
unit (its name, or its id), and the unit's own level is among the entry's levels: a 乡镇级 entry whose 主管部门 is
a district department is carried out by the streets, not expected of the department itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from qingdan.loader.registry import Registry
from qingdan.models import PowerItem, Unit
from qingdan.models.catalogue import (
    LEVEL_IN_CATALOGUE,
    Catalogue,
    CatalogueEntry,
    CatalogueLevel,
    Difference,
    differences,
    item_laws,
    normal_text,
)
from qingdan.models.kinds import POWER, UNITS
from qingdan.models.settings import Unified

_EXPECTED_LEVELS = frozenset({CatalogueLevel.COUNTY, CatalogueLevel.TOWNSHIP})


@dataclass(frozen=True)
class Implementation:
    item: PowerItem
    entry: CatalogueEntry
    differences: tuple[Difference, ...] = ()


@dataclass
class UnitConformance:
    unit: str  # its id
    name: str
    matching: list[Implementation] = field(default_factory=list)
    differing: list[Implementation] = field(default_factory=list)
    missing: list[CatalogueEntry] = field(default_factory=list)  # expected of the unit, not implemented
    unknown: list[PowerItem] = field(default_factory=list)  # a code not in the catalogue, or of a cancelled entry
    uncoded: list[PowerItem] = field(default_factory=list)  # local items: no catalog_code

    @property
    def empty(self) -> bool:
        return not (self.matching or self.differing or self.missing or self.unknown or self.uncoded)


@dataclass
class Conformance:
    file: str
    unified: tuple[Unified, ...]
    entries: int  # entries in use
    implemented: int  # entries in use that an active item implements
    differing: int  # entries in use implemented by at least one item that differs from them
    units: list[UnitConformance]

    @property
    def not_implemented(self) -> int:
        """Entries expected of a unit that the unit does not implement (QD115), counted per unit."""
        return sum(len(unit.missing) for unit in self.units)

    def counts(self) -> dict[str, Any]:
        """The `catalogue` key of `stats --format json` (SPEC §6.2)."""
        return {
            "entries": self.entries,
            "implemented": self.implemented,
            "differing": self.differing,
            "not_implemented": self.not_implemented,
        }


class Rules:
    """The shared rules over one registry and its catalogue, with the indexes they need built once."""

    def __init__(self, registry: Registry, catalogue: Catalogue) -> None:
        self.registry = registry
        self.catalogue = catalogue

    @cached_property
    def units_by_name(self) -> dict[str, Unit]:
        by_name: dict[str, Unit] = {}
        for unit in self.registry.of(UNITS):
            by_name.setdefault(normal_text(unit.name), unit)
            by_name.setdefault(unit.ident, unit)
        return by_name

    @cached_property
    def implemented_by(self) -> dict[str, set[str]]:
        """Entry code → the units with an active item implementing it."""
        found: dict[str, set[str]] = {}
        for item in self.registry.of(POWER):
            if item.active and item.catalog_code:
                found.setdefault(item.catalog_code, set()).add(item.unit)
        return found

    def expected_of(self, entry: CatalogueEntry) -> Unit | None:
        """The unit this entry is expected of (see the module's docstring), or None."""
        if not entry.active or not entry.department or _EXPECTED_LEVELS.isdisjoint(entry.levels):
            return None
        unit = self.units_by_name.get(normal_text(entry.department))
        if unit is None or not unit.active or LEVEL_IN_CATALOGUE[unit.level] not in entry.levels:
            return None
        return unit

    def missing(self) -> Iterator[tuple[CatalogueEntry, Unit]]:
        """Every entry expected of a unit that no active item of the unit implements."""
        for entry in self.catalogue.entries:
            unit = self.expected_of(entry)
            if unit is not None and unit.ident not in self.implemented_by.get(entry.code, ()):
                yield entry, unit

    def laws_of(self, item: PowerItem) -> frozenset[str]:
        """The law names an item cites: its own legal basis, else its nearest ancestor's (sub-items inherit)."""
        seen = {item.code}
        current: PowerItem | None = item
        while current is not None and not current.legal_basis and current.parent:
            current = self.registry.by_key(POWER).get(current.parent)
            if current is None or current.code in seen:
                return frozenset()
            seen.add(current.code)
        return item_laws(current) if current is not None else frozenset()

    def differences(self, item: PowerItem, entry: CatalogueEntry) -> tuple[Difference, ...]:
        laws = self.laws_of(item) if Unified.LEGAL_BASIS in self.catalogue.unified else None
        return tuple(differences(item, entry, self.catalogue.unified, laws))


def conformance(registry: Registry) -> Conformance | None:
    """The conformance report of a registry; None when qingdan.yaml names no catalogue."""
    catalogue = registry.catalogue
    if catalogue is None:
        return None
    rules = Rules(registry, catalogue)
    per_unit: dict[str, UnitConformance] = {}
    for unit in registry.of(UNITS):
        per_unit.setdefault(unit.ident, UnitConformance(unit.ident, unit.name))  # QD901 reports a second one
    differing: set[str] = set()
    for item in registry.of(POWER):
        if not item.active:
            continue
        report = per_unit.setdefault(item.unit, UnitConformance(item.unit, item.unit))
        entry = catalogue.by_code.get(item.catalog_code) if item.catalog_code else None
        if item.catalog_code is None:
            report.uncoded.append(item)
        elif entry is None or not entry.active:
            report.unknown.append(item)
        elif found := rules.differences(item, entry):
            report.differing.append(Implementation(item, entry, found))
            differing.add(entry.code)
        else:
            report.matching.append(Implementation(item, entry))
    for entry, unit in rules.missing():
        per_unit[unit.ident].missing.append(entry)
    in_use = {entry.code for entry in catalogue.entries if entry.active}
    return Conformance(
        file=catalogue.file,
        unified=catalogue.unified,
        entries=len(in_use),
        implemented=len(in_use & rules.implemented_by.keys()),
        differing=len(differing & in_use),
        units=[unit for unit in per_unit.values() if not unit.empty],
    )
