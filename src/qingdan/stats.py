"""`qingdan stats`: counts by level, unit, type and status (SPEC §6.2). Power items and units have counts of
their own; every other kind is counted as the kind table says (its `tallies`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, get_type_hints

from qingdan.conformance import conformance
from qingdan.loader.registry import Registry
from qingdan.loader.tree import ancestors
from qingdan.models import Level, PowerItem, PowerType, Record, Unit, UnitKind
from qingdan.models.kinds import KINDS, POWER, UNITS, AnyKind, Tally
from qingdan.models.shape import unwrap

CATALOGUE_KEY = "catalogue"  # the basic catalogue's counts (SPEC §6.2); not a record kind


def registry_stats(registry: Registry, power: PowerCounts | None = None) -> dict[str, Any]:
    """The counts of SPEC §6.2; `power`: those of the active power items, when the caller has them already (a
    publication adds up each unit's)."""
    if power is None:
        active = [item for item in registry.of(POWER) if item.active]
        by_code = registry.by_key(POWER)
        power = power_counts(active, (1 + len(ancestors(by_code, item)) for item in active), registry.by_key(UNITS))
    unit_counts = Counter(unit.kind for unit in registry.of(UNITS) if unit.active)
    result: dict[str, Any] = {
        "version": 1,
        UNITS.report_key: {kind.value: unit_counts[kind] for kind in UnitKind},
        POWER.report_key: _power_stats(len(registry.of(POWER)), power),
    }
    present = {info.kind for info in registry.files}
    for kind in KINDS:
        if kind not in (UNITS, POWER) and (kind.always_counted or kind.name in present):
            result[kind.report_key] = kind_counts(kind, registry.of(kind))
    report = conformance(registry)
    if report is not None:
        result[CATALOGUE_KEY] = report.counts()
    return result


def kind_counts(kind: AnyKind, records: list[Record]) -> dict[str, Any]:
    """`{"total": N}` and the kind's tallies: a tally with a key lists the values that occur, in vocabulary
    order; one without lists every value of its vocabulary beside the total."""
    counts: dict[str, Any] = {"total": len(records)}
    for tally in kind.tallies:
        found = Counter(value for record in records if (value := _tallied(record, tally)) is not None)
        values = _vocabulary(kind, tally.attribute) or sorted(found)
        if tally.key is None:
            counts.update({value: found[value] for value in values})
        else:
            counts[tally.key] = {value: found[value] for value in values if found[value]}
    return counts


def _tallied(record: Record, tally: Tally) -> str | None:
    """The record's value of the tallied attribute; None (not counted) when an optional field is not set."""
    value = getattr(record, tally.attribute)
    if value is None:
        return None
    return str(value.value) if isinstance(value, Enum) else str(value)


def _vocabulary(kind: AnyKind, attribute: str) -> list[str]:
    """The values of the attribute's vocabulary (a field's, or what a property returns), in their order; []
    if it has none."""
    info = kind.model.model_fields.get(attribute)
    annotation: object = unwrap(info.annotation) if info else None  # `Grade | None` → Grade
    prop = getattr(kind.model, attribute, None)
    if info is None and isinstance(prop, property) and prop.fget is not None:
        annotation = get_type_hints(prop.fget).get("return")
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return []


@dataclass
class PowerCounts:
    """What SPEC §6.2 counts of some active power items, in a form that adds up: a publication keeps the counts
    of each unit's items and, after an edit, counts again only those of the units it touched."""

    active: int = 0
    depths: Counter[int] = field(default_factory=Counter)  # 1 main item, 2 sub-item, 3 and more grand-sub-item
    levels: Counter[Level] = field(default_factory=Counter)  # of the items' units (an unknown unit: none)
    types: Counter[PowerType] = field(default_factory=Counter)
    units: Counter[str] = field(default_factory=Counter)

    def add(self, other: PowerCounts) -> None:
        self.active += other.active
        self.depths.update(other.depths)
        self.levels.update(other.levels)
        self.types.update(other.types)
        self.units.update(other.units)


def power_counts(active: list[PowerItem], depths: Iterable[int], units: Mapping[str, Unit]) -> PowerCounts:
    """The counts of these active items; `depths`: each item's, in the same order (`loader.tree.ancestors`
    walks them: cycles stop the count, QD104 reports them)."""
    return PowerCounts(
        active=len(active),
        depths=Counter(depths),
        levels=Counter(unit.level for item in active if (unit := units.get(item.unit)) is not None),
        types=Counter(item.item_type for item in active),
        units=Counter(item.unit for item in active),
    )


def _power_stats(total: int, counts: PowerCounts) -> dict[str, Any]:
    depths, levels, types = counts.depths, counts.levels, counts.types
    return {
        "total": total,
        "active": counts.active,
        "cancelled": total - counts.active,
        "main": depths[1],
        "sub": depths[2],
        "grand_sub": sum(count for depth, count in depths.items() if depth >= 3),
        "by_level": {level.value: levels[level] for level in Level},
        "by_type": {kind.value: types[kind] for kind in PowerType if types[kind]},
        "by_unit": dict(sorted(counts.units.items())),
    }


def tally_items(counts: dict[str, Any]) -> list[tuple[str, int]]:
    """A kind's counts without the total, its tallies flattened: [("已批准", 3), …], for tables and cards."""
    items: list[tuple[str, int]] = []
    for name, value in counts.items():
        if isinstance(value, dict):
            items += value.items()
        elif name != "total":
            items.append((name, value))
    return items
