"""Internal matters (基层内部办事事项): what communities get done at their street without running around —
never a service already public, forwarded only to a department, tied to a community task still in force,
online unless secret, and handled by a pilot street. Cancelled matters (已取消) are not checked."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import TOWNSHIP_KINDS, Decision, Guide, InternalMatter, MatterMode, PowerItem, Record, UnitKind
from qingdan.models.kinds import COMMUNITY_TASKS, GUIDES, INTERNAL_MATTERS, POWER, UNITS
from qingdan.problems import Finding, Severity


@lru_cache(maxsize=1 << 16)  # a registry has far fewer distinct names than items
def _comparable(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


@check("QD751", Severity.ERROR, each=(INTERNAL_MATTERS, POWER))
def already_public(record: Record, registry: Registry) -> Iterator[Finding]:
    """
    An internal matter with the name of an active service guide or of an active power item of its handler.

    Internal matters are what a community asks of its street for itself; a matter that is already public as
    a service (a guide) or as a power item of the street is excluded by definition, since citizens and
    enterprises apply for it in the open. Names are compared ignoring spaces and full-width forms.

    PASS: `name: 社区（村）印章刻制备案`, `handler: wenjiao`, no guide or 文教街道 item of that name
    FAIL: `name: 最低生活保障申请受理、调查核实与初审公示`, `handler: wenjiao` (文教街道's GF-330205-0841)
    """
    if isinstance(record, PowerItem):
        # Found from the item's side, so that an edit of a power file redoes only that file's items: the matters
        # its unit handles, by name (a matter named like two items is reported once). Most units handle none:
        # their items are passed over here, without a helper's generator for each.
        matters = registry.grouped(INTERNAL_MATTERS, _handler).get(record.unit)
        if matters and record.active:
            yield from _named_like_item(registry, record, matters)
    elif isinstance(record, InternalMatter) and record.active and _guide_named(registry, record.name):
        yield at(record, "name", variant="guide", name=record.name)


def _named_like_item(registry: Registry, item: PowerItem, matters: list[InternalMatter]) -> Iterator[Finding]:
    name = _comparable(item.name)
    for matter in matters:
        if _comparable(matter.name) == name and name not in registry.grouped(GUIDES, _guide_name):
            yield at(matter, "name", variant="item", name=matter.name, unit=matter.handler)


def _guide_named(registry: Registry, name: str) -> bool:
    """Whether a guide in force has this name (compared ignoring spaces and full-width forms)."""
    return _comparable(name) in registry.grouped(GUIDES, _guide_name)


def _guide_name(guide: Guide) -> tuple[str, ...]:
    """The name of a guide in force."""
    return (_comparable(guide.name),) if guide.active else ()


def _handler(matter: InternalMatter) -> tuple[str, ...]:
    """The handler of a matter in force."""
    return (matter.handler,) if matter.active else ()


@check("QD752", Severity.ERROR, each=INTERNAL_MATTERS)
def forwarding(matter: InternalMatter, registry: Registry) -> Iterator[Finding]:
    """
    `forward_to` missing for 审核转报, present for 直接办理, or not a 部门.

    A street either handles a matter itself (直接办理) or reviews it and forwards it (审核转报) to the district
    department that decides it, which `forward_to` names: a unit of kind 部门 in units.yaml.

    PASS: `mode: 审核转报`, `forward_to: mzj`; `mode: 直接办理` without `forward_to`
    FAIL: `mode: 审核转报` without `forward_to`; `mode: 直接办理` with `forward_to: mzj`; `forward_to: tiancheng`
    """
    if not matter.active:
        return
    target = matter.forward_to
    if matter.mode is MatterMode.FORWARD and target is None:
        yield at(matter, "mode", variant="missing")
    elif matter.mode is MatterMode.DIRECT and target is not None:
        yield at(matter, "forward_to", variant="direct", unit=target)
    elif target is not None:
        unit = registry.by_key(UNITS).get(target)
        if unit is None or not unit.active:
            if target not in registry.broken:
                yield at(matter, "forward_to", variant="unknown", unit=target)
        elif unit.kind is not UnitKind.DEPARTMENT:
            yield at(matter, "forward_to", variant="kind", unit=target, kind=unit.kind.value)


@check("QD753", Severity.ERROR, each=INTERNAL_MATTERS)
def related_task(matter: InternalMatter, registry: Registry) -> Iterator[Finding]:
    """
    `related_task` unknown, cancelled, or merged (name the task it was merged into).

    A matter may carry out a community task of the admission list (§4.4). The task must exist and still
    be in force: a task cancelled (取消) in the cleanup is no longer the community's to do, and a task merged
    (归并) lives on in the task it was merged into, which the matter should name instead.

    PASS: `related_task: SQ-101`, a task kept (保留)
    FAIL: `related_task: SQ-999` (no such task); a task decided 取消; `related_task: SQ-102`, merged into SQ-101
    """
    if not matter.active:
        return
    ident = matter.related_task
    if ident is None:
        return
    task = registry.by_key(COMMUNITY_TASKS).get(ident)
    if task is None:
        if ident not in registry.broken:
            yield at(matter, "related_task", variant="unknown", task=ident)
    elif task.decision is Decision.CANCEL:
        yield at(matter, "related_task", variant="cancelled", task=ident)
    elif task.decision is Decision.MERGE:
        yield at(matter, "related_task", variant="merged", task=ident, into=task.merged_into or "")


@check("QD754", Severity.WARNING, each=INTERNAL_MATTERS)
def online_and_visits(matter: InternalMatter, registry: Registry) -> Iterator[Finding]:
    """
    A matter neither classified nor online; `visits_after` greater than `visits_before`.

    The reform lets communities get internal matters done online: a matter that is not secret (涉密) and still
    cannot be done online (`online: 否`) is a gap to close. The reform also counts the trips a community
    makes before and after it; more trips after the reform than before is a typo or a step backwards.

    PASS: `online: 是`; `online: 否` with `classified: 是`; `visits_before: 2`, `visits_after: 0`
    FAIL: `online: 否` and not classified; `visits_before: 1`, `visits_after: 2`
    """
    if not matter.active:
        return
    if not matter.online.yes and not matter.classified.yes:
        yield at(matter, "online", variant="offline")
    before, after = matter.visits_before, matter.visits_after
    if before is not None and after is not None and after > before:
        yield at(matter, "visits_after", variant="visits", before=str(before), after=str(after))


@check("QD755", Severity.ERROR, each=INTERNAL_MATTERS)
def pilot_street(matter: InternalMatter, registry: Registry) -> Iterator[Finding]:
    """
    `handler` not among `pilot_streets` (when set), or not a 街道 or 镇.

    Internal matters are a pilot: while qingdan.yaml lists `pilot_streets`, only those streets handle them.
    With no pilot streets set, any street may. The handler is always a 街道 or 镇 of units.yaml.

    PASS: `pilot_streets: [wenjiao, zhuangqiao]` and `handler: wenjiao`
    FAIL: `handler: kongpu` with the pilot streets above; `handler: mzj` (a 部门)
    """
    if not matter.active:
        return
    pilots = registry.settings.pilot_streets
    unit = registry.by_key(UNITS).get(matter.handler)
    if unit is None or not unit.active:
        if matter.handler not in registry.broken:
            yield at(matter, "handler", variant="unknown", unit=matter.handler)
    elif unit.kind not in TOWNSHIP_KINDS:
        yield at(matter, "handler", variant="kind", unit=matter.handler, kind=unit.kind.value)
    elif pilots and matter.handler not in pilots:
        yield at(matter, "handler", variant="pilot", unit=matter.handler, pilots=", ".join(pilots))
