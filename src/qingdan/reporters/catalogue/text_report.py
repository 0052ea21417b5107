"""`catalogue --format text`: the summary, then per unit its counts and what needs work: the items that differ
(each differing element with both values), the entries expected of it and not implemented, items with an
invalid code and local items without one. Plain text, so data can never turn into terminal markup."""

from __future__ import annotations

from qingdan.conformance import Conformance, UnitConformance
from qingdan.messages import text

INDENT = "  "


def render_text(report: Conformance, lang: str) -> str:
    lines = [text("catalogue.title", lang, file=report.file), text("catalogue.summary", lang, **report.counts())]
    for unit in report.units:
        lines += ["", *_unit(unit, lang)]
    return "\n".join(lines) + "\n"


def _unit(unit: UnitConformance, lang: str) -> list[str]:
    counts = {
        "matching": len(unit.matching),
        "differing": len(unit.differing),
        "missing": len(unit.missing),
        "unknown": len(unit.unknown),
        "uncoded": len(unit.uncoded),
    }
    lines = [text("catalogue.unit", lang, unit=unit.unit, name=unit.name, **counts)]
    label = {name: text(f"catalogue.status.{name}", lang) for name in counts}
    colon = "：" if lang == "zh" else ": "
    for found in unit.differing:
        lines.append(f"{INDENT}{label['differing']}{colon}{found.item.code} {found.item.name} → {found.entry.code}")
        for difference in found.differences:
            element = text(f"catalogue.element.{difference.element.value}", lang)
            lines.append(f"{INDENT * 2}{element}{colon}{difference.item_value} ≠ {difference.entry_value}")
    lines += [f"{INDENT}{label['missing']}{colon}{entry.code} {entry.name}" for entry in unit.missing]
    lines += [
        f"{INDENT}{label['unknown']}{colon}{item.code} {item.name} → {item.catalog_code}" for item in unit.unknown
    ]
    lines += [f"{INDENT}{label['uncoded']}{colon}{item.code} {item.name}" for item in unit.uncoded]
    return lines
