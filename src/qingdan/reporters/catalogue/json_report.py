"""`catalogue --format json`: language-neutral, every unit with something to report, every item."""

from __future__ import annotations

import json
from typing import Any

from qingdan.conformance import Conformance, Implementation, UnitConformance
from qingdan.models import PowerItem


def as_json(report: Conformance) -> dict[str, Any]:
    return {
        "version": 1,
        "catalogue": report.file,
        "unified": [element.value for element in report.unified],
        "summary": report.counts(),
        "by_unit": [_unit(unit) for unit in report.units],
    }


def render_json(report: Conformance) -> str:
    # One line, not indented: at 100,000 items the report is about 14 MB, and indenting (Python's pure encoder)
    # took 0.86 s against 0.18 s (measured); `jq .` indents it for a reader.
    return json.dumps(as_json(report), ensure_ascii=False) + "\n"


def _unit(unit: UnitConformance) -> dict[str, Any]:
    return {
        "unit": unit.unit,
        "name": unit.name,
        "matching": [_implementation(found) for found in unit.matching],
        "differing": [_implementation(found) for found in unit.differing],
        "not_implemented": [{"code": entry.code, "name": entry.name} for entry in unit.missing],
        "invalid_code": [{**_item(item), "code": item.catalog_code} for item in unit.unknown],
        "without_code": [_item(item) for item in unit.uncoded],
    }


def _implementation(found: Implementation) -> dict[str, Any]:
    entry: dict[str, Any] = {**_item(found.item), "code": found.entry.code, "entry_name": found.entry.name}
    if found.differences:
        entry["differences"] = [
            {"element": difference.element.value, "item": difference.item_value, "catalogue": difference.entry_value}
            for difference in found.differences
        ]
    return entry


def _item(item: PowerItem) -> dict[str, Any]:
    return {"item": item.code, "name": item.name}
