"""`diff --format json`: exactly the shape of SPEC §6.3, plus `"deleted": true` on a record that vanished, and
`catalogue`, the basic catalogue's changes with the items implementing each, when the catalogue changed, and
`laws`, the law library's changes with the records citing each, when the library changed."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from qingdan.diff.engine import CatalogueChange, Change, Diff, Revision
from qingdan.diff.laws import LawChange


def as_json(diff: Diff) -> dict[str, Any]:
    report = {
        "version": 1,
        "old": _revision(diff.old),
        "new": _revision(diff.new),
        "summary": diff.summary,
        "changes": [change_json(change) for change in diff.changes],
    }
    if diff.catalogue:  # the basic catalogue's own changes, a worklist (only when it changed)
        report["catalogue"] = [catalogue_json(change) for change in diff.catalogue]
    if diff.laws:  # the law library's changes, a worklist (only when it changed)
        report["laws"] = [law_json(change) for change in diff.laws]
    return report


def law_json(change: LawChange) -> dict[str, Any]:
    dates = {"old_date": _iso(change.old_date), "new_date": _iso(change.new_date)}
    entry: dict[str, Any] = {"title": change.title, "class": change.change_class.value, **dates}
    entry["records"] = [
        {"kind": r.kind, "key": r.key, "unit": r.unit, "article": r.article, "mismatched": r.mismatched}
        for r in change.citing
    ]
    return entry


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def catalogue_json(change: CatalogueChange) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": change.code, "class": change.change_class.value, "name": change.name}
    entry["fields"] = [{"field": item.field, "old": item.old, "new": item.new} for item in change.fields]
    entry["items"] = [{"code": code, "unit": unit} for code, unit in change.items]
    if change.deleted:
        entry["deleted"] = True
    return entry


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
