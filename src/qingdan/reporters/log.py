"""`qingdan log`: one record's changes, commit by commit, as a rich table or JSON."""

from __future__ import annotations

import json
from typing import Any

from rich.table import Table
from rich.text import Text

from qingdan.diff.labels import class_label, field_line
from qingdan.history.adjustments import LogEntry
from qingdan.messages import text
from qingdan.reporters.diff.json_report import change_json


def render_log_json(key: str, entries: list[LogEntry]) -> str:
    data: dict[str, Any] = {
        "version": 1,
        "key": key,
        "entries": [
            {
                "rev": entry.commit.sha,
                "date": entry.commit.date.date().isoformat(),
                "author": entry.commit.author,
                "subject": entry.commit.subject,
                **change_json(entry.change),
            }
            for entry in entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_log_text(key: str, entries: list[LogEntry], lang: str) -> Table:
    table = Table(title=text("log.title", lang, key=key), title_justify="left", show_lines=True)
    for column in ("log.date", "log.commit", "log.author", "log.subject", "log.key", "log.class", "log.fields"):
        table.add_column(text(column, lang))
    for entry in entries:
        change = entry.change
        fields = "\n".join(field_line(change.kind, field, lang, limit=80) for field in change.fields)
        table.add_row(
            *(
                Text(cell)
                for cell in (
                    entry.commit.date.date().isoformat(),
                    entry.commit.sha[:10],
                    entry.commit.author,
                    entry.commit.subject,
                    change.key,
                    class_label(change.change_class, lang),
                    fields,
                )
            )
        )
    if not entries:
        table.caption = text("log.none", lang, key=key)
    return table
