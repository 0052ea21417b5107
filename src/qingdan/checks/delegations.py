"""Delegations (职责下放 / 委托): a street holds a district department's duty only through an approved
delegation, reviewed by the joint meeting and backed by staff, money, training and guidance."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check, found
from qingdan.loader.registry import Registry
from qingdan.models import ALL_TOWNSHIPS, TOWNSHIP_KINDS, Delegation, DelegationStatus, Level, PowerItem, UnitKind
from qingdan.models.kinds import DELEGATIONS, POWER, UNITS
from qingdan.problems import Finding, Severity

_REVIEWED = frozenset({DelegationStatus.APPROVED, DelegationStatus.REJECTED})
_REVIEW_PARTS = ("meeting", "date", "decision")
_SAFEGUARDS = ("staffing", "funding", "training", "guidance")
_DEPARTMENT = frozenset({UnitKind.DEPARTMENT})


@check("QD201", Severity.ERROR, each=POWER)
def street_item_without_delegation(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    街道(镇) item sourced 上级下放/上级委托 without a `delegation` that exists, is 已批准 and targets its unit.

    A street or town may exercise a district department's power only after the joint meeting (联席会议)
    approved handing it down. An item that says it was handed down (上级下放) or entrusted (上级委托) must
    name that delegation in `delegation`; the delegation must exist, be 已批准, and list the item's unit
    among its `to_units` (or hand the duty to `全部街道(镇)`). Cancelled items are not checked.

    PASS: `unit: wenjiao`, `source: 上级委托`, `delegation: XF-2020-01` where XF-2020-01 is 已批准 with
    `to_units: [wenjiao]`
    FAIL: the same item without `delegation`, or with XF-2020-01 still 审议中, or with `to_units: [zhuangqiao]`
    """
    if _needs_delegation(registry, item):
        yield from _delegation_problems(registry, item)


def _needs_delegation(registry: Registry, item: PowerItem) -> bool:
    unit = registry.by_key(UNITS).get(item.unit)
    return item.active and item.source.needs_delegation and unit is not None and unit.level is Level.STREET


def _delegation_problems(registry: Registry, item: PowerItem) -> Iterator[Finding]:
    ident = item.delegation
    if ident is None:
        yield at(item, "source", source=item.source.value, unit=item.unit)
        return
    delegation = registry.by_key(DELEGATIONS).get(ident)
    if delegation is None:
        if ident not in registry.broken:
            yield at(item, "delegation", variant="unknown", delegation=ident)
    elif not delegation.approved:
        status = delegation.status.value
        yield at(item, "delegation", variant="status", delegation=ident, status=status)
    elif not delegation.targets(item.unit):
        yield at(item, "delegation", variant="target", delegation=ident, unit=item.unit)


@check("QD202", Severity.ERROR, each=DELEGATIONS)
def incomplete_review(delegation: Delegation, registry: Registry) -> Iterator[Finding]:
    """
    Approved or rejected delegation without a complete review, or approved without all four safeguards.

    A delegation is decided by the joint meeting: once it is 已批准 or 不予批准, `review` must say which
    meeting, on what date, and what it decided (`meeting`, `date`, `decision`). Duties go down only with the
    means to carry them out (权随责走、费随事转), so an approved delegation also names its `safeguards`:
    `staffing` (人员), `funding` (经费), `training` (培训) and `guidance` (业务指导).

    PASS: `status: 已批准` with `review: {meeting: 区职责下放联席会议2020年第1次会议, date: 2020-02-18,
    decision: 同意}` and all four safeguards
    FAIL: `status: 已批准` without `review`, with a review lacking `date`, or with `safeguards` lacking `funding`
    """
    if delegation.status in _REVIEWED:
        yield from _missing_parts(delegation, "review", _REVIEW_PARTS)
    if delegation.approved:
        yield from _missing_parts(delegation, "safeguards", _SAFEGUARDS)


