"""What changed between two registries, in the change classes of SPEC §6.3. Pure: registries in, a Diff out.

Records are matched by key (a power item's code, every other record's id) whatever file holds them, so a
record that only moved to another file is no change at all. Records are compared on their field values
(`__dict__`, then `model_dump` to find which fields differ), never with `==`, which would also compare where
each was loaded from.

Rules the SPEC leaves open, decided here:
- 取消: a record whose key vanished (`deleted`, for QD502), or one that became inactive — a power item or a
  unit cancelled/revoked, a delegation withdrawn (已撤回), a community task decided 取消. A record that had
  been inactive already and then vanished was archived: its 取消 was reported when it happened, so it is
  not reported again. A cancelled record made active again is a 变更 (its status field shows it).
- Power items, finest class first: 取消; 合并/拆分 when the item's new or changed adjustment says so and its
  `from` names another code of OLD — what the clerk declared beats what could be inferred, so such an item
  is never paired as a 编码变更; 下放/上收/划转 when the unit moved down a level, up a level, or within one
  (or between units whose level is unknown); 更名; 编码变更; otherwise 变更.
- A new code is the same item under a new code (a 编码变更 pair, reported once, keyed by the new code,
  with a `code` field first) when its adjustment's `from` names exactly one vanished code, or else when an
  item active in OLD vanished with the same name, type and unit (pairs taken in code order, each old code
  at most once).
- Codes named in the `from` of a 合并/拆分 that vanished or were cancelled in this diff are folded into
  that change (they travel in its `adjustment.from`) and not reported as 取消 of their own.
- A change carries the NEW record's adjustment only when that adjustment is new or differs from OLD's, so
  a report never cites last year's document for this year's change (QD503 flags such records). A change
  of the adjustment alone is reported, with no fields.
- `unit` is a power item's unit, a delegation's from_unit, a community task's requested_by, a duty's lead, a
  grid event's handler …; `level` is given for power items only: the level of the unit in NEW (in OLD for a
  deleted item).
- Duties and grid events: 下沉 when the lead (handler) moved from a 区级 unit to a street, a town, one of their
  agencies or `属地街道(镇)`, 上收 when it moved back up; otherwise 新增, 取消 and 变更 as for every kind.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import BaseModel

from qingdan.diff.laws import LawChange
from qingdan.loader.registry import Registry
from qingdan.models import LOCAL_TOWNSHIP, AdjustmentType, LegalBasis, Level, PowerItem, Record
from qingdan.models.kinds import DUTIES, GRID_EVENTS, KINDS, POWER, UNITS, AnyKind


class ChangeClass(StrEnum):
    """In report order."""

    ADDED = "新增"
    CANCELLED = "取消"
    CHANGED = "变更"
    RENAMED = "更名"
    DELEGATED = "下放"
    MOVED_DOWN = "下沉"  # a duty's lead, a grid event's handler (SPEC §6.3 gives 下放/上收 to power items)
    RECALLED = "上收"
    TRANSFERRED = "划转"
    MERGED = "合并"
    SPLIT = "拆分"
    RECODED = "编码变更"


UNKNOWN_LEVEL = "未知"  # summary bucket of power items whose unit is in neither registry
LIST_SEPARATOR = "；"
PAIR_SEPARATOR = "，"
_CLASS_ORDER = {change_class: index for index, change_class in enumerate(ChangeClass)}
_LEVEL_ORDER = {level.value: index for index, level in enumerate(Level)}
_BY_ADJUSTMENT = {AdjustmentType.MERGE: ChangeClass.MERGED, AdjustmentType.SPLIT: ChangeClass.SPLIT}


@dataclass(frozen=True)
class FieldChange:
    field: str  # the record's key for it, e.g. `name`, `legal_basis`
    old: str | None  # None: the field was not set
    new: str | None


@dataclass(frozen=True)
class Change:
    kind: str  # the kind's report key (`power`, `community_tasks`, …: SPEC §6.3)
    key: str
    change_class: ChangeClass
    name: str  # the record's name (or title), for the reader
    fields: tuple[FieldChange, ...] = ()
    unit: str | None = None
    level: str | None = None  # power items only
    adjustment: Mapping[str, Any] | None = field(default=None, hash=False)  # {type, document, reason, date, from}
    deleted: bool = False  # the record vanished instead of being cancelled


@dataclass(frozen=True)
class CatalogueChange:
    """A change of the province's basic catalogue between the two states: a task for the clerk, with the
    active items (code, unit) of NEW that implement the entry and so may have to follow it."""

    code: str  # the entry's 基本编码
    change_class: ChangeClass  # 新增, 取消 or 变更
    name: str
    fields: tuple[FieldChange, ...] = ()
    items: tuple[tuple[str, str], ...] = ()
    deleted: bool = False  # the entry vanished from the catalogue instead of being marked 已取消


@dataclass(frozen=True)
class Revision:
    rev: str | None = None  # commit id; None: the working tree
    date: date | None = None

    @property
    def iso_date(self) -> str | None:
        shown = self.date.date() if isinstance(self.date, datetime) else self.date
        return shown.isoformat() if shown else None


@dataclass(frozen=True)
class Period:
    """What the two states stand for, when the user asked for a period rather than two revisions."""

    year: int | None = None
    since: date | None = None
    until: date | None = None


@dataclass
class Diff:
    changes: list[Change]
    old: Revision = field(default_factory=Revision)
    new: Revision = field(default_factory=Revision)
    unit_names: dict[str, str] = field(default_factory=dict)  # unit id → name, NEW's over OLD's
    catalogue: list[CatalogueChange] = field(default_factory=list)  # `qingdan.diff.catalogue`
    laws: list[LawChange] = field(default_factory=list)  # the law library's worklist (`qingdan.diff.laws`)
    region: str = ""  # the registry's region (NEW's), for titles
    period: Period = field(default_factory=Period)

    @property
    def summary(self) -> dict[str, Any]:
        """Counts per kind and class (per level and class for power items), in report order."""
        result: dict[str, Any] = {}
        for change in sorted(self.changes, key=_order):
            bucket = result.setdefault(change.kind, {})
            if change.kind == POWER.report_key:
                bucket = bucket.setdefault(change.level or UNKNOWN_LEVEL, {})
            bucket[change.change_class.value] = bucket.get(change.change_class.value, 0) + 1
        return result


def diff_registries(
    old: Registry, new: Registry, *, old_revision: Revision | None = None, new_revision: Revision | None = None
) -> Diff:
    """Every change from OLD to NEW, ordered by kind, level, class and key."""
    changes: list[Change] = []
    for kind in KINDS:
        if kind is POWER:
            changes += _PowerDiff(old, new).changes()
        else:
            changes += _plain_changes(kind, old, new)
    names = {unit.key: unit.name for unit in (*old.of(UNITS), *new.of(UNITS))}
    return Diff(
        sorted(changes, key=_order),
        old_revision or Revision(),
        new_revision or Revision(),
        names,
        region=new.settings.region.name,
    )


def field_changes(before: Record, after: Record) -> tuple[FieldChange, ...]:
    """The fields whose values differ, in the model's field order; `adjustment` is left out."""
    if before.__dict__ == after.__dict__:  # fast path: equal field values dump equally
        return ()
    old, new = _dump(before), _dump(after)
    return tuple(
        FieldChange(name, render_value(name, old.get(name)), render_value(name, new.get(name)))
        for name in field_names(type(after))
        if name != "adjustment" and old.get(name) != new.get(name)
    )


