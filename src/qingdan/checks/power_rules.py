"""Rules of a power item's content: its unit (QD105, with the references between units), its legal
basis (QD106) and the record of its cancellation (QD108)."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check
from qingdan.models import TOWNSHIP_KINDS, Unit, UnitKind
from qingdan.problems import Problem, Severity
from qingdan.registry import Registry

# The kinds a unit's `parent` and `stationed_in` must have, by the unit's own kind (SPEC §4.1); a kind not
# listed may name any unit as its parent, and a field not listed for a kind is not required of it.
_PARENT_KINDS: dict[UnitKind, frozenset[UnitKind]] = {
    UnitKind.COMMUNITY: TOWNSHIP_KINDS,
    UnitKind.VILLAGE: TOWNSHIP_KINDS,
    UnitKind.AGENCY: frozenset({UnitKind.DEPARTMENT}),
}
_STATIONED: frozenset[UnitKind] = TOWNSHIP_KINDS  # for every kind that sets it
_REQUIRED: dict[UnitKind, tuple[str, ...]] = {
    UnitKind.COMMUNITY: ("parent",),
    UnitKind.VILLAGE: ("parent",),
    UnitKind.AGENCY: ("parent", "stationed_in"),
}


@check("QD105", Severity.ERROR)
def unit_reference(registry: Registry) -> Iterator[Problem]:
    """
    Unit unknown, revoked, or the wrong kind for its role.

    Every power item names the unit that exercises it (its own `unit`, or the file's `unit:`, reported
    once there); that unit must be in units.yaml, and an active item's unit must not be revoked
    (已撤销) — move the item to the unit that took over, or cancel it. Any kind of unit may hold items.
    In units.yaml, a 社区 or 村 needs a `parent` that is a 街道 or 镇; a 派驻机构 needs a `parent` that is a
    部门 (the department that dispatches it) and a `stationed_in` that is a 街道 or 镇; every `parent` and
    `stationed_in` must exist, and an active unit's must not be revoked.

    PASS: `unit: scjgj`, an active 部门; `{id: tiancheng, kind: 社区, parent: zhuangqiao}`, a 街道
    FAIL: `unit: scjgjj` (no such unit); `{kind: 社区, parent: scjgj}` (a 部门); a 派驻机构 without `stationed_in`
    """
    for item in registry.power:
        # No item code in the arguments: a file's `unit:` shared by many items must make one problem.
        unit = registry.unit_by_id.get(item.unit)
        if unit is None and item.unit not in registry.broken:
            yield at(item, "unit", check_id="QD105", unit=item.unit)
        elif unit is not None and item.active and not unit.active:
            yield at(item, "unit", check_id="QD105", key="QD105.revoked", unit=item.unit)
    for unit in registry.units:
        yield from _unit_links(registry, unit)


def _unit_links(registry: Registry, unit: Unit) -> Iterator[Problem]:
    """QD105 on one unit's `parent` and `stationed_in`; message keys are `QD105.<field>[_required|_kind|...]`."""
    for name in _REQUIRED.get(unit.kind, ()):
        if getattr(unit, name) is None:
            yield at(unit, name, check_id="QD105", key=f"QD105.{name}_required", unit=unit.ident, kind=unit.kind.value)
    links = (("parent", unit.parent, _PARENT_KINDS.get(unit.kind)), ("stationed_in", unit.stationed_in, _STATIONED))
    for name, target_id, allowed in links:
        target = registry.unit_by_id.get(target_id) if target_id else None
        if target_id is None or (target is None and target_id in registry.broken):
            continue
        args = {"unit": unit.ident, "target": target_id}
        if target is None:
            yield at(unit, name, check_id="QD105", key=f"QD105.{name}", **args)
        elif allowed is not None and target.kind not in allowed:
            expected = "/".join(kind.value for kind in UnitKind if kind in allowed)
            kinds = {"kind": unit.kind.value, "target_kind": target.kind.value, "expected": expected}
            yield at(unit, name, check_id="QD105", key=f"QD105.{name}_kind", **args, **kinds)
        elif unit.active and not target.active:
            yield at(unit, name, check_id="QD105", key=f"QD105.{name}_revoked", **args)


@check("QD106", Severity.ERROR)
def legal_basis_missing(registry: Registry) -> Iterator[Problem]:
    """
    Main item without legal basis.

    Every power must rest on a law, regulation or rule (设定依据): a main item without one cannot be
    published. Sub-items and grand-sub-items inherit their main item's basis, and a cancelled item is no
    longer published, so only active main items are checked. The problem is reported at the item.

    PASS: `{code: XK-330205-0102, type: 行政许可, legal_basis: [《校车安全管理条例》第十五条]}`
    FAIL: `{code: XK-330205-0102, type: 行政许可}` (no `parent`, no `legal_basis`), or `legal_basis: []`
    """
    for item in registry.power:
        if item.parent is None and item.active and not item.legal_basis:
            yield at(item, check_id="QD106", code=item.code)


@check("QD108", Severity.ERROR)
def cancellation_unrecorded(registry: Registry) -> Iterator[Problem]:
    """
    Cancelled item without `adjustment`.

    An item is never deleted: it is cancelled (`status: 已取消`), and the cancellation is a dynamic
    adjustment (动态调整) that must say what was decided, by which document and why, so that the year's
    adjustment report can show it.

    PASS: `status: 已取消` with `adjustment: {type: 取消, document: 江北编〔2020〕3号, date: 2020-04-01}`
    FAIL: `status: 已取消` and no `adjustment`
    """
    for item in registry.power:
        if not item.active and item.adjustment is None:
            yield at(item, "status", check_id="QD108", code=item.code)
