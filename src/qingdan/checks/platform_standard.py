"""The 基层治理四平台 standard: six topics, each with its requirements, and the lists that carry them out."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from qingdan.checks.base import at, check, found
from qingdan.loader.registry import Registry
from qingdan.models import Topic
from qingdan.models.kinds import ASSESSMENTS, DUTIES, GRID_EVENTS, PLATFORM_STANDARD, STATIONED_TASKS, VIOLATIONS
from qingdan.problems import Finding, Ref, Severity

# The kinds a requirement may name in `lists` (SPEC §4.10).
LISTABLE = MappingProxyType(
    {kind.name: kind for kind in (DUTIES, STATIONED_TASKS, VIOLATIONS, GRID_EVENTS, ASSESSMENTS)}
)


@check("QD608", Severity.WARNING)
def standard_coverage(registry: Registry) -> Iterator[Finding]:
    """
    A platform-standard topic without any requirement, or a requirement's `lists` naming a kind with no record.

    The standard has six topics (组织架构, 指挥体系, 运行机制, 属地管理, 网格建设, 信息平台); a registry that keeps
    the standard keeps all of it, so a topic with no requirement is a part left out (reported at the
    `requirements:` key of the first file). A requirement says in `lists` which lists carry it out
    (`duties`, `stationed-tasks`, `violations`, `grid-events`, `assessments`); a list the registry has no
    record of leaves the requirement on paper.

    PASS: requirements in all six topics; `lists: [duties]` with duties in `duties/`
    FAIL: no requirement of topic 信息平台; `lists: [grid-events]` and no grid event; `lists: [guide]` (warnings)
    """
    requirements = registry.of(PLATFORM_STANDARD)
    if not requirements:
        return
    covered = {requirement.topic for requirement in requirements}
    first = requirements[0]
    for topic in Topic:
        if topic not in covered:
            ref = Ref(first.file, (PLATFORM_STANDARD.list_key,))
            yield found(ref, variant="topic", at_key=True, topic=topic.value)
    for requirement in requirements:
        for index, name in enumerate(requirement.lists or ()):
            kind = LISTABLE.get(name)
            if kind is None:
                choices = ", ".join(LISTABLE)
                yield at(requirement, "lists", index, variant="unknown", kind=name, choices=choices)
            elif not registry.of(kind):
                yield at(requirement, "lists", index, variant="empty", kind=name, title=kind.title)