def _missing_parts(delegation: Delegation, name: str, parts: tuple[str, ...]) -> Iterator[Finding]:
    """`review` or `safeguards`: absent (reported at the status that requires it) or with parts missing."""
    status = delegation.status.value
    section = getattr(delegation, name)
    if section is None:
        yield at(delegation, "status", variant=f"no_{name}", status=status)
        return
    missing = [part for part in parts if not _filled(getattr(section, part))]
    if missing:
        labels = "、".join(str(type(section).model_fields[part].title) for part in missing)
        ref = delegation.field_ref(name)
        yield found(
            ref,
            variant=name,
            record=delegation.key,
            field=name,
            at_key=True,
            status=status,
            missing=", ".join(missing),
            labels=labels,
        )


def _filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


@check("QD203", Severity.ERROR, each=DELEGATIONS)
def delegation_items_and_units(delegation: Delegation, registry: Registry) -> Iterator[Finding]:
    """
    Delegation item unknown or held neither by from_unit nor, through it, a to_unit; from/to unit of wrong kind.

    A delegation lists the codes it hands down: items of the department that gives them (`from_unit`), or
    the items a receiving street now holds through this very delegation (their `delegation` names it). A
    delegation goes from a 部门 to 街道 or 镇 (or to `全部街道(镇)`); anything else is a mistake in the ids.

    PASS: `from_unit: mzj`, `to_units: [wenjiao]`, `items: [GF-330205-0301]` where GF-330205-0301 is an
    item of mzj
    FAIL: `items: [GF-330205-9999]` (no such item), an item of another department, `from_unit: wenjiao`
    (a street), `to_units: [tiancheng]` (a community)
    """
    yield from _unit_kinds(registry, delegation)
    for index, code in enumerate(delegation.items):
        yield from _item_holder(registry, delegation, index, code)


def _unit_kinds(registry: Registry, delegation: Delegation) -> Iterator[Finding]:
    """from_unit must be a 部门, each of to_units a 街道 or 镇; unknown ids are reported here too."""
    places: list[tuple[tuple[str | int, ...], str, frozenset[UnitKind], str]] = [
        (("from_unit",), delegation.from_unit, _DEPARTMENT, "from_kind")
    ]
    places += [
        (("to_units", index), unit_id, TOWNSHIP_KINDS, "to_kind")
        for index, unit_id in enumerate(delegation.to_units)
        if unit_id != ALL_TOWNSHIPS
    ]
    for (name, *subpath), unit_id, kinds, variant in places:
        unit = registry.by_key(UNITS).get(unit_id)
        if unit is None and unit_id not in registry.broken:
            yield at(delegation, str(name), *subpath, variant="unknown_unit", unit=unit_id)
        elif unit is not None and unit.kind not in kinds:
            yield at(delegation, str(name), *subpath, variant=variant, unit=unit_id, kind=unit.kind.value)


def _item_holder(registry: Registry, delegation: Delegation, index: int, code: str) -> Iterator[Finding]:
    item = registry.by_key(POWER).get(code)
    if item is None:
        if code not in registry.broken:
            yield at(delegation, "items", index, variant="unknown_item", code=code)
        return
    held_through_this = item.delegation == delegation.ident and delegation.targets(item.unit)
    if item.unit != delegation.from_unit and not held_through_this:
        yield at(
            delegation,
            "items",
            index,
            variant="holder",
            code=code,
            unit=item.unit,
            from_unit=delegation.from_unit,
        )


@check("QD204", Severity.ERROR, each=DELEGATIONS)
def effective_before_review(delegation: Delegation, registry: Registry) -> Iterator[Finding]:
    """
    effective_date before review date.

    A delegation cannot take effect before the joint meeting decided it: an earlier `effective_date` is a
    typo in one of the two dates, or a duty exercised without approval.

    PASS: `review: {date: 2020-02-18, ...}`, `effective_date: 2020-03-01`
    FAIL: `review: {date: 2020-02-18, ...}`, `effective_date: 2020-02-01`
    """
    review_date = delegation.review.date if delegation.review else None
    effective = delegation.effective_date
    if review_date is not None and effective is not None and effective < review_date:
        yield at(
            delegation,
            "effective_date",
            effective_date=effective.isoformat(),
            review_date=review_date.isoformat(),
        )
