"""`qingdan stats` as rich tables, in the user's language."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table

from qingdan.messages import text


def render(stats: dict[str, Any], lang: str, unit_names: dict[str, str]) -> Group:
    power = stats["power"]
    overview = _table(
        text("stats.power", lang),
        [
            (text("stats.total", lang), power["total"]),
            (text("stats.active", lang), power["active"]),
            (text("stats.cancelled", lang), power["cancelled"]),
            (text("stats.main", lang), power["main"]),
            (text("stats.sub", lang), power["sub"]),
            (text("stats.grand_sub", lang), power["grand_sub"]),
        ],
    )
    tasks = stats["community_tasks"]
    return Group(
        overview,
        _table(text("stats.by_level", lang), list(power["by_level"].items())),
        _table(text("stats.by_type", lang), list(power["by_type"].items())),
        _table(
            text("stats.by_unit", lang),
            [(f"{unit_names.get(unit, unit)} ({unit})", count) for unit, count in power["by_unit"].items()],
        ),
        _table(text("stats.units", lang), [(kind, count) for kind, count in stats["units"].items() if count]),
        _table(
            text("stats.delegations", lang),
            [(text("stats.total", lang), stats["delegations"]["total"]), *stats["delegations"]["by_status"].items()],
        ),
        _table(
            text("stats.tasks", lang),
            [
                (text("stats.reviewed", lang), tasks["total"]),
                *((key, value) for key, value in tasks.items() if key != "total"),
            ],
        ),
        _table(text("stats.assessments", lang), [(text("stats.total", lang), stats["assessments"]["total"])]),
    )


def _table(title: str, rows: list[tuple[str, int]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, min_width=30)
    table.add_column(justify="left")
    table.add_column(justify="right")
    for label, count in rows:
        table.add_row(str(label), str(count))
    return table
