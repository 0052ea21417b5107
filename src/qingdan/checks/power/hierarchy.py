"""The tree of power items: main item (主项) → sub-item (子项) → grand-sub-item (孙项).

QD103 parent not found, QD104 too deep or a cycle, QD107 a type unlike the parent's, QD109 an active
item under a cancelled parent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import PowerItem
from qingdan.models.kinds import POWER
from qingdan.problems import Finding, Severity

MAX_LEVEL = 3  # 主项, 子项, 孙项


def _parent_of(registry: Registry, item: PowerItem) -> PowerItem | None:
    return registry.by_key(POWER).get(item.parent) if item.parent else None


@check("QD103", Severity.ERROR)
def parent_not_found(registry: Registry) -> Iterator[Finding]:
    """
    Parent code not found.

    A sub-item hangs under its main item, a grand-sub-item under its sub-item, by the parent's code; a
    parent that is not in the registry leaves the item outside the tree, so it is published nowhere. A
    parent whose own record is broken (already reported) is not reported again.

    PASS: `parent: XK-330205-0101` where `XK-330205-0101` is an item of the registry
    FAIL: `parent: XK-330205-9999` where no item has that code
    """
    for item in registry.of(POWER):
        if item.parent and item.parent not in registry.by_key(POWER) and item.parent not in registry.broken:
            yield at(item, "parent", code=item.code, parent=item.parent)


@dataclass
class _Tree:
    """Each code's level (1 = main item) and the codes that stand on a cycle of parents."""

    level: dict[str, int | None]  # None: above it is a cycle, so it has no level
    cyclic: set[str]


def _tree(registry: Registry) -> _Tree:
    """Walk up from every item once, iteratively (no recursion limit, however deep the chain).

    An unknown or broken parent counts as a main item, so the levels below it are the least they can be.
    """
    by_code = registry.by_key(POWER)
    tree = _Tree({}, set())
    for start in by_code:
        path: list[str] = []
        on_path: dict[str, int] = {}
        code: str | None = start
        base: int | None = 0
        while code is not None and code not in tree.level:
            if code in on_path:
                cycle = path[on_path[code] :]
                tree.cyclic.update(cycle)
                tree.level.update(dict.fromkeys(cycle))
                del path[on_path[code] :]
                break
            if code not in by_code:
                base = 1
                break
            on_path[code] = len(path)
            path.append(code)
            code = by_code[code].parent
        if code is not None and code in tree.level:
            base = tree.level[code]
        for below in reversed(path):
            base = None if base is None else base + 1
            tree.level[below] = base
    return tree


@check("QD104", Severity.ERROR)
def hierarchy_depth(registry: Registry) -> Iterator[Finding]:
    """
    Hierarchy deeper than three levels, or a cycle.

    The lists know three levels: 主项, 子项 (split by level, object or scale) and 孙项 (e.g. 新设, 变更,
    延续, 注销); a grand-sub-item cannot have items under it. Items whose parents lead back to
    themselves belong to no main item at all. Each item placed too deep, and each item on a cycle, is
    reported at its `parent`.

    PASS: `XK-330205-0101` ← `XK-330205-0101-02` ← `XK-330205-0101-02-01` (three levels)
    FAIL: an item under `XK-330205-0101-02-01` (a fourth level); `A` with `parent: B` and `B` with `parent: A`
    """
    tree = _tree(registry)
    for item in registry.of(POWER):
        if not item.parent:
            continue
        if item.code in tree.cyclic and registry.by_key(POWER)[item.code] is item:
            yield at(item, "parent", variant="cycle", code=item.code, parent=item.parent)
            continue
        above = tree.level.get(item.parent, 1) if item.parent != item.code else None
        if above is not None and above >= MAX_LEVEL:
            args = {"code": item.code, "parent": item.parent, "level": str(above + 1)}
            yield at(item, "parent", **args)


@check("QD107", Severity.ERROR)
def type_differs_from_parent(registry: Registry) -> Iterator[Finding]:
    """
    A sub-item's type differs from its parent's.

    A sub-item is a part of its parent's power (a 行政许可 split by level or scale stays a 行政许可), so
    it has the parent's type; a different type means the item belongs elsewhere in the list.

    PASS: `{code: XK-330205-0101-01, type: 行政许可, parent: XK-330205-0101}` under a 行政许可
    FAIL: `{code: XK-330205-0101-01, type: 行政确认, parent: XK-330205-0101}` under a 行政许可
    """
    for item in registry.of(POWER):
        parent = _parent_of(registry, item)
        if parent is not None and parent.item_type is not item.item_type:
            args = {"code": item.code, "type": item.item_type.value, "parent": parent.code}
            yield at(item, "type", parent_type=parent.item_type.value, **args)


@check("QD109", Severity.WARNING)
def active_under_cancelled(registry: Registry) -> Iterator[Finding]:
    """
    An active item whose parent is cancelled.

    When a main item is cancelled its sub-items usually go with it; one left active is published
    without the power it belongs to. Cancel it too, or move it under an active item (a warning: the
    cancellation may be under way).

    PASS: a cancelled sub-item under a cancelled main item
    FAIL: `parent: JC-330205-0101` where `JC-330205-0101` has `status: 已取消` and the item is 有效 (warning)
    """
    for item in registry.of(POWER):
        parent = _parent_of(registry, item)
        if item.active and parent is not None and not parent.active:
            yield at(item, "parent", code=item.code, parent=parent.code)