def render_value(name: str, value: Any) -> str | None:
    """A dumped value as text: lists joined with ；, legal bases as citations, mappings as `key: value`."""
    if value is None:
        return None
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_render_entry(name, entry) for entry in value)
    if isinstance(value, dict):
        return PAIR_SEPARATOR.join(f"{key}: {render_value(key, inner)}" for key, inner in value.items())
    return str(value)


@cache
def field_names(model: type[Record]) -> tuple[str, ...]:
    """The model's keys as written in files, in its field order, the free-text `note` last."""
    names = [info.alias or name for name, info in model.model_fields.items()]
    return tuple(sorted(names, key=lambda name: name == "note"))


def _render_entry(name: str, entry: Any) -> str:
    if name in _CITATIONS and isinstance(entry, dict):
        return LegalBasis.model_validate(entry).citation
    return render_value(name, entry) or ""


def _dump(record: BaseModel) -> dict[str, Any]:
    dumped: dict[str, Any] = record.model_dump(mode="json", by_alias=True, exclude_none=True)
    return dumped


def _order(change: Change) -> tuple[int, int, int, str]:
    level = _LEVEL_ORDER.get(change.level or "", len(_LEVEL_ORDER)) if change.kind == POWER.report_key else 0
    return _KIND_ORDER[change.kind], level, _CLASS_ORDER[change.change_class], change.key


