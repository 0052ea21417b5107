"""Unit references (QD105): wherever a record names a unit, the unit must exist, be active and be of the kind
its role needs; units' own links (`parent`, `stationed_in`) included."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import TOWNSHIP_KINDS, PowerItem, Record, Unit, UnitKind
from qingdan.models.kinds import DUTIES, GRID_EVENTS, POWER, UNITS, VIOLATIONS
from qingdan.problems import Finding, Path, Severity

# The kinds a unit's `parent` and `stationed_in` must have, by the unit's own kind (SPEC §4.1); a kind not
# listed may name any unit as its parent, and a field not listed for a kind is not required of it.
_PARENT_KINDS: Mapping[UnitKind, frozenset[UnitKind]] = MappingProxyType(
    {
        UnitKind.COMMUNITY: TOWNSHIP_KINDS,
        UnitKind.VILLAGE: TOWNSHIP_KINDS,
        UnitKind.AGENCY: frozenset({UnitKind.DEPARTMENT}),
    }
)
_STATIONED: frozenset[UnitKind] = TOWNSHIP_KINDS  # for every kind that sets it
# The kinds whose records name units through `unit_refs` (a test keeps this list whole: a kind whose model
# overrides `unit_refs` is here, or names no unit there, as stationed tasks).
NAMING_UNITS = (DUTIES, VIOLATIONS, GRID_EVENTS)
_REQUIRED: Mapping[UnitKind, tuple[str, ...]] = MappingProxyType(
    {
        UnitKind.COMMUNITY: ("parent",),
        UnitKind.VILLAGE: ("parent",),
        UnitKind.AGENCY: ("parent", "stationed_in"),
        UnitKind.INDUSTRIAL_ZONE: ("located_in",),
    }
)


@check("QD105", Severity.ERROR, each=(POWER, UNITS, *NAMING_UNITS))
def unit_reference(record: Record, registry: Registry) -> Iterator[Finding]:
    """
    Unit unknown, revoked, or the wrong kind for its role.

    Every power item names the unit that exercises it (its own `unit`, or the file's `unit:`, reported
    once there); that unit must be in units.yaml, and an active item's unit must not be revoked
    (已撤销) — move the item to the unit that took over, or cancel it. Any kind of unit may hold items.
    In units.yaml, a 社区 or 村 needs a `parent` that is a 街道 or 镇; a 派驻机构 needs a `parent` that is a
    部门 (the department that dispatches it) and a `stationed_in` that is a 街道 or 镇; every `parent` and
    `stationed_in` must exist, and an active unit's must not be revoked. A 工业区 names in `located_in` the
    街道 or 镇 its area lies in (they take on its social affairs, QD603). Wherever the other lists name a unit (a
    duty's lead and partners, a grid event's handler, partners and escalation, a violation's `report_to`), it
    must exist and, for an active record, be active.

    PASS: `unit: scjgj`, an active 部门; `{id: tiancheng, kind: 社区, parent: zhuangqiao}`, a 街道
    FAIL: `unit: scjgjj` (no such unit); `{kind: 社区, parent: scjgj}` (a 部门); a 派驻机构 without `stationed_in`
    """
    if isinstance(record, PowerItem):  # the many: looked at here, without a helper's generator for each
        # No item code in the arguments: a file's `unit:` shared by many items must make one problem.
        unit = registry.by_key(UNITS).get(record.unit)
        if unit is None and record.unit not in registry.broken:
            yield at(record, "unit", unit=record.unit)
        elif unit is not None and record.active and not unit.active:
            yield at(record, "unit", variant="revoked", unit=record.unit)
    elif isinstance(record, Unit):
        yield from _unit_links(registry, record)
    else:
        yield from _named_units(registry, record)


def _named_units(registry: Registry, record: Record) -> Iterator[Finding]:
    for path, unit_id in record.unit_refs():
        unit = registry.by_key(UNITS).get(unit_id)
        if unit is None and unit_id not in registry.broken:
            yield at(record, str(path[0]), *path[1:], variant="named", unit=unit_id)
        elif unit is not None and record.active and not unit.active:
            yield at(record, str(path[0]), *path[1:], variant="named_revoked", unit=unit_id)


def _unit_links(registry: Registry, unit: Unit) -> Iterator[Finding]:
    """QD105 on one unit's `parent`, `stationed_in` and `located_in`; message keys are
    `QD105.<field>[_required|_kind|...]`."""
    for name in _REQUIRED.get(unit.kind, ()):
        if not getattr(unit, name):
            yield at(unit, name, variant=f"{name}_required", unit=unit.ident, kind=unit.kind.value)
    links: list[tuple[str, Path, str | None, frozenset[UnitKind] | None]] = [
        ("parent", (), unit.parent, _PARENT_KINDS.get(unit.kind)),
        ("stationed_in", (), unit.stationed_in, _STATIONED),
    ]
    links += [("located_in", (index,), target, TOWNSHIP_KINDS) for index, target in enumerate(unit.located_in or ())]
    for name, subpath, target_id, allowed in links:
        target = registry.by_key(UNITS).get(target_id) if target_id else None
        if target_id is None or (target is None and target_id in registry.broken):
            continue
        args = {"unit": unit.ident, "target": target_id}
        if target is None:
            yield at(unit, name, *subpath, variant=f"{name}", **args)
        elif allowed is not None and target.kind not in allowed:
            expected = "/".join(kind.value for kind in UnitKind if kind in allowed)
            kinds = {"kind": unit.kind.value, "target_kind": target.kind.value, "expected": expected}
            yield at(unit, name, *subpath, variant=f"{name}_kind", **args, **kinds)
        elif unit.active and not target.active:
            yield at(unit, name, *subpath, variant=f"{name}_revoked", **args)
