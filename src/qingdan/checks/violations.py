"""Community illegal-prone matters (社区(村)易发违法事项): each is answered by a penalty in force and, where it
is met on patrol, by a grid-event class that says who handles it."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import PowerType, Tier, Violation
from qingdan.models.kinds import GRID_EVENTS, POWER, VIOLATIONS
from qingdan.problems import Finding, Severity


@check("QD605", Severity.ERROR, each=VIOLATIONS)
def penalty_and_event(violation: Violation, registry: Registry) -> Iterator[Finding]:
    """
    A violation's penalty item unknown, cancelled or not 行政处罚; its `event` not a minor grid-event class.

    Telling residents that something is forbidden is only honest when a penalty in force answers it: each of
    `penalty_items` is the code of an active 行政处罚 item (a licence or an inspection punishes nothing). A
    violation seen on patrol goes into the grid as an `event`, which must be a minor class (`NN-NN`) of the
    grid-event standard: only minor classes say who handles an event and how fast.

    PASS: `penalty_items: [CF-330205-0201]` (an active 行政处罚), `event: 01-03` (a minor class)
    FAIL: `penalty_items: [XK-330205-0101]` (a 行政许可), a cancelled or unknown code; `event: 01` (a major class)
    """
    for index, code in enumerate(violation.penalty_items):
        yield from _penalty(registry, violation, index, code)
    if violation.event is not None:
        yield from _event(registry, violation, violation.event)


def _penalty(registry: Registry, violation: Violation, index: int, code: str) -> Iterator[Finding]:
    item = registry.by_key(POWER).get(code)
    if item is None:
        if code not in registry.broken:
            yield at(violation, "penalty_items", index, variant="unknown", code=code)
    elif item.item_type is not PowerType.PENALTY:
        yield at(violation, "penalty_items", index, variant="type", code=code, type=item.item_type.value)
    elif violation.active and not item.active:
        yield at(violation, "penalty_items", index, variant="cancelled", code=code)


def _event(registry: Registry, violation: Violation, code: str) -> Iterator[Finding]:
    event = registry.by_key(GRID_EVENTS).get(code)
    if event is None:
        if code not in registry.broken:
            yield at(violation, "event", variant="unknown_event", event=code)
    elif event.tier is not Tier.MINOR:
        yield at(violation, "event", variant="major", event=code, name=event.name)
    elif violation.active and not event.active:
        yield at(violation, "event", variant="cancelled_event", event=code)
