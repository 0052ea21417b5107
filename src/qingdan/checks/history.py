"""Checks that need git history: run by `validate --base REV` (and reported by `diff`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from qingdan.checks.base import at, described, problem
from qingdan.problems import Problem, Ref, Severity

if TYPE_CHECKING:
    from qingdan.codehistory import Retired
    from qingdan.diff import Diff
    from qingdan.registry import Registry

REUSED_CODE = described(
    "QD501",
    Severity.ERROR,
    """
    A code that once named another item is reused.

    A code is an item's identity for good: old adjustment reports, documents and other systems still point
    at it. Once an item is cancelled or removed, its code is retired; giving it to a different item (another
    name or type) makes every old reference point at the wrong power. Restoring the same item is allowed.
    The whole first-parent history is searched, so this runs with `validate --base`.

    PASS: a new item gets a new code, `XK-330205-0150`
    FAIL: `XK-330205-0103` was 民办学校办学许可, cancelled in 2019, and now names 校车使用许可
""",
)

DELETED_RECORD = described(
    "QD502",
    Severity.WARNING,
    """
    A record deleted outright instead of cancelled.

    The lists are legal commitments: a power that ends is cancelled (`status: 已取消` with its
    `adjustment`), a unit revoked, a delegation withdrawn, so that the adjustment report can say when and
    why. A record that simply vanishes leaves no such trace. Compared with the base revision.

    PASS: `status: 已取消` and `adjustment: {type: 取消, document: 江北编〔2020〕3号, …}`
    FAIL: the item's lines deleted from `power/jyj.yaml`
""",
)

UNRECORDED_CHANGE = described(
    "QD503",
    Severity.WARNING,
    """
    A power item changed without a new `adjustment`.

    Every change to a listed power follows the adjustment procedure (a document number, a reason, a
    date), and the annual report is built from these records. An item whose fields changed while its
    `adjustment` stayed as it was (or is missing) is a change nobody can account for. Compared with the
    base revision.

    PASS: a new legal basis together with `adjustment: {type: 变更, document: 江北编〔2020〕9号, …}`
    FAIL: a new legal basis, `adjustment` unchanged
""",
)

HISTORY_CHECKS = (REUSED_CODE, DELETED_RECORD, UNRECORDED_CHANGE)
# diff kind → Registry attribute
_RECORDS = {
    "units": "units",
    "power": "power",
    "delegations": "delegations",
    "community_tasks": "tasks",
    "assessments": "assessments",
}


def reused_codes(new: Registry, retired: Retired) -> Iterator[Problem]:
    from qingdan.codehistory import reused

    for item in new.power:
        if item.active:
            earlier = reused(retired, item.code, (item.name, item.item_type.value))
            if earlier is not None:
                yield at(item, "code", check_id="QD501", code=item.code, name=earlier[0], earlier_type=earlier[1])


def deleted_records(diff: Diff, old: Registry, new: Registry) -> Iterator[Problem]:
    """The diff's vanished records (an archived cancelled record, a re-coded one, or one that is still there
    but fails its schema is not one of them). Reported at the top of the file that held it in the base."""
    for change in diff.changes:
        if change.deleted and change.key not in new.broken:
            before = next(record for record in getattr(old, _RECORDS[change.kind]) if record.key == change.key)
            yield problem("QD502", Ref(before.file), record=change.key, key=change.key)


def unrecorded_changes(diff: Diff, new: Registry) -> Iterator[Problem]:
    """Power items the diff found changed whose adjustment did not change with them."""
    for change in diff.changes:
        if change.kind == "power" and change.fields and change.adjustment is None and not change.deleted:
            item = new.item_by_code.get(change.key)
            if item is not None:
                yield at(item, check_id="QD503", code=change.key)
