"""`laws --format csv`: for Excel, UTF-8 with a BOM, formula-like cells neutralised (SPEC §8). One row per law
(the library), or per citation (one law, or the worklist: each row names its law)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from qingdan.citations import Citation
from qingdan.lawlist import LawEntry, LawsReport, Worklist, result
from qingdan.messages import text
from qingdan.reporters.diff.csv_report import BOM, safe_cell

LAW_COLUMNS = ("title", "level", "date", "status", "versions", "records", "citations", "failing")
CITATION_COLUMNS = ("title", "level", "date", "kind", "key", "name", "unit", "article", "result", "checked")


def render_csv(report: LawsReport, lang: str, entry: LawEntry | None = None, changed: Worklist | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if entry is None and changed is None:
        writer.writerow([text(f"laws.column.{name}", lang) for name in LAW_COLUMNS])
        rows: Iterator[list[str]] = (_law(law) for law in report.laws)
    else:
        writer.writerow([text(f"laws.column.{name}", lang) for name in CITATION_COLUMNS])
        entries = [entry] if entry is not None else [item.entry for item in changed.laws] if changed else []
        rows = (_citation(law, citation, lang) for law in entries for citation in law.citations)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return BOM + buffer.getvalue()


def _head(entry: LawEntry) -> list[str]:
    date = entry.current_date
    return [entry.title, entry.level.value if entry.level else "", date.isoformat() if date else ""]


def _law(entry: LawEntry) -> list[str]:
    counts = (len(entry.versions), entry.records, len(entry.citations), entry.failing)
    return [*_head(entry), entry.status.value, *(str(count) for count in counts)]


def _citation(entry: LawEntry, citation: Citation, lang: str) -> list[str]:
    record, checked = citation.record, citation.basis.checked
    return [
        *_head(entry),
        citation.kind.title_in(lang),
        record.key,
        record.label,
        record.responsible_unit or "",
        citation.basis.article or "",
        text(f"laws.result.{result(citation)}", lang),
        checked.isoformat() if checked else "",
    ]
