"""The tree of power items as a whole: each code's level and the codes on a cycle of parents, walked once.

QD104 walks up from each item by itself (so that an edit redoes only the items it touches); a chain deeper
than any real list (thousands of levels, or a ring) would make that quadratic, so past a few dozen levels it
reads this tree instead, built once per registry in linear time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from qingdan.models import PowerItem


@dataclass
class PowerTree:
    """Each code's level (1 = main item) and the codes that stand on a cycle of parents."""

    level: dict[str, int | None]  # None: above it is a cycle, so it has no level
    cyclic: set[str]


def power_tree(by_code: Mapping[str, PowerItem]) -> PowerTree:
    """Walk up from every item once, iteratively (no recursion limit, however deep the chain).

    An unknown or broken parent counts as a main item, so the levels below it are the least they can be.
    """
    tree = PowerTree({}, set())
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


def ancestors(by_code: Mapping[str, PowerItem], item: PowerItem) -> list[PowerItem]:
    """The item's parent, its parent's parent …, each the first item of its code, up to a main item, a parent
    not found, or a code met before (a cycle: QD104 reports it). A publication reads an item's depth and
    inherited legal basis here; what it depends on are the codes looked up: `item.parent` and each
    ancestor's `parent`."""
    chain: list[PowerItem] = []
    seen, current = {item.code}, item
    while current.parent and (parent := by_code.get(current.parent)) is not None and parent.code not in seen:
        chain.append(parent)
        seen.add(parent.code)
        current = parent
    return chain
