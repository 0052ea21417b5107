"""`diff --format markdown`: the adjustment report as a pull-request comment.

A heading, the summary as a table, then a table of changes per kind. Cells are escaped so that data can
neither break the table (`|`, newlines) nor become markup (links, emphasis, HTML). Comments are limited
in size (GitHub: 65,536 characters), so rows stop at about LIMIT characters with a note of how many more.
"""

from __future__ import annotations

import re

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

LIMIT = 60_000
VALUE_LIMIT = 200  # characters of one field value (a legal basis quotes whole articles)
_PLAIN_KEY = re.compile(r"[\w.()（）-]+")  # shown as code: nothing in it that a code span would mangle
CHANGE_COLUMNS = ("key", "name", "class", "unit", "fields", "document", "reason")
_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "~": "\\~",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        "\r": "",
        "\n": "<br>",
    }
)


def render_markdown(diff: Diff, lang: str, limit: int = LIMIT) -> str:
    lines = [f"## {cell(title(diff, lang))}", ""]
    if not diff.changes:
        return "\n".join([*lines, cell(text("diff.none", lang)), "", *_catalogue(diff, lang), *_laws(diff, lang)])
    lines += [f"### {cell(text('diff.summary', lang))}", "", *_summary(diff, lang), ""]
    size = sum(len(line) + 1 for line in lines)
    shown = 0
    for kind in REPORT_KEYS:
        changes = [change for change in diff.changes if change.kind == kind]
        rows = []
        for change in changes:
            row = _row(diff, change, lang)
            if size + len(row) + 1 > limit:
                break
            rows.append(row)
            size += len(row) + 1
        if rows:
            head = [f"### {cell(kind_label(kind, lang))} ({len(changes)})", "", *_header(CHANGE_COLUMNS, lang)]
            lines += [*head, *rows, ""]
            size += sum(len(line) + 1 for line in head) + 1
            shown += len(rows)
        if len(rows) < len(changes):
            break
    if shown < len(diff.changes):
        lines += [cell(text("diff.more", lang, count=len(diff.changes) - shown)), ""]
    worklists = _catalogue(diff, lang, limit - size)
    return "\n".join([*lines, *worklists, *_laws(diff, lang, limit - size - sum(len(line) + 1 for line in worklists))])


def _laws(diff: Diff, lang: str, room: int = LIMIT) -> list[str]:
    """The law worklist, after the catalogue's, within what room the comment has left."""
    if not diff.laws:
        return []
    keys = ("laws.diff.law", "diff.column.class", "laws.diff.versions", "laws.diff.records")
    rows = []
    for change in diff.laws:
        records = "<br>".join(cell(line) for line in citing_lines(diff, change, lang))
        shown = [cell(value) for value in (change.title, law_class(change, lang), law_versions(change, lang))]
        rows.append(_line([*shown, records], True))
    return _worklist(laws_title(diff, lang), [text(key, lang) for key in keys], rows, room, lang)


def _catalogue(diff: Diff, lang: str, room: int = LIMIT) -> list[str]:
    """The catalogue worklist, after the changes, within what room the comment has left."""
    if not diff.catalogue:
        return []
    names = [*(column(name, lang) for name in ("key", "name", "class", "fields")), text("catalogue.diff.items", lang)]
    rows = []
    for change in diff.catalogue:
        fields = "<br>".join(cell(catalogue_field_line(item, lang, VALUE_LIMIT)) for item in change.fields)
        items = "<br>".join(cell(line) for line in implementing_text(diff, change, lang).splitlines())
        rows.append(
            _line([f"`{change.code}`", cell(change.name), cell(catalogue_class(change, lang)), fields, items], True)
        )
    return _worklist(catalogue_title(diff, lang), names, rows, room, lang)


def _worklist(title: str, names: list[str], rows: list[str], room: int, lang: str) -> list[str]:
    """A worklist's table, its rows as many as the room the comment has left."""
    kept: list[str] = []
    for row in rows:
        room -= len(row) + 1
        if room < 0:
            kept.append(cell(text("diff.more", lang, count=len(rows) - len(kept))))
            break
        kept.append(row)
    return [f"### {cell(title)}", "", _line(names), "|" + "---|" * len(names), *kept, ""]


def cell(value: str) -> str:
    """Text made inert in a GitHub/GitLab table cell."""
    return value.translate(_ESCAPES)


def _summary(diff: Diff, lang: str) -> list[str]:
    rows = [
        _line([kind, level, change_class, str(count)]) for kind, level, change_class, count in summary_rows(diff, lang)
    ]
    total = _line([f"**{cell(text('diff.total', lang))}**", "", "", f"**{len(diff.changes)}**"], escaped=True)
    return [*_header(("kind", "level", "class", "count"), lang), *rows, total]


def _header(names: tuple[str, ...], lang: str) -> list[str]:
    return [_line([column(name, lang) for name in names]), "|" + "---|" * len(names)]


def _row(diff: Diff, change: Change, lang: str) -> str:
    fields = "<br>".join(cell(field_line(change.kind, item, lang, VALUE_LIMIT)) for item in change.fields)
    cells = [
        f"`{change.key}`" if _PLAIN_KEY.fullmatch(change.key) else cell(change.key),
        cell(change.name),
        cell(class_cell(change, lang)),
        cell(unit_label(diff, change.unit)),
        fields,
        cell(adjustment_text(change, "document")),
        cell(adjustment_text(change, "reason")),
    ]
    return _line(cells, escaped=True)


def _line(cells: list[str], escaped: bool = False) -> str:
    return "| " + " | ".join(cells if escaped else [cell(value) for value in cells]) + " |"
