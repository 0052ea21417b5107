"""The tree of power items: main item (主项) → sub-item (子项) → grand-sub-item (孙项).

QD103 parent not found, QD104 too deep or a cycle, QD107 a type unlike the parent's, QD109 an active
item under a cancelled parent.
"""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import PowerItem
from qingdan.models.kinds import POWER
from qingdan.problems import Finding, Severity

MAX_LEVEL = 3  # 主项, 子项, 孙项


def _parent_of(registry: Registry, item: PowerItem) -> PowerItem | None:
    return registry.by_key(POWER).get(item.parent) if item.parent else None


@check("QD103", Severity.ERROR, each=POWER)
def parent_not_found(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    Parent code not found.

    A sub-item hangs under its main item, a grand-sub-item under its sub-item, by the parent's code; a
    parent that is not in the registry leaves the item outside the tree, so it is published nowhere. A
    parent whose own record is broken (already reported) is not reported again.

    PASS: `parent: XK-330205-0101` where `XK-330205-0101` is an item of the registry
    FAIL: `parent: XK-330205-9999` where no item has that code
    """
    if item.parent and item.parent not in registry.by_key(POWER) and item.parent not in registry.broken:
        yield at(item, "parent", code=item.code, parent=item.parent)


# Levels walked item by item; a longer chain (thousands of levels: never a real list, only a broken or hostile
# one) is read from the registry's tree, walked once for all, rather than walked again for each item on it.
WALKED = 32


def _climb(registry: Registry, code: str) -> tuple[int | None, bool]:
    """The level of `code` in the tree (1 = main item) and whether it stands on a cycle of parents, found by
    walking up its parents, iteratively (no recursion limit, however deep the chain). An unknown or broken
    code counts as a main item, so the levels below it are the least they can be; above a cycle there is no
    level (None), and the code is on the cycle if the walk comes back to it."""
    by_code = registry.by_key(POWER)
    seen = {code}
    level = 1
    current = by_code.get(code)
    while current is not None and current.parent is not None:
        parent = current.parent
        if parent in seen:
            return None, parent == code
        if level == WALKED:
            tree = registry.tree
            return tree.level.get(code, 1), code in tree.cyclic
        seen.add(parent)
        level += 1
        current = by_code.get(parent)
    return level, False


@check("QD104", Severity.ERROR, each=POWER)
def hierarchy_depth(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    Hierarchy deeper than three levels, or a cycle.

    The lists know three levels: 主项, 子项 (split by level, object or scale) and 孙项 (e.g. 新设, 变更,
    延续, 注销); a grand-sub-item cannot have items under it. Items whose parents lead back to
    themselves belong to no main item at all. Each item placed too deep, and each item on a cycle, is
    reported at its `parent`.

    PASS: `XK-330205-0101` ← `XK-330205-0101-02` ← `XK-330205-0101-02-01` (three levels)
    FAIL: an item under `XK-330205-0101-02-01` (a fourth level); `A` with `parent: B` and `B` with `parent: A`
    """
    if not item.parent:
        return
    # The first record of a code is the one the tree hangs on (a later duplicate is QD101's): its level
    # is its parent's plus one. A duplicate stands wherever its own parent puts it.
    if registry.by_key(POWER).get(item.code) is item:
        level, cyclic = _climb(registry, item.code)
        if cyclic:
            yield at(item, "parent", variant="cycle", code=item.code, parent=item.parent)
            return
        above = level - 1 if level is not None else None
    else:
        above = _climb(registry, item.parent)[0] if item.parent != item.code else None
    if above is not None and above >= MAX_LEVEL:
        args = {"code": item.code, "parent": item.parent, "level": str(above + 1)}
        yield at(item, "parent", **args)


@check("QD107", Severity.ERROR, each=POWER)
def type_differs_from_parent(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    A sub-item's type differs from its parent's.

    A sub-item is a part of its parent's power (a 行政许可 split by level or scale stays a 行政许可), so
    it has the parent's type; a different type means the item belongs elsewhere in the list.

    PASS: `{code: XK-330205-0101-01, type: 行政许可, parent: XK-330205-0101}` under a 行政许可
    FAIL: `{code: XK-330205-0101-01, type: 行政确认, parent: XK-330205-0101}` under a 行政许可
    """
    parent = _parent_of(registry, item)
    if parent is not None and parent.item_type is not item.item_type:
        args = {"code": item.code, "type": item.item_type.value, "parent": parent.code}
        yield at(item, "type", parent_type=parent.item_type.value, **args)


@check("QD109", Severity.WARNING, each=POWER)
def active_under_cancelled(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    An active item whose parent is cancelled.

    When a main item is cancelled its sub-items usually go with it; one left active is published
    without the power it belongs to. Cancel it too, or move it under an active item (a warning: the
    cancellation may be under way).

    PASS: a cancelled sub-item under a cancelled main item
    FAIL: `parent: JC-330205-0101` where `JC-330205-0101` has `status: 已取消` and the item is 有效 (warning)
    """
    parent = _parent_of(registry, item)
    if item.active and parent is not None and not parent.active:
        yield at(item, "parent", code=item.code, parent=parent.code)
