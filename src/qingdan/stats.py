"""`qingdan stats`: counts by level, unit, type and status (SPEC §6.2). Power items and units have counts of
their own; every other kind is counted as the kind table says (its `tallies`)."""

from __future__ import annotations

from collections import Counter
from enum import Enum
from typing import Any, get_type_hints

from qingdan.conformance import conformance
from qingdan.lawlist import laws_report
from qingdan.loader.registry import Registry
from qingdan.models import Level, PowerItem, PowerType, Record, UnitKind
from qingdan.models.kinds import KINDS, POWER, UNITS, AnyKind, Tally
from qingdan.models.shape import unwrap

CATALOGUE_KEY = "catalogue"  # the basic catalogue's counts (SPEC §6.2); not a record kind
LAWS_KEY = "laws"  # the law library's counts (SPEC §6.2); not a record kind either


def registry_stats(registry: Registry) -> dict[str, Any]:
    unit_counts = Counter(unit.kind for unit in registry.of(UNITS) if unit.active)
    result: dict[str, Any] = {
        "version": 1,
        UNITS.report_key: {kind.value: unit_counts[kind] for kind in UnitKind},
        POWER.report_key: _power_stats(registry),
    }
    present = {info.kind for info in registry.files}
    for kind in KINDS:
        if kind not in (UNITS, POWER) and (kind.always_counted or kind.name in present):
            result[kind.report_key] = kind_counts(kind, registry.of(kind))
    report = conformance(registry)
    if report is not None:
        result[CATALOGUE_KEY] = report.counts()
    library = laws_report(registry)
    if library is not None:
        result[LAWS_KEY] = library.counts()
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


def _power_stats(registry: Registry) -> dict[str, Any]:
    active = [item for item in registry.of(POWER) if item.active]
    depths = Counter(_depth(registry, item) for item in active)
    levels: Counter[Level] = Counter()
    for item in active:
        unit = registry.by_key(UNITS).get(item.unit)
        if unit is not None:
            levels[unit.level] += 1
    types = Counter(item.item_type for item in active)
    units = Counter(item.unit for item in active)
    return {
        "total": len(registry.of(POWER)),
        "active": len(active),
        "cancelled": len(registry.of(POWER)) - len(active),
        "main": depths[1],
        "sub": depths[2],
        "grand_sub": sum(count for depth, count in depths.items() if depth >= 3),
        "by_level": {level.value: levels[level] for level in Level},
        "by_type": {kind.value: types[kind] for kind in PowerType if types[kind]},
        "by_unit": dict(sorted(units.items())),
    }


def _depth(registry: Registry, item: PowerItem) -> int:
    """1 for a main item, 2 for a sub-item, 3 for a grand-sub-item (cycles stop the count; QD104 reports them)."""
    depth, seen = 1, {item.code}
    while item.parent and (parent := registry.by_key(POWER).get(item.parent)) and parent.code not in seen:
        depth, item = depth + 1, parent
        seen.add(item.code)
    return depth


def tally_items(counts: dict[str, Any]) -> list[tuple[str, int]]:
    """A kind's counts without the total, its tallies flattened: [("已批准", 3), …], for tables and cards."""
    items: list[tuple[str, int]] = []
    for name, value in counts.items():
        if isinstance(value, dict):
            items += value.items()
        elif name != "total":
            items.append((name, value))
    return items
