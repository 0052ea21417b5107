"""`laws --format json`: language-neutral; the same three views as the text (SPEC §6)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from qingdan.citations import Citation
from qingdan.lawlist import LawEntry, LawsReport, Worklist, result


def as_json(report: LawsReport, entry: LawEntry | None = None, changed: Worklist | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"version": 1, "library": report.library}
    if entry is not None:
        found["law"] = _law(entry)
        found["citations"] = [citation_json(citation) for citation in entry.citations]
    elif changed is not None:
        found["since"] = changed.since.isoformat()
        found["laws"] = [
            {**_law(item.entry), "new_versions": [_iso(when) for when in item.versions]}
            | {"citations": [citation_json(citation) for citation in item.entry.citations]}
            for item in changed.laws
        ]
    else:
        found["summary"] = report.counts()
        found["laws"] = [_law(law) for law in report.laws]
        found["unknown"] = [{"law": name, "citations": len(cited)} for name, cited in report.unknown.items()]
    return found


def render_json(report: LawsReport, entry: LawEntry | None = None, changed: Worklist | None = None) -> str:
    return json.dumps(as_json(report, entry, changed), ensure_ascii=False) + "\n"


def _law(entry: LawEntry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "level": entry.level.value if entry.level else None,
        "date": _iso(entry.current_date),
        "status": entry.status.value,
        "versions": [{"date": _iso(when), "file": path} for when, path in entry.versions],
        "records": entry.records,
        "citations": len(entry.citations),
        "failing": entry.failing,
    }


def citation_json(citation: Citation) -> dict[str, Any]:
    record = citation.record
    return {
        "kind": citation.kind.report_key,
        "key": record.key,
        "name": record.label,
        "unit": record.responsible_unit,
        "field": citation.field,
        "article": citation.basis.article,
        "result": result(citation),
        "checked": _iso(citation.basis.checked),
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
