"""Finding the problems of the history checks (QD501–QD503, declared in `qingdan.checks.history`): codes
reused across the whole history, and what a diff against the base revision shows."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, found
from qingdan.checks.history import DELETED_RECORD, REUSED_CODE, UNRECORDED_CHANGE
from qingdan.diff.engine import Diff
from qingdan.history.codes import Retired, reused
from qingdan.loader.registry import Registry
from qingdan.models.kinds import BY_REPORT_KEY, POWER
from qingdan.problems import Finding, Problem, Ref


def history_problems(diff: Diff, old: Registry, new: Registry, retired: Retired) -> list[Problem]:
    return [
        *(REUSED_CODE.stamp(finding) for finding in _reused_codes(new, retired)),
        *(DELETED_RECORD.stamp(finding) for finding in _deleted_records(diff, old, new)),
        *(UNRECORDED_CHANGE.stamp(finding) for finding in _unrecorded_changes(diff, new)),
    ]


def _reused_codes(new: Registry, retired: Retired) -> Iterator[Finding]:
    for item in new.of(POWER):
        if item.active:
            earlier = reused(retired, item.code, (item.name, item.item_type.value))
            if earlier is not None:
                yield at(item, "code", code=item.code, name=earlier[0], earlier_type=earlier[1])


def _deleted_records(diff: Diff, old: Registry, new: Registry) -> Iterator[Finding]:
    """The diff's vanished records (an archived cancelled record, a re-coded one, or one that is still there
    but fails its schema is not one of them). Reported at the top of the file that held it in the base."""
    for change in diff.changes:
        if change.deleted and change.key not in new.broken:
            before = old.by_key(BY_REPORT_KEY[change.kind])[change.key]
            yield found(Ref(before.file), record=change.key, key=change.key)


def _unrecorded_changes(diff: Diff, new: Registry) -> Iterator[Finding]:
    """Records of kinds with adjustments that the diff found changed while their adjustment did not."""
    for change in diff.changes:
        kind = BY_REPORT_KEY[change.kind]
        if kind.adjustable and change.fields and change.adjustment is None and not change.deleted:
            record = new.by_key(kind).get(change.key)
            if record is not None:
                yield at(record, code=change.key)
