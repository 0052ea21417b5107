"""`qingdan stats` as rich tables, in the user's language."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table

from qingdan.messages import optional_text, text
from qingdan.models.kinds import BY_REPORT_KEY, KINDS, POWER, UNITS
from qingdan.stats import CATALOGUE_KEY, LAWS_KEY

# The kinds counted the common way (power items and units have tables of their own).
_COUNTED = frozenset(kind.report_key for kind in KINDS if kind not in (POWER, UNITS))


def render(stats: dict[str, Any], lang: str, unit_names: dict[str, str]) -> Group:
    power = stats[POWER.report_key]
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
    return Group(
        overview,
        _table(text("stats.by_level", lang), list(power["by_level"].items())),
        _table(text("stats.by_type", lang), list(power["by_type"].items())),
        _table(
            text("stats.by_unit", lang),
            [(f"{unit_names.get(unit, unit)} ({unit})", count) for unit, count in power["by_unit"].items()],
        ),
        _table(text("stats.units", lang), [(kind, count) for kind, count in stats[UNITS.report_key].items() if count]),
        *(_kind_table(key, counts, lang) for key, counts in stats.items() if key in _COUNTED),
        *_input_table(stats, CATALOGUE_KEY, lang),
        *_input_table(stats, LAWS_KEY, lang),
    )


def _input_table(stats: dict[str, Any], key: str, lang: str) -> list[Table]:
    """The counts of a read-only input (the basic catalogue, the law library); a nested count (the library's
    `by_level`) by its values."""
    counts = stats.get(key)
    if counts is None:
        return []
    rows: list[tuple[str, int]] = []
    for name, value in counts.items():
        rows += value.items() if isinstance(value, dict) else [(text(f"stats.{key}.{name}", lang), value)]
    return [_table(text(f"stats.{key}", lang), rows)]


def _kind_table(key: str, counts: dict[str, Any], lang: str) -> Table:
    """A kind's counts: its total, then each tally (a tally's own title is not shown: its values say it)."""
    title = optional_text(f"stats.{key}", lang) or BY_REPORT_KEY[key].title_in(lang)
    rows: list[tuple[str, int]] = [
        (optional_text(f"stats.{key}.total", lang) or text("stats.total", lang), counts["total"])
    ]
    for name, value in counts.items():
        if isinstance(value, dict):
            rows += value.items()
        elif name != "total":  # a count beside the total (`major`): its label, if the catalogue has one
            rows.append((optional_text(f"stats.{key}.{name}", lang) or name, value))
    return _table(title, rows)


def _table(title: str, rows: list[tuple[str, int]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, min_width=30)
    table.add_column(justify="left")
    table.add_column(justify="right")
    for label, count in rows:
        table.add_row(str(label), str(count))
    return table
