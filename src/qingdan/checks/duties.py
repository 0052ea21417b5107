"""Duty division (职责分工): each matter has one lead and distinct partners; a street leads only what it holds
or was lawfully handed (no 推责); an industrial zone leaves its social duties to the streets it lies in."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import LOCAL_TOWNSHIP, TOWNSHIP_KINDS, Duty, UnitKind
from qingdan.models.kinds import DELEGATIONS, DUTIES, POWER, UNITS
from qingdan.problems import Finding, Severity


@check("QD601", Severity.ERROR, each=DUTIES)
def lead_and_partners(duty: Duty, registry: Registry) -> Iterator[Finding]:
    """
    A duty with a unit both leading and assisting, or a partner listed twice.

    A matter has one unit answerable for it (主体责任); the units that assist (配合责任) are others. A unit
    in both roles blurs who answers for the matter, and a partner listed twice gives it two sets of tasks.

    PASS: `lead: {unit: zjj, …}`, `partners: [{unit: sthjj, …}, {unit: 属地街道(镇), …}]`
    FAIL: `lead: {unit: zjj, …}` with `partners: [{unit: zjj, …}]`; `sthjj` twice among the partners
    """
    seen = {duty.lead.unit}
    for index, partner in enumerate(duty.partners or ()):
        if partner.unit == duty.lead.unit:
            yield at(duty, "partners", index, "unit", variant="lead", unit=partner.unit)
        elif partner.unit in seen:
            yield at(duty, "partners", index, "unit", variant="twice", unit=partner.unit)
        seen.add(partner.unit)


@check("QD602", Severity.ERROR, each=DUTIES)
def street_leads_without_power(duty: Duty, registry: Registry) -> Iterator[Finding]:
    """
    A street leads a duty linked to power items it does not hold, through no approved delegation (推责).

    A duty that needs powers (`power_items`) can only be led by a unit that holds one of them. A street or
    town (or `属地街道(镇)`: every one of them) holds a power when one of the linked codes is its own active
    item, or when the duty names in `delegation` an approved (已批准) delegation that hands the duty to it;
    otherwise the department has pushed the duty down without admission, and "未经批准下放的职责，街道(镇)可以
    不予执行". Linked codes and the delegation must exist. Cancelled duties are not checked.

    PASS: `lead: {unit: 属地街道(镇), …}`, `power_items: [GF-330205-0406]`, `delegation: XF-2020-02` (已批准)
    FAIL: the same with XF-2020-02 still 审议中, or without `delegation`; `power_items: [GF-330205-9999]`
    """
    yield from _unknown_links(registry, duty)
    known = [code for code in duty.power_items or () if code in registry.by_key(POWER)]
    dangling = duty.delegation is not None and duty.delegation not in registry.by_key(DELEGATIONS)
    if duty.active and known and not dangling:  # an unknown code or delegation is reported, not judged
        streets = _led_by(registry, duty.lead.unit)
        lacking = [street for street in streets if not _holds(registry, duty, street)]
        if lacking:
            yield from _push_down(registry, duty, lacking)


def _unknown_links(registry: Registry, duty: Duty) -> Iterator[Finding]:
    for index, code in enumerate(duty.power_items or ()):
        if code not in registry.by_key(POWER) and code not in registry.broken:
            yield at(duty, "power_items", index, variant="unknown_item", code=code)
    ident = duty.delegation
    if ident is not None and ident not in registry.by_key(DELEGATIONS) and ident not in registry.broken:
        yield at(duty, "delegation", variant="unknown_delegation", delegation=ident)


def _led_by(registry: Registry, lead: str) -> list[str]:
    """The streets and towns a lead stands for: itself, or every active one for 属地街道(镇); [] for others."""
    units = registry.by_key(UNITS)
    if lead == LOCAL_TOWNSHIP:
        return [unit.ident for unit in units.values() if unit.active and unit.kind in TOWNSHIP_KINDS]
    unit = units.get(lead)
    return [lead] if unit is not None and unit.kind in TOWNSHIP_KINDS else []


def _holds(registry: Registry, duty: Duty, street: str) -> bool:
    items = registry.by_key(POWER)
    linked = (items.get(code) for code in duty.power_items or ())
    if any(item is not None and item.active and item.unit == street for item in linked):
        return True
    delegation = registry.by_key(DELEGATIONS).get(duty.delegation or "")
    return delegation is not None and delegation.approved and delegation.targets(street)


def _push_down(registry: Registry, duty: Duty, lacking: list[str]) -> Iterator[Finding]:
    codes = "、".join(duty.power_items or ())
    streets = "、".join(lacking)
    delegation = registry.by_key(DELEGATIONS).get(duty.delegation or "")
    if delegation is None:
        yield at(duty, "lead", "unit", unit=duty.lead.unit, streets=streets, codes=codes)
    elif not delegation.approved:
        status = delegation.status.value
        yield at(duty, "delegation", variant="status", delegation=delegation.ident, status=status, streets=streets)
    else:
        yield at(duty, "delegation", variant="target", delegation=delegation.ident, streets=streets, codes=codes)


@check("QD603", Severity.ERROR, each=DUTIES)
def zone_duty_lead(duty: Duty, registry: Registry) -> Iterator[Finding]:
    """
    A duty of an industrial zone in a `zone_street_domains` domain not led by a street the zone lies in.

    An industrial zone (工业区) runs development, but the social duties of its area stay with the streets and
    towns it lies in (`located_in`): the domains listed in `zone_street_domains` of qingdan.yaml (by default
    社会事务, 矛盾调解, 安全生产, 征地拆迁). A duty with `zone` in such a domain is led by one of those streets;
    the zone may assist (`属地街道(镇)` as lead means them). `zone` itself must name a 工业区.

    PASS: `zone: gxq`, `domain: 安全生产`, `lead: {unit: hongtang, …}` where gxq has `located_in: [hongtang]`
    FAIL: the same duty with `lead: {unit: gxq, …}` or `lead: {unit: wenjiao, …}`; `zone: zhzfj` (a 部门)
    """
    zone = registry.by_key(UNITS).get(duty.zone or "")
    if zone is None:
        return  # no zone, or one QD105 reports as unknown
    if zone.kind is not UnitKind.INDUSTRIAL_ZONE:
        yield at(duty, "zone", variant="zone_kind", unit=zone.ident, kind=zone.kind.value)
    elif duty.active and duty.domain in registry.settings.zone_street_domains and zone.located_in:
        lead = duty.lead.unit
        if lead not in zone.located_in and lead != LOCAL_TOWNSHIP:
            streets = "、".join(zone.located_in)
            yield at(duty, "lead", "unit", unit=lead, zone=zone.ident, domain=duty.domain or "", streets=streets)
