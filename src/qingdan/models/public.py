"""What a publication may show of a record (SPEC §4.6, §4.7, §7): the value `Kind.public(edition)` gives, and
the one function that cuts a record down to it.

Every writer of a publication (the pages and the search index of both editions, the PDF, the site's `data/`,
`export --format datapackage|parquet`, the published adjustment report) reads a record's fields through it, so
what leaves the building is decided in the kind table and nowhere else. A field is named as written in the
files (`id`, `legal_basis`); a path names a field inside a mapping or inside each entry of a list of mappings
(`criteria.legal_basis`, `materials.note`), as the flat columns of open data do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Public:
    fields: frozenset[str] | None = None  # the fields shown; None: every field
    hidden: frozenset[str] = frozenset()  # paths left out of the fields shown (`fee.basis`)

    @property
    def empty(self) -> bool:
        """Nothing is shown: the kind is not published (in this edition)."""
        return self.fields is not None and not self.fields

    @property
    def whole(self) -> bool:
        """Every field is shown: records go out as they are."""
        return self.fields is None and not self.hidden

    def shows(self, path: str) -> bool:
        """Whether a field (`grade`) or a path into one (`criteria.legal_basis`, a column's key) is shown."""
        parts = path.split(".")
        if self.fields is not None and parts[0] not in self.fields:
            return False
        return not any(".".join(parts[:length]) in self.hidden for length in range(1, len(parts) + 1))

    def cut(self, record: M) -> M:
        """The record with every field it does not show emptied (None), so that nothing downstream — a template,
        a dump, a glyph check — can print it; the record itself when everything is shown."""
        return record if self.whole else _cut(record, self.fields, self.hidden)


EVERYTHING = Public()
NOTHING = Public(frozenset())


def _cut(model: M, fields: frozenset[str] | None, hidden: frozenset[str]) -> M:
    update: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        value = getattr(model, name)
        if value is None:
            continue
        if (fields is not None and key not in fields) or key in hidden:
            update[name] = None
            continue
        inner = frozenset(path.split(".", 1)[1] for path in hidden if path.startswith(f"{key}."))
        if inner:
            entries = value if isinstance(value, list) else None
            update[name] = [_cut_value(entry, inner) for entry in entries] if entries else _cut_value(value, inner)
    # model_copy does not validate: an emptied required field (a result's `scores`) is None in the copy only.
    return model.model_copy(update=update) if update else model


def _cut_value(value: Any, hidden: frozenset[str]) -> Any:
    """A mapping's fields cut; anything else (the text of a text-or-mapping field, `不收费`) as it is."""
    return _cut(value, None, hidden) if isinstance(value, BaseModel) else value
