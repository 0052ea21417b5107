"""`diff --format json`: exactly the shape of SPEC §6.3, plus `"deleted": true` on a record that vanished."""

from __future__ import annotations

import json
from typing import Any

from qingdan.diff.engine import Change, Diff, Revision


def as_json(diff: Diff) -> dict[str, Any]:
    return {
        "version": 1,
        "old": _revision(diff.old),
        "new": _revision(diff.new),
        "summary": diff.summary,
        "changes": [change_json(change) for change in diff.changes],
    }


def render_json(diff: Diff) -> str:
    return json.dumps(as_json(diff), ensure_ascii=False, indent=2) + "\n"


def _revision(revision: Revision) -> dict[str, str | None]:
    return {"rev": revision.rev, "date": revision.iso_date}


def change_json(change: Change) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": change.kind, "key": change.key, "class": change.change_class.value}
    if change.unit is not None:
        entry["unit"] = change.unit
    if change.level is not None:
        entry["level"] = change.level
    entry["fields"] = [{"field": item.field, "old": item.old, "new": item.new} for item in change.fields]
    if change.adjustment is not None:
        entry["adjustment"] = dict(change.adjustment)
    if change.deleted:
        entry["deleted"] = True
    return entry
