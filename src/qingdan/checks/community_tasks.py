"""Community tasks (社区(村)职责事项准入): what communities and villages may be asked to do, and what was
merged or cancelled when the list was cleaned up."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check, found
from qingdan.loader.registry import Registry
from qingdan.models import CommunityTask, Decision, TaskCategory
from qingdan.models.kinds import COMMUNITY_TASKS
from qingdan.problems import Finding, Severity


@check("QD301", Severity.ERROR, each=COMMUNITY_TASKS)
def kept_without_criteria(task: CommunityTask, registry: Registry) -> Iterator[Finding]:
    """
    Task kept (保留) without any of the three admission criteria.

    A task may be imposed on communities only if it has a legal basis (有法律法规依据), a written requirement
    of the superior Party committee or government (有上级党委政府明文要求), or a practical need that pushes
    the work forward (有推动工作的实际需要). A kept task records the evidence for at least one of them in
    `criteria`.

    PASS: `decision: 保留` with `criteria: {legal_basis: 《中华人民共和国精神卫生法》第二十条第一款}`
    FAIL: `decision: 保留` without `criteria`, or with `criteria: {practical_need: ""}`
    """
    if task.decision is not Decision.KEEP or (task.criteria is not None and task.criteria.any_met):
        return
    if task.criteria is None:
        yield at(task, "decision")
    else:
        yield found(task.field_ref("criteria"), record=task.key, field="criteria", at_key=True)


@check("QD302", Severity.ERROR, each=COMMUNITY_TASKS)
def merged_into_kept_task(task: CommunityTask, registry: Registry) -> Iterator[Finding]:
    """
    归并 without merged_into, or merged_into not an existing kept task.

    A task merged into another (归并) lives on in that task, which must exist and be kept (保留): merging
    into a cancelled or merged task, or into nothing, loses the duty from the list. Conversely
    `merged_into` on a task that is not 归并 contradicts its decision.

    PASS: `decision: 归并`, `merged_into: SQ-101` where SQ-101 is 保留
    FAIL: `decision: 归并` without `merged_into`; `merged_into: SQ-103` where SQ-103 is 取消;
    `merged_into: SQ-999` (no such task); `decision: 保留` with `merged_into: SQ-101`
    """
    target_id = task.merged_into
    if task.decision is not Decision.MERGE:
        if target_id is not None:
            yield at(task, "merged_into", variant="not_merged", decision=task.decision.value)
        return
    if target_id is None:
        yield at(task, "decision", variant="missing")
        return
    target = registry.by_key(COMMUNITY_TASKS).get(target_id)
    if target is None:
        if target_id not in registry.broken:
            yield at(task, "merged_into", variant="unknown", task=target_id)
    elif target.decision is not Decision.KEEP:
        decision = target.decision.value
        yield at(task, "merged_into", variant="not_kept", task=target_id, decision=decision)


@check("QD303", Severity.WARNING, each=COMMUNITY_TASKS)
def assistance_without_funding(task: CommunityTask, registry: Registry) -> Iterator[Finding]:
    """
    协助办理 task kept without funding (权随责走、费随事转).

    When a department asks communities to help with its work, the money should follow the duty. A kept
    协助办理 task says in `funding` who pays for it; without it the community carries the cost.

    PASS: `category: 协助办理`, `decision: 保留`, `funding: 区卫生健康局按辖区人口拨付`
    FAIL: `category: 协助办理`, `decision: 保留` and no `funding` (warning)
    """
    assists = task.category is TaskCategory.ASSISTANCE and task.decision is Decision.KEEP
    if assists and not (task.funding and task.funding.strip()):
        yield at(task, "category")
