"""The search page's index: every published item, as compact JSON embedded in the page.

The page must work from a folder opened in a browser (file://), where a script may not fetch a neighbouring
file, so the index travels inside search.html. Types, units and legal bases repeat across thousands of
items, so each is stored once in a table and items refer to it by position:

    {"types": ["行政许可", …], "holders": [["jyj", "区教育局"], …], "bases": [["《…》第十三条", "条文…"], …],
     "items": [["XK-330205-0101", "教师资格认定", 0, 0, [0]], …]}   # code, name, type, unit, bases

An edition that does not publish the items' legal bases (the simple edition: code, name, type and unit, SPEC §7)
has an index of nothing more: no `bases`, and items of four fields.

`script_json` makes that JSON safe inside `<script type="application/json">`: the only way out of such an
element is `</script`, so `<` (and `>`, `&` for good measure) become `\\u003c` etc., which JSON.parse reads
back as the same characters; U+2028/U+2029 are escaped too, as older JavaScript engines reject them raw.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from qingdan.models import LegalBasis
from qingdan.models.kinds import POWER
from qingdan.publish.model import Publication

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def search_index(publication: Publication) -> dict[str, Any]:
    full = publication.shows(POWER.name, "legal_basis")
    types: dict[str, int] = {}
    units: dict[str, int] = {}
    bases: dict[tuple[str, str], int] = {}
    rows: list[list[Any]] = []
    for unit in publication.units:
        unit_index = units.setdefault(unit.ident, len(units))
        for item in unit.walk():
            row: list[Any] = [item.code, item.name, types.setdefault(item.type_name, len(types)), unit_index]
            if full:
                row.append([bases.setdefault(_basis(basis), len(bases)) for basis in item.inherited_basis])
            rows.append(row)
    index: dict[str, Any] = {
        "types": list(types),
        "holders": [[ident, publication.names.get(ident, ident)] for ident in units],
        "items": rows,
    }
    if full:
        index["bases"] = [list(pair) for pair in bases]
    return index


def script_json(value: Any) -> Markup:
    """JSON that cannot end the <script> element it sits in (see the module docstring)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_SAFE))  # inert: see above


def _basis(basis: LegalBasis) -> tuple[str, str]:
    return (f"《{basis.law}》{basis.article or ''}", basis.text or "")