# Fields that hold legal bases, in any kind: shown as citations (`《law》article：text`).
_CITATIONS = frozenset(column.key for kind in KINDS for column in kind.columns if column.citations)

# The kinds by their report keys, in report order.
REPORT_KEYS = tuple(kind.report_key for kind in KINDS)
_KIND_ORDER = {key: index for index, key in enumerate(REPORT_KEYS)}


def _plain_changes(kind: AnyKind, old_registry: Registry, new_registry: Registry) -> Iterator[Change]:
    """Every kind but power items: 新增, 取消 and 变更, and 下沉/上收 for the kinds that move down."""
    name = kind.report_key
    old, new = old_registry.by_key(kind), new_registry.by_key(kind)
    for key, after in new.items():
        before = old.get(key)
        adjustment = _new_adjustment(before, after) if kind.adjustable else None
        if before is None:
            yield Change(name, key, ChangeClass.ADDED, after.label, unit=after.responsible_unit, adjustment=adjustment)
        elif (fields := field_changes(before, after)) or adjustment is not None:
            change_class = ChangeClass.CANCELLED if before.active and not after.active else ChangeClass.CHANGED
            if change_class is ChangeClass.CHANGED and kind in _MOVING_DOWN:
                change_class = _moved(before, after, old_registry, new_registry) or change_class
            yield Change(name, key, change_class, after.label, fields, after.responsible_unit, adjustment=adjustment)
    for key, before in old.items():
        if key not in new and before.active:
            yield Change(name, key, ChangeClass.CANCELLED, before.label, unit=before.responsible_unit, deleted=True)


_MOVING_DOWN = (DUTIES, GRID_EVENTS)  # their responsible unit goes down to streets (下沉) and back up (上收)


def _moved(before: Record, after: Record, old: Registry, new: Registry) -> ChangeClass | None:
    """下沉 when the responsible unit went from 区级 to 街道(镇) (属地街道(镇) is there), 上收 back; else None."""
    levels = [_unit_level(unit, old, new) for unit in (before.responsible_unit, after.responsible_unit)]
    if levels == [Level.DISTRICT, Level.STREET]:
        return ChangeClass.MOVED_DOWN
    if levels == [Level.STREET, Level.DISTRICT]:
        return ChangeClass.RECALLED
    return None


def _unit_level(unit_id: str | None, first: Registry, second: Registry) -> Level | None:
    if unit_id == LOCAL_TOWNSHIP:
        return Level.STREET
    unit = first.by_key(UNITS).get(unit_id or "") or second.by_key(UNITS).get(unit_id or "")
    return unit.level if unit else None


