"""`diff --format text`: a summary table (kind × level × class), then one table of changes per kind.

Every cell is a rich `Text`, never markup, so a value like `[bold]` or `[link=…]` prints as written.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from qingdan.diff.engine import REPORT_KEYS, Change, Diff
from qingdan.diff.labels import (
    adjustment_text,
    catalogue_class,
    catalogue_field_line,
    catalogue_title,
    citing_lines,
    class_cell,
    column,
    field_line,
    implementing_text,
    kind_label,
    law_class,
    law_versions,
    laws_title,
    summary_rows,
    title,
    unit_label,
)
from qingdan.messages import text


def render_text(diff: Diff, lang: str) -> Group:
    parts: list[RenderableType] = [Text(title(diff, lang), style="bold")]
    if not diff.changes:
        parts.append(Text(text("diff.none", lang)))
    else:
        parts.append(_summary(diff, lang))
    for kind in REPORT_KEYS:
        changes = [change for change in diff.changes if change.kind == kind]
        if changes:
            parts.append(_changes(diff, kind, changes, lang))
    if diff.catalogue:
        parts.append(_catalogue(diff, lang))
    if diff.laws:
        parts.append(_laws(diff, lang))
    return Group(*parts)


def _laws(diff: Diff, lang: str) -> Table:
    table = Table(title=laws_title(diff, lang), title_justify="left", show_lines=True)
    for key in ("laws.diff.law", "diff.column.class", "laws.diff.versions", "laws.diff.records"):
        table.add_column(text(key, lang))
    for change in diff.laws:
        cells = (
            change.title,
            law_class(change, lang),
            law_versions(change, lang),
            "\n".join(citing_lines(diff, change, lang)),
        )
        table.add_row(*(Text(cell) for cell in cells))
    return table


def _catalogue(diff: Diff, lang: str) -> Table:
    table = Table(title=catalogue_title(diff, lang), title_justify="left", show_lines=True)
    for name in ("key", "name", "class", "fields"):
        table.add_column(column(name, lang))
    table.add_column(text("catalogue.diff.items", lang))
    for change in diff.catalogue:
        fields = "\n".join(catalogue_field_line(item, lang) for item in change.fields)
        cells = (change.code, change.name, catalogue_class(change, lang), fields, implementing_text(diff, change, lang))
        table.add_row(*(Text(cell) for cell in cells))
    return table


def _summary(diff: Diff, lang: str) -> Table:
    table = Table(title=text("diff.summary", lang), title_justify="left")
    for name in ("kind", "level", "class"):
        table.add_column(column(name, lang))
    table.add_column(column("count", lang), justify="right")
    for kind, level, change_class, count in summary_rows(diff, lang):
        table.add_row(Text(kind), Text(level), Text(change_class), Text(str(count)))
    table.add_row(Text(text("diff.total", lang), style="bold"), None, None, Text(str(len(diff.changes))))
    return table


def _changes(diff: Diff, kind: str, changes: list[Change], lang: str) -> Table:
    table = Table(title=f"{kind_label(kind, lang)} ({len(changes)})", title_justify="left", show_lines=True)
    for name in ("key", "name", "class", "unit", "fields", "document", "reason"):
        table.add_column(column(name, lang))
    for change in changes:
        fields = "\n".join(field_line(kind, item, lang) for item in change.fields)
        cells = (
            change.key,
            change.name,
            class_cell(change, lang),
            unit_label(diff, change.unit),
            fields,
            adjustment_text(change, "document"),
            adjustment_text(change, "reason"),
        )
        table.add_row(*(Text(cell) for cell in cells))
    return table
