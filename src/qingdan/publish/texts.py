"""Every string a publication prints, with the record and field it comes from: what the PDF's glyph check
reads, so that a character the fonts lack is reported against the record a clerk can fix.

Each item is (kind, key, field, text): kind a kind's report key (or "settings", "report"), field the record's
top-level key as written in the files (`name`, `legal_basis`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from qingdan.models.kinds import KINDS, POWER, UNITS
from qingdan.publish.model import ItemView, Publication

Text = tuple[str, str, str, str]


def publication_texts(publication: Publication) -> Iterator[Text]:
    yield "settings", "region", "name", publication.region
    yield "settings", "revision", "rev", publication.revision_label
    for unit in publication.units:
        yield from record_texts(UNITS.report_key, unit.ident, unit.unit)
    for item in publication.items():
        yield from _item_texts(item)
    for kind in KINDS:
        for record in publication.of(kind.name):  # every published kind a page may show
            yield from record_texts(kind.report_key, record.key, record)


def record_texts(kind: str, key: str, record: BaseModel) -> Iterator[Text]:
    dumped: dict[str, Any] = record.model_dump(mode="json", by_alias=True, exclude_none=True)
    for field, value in dumped.items():
        for text in strings(value):
            yield kind, key, field, text


def strings(value: Any) -> Iterator[str]:
    """Every string inside a dumped value (lists and mappings walked, keys left out: they are never shown)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for entry in value:
            yield from strings(entry)
    elif isinstance(value, dict):
        for entry in value.values():
            yield from strings(entry)
    elif value is not None:
        yield str(value)


def _item_texts(item: ItemView) -> Iterator[Text]:
    """What an item view holds (as its edition publishes it: the 简易版's, code, name, type and unit); the type is
    a fixed term, unit names come with units."""
    fields: dict[str, Any] = {
        "code": item.code,
        "name": item.name,
        "parent": item.parent,
        "source": item.source,
        "delegation": item.delegation,
        "legal_basis": [basis.model_dump(exclude_none=True) for basis in item.legal_basis],
        "responsibilities": list(item.responsibilities),
        "accountability": list(item.accountability),
        "adjustment": item.adjustment.model_dump(mode="json", exclude_none=True) if item.adjustment else None,
        "note": item.note,
    }
    for field, value in fields.items():
        for text in strings(value):
            yield POWER.report_key, item.code, field, text
