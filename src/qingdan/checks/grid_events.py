"""Grid events (网格事件分类处置标准): well-formed classes, complete handling rules for minor classes, escalation
that only ever waits longer, and handlers that hold the powers an event calls for (法无授权不可为)."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import LOCAL_TOWNSHIP, TOWNSHIP_KINDS, GridEvent, Tier, UnitKind
from qingdan.models.kinds import GRID_EVENTS, POWER, UNITS
from qingdan.models.time_limit import TimeLimit
from qingdan.problems import Finding, Severity


@check("QD606", Severity.ERROR, each=GRID_EVENTS)
def classes_and_limits(event: GridEvent, registry: Registry) -> Iterator[Finding]:
    """
    Grid-event code malformed or its major class missing; a minor class without its handling fields; bad limits.

    A major class (大类) has a two-digit code `NN`; a minor class (小类) `NN-NN`, its major class's code, `-`
    and two digits, and its major class must be in the list. Only minor classes carry handling rules, and
    each needs all of them: `admission`, `level`, `handler`, `time_limit`, `close`. An event is handled
    within a time, so `time_limit` is never `即办`. Escalation (`escalation`) goes up when time runs out:
    each `after` is longer than `time_limit` and than the `after` before it (limits in working time and in
    calendar days are not compared).

    PASS: `01` 市容环境 and `01-03` with all five fields, `time_limit: 1工作日`, `escalation: [{after: 3工作日, …}]`
    FAIL: `code: 04-3`; `01-03` without `time_limit`; `time_limit: 即办`; `after: 4工作时` after `1工作日`
    """
    if not event.well_formed:
        yield at(event, "code", variant="code", code=event.code)
        return
    major = event.major_code
    if event.tier is Tier.MINOR and major not in registry.by_key(GRID_EVENTS) and major not in registry.broken:
        yield at(event, "code", variant="major", code=event.code, major=major)
    yield from _handling_fields(event)
    if event.time_limit is not None and event.time_limit.immediate:
        yield at(event, "time_limit", variant="immediate")
    yield from _escalation(event)


def _handling_fields(event: GridEvent) -> Iterator[Finding]:
    present = [name for name in GridEvent.HANDLING if getattr(event, name) is not None]
    if event.tier is Tier.MAJOR:
        if present:
            yield at(event, present[0], variant="major_fields", code=event.code, key=present[0])
    elif event.active and len(present) < len(GridEvent.HANDLING):
        missing = [name for name in GridEvent.HANDLING if name not in present]
        labels = "、".join(str(GridEvent.model_fields[name].title) for name in missing)
        yield at(event, variant="missing", code=event.code, missing=", ".join(missing), labels=labels)


def _escalation(event: GridEvent) -> Iterator[Finding]:
    previous: tuple[str, TimeLimit] | None = ("time_limit", event.time_limit) if event.time_limit is not None else None
    for index, step in enumerate(event.escalation or ()):
        if previous is not None and step.after.compare(previous[1]) in (-1, 0):
            name, limit = previous
            yield at(event, "escalation", index, "after", variant=name, after=str(step.after), limit=str(limit))
        previous = ("escalation", step.after)


@check("QD607", Severity.ERROR, each=GRID_EVENTS)
def handler_holds_powers(event: GridEvent, registry: Registry) -> Iterator[Finding]:
    """
    A grid event linked to power items that neither its handler, its partners nor (for 属地街道(镇)) its streets hold.

    法无授权不可为: whoever handles an event that calls for powers (`power_items`, e.g. a penalty) must hold at
    least one of them — the `handler`, one of its `partners`, or, when the handler is `属地街道(镇)`, a street
    or town or an agency stationed in one. An event handed to a unit without the power ends in a referral,
    not in handling. Linked codes must exist.

    PASS: `handler: 属地街道(镇)`, `partners: [zhzfj]`, `power_items: [CF-330205-0201]` (an item of zhzfj)
    FAIL: `handler: 属地街道(镇)` and no partner, `power_items: [CF-330205-0201]`; `power_items: [CF-330205-9999]`
    """
    items = registry.by_key(POWER)
    linked = event.power_items or ()
    for index, code in enumerate(linked):
        if code not in items and code not in registry.broken:
            yield at(event, "power_items", index, variant="unknown", code=code)
    known = [items[code] for code in linked if code in items]
    if not event.active or event.handler is None or not known:
        return
    holders = _holders(registry, event)
    if not any(item.active and item.unit in holders for item in known):
        codes = "、".join(item.code for item in known)
        yield at(event, "handler", handler=event.handler, codes=codes)


def _holders(registry: Registry, event: GridEvent) -> set[str]:
    holders = {event.handler or "", *(event.partners or ())}
    if event.handler == LOCAL_TOWNSHIP:
        for unit in registry.of(UNITS):
            local = unit.kind in TOWNSHIP_KINDS or (unit.kind is UnitKind.AGENCY and unit.stationed_in is not None)
            if local and unit.active:
                holders.add(unit.ident)
    return holders
