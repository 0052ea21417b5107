"""Conformance to the province's basic catalogue (八统一, QD111–QD116): run only when qingdan.yaml names a
catalogue. A district implements the catalogue's entries; it does not invent their names, types and legal bases.
The rules shared with `qingdan catalogue` are in `qingdan.conformance`."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from qingdan.checks.base import at, check
from qingdan.conformance import Rules
from qingdan.loader.registry import Registry
from qingdan.models.catalogue import LEVEL_IN_CATALOGUE, Catalogue, CatalogueEntry, EntryStatus
from qingdan.models.kinds import POWER, UNITS
from qingdan.models.power import PowerItem
from qingdan.models.settings import Unified
from qingdan.problems import Finding, Severity

_FIELD_OF = MappingProxyType({Unified.NAME: "name", Unified.TYPE: "type", Unified.LEGAL_BASIS: "legal_basis"})
_LIST = "、"


def _implemented(registry: Registry, item: PowerItem) -> tuple[CatalogueEntry | None, Catalogue] | None:
    """For an active item naming a catalogue entry: that entry (None if the catalogue has no such code) and the
    catalogue; None for any other item, or without a catalogue."""
    catalogue = registry.catalogue
    if catalogue is None or not item.active or not item.catalog_code:
        return None
    return catalogue.by_code.get(item.catalog_code), catalogue


def _in_use(registry: Registry, item: PowerItem) -> CatalogueEntry | None:
    """The entry in use an active item implements, if any."""
    implemented = _implemented(registry, item)
    entry = implemented[0] if implemented is not None else None
    return entry if entry is not None and entry.active else None


def _implementing(registry: Registry) -> Iterator[PowerItem]:
    """Active items naming a catalogue entry (none without a catalogue: then the power items are not read, and
    a check over the whole registry that reads nothing is never rerun)."""
    if registry.catalogue is None:
        return
    for item in registry.of(POWER):
        if _implemented(registry, item) is not None:
            yield item


@check("QD111", Severity.ERROR, each=POWER)
def unknown_catalog_code(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    `catalog_code` not in the catalogue, or its entry is 已取消.

    An item implements one entry of the province's basic catalogue, named by its 12-digit 基本编码; a code the
    catalogue does not hold is a typo, and an entry the province cancelled can no longer be implemented: the
    item must follow the catalogue (cancelled, or moved to the entry that replaced it). Active items only.

    PASS: `catalog_code: "000131024000"`, an entry of the catalogue that is 在用
    FAIL: `catalog_code: "000131024999"` (no such entry), or an entry whose 状态 is 已取消
    """
    implemented = _implemented(registry, item)
    if implemented is None:
        return
    entry, catalogue = implemented
    code = item.catalog_code or ""
    if entry is None and code not in catalogue.broken:
        yield at(item, "catalog_code", code=code, file=catalogue.file)
    elif entry is not None and entry.status is EntryStatus.CANCELLED:
        yield at(item, "catalog_code", variant="cancelled", code=code, name=entry.name)


