"""The basic catalogue's own changes between two states, as a worklist (SPEC §4.16): entries added, cancelled
(marked 已取消, or gone from the file) and changed, each with the registry's items that implement it.

Most of a district's yearly adjustments follow the province's catalogue: when a new edition replaces the old
one (a new file named in qingdan.yaml, or the same file updated), the diff says which entries moved and which
items must follow. Entries are matched by 基本编码 whatever file holds them. Only when both states name a
catalogue: adopting one is not a change of it (`qingdan catalogue` shows where the registry stands).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from qingdan.diff.engine import CatalogueChange, ChangeClass, field_changes
from qingdan.loader.registry import Registry
from qingdan.models.catalogue import Catalogue
from qingdan.models.kinds import POWER


def catalogue_worklist(old: Registry, new: Registry, full_new: Callable[[], Registry]) -> list[CatalogueChange]:
    """The worklist, with implementing items taken from `full_new()` (NEW loaded whole, for when `new` holds
    only what changed): called only when the catalogue did change."""
    changes = list(catalogue_changes(old.catalogue, new.catalogue))
    if not changes:
        return []
    implementing: dict[str, list[tuple[str, str]]] = {}
    for item in full_new().of(POWER):
        if item.active and item.catalog_code:
            implementing.setdefault(item.catalog_code, []).append((item.code, item.unit))
    return [replace(change, items=tuple(implementing.get(change.code, ()))) for change in changes]


def catalogue_changes(old: Catalogue | None, new: Catalogue | None) -> Iterator[CatalogueChange]:
    """Every changed entry, in code order, without items."""
    if old is None or new is None:
        return
    before, after = old.by_code, new.by_code
    for code in sorted(before.keys() | after.keys()):
        was, now = before.get(code), after.get(code)
        if was is None and now is not None:
            yield CatalogueChange(code, ChangeClass.ADDED, now.name)
        elif now is None and was is not None:
            if was.active:
                yield CatalogueChange(code, ChangeClass.CANCELLED, was.name, deleted=True)
        elif was is not None and now is not None and (fields := field_changes(was, now)):
            change_class = ChangeClass.CANCELLED if was.active and not now.active else ChangeClass.CHANGED
            yield CatalogueChange(code, change_class, now.name, fields)
