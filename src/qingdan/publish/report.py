"""`diff --format html|pdf`: the adjustment report as a document for officials, through the same templates
and the same PDF machinery as the lists.

The title is the reader's (`宁波市江北区 2020 年度清单调整情况`, from the region and the period), the two
revisions compared in small print under it. The summary is one table: a row per kind (per level for power
items), a column per change class; then every change with its changed fields (old and new values in full: a
report is read, not skimmed), document and reason. Labels come from `qingdan.diff.labels`, so the report
says what the text, CSV and Markdown reports say, in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from qingdan.diff.engine import REPORT_KEYS, Change, ChangeClass, Diff
from qingdan.diff.labels import (
    adjustment_text,
    catalogue_class,
    catalogue_field_line,
    catalogue_title,
    class_cell,
    class_label,
    field_label,
    implementing_text,
    kind_label,
    level_label,
    reader_title,
    revision_label,
    unit_label,
)
from qingdan.messages import text
from qingdan.models.kinds import BY_REPORT_KEY, POWER, STANDARD
from qingdan.publish.pdf import checked_faces, write_pdf_file
from qingdan.publish.templating import asset, environment, render
from qingdan.publish.texts import Text

TEMPLATE = "report.html"


@dataclass(frozen=True)
class ChangeView:
    change: Change
    class_text: str
    unit: str
    fields: tuple[tuple[str, str, str], ...]  # (label, old, new)
    document: str
    reason: str
    date: str
    from_codes: str


@dataclass(frozen=True)
class SummaryRow:
    kind: str
    level: str
    counts: tuple[int, ...]  # per column of ReportView.classes

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class CatalogueView:
    """One entry of the catalogue worklist, its texts ready for the page."""

    code: str
    name: str
    class_text: str
    fields: tuple[str, ...]  # `事项名称: old → new`
    items: tuple[str, ...]  # `XK-330205-0101 (区市场监督管理局 (scjgj))`


@dataclass(frozen=True)
class ReportView:
    title: str
    revisions: str  # the two states compared, in small print under the title
    old: str
    new: str
    classes: tuple[str, ...]  # summary columns: the change classes that occur, in report order
    summary: tuple[SummaryRow, ...]
    sections: tuple[tuple[str, tuple[ChangeView, ...]], ...]  # (kind label, its changes)
    total: int
    t: Callable[[str], str]  # the message catalogue in the report's language
    catalogue_title: str = ""
    catalogue: tuple[CatalogueView, ...] = ()  # the basic catalogue's changes, when it changed


def published_changes(diff: Diff) -> Diff:
    """What a published report may show, as the 标准版 publishes it (`Kind.public`): no change of an unpublished
    kind (personnel), and of a kind published in part (assessment results: grades, not scores) only its public
    fields, and only changes that keep one."""
    shown = []
    for change in diff.changes:
        public = BY_REPORT_KEY[change.kind].public(STANDARD)
        if public.empty:
            continue
        if not public.whole:
            fields = tuple(field for field in change.fields if public.shows(field.field))
            if change.fields and not fields:
                continue
            adjustment = change.adjustment if public.shows("adjustment") else None
            change = replace(change, fields=fields, adjustment=adjustment)
        shown.append(change)
    return replace(diff, changes=shown)


def report_view(diff: Diff, lang: str) -> ReportView:
    diff = published_changes(diff)
    present = {change.change_class for change in diff.changes}
    classes = [change_class for change_class in ChangeClass if change_class in present]
    rows = []
    for kind, counts in diff.summary.items():
        by_level = counts.items() if kind == POWER.report_key else [("", counts)]
        for level, found in by_level:
            numbers = tuple(found.get(change_class.value, 0) for change_class in classes)
            rows.append(SummaryRow(kind_label(kind, lang), level_label(level, lang) if level else "", numbers))
    sections = []
    for kind in REPORT_KEYS:
        views = tuple(_change_view(diff, change, lang) for change in diff.changes if change.kind == kind)
        if views:
            sections.append((kind_label(kind, lang), views))
    old, new = revision_label(diff.old, lang), revision_label(diff.new, lang)
    return ReportView(
        title=reader_title(diff, lang),
        revisions=text("report.revisions", lang, old=old, new=new),
        old=old,
        new=new,
        classes=tuple(class_label(change_class, lang) for change_class in classes),
        summary=tuple(rows),
        sections=tuple(sections),
        total=len(diff.changes),
        t=lambda key: text(key, lang),
        catalogue_title=catalogue_title(diff, lang),
        catalogue=tuple(
            CatalogueView(
                change.code,
                change.name,
                catalogue_class(change, lang),
                tuple(catalogue_field_line(field, lang) for field in change.fields),
                tuple(implementing_text(diff, change, lang).splitlines()),
            )
            for change in diff.catalogue
        ),
    )


def render_report_html(diff: Diff, lang: str, templates: Path | None = None) -> str:
    """One self-contained HTML file: the site's stylesheet is inlined, there is no script."""
    env = environment(templates)
    css = Markup(asset(env, "style.css"))  # the packaged (or the user's own) stylesheet, not data
    return render(env, TEMPLATE, report=report_view(diff, lang), lang=lang, inline_css=css)


def render_report_pdf(diff: Diff, out_file: Path, lang: str, templates: Path | None = None) -> int:
    """Write the report's PDF (atomically); returns its number of pages."""
    view = report_view(diff, lang)
    faces = checked_faces(report_texts(view))
    env = environment(templates)
    html = render(env, TEMPLATE, report=view, lang=lang, inline_css=None)
    return write_pdf_file(out_file, env, html, faces)


def report_texts(view: ReportView) -> Iterator[Text]:
    yield "report", "title", "title", view.title
    yield "report", "revisions", "revisions", view.revisions
    for _, changes in view.sections:
        for found in changes:
            change = found.change
            yield change.kind, change.key, "key", change.key
            yield change.kind, change.key, "name", change.name
            for field in change.fields:
                for value in (field.old, field.new):
                    yield change.kind, change.key, field.field, value or ""
            for value in (found.document, found.reason, found.from_codes):
                yield change.kind, change.key, "adjustment", value
    yield "report", "catalogue", "title", view.catalogue_title
    for entry in view.catalogue:
        for value in (entry.name, entry.class_text, *entry.fields, *entry.items):
            yield "catalogue", entry.code, "worklist", value


def _change_view(diff: Diff, change: Change, lang: str) -> ChangeView:
    unset = text("diff.unset", lang)
    fields = tuple(
        (field_label(change.kind, field.field, lang), field.old or unset, field.new or unset) for field in change.fields
    )
    from_codes = (change.adjustment or {}).get("from") or ()
    return ChangeView(
        change=change,
        class_text=class_cell(change, lang),
        unit=unit_label(diff, change.unit),
        fields=fields,
        document=adjustment_text(change, "document"),
        reason=adjustment_text(change, "reason"),
        date=adjustment_text(change, "date"),
        from_codes="、".join(str(code) for code in from_codes),
    )
