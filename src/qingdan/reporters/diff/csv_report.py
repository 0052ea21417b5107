"""`diff --format csv`: one row per changed field (one row for a change without fields), for Excel.

UTF-8 with a BOM so that Excel opens it as such (SPEC §8); the returned text starts with the BOM, so write
it with `encoding="utf-8", newline=""`. A cell that would start with =, +, -, @, tab or CR gets a leading '
so that no spreadsheet evaluates it. A last column, 说明 (note), marks records deleted outright.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from qingdan.diff.engine import CatalogueChange, Change, Diff
from qingdan.diff.labels import (
    adjustment_text,
    catalogue_class,
    catalogue_field_line,
    citing_lines,
    class_label,
    column,
    field_label,
    implementing_text,
    kind_label,
    law_class,
    level_label,
)
from qingdan.diff.laws import LawChange
from qingdan.messages import text

BOM = "\ufeff"
COLUMNS = ("kind", "key", "name", "class", "unit", "level", "field", "old", "new", "document", "reason", "date", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(diff: Diff, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column(name, lang) for name in COLUMNS])
    for change in diff.changes:
        writer.writerows([safe_cell(cell) for cell in row] for row in _rows(change, lang))
    for entry in diff.catalogue:
        writer.writerows([safe_cell(cell) for cell in row] for row in _catalogue_rows(diff, entry, lang))
    for law in diff.laws:
        writer.writerow([safe_cell(cell) for cell in _law_row(diff, law, lang)])
    return BOM + buffer.getvalue()


def _law_row(diff: Diff, change: LawChange, lang: str) -> list[str]:
    """The law worklist: kind 法规库, the law's title, its versions, and the citing records in the note."""
    old, new = (when.isoformat() if when else "" for when in (change.old_date, change.new_date))
    records = ("；" if lang == "zh" else "; ").join(citing_lines(diff, change, lang))
    head = [text("laws.diff.title", lang), change.title, change.title, law_class(change, lang), "", ""]
    return [
        *head,
        text("laws.diff.versions", lang),
        old,
        new,
        "",
        "",
        "",
        f"{text('laws.diff.records', lang)}: {records}",
    ]


def _catalogue_rows(diff: Diff, change: CatalogueChange, lang: str) -> Iterator[list[str]]:
    """The catalogue worklist: kind 基本目录, the entry's code, and the implementing items in the note."""
    head = [text("catalogue.diff.title", lang), change.code, change.name, catalogue_class(change, lang), "", ""]
    items = implementing_text(diff, change, lang).replace("\n", "；" if lang == "zh" else "; ")
    tail = ["", "", "", f"{text('catalogue.diff.items', lang)}: {items}"]
    if not change.fields:
        yield [*head, "", "", "", *tail]
    for item in change.fields:
        label, _, _ = catalogue_field_line(item, lang).partition(": ")
        yield [*head, label, item.old or "", item.new or "", *tail]


def safe_cell(value: str) -> str:
    """A leading ' keeps a spreadsheet from reading the cell as a formula (SPEC §8)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _rows(change: Change, lang: str) -> Iterator[list[str]]:
    head = [
        kind_label(change.kind, lang),
        change.key,
        change.name,
        class_label(change.change_class, lang),
        change.unit or "",
        level_label(change.level, lang) if change.level else "",
    ]
    tail = [
        adjustment_text(change, "document"),
        adjustment_text(change, "reason"),
        adjustment_text(change, "date"),
        text("diff.deleted", lang) if change.deleted else "",
    ]
    if not change.fields:
        yield [*head, "", "", "", *tail]
    for item in change.fields:
        yield [*head, field_label(change.kind, item.field, lang), item.old or "", item.new or "", *tail]