class _PowerDiff:
    """Power items: pairs OLD and NEW items (by code, or across a code change), then classes each pair."""

    def __init__(self, old: Registry, new: Registry) -> None:
        self.old, self.new = old, new
        self.old_items, self.new_items = old.by_key(POWER), new.by_key(POWER)
        self.recoded = self._recoded()  # new code → the vanished code it replaces

    def changes(self) -> list[Change]:
        found = [change for code, item in self.new_items.items() if (change := self._change(code, item))]
        folded = {
            code
            for change in found
            if change.change_class in (ChangeClass.MERGED, ChangeClass.SPLIT) and change.adjustment
            for code in change.adjustment.get("from", ())
        }
        kept = [
            change for change in found if not (change.change_class is ChangeClass.CANCELLED and change.key in folded)
        ]
        return kept + self._deleted(folded | set(self.recoded.values()))

    def _deleted(self, accounted: set[str]) -> list[Change]:
        """Items active in OLD that vanished, unless a code change or a merge/split accounts for them."""
        return [
            Change(
                POWER.report_key,
                code,
                ChangeClass.CANCELLED,
                item.name,
                unit=item.unit,
                level=self._level(item.unit, self.old, self.new),
                deleted=True,
            )
            for code, item in self.old_items.items()
            if code not in self.new_items and code not in accounted and item.active
        ]

    def _change(self, code: str, item: PowerItem) -> Change | None:
        before = self.old_items.get(self.recoded.get(code, code))
        if before is not None and (before is item or before.__dict__ == item.__dict__):  # the common case, fast
            return None
        adjustment = _new_adjustment(before, item)
        level = self._level(item.unit, self.new, self.old)
        if before is None:
            change_class = self._merge_class(item, adjustment) or ChangeClass.ADDED
            return Change(POWER.report_key, code, change_class, item.name, (), item.unit, level, adjustment)
        fields = field_changes(before, item)
        if not fields and adjustment is None:
            return None
        change_class = self._pair_class(before, item, adjustment)
        return Change(POWER.report_key, code, change_class, item.name, fields, item.unit, level, adjustment)

    def _pair_class(self, before: PowerItem, after: PowerItem, adjustment: Mapping[str, Any] | None) -> ChangeClass:
        if before.active and not after.active:
            return ChangeClass.CANCELLED
        if merged := self._merge_class(after, adjustment):
            return merged
        if before.unit != after.unit:
            return self._move_class(before.unit, after.unit)
        if before.name != after.name:
            return ChangeClass.RENAMED
        if before.code != after.code:
            return ChangeClass.RECODED
        return ChangeClass.CHANGED

    def _merge_class(self, item: PowerItem, adjustment: Mapping[str, Any] | None) -> ChangeClass | None:
        """合并/拆分 when the item's new adjustment declares it and names another code that OLD held."""
        if adjustment is None or item.adjustment is None:
            return None
        sources = item.adjustment.from_codes or []
        if any(code != item.code and code in self.old_items for code in sources):
            return _BY_ADJUSTMENT.get(item.adjustment.adjustment_type)
        return None

    def _move_class(self, old_unit: str, new_unit: str) -> ChangeClass:
        before = self._level(old_unit, self.old, self.new)
        after = self._level(new_unit, self.new, self.old)
        if before is None or after is None or before == after:
            return ChangeClass.TRANSFERRED
        return ChangeClass.DELEGATED if _LEVEL_ORDER[before] < _LEVEL_ORDER[after] else ChangeClass.RECALLED

    @staticmethod
    def _level(unit_id: str, first: Registry, second: Registry) -> str | None:
        unit = first.by_key(UNITS).get(unit_id) or second.by_key(UNITS).get(unit_id)
        return unit.level.value if unit else None

    def _recoded(self) -> dict[str, str]:
        """New code → the vanished code it replaces: declared in `from`, else the same name, type and unit."""
        vanished = {code: item for code, item in self.old_items.items() if code not in self.new_items}
        added = sorted(
            (item for code, item in self.new_items.items() if code not in self.old_items and not _declares_merge(item)),
            key=lambda item: item.code,
        )
        pairs: dict[str, str] = {}
        taken: set[str] = set()
        for item in added:
            sources = item.adjustment.from_codes if item.adjustment else None
            if sources and len(sources) == 1 and sources[0] in vanished and sources[0] not in taken:
                pairs[item.code] = sources[0]
                taken.add(sources[0])
        candidates: dict[tuple[str, str, str], list[str]] = {}
        for code in sorted(vanished):
            if vanished[code].active and code not in taken:
                candidates.setdefault(_identity(vanished[code]), []).append(code)
        for item in added:
            if item.code not in pairs and (same := candidates.get(_identity(item))):
                pairs[item.code] = same.pop(0)
        return pairs


def _declares_merge(item: PowerItem) -> bool:
    return item.adjustment is not None and item.adjustment.adjustment_type in _BY_ADJUSTMENT


def _identity(item: PowerItem) -> tuple[str, str, str]:
    return item.name, item.item_type.value, item.unit


def _new_adjustment(before: Record | None, after: Record) -> dict[str, Any] | None:
    """The NEW record's adjustment (kinds marked † in SPEC §4 have one), if it is new or changed since OLD."""
    adjustment = getattr(after, "adjustment", None)
    if adjustment is None:
        return None
    current = _dump(adjustment)
    earlier = getattr(before, "adjustment", None)
    if earlier is not None and _dump(earlier) == current:
        return None
    return current
