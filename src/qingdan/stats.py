"""`qingdan stats`: counts by level, unit, type and status (SPEC §6.2)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from qingdan.loader.registry import Registry
from qingdan.models import Decision, DelegationStatus, Level, PowerItem, PowerType, UnitKind
from qingdan.models.kinds import ASSESSMENTS, COMMUNITY_TASKS, DELEGATIONS, POWER, UNITS


def registry_stats(registry: Registry) -> dict[str, Any]:
    active_units = [unit for unit in registry.of(UNITS) if unit.active]
    unit_counts = Counter(unit.kind for unit in active_units)
    decisions = Counter(task.decision for task in registry.of(COMMUNITY_TASKS))
    delegation_status = Counter(delegation.status for delegation in registry.of(DELEGATIONS))
    return {
        "version": 1,
        "units": {kind.value: unit_counts[kind] for kind in UnitKind},
        "power": _power_stats(registry),
        "delegations": {
            "total": len(registry.of(DELEGATIONS)),
            "by_status": {
                status.value: delegation_status[status] for status in DelegationStatus if delegation_status[status]
            },
        },
        "community_tasks": {"total": len(registry.of(COMMUNITY_TASKS)), **{d.value: decisions[d] for d in Decision}},
        "assessments": {"total": len(registry.of(ASSESSMENTS))},
    }


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
