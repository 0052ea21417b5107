"""`catalogue --format csv`: one row per item (one per differing element) and per entry not implemented, for
Excel: UTF-8 with a BOM, every cell that a spreadsheet could take for a formula neutralised (SPEC §8)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from qingdan.conformance import Conformance, Implementation, UnitConformance
from qingdan.messages import text
from qingdan.reporters.diff.csv_report import BOM, safe_cell

COLUMNS = (
    "unit",
    "unit_name",
    "status",
    "item",
    "item_name",
    "code",
    "entry_name",
    "element",
    "item_value",
    "entry_value",
)
_STATUSES = ("matching", "differing", "missing", "unknown", "uncoded")


def render_csv(report: Conformance, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([text(f"catalogue.column.{name}", lang) for name in COLUMNS])
    for unit in report.units:
        writer.writerows([safe_cell(cell) for cell in row] for row in _rows(unit, lang))
    return BOM + buffer.getvalue()


def _rows(unit: UnitConformance, lang: str) -> Iterator[list[str]]:
    head = [unit.unit, unit.name]
    status = {name: text(f"catalogue.status.{name}", lang) for name in _STATUSES}
    for found in unit.matching:
        yield [*head, status["matching"], *_implementation(found), "", "", ""]
    for found in unit.differing:
        for difference in found.differences:
            element = text(f"catalogue.element.{difference.element.value}", lang)
            values = [element, difference.item_value, difference.entry_value]
            yield [*head, status["differing"], *_implementation(found), *values]
    for entry in unit.missing:
        yield [*head, status["missing"], "", "", entry.code, entry.name, "", "", ""]
    for item in unit.unknown:
        yield [*head, status["unknown"], item.code, item.name, item.catalog_code or "", "", "", "", ""]
    for item in unit.uncoded:
        yield [*head, status["uncoded"], item.code, item.name, "", "", "", "", ""]


def _implementation(found: Implementation) -> list[str]:
    return [found.item.code, found.item.name, found.entry.code, found.entry.name]