@check("QD112", Severity.ERROR, each=POWER)
def unified_element_differs(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    A `unified` element differs from the catalogue entry (the message shows both values).

    八统一: the elements listed in qingdan.yaml's `catalogue.unified` (by default the name, the type and the
    legal basis) must be the catalogue's. Names are compared after NFKC (full-width brackets equal half-width
    ones) and trimming; legal bases as the set of law names cited (a sub-item cites its parent's). The problem
    is at the differing field (at `catalog_code` for a legal basis the item inherits).

    PASS: `{name: 食品经营许可, type: 行政许可, catalog_code: "000131024000"}`, as the catalogue's entry says
    FAIL: `name: 食品经营许可证核发` against the catalogue's 食品经营许可
    """
    entry = _in_use(registry, item)
    if entry is None or registry.catalogue is None:
        return
    for difference in Rules(registry, registry.catalogue).differences(item, entry):
        name = _FIELD_OF[difference.element]
        where = name if name != "legal_basis" or item.legal_basis else "catalog_code"
        yield at(
            item,
            where,
            variant=difference.element.value,
            code=entry.code,
            value=difference.item_value,
            expected=difference.entry_value,
        )


@check("QD113", Severity.ERROR, each=POWER)
def level_not_allowed(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    The item's level is not among the entry's 行使层级.

    The catalogue says at which levels an entry may be exercised; a district unit implements it at 县级, a
    street or town (or a dispatched agency) at 乡镇级, a community or village at 村级. An entry only the
    province exercises cannot be a district item.

    PASS: a 区级 unit's item implementing an entry with 行使层级 `县级`
    FAIL: a street's item implementing an entry with 行使层级 `省级` and `县级` only
    """
    entry = _in_use(registry, item)
    unit = registry.by_key(UNITS).get(item.unit) if entry is not None else None
    if entry is not None and unit is not None and LEVEL_IN_CATALOGUE[unit.level] not in entry.levels:
        level = LEVEL_IN_CATALOGUE[unit.level].value
        allowed = _LIST.join(level.value for level in entry.levels)
        yield at(item, "catalog_code", code=entry.code, level=level, levels=allowed)


@check("QD114", Severity.ERROR)
def not_a_sub_entry(registry: Registry) -> Iterator[Finding]:
    """
    A child item's catalogue entry is not a sub-entry of its parent item's entry.

    The item tree follows the catalogue's: when both a sub-item and its parent implement an entry, the
    sub-item's entry must name the parent's entry as its 上级编码. A catalogue entry whose 上级编码 is not in the
    catalogue is reported too, at its row.

    PASS: parent `catalog_code: "000131024000"`, child `"000131024001"` (上级编码 000131024000)
    FAIL: the child implementing 000131025000, an entry of its own or another entry's sub-entry
    """
    catalogue = registry.catalogue
    if catalogue is None:
        return
    items = registry.by_key(POWER)
    for item in _implementing(registry):
        entry = _in_use(registry, item)
        parent = items.get(item.parent) if item.parent else None
        if entry is not None and parent is not None and parent.catalog_code and entry.parent != parent.catalog_code:
            yield at(item, "catalog_code", code=entry.code, parent_code=parent.catalog_code, parent=parent.code)
    for entry in catalogue.entries:
        if entry.parent and entry.parent not in catalogue.by_code and entry.parent not in catalogue.broken:
            yield at(entry, "parent", variant="entry", code=entry.code, parent_code=entry.parent)


@check("QD115", Severity.WARNING)
def entry_not_implemented(registry: Registry) -> Iterator[Finding]:
    """
    A 县级/乡镇级 entry whose 主管部门 names a unit of the registry is implemented by no active item of that unit.

    The catalogue is the list a district must carry: an entry whose 主管部门 is one of the registry's units (by
    name or id), at that unit's level, and that no active item of the unit implements is a power the district
    has left out of its list (or a catalogue change not yet followed). Reported at the entry's row in the
    catalogue file, naming the unit.

    PASS: the catalogue's 食品经营许可 (县级, 主管部门 区市场监督管理局) and an active item of scjgj with its code
    FAIL: the same entry and no active item of 区市场监督管理局 naming it (warning)
    """
    catalogue = registry.catalogue
    if catalogue is None:
        return
    for entry, unit in Rules(registry, catalogue).missing():
        yield at(entry, "code", code=entry.code, name=entry.name, unit=unit.ident, unit_name=unit.name)


@check("QD116", Severity.ERROR)
def entry_implemented_twice(registry: Registry) -> Iterator[Finding]:
    """
    One unit implements the same catalogue entry with two active items.

    An entry is one power: a unit lists it once. Two active items of one unit with the same `catalog_code` are
    a duplicate, or one of them implements a sub-entry and should name it. Different units may implement the
    same entry (every street carries the 乡镇级 entries). Reported at the second item.

    PASS: `wenjiao` and `zhuangqiao` each with one item naming 000120301000
    FAIL: two active items of `scjgj` naming 000131024000
    """
    first: dict[tuple[str, str], PowerItem] = {}
    for item in _implementing(registry):
        earlier = first.setdefault((item.unit, item.catalog_code or ""), item)
        if earlier is not item:
            yield at(item, "catalog_code", code=item.catalog_code or "", unit=item.unit, first=earlier.code)
