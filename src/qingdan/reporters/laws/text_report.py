"""`laws --format text`: what the clerk reads at a terminal. Plain text, so data never turns into markup."""

from __future__ import annotations

from datetime import date

from qingdan.citations import Citation
from qingdan.lawlist import LawEntry, LawsReport, Worklist, result
from qingdan.messages import text

INDENT = "  "


def render_text(report: LawsReport, lang: str, entry: LawEntry | None = None, changed: Worklist | None = None) -> str:
    if entry is not None:
        lines = _one_law(entry, lang)
    elif changed is not None:
        lines = _worklist(changed, lang)
    else:
        lines = _library(report, lang)
    return "\n".join(lines) + "\n"


def _library(report: LawsReport, lang: str) -> list[str]:
    counts = report.counts()
    lines = [text("laws.title", lang, library=report.library, **counts), text("laws.summary", lang, **counts)]
    for entry in report.laws:
        lines.append(INDENT + _law_line(entry, lang))
    if report.unknown:
        lines += ["", text("laws.unknown_title", lang)]
        lines += [
            INDENT + text("laws.unknown", lang, law=name, count=len(cited)) for name, cited in report.unknown.items()
        ]
    return lines


def _law_line(entry: LawEntry, lang: str) -> str:
    return text(
        "laws.law" if entry.versions else "laws.law_indexed",
        lang,
        title=entry.title,
        level=entry.level.value if entry.level else text("laws.no_level", lang),
        date=_iso(entry.current_date) or "—",
        status=entry.status.value,
        versions=len(entry.versions),
        records=entry.records,
        citations=len(entry.citations),
        failing=entry.failing,
    )


def _one_law(entry: LawEntry, lang: str) -> list[str]:
    lines = [_law_line(entry, lang)]
    for when, path in entry.versions:
        lines.append(INDENT + text("laws.version", lang, date=_iso(when) or "—", file=path))
    lines.append(text("laws.citing", lang, count=len(entry.citations)))
    lines += [INDENT + _citation_line(citation, lang) for citation in entry.citations]
    return lines


def _worklist(changed: Worklist, lang: str) -> list[str]:
    since = changed.since.isoformat()
    lines = [text("laws.changed_title", lang, since=since, laws=len(changed.laws), citations=changed.citations)]
    for item in changed.laws:
        dates = "、".join(_iso(when) or "" for when in item.versions)
        lines += ["", text("laws.changed_law", lang, title=item.entry.title, dates=dates)]
        lines += [INDENT + _citation_line(citation, lang) for citation in item.entry.citations]
        lines += [] if item.entry.citations else [INDENT + text("laws.not_cited", lang)]
    return lines


def _citation_line(citation: Citation, lang: str) -> str:
    record = citation.record
    line = text(
        "laws.citation",
        lang,
        kind=citation.kind.title_in(lang),
        key=record.key,
        name=record.label,
        unit=record.responsible_unit or "—",
        article=citation.basis.article or "—",
        result=text(f"laws.result.{result(citation)}", lang),
    )
    if citation.basis.checked:
        line += text("laws.checked", lang, date=citation.basis.checked.isoformat())
    return line


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
