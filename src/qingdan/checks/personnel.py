"""Personnel changes in dispatched agencies (派驻机构人事调整): the street an agency is stationed in is consulted
before a 科级 cadre's change, told of a general cadre's change, and may move to adjust a 科级 cadre. Disputes
turn on whether "事先" really came first, so dates are compared exactly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import PersonnelChange, Rank, Unit, UnitKind
from qingdan.models.kinds import PERSONNEL, UNITS
from qingdan.problems import Finding, Severity


def _agency(registry: Registry, change: PersonnelChange) -> Unit | None:
    """The change's agency when it is a 派驻机构 stationed somewhere (else QD414 reports it)."""
    unit = registry.by_key(UNITS).get(change.agency)
    return unit if unit is not None and unit.kind is UnitKind.AGENCY and unit.stationed_in else None


@check("QD414", Severity.ERROR, each=PERSONNEL)
def section_leader_consulted(change: PersonnelChange, registry: Registry) -> Iterator[Finding]:
    """
    A 科级领导干部 change without `consulted` by the agency's stationed street, or consulted after `date`.

    Before a dispatched agency's 科级 leader is appointed, removed, transferred or promoted, the street (or
    town) the agency is stationed in gives its opinion (事先征求意见): `consulted` names that street, the date
    and the opinion, and the date is on or before the change's `date`. The change's `agency` must be a
    派驻机构, or no street can be said to have a say.

    PASS: `agency: wenjiao-scjgs`, `rank: 科级领导干部`, `date: 2020-09-10`, `consulted: {street: wenjiao,
    date: 2020-09-01, opinion: 同意}`
    FAIL: no `consulted`; `consulted: {street: zhuangqiao, …}`; `consulted: {…, date: 2020-09-11}` (the day
    after); `agency: scjgj` (a 部门)
    """
    unit = registry.by_key(UNITS).get(change.agency)
    if unit is None or unit.kind is not UnitKind.AGENCY:
        if change.agency not in registry.broken:
            kind = unit.kind.value if unit is not None else ""
            yield at(change, "agency", variant="agency" if unit else "unknown", agency=change.agency, kind=kind)
        return
    if change.rank is Rank.SECTION_LEADER and unit.stationed_in:
        yield from _consultation(change, unit.stationed_in)


def _consultation(change: PersonnelChange, street: str) -> Iterator[Finding]:
    consulted = change.consulted
    if consulted is None:
        yield at(change, "rank", variant="missing", street=street)
    elif consulted.street != street:
        yield at(change, "consulted", "street", variant="street", consulted=consulted.street, street=street)
    elif consulted.date > change.date:
        yield at(change, "consulted", "date", consulted=consulted.date.isoformat(), date=change.date.isoformat())


@check("QD415", Severity.WARNING, each=PERSONNEL)
def general_cadre_notified(change: PersonnelChange, registry: Registry) -> Iterator[Finding]:
    """
    A 一般干部 change not `notified` to the stationed street within `notify_days` after `date`.

    A general cadre's change is copied to the street the agency is stationed in (抄告), within qingdan.yaml's
    `notify_days` (10 by default) after the change. Late or missing, the street learns of it from someone
    else; a warning, since the change itself stands.

    PASS: `rank: 一般干部`, `date: 2020-09-10`, `notified: {street: wenjiao, date: 2020-09-15}`
    FAIL: no `notified`; `notified: {street: wenjiao, date: 2020-09-25}` (15 days, more than 10);
    `notified: {street: kongpu, …}` (not the stationed street)
    """
    unit = _agency(registry, change)
    if unit is None or change.rank is not Rank.GENERAL or unit.stationed_in is None:
        return
    days = registry.settings.notify_days
    notice, street = change.notified, unit.stationed_in
    if notice is None:
        yield at(change, "rank", variant="missing", street=street, days=str(days))
    elif notice.street != street:
        yield at(change, "notified", "street", variant="street", notified=notice.street, street=street)
    elif notice.date > change.date + timedelta(days=days):
        late = (notice.date - change.date).days
        yield at(change, "notified", "date", date=notice.date.isoformat(), late=str(late), days=str(days))


@check("QD416", Severity.ERROR, each=PERSONNEL)
def motion_by_stationed_street(change: PersonnelChange, registry: Registry) -> Iterator[Finding]:
    """
    A `motion` by a street other than the agency's stationed street, or on a 一般干部.

    The street an agency is stationed in may move to adjust one of the agency's 科级 leaders who performs
    badly (调整动议). Another street has no such say, and general cadres are not its to move.

    PASS: `agency: wenjiao-scjgs`, `rank: 科级领导干部`, `motion: {street: wenjiao, date: 2020-06-30, reason: …}`
    FAIL: `motion: {street: kongpu, …}`; a motion on a change with `rank: 一般干部`
    """
    motion = change.motion
    unit = _agency(registry, change)
    if motion is None or unit is None:
        return
    if change.rank is Rank.GENERAL:
        yield at(change, "motion", variant="general", rank=change.rank.value)
    elif motion.street != unit.stationed_in:
        yield at(change, "motion", "street", street=motion.street, stationed=unit.stationed_in or "")
