"""QD103, QD104, QD107, QD109: the tree of power items. Positions are 1-based (line, column) of the value."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import found_in, write_registry
from qingdan.checks.power.hierarchy import hierarchy_depth
from qingdan.loader.load import load_registry
from qingdan.validation.validate import validate

POWER = "power/scjgj.yaml"

# Three levels, one type, all active: every hierarchy check passes.
TREE = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
  - code: XK-330205-0001-01
    name: 食品经营许可（新办）
    type: 行政许可
    parent: XK-330205-0001
  - code: XK-330205-0001-01-01
    name: 食品经营许可（新办，仅销售预包装食品）
    type: 行政许可
    parent: XK-330205-0001-01
"""


def test_three_levels_of_one_type_pass(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {POWER: TREE})
    assert found_in(root, "QD1") == set()


def test_unknown_parent_is_reported_at_the_parent_value_but_not_a_broken_one(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            POWER: """\
            unit: scjgj
            items:
              - code: XK-330205-0001-01
                name: 食品经营许可（新办）
                type: 行政许可
                parent: XK-330205-0001
              - code: XK-330205-0002-01
                name: 食品生产许可（新办）
                type: 行政许可
                parent: XK-330205-0002
              - code: XK-330205-0002
                name: 食品生产许可
                type: 许可
            """,
        },
    )
    # XK-330205-0002 exists but fails its schema (QD005): its children are not told it is missing.
    assert found_in(root, "QD103") == {(POWER, 6, 13, "QD103")}
    assert (POWER, 13, 11, "QD005") in found_in(root, "QD005")


def test_a_fourth_and_fifth_level_are_reported_at_their_parent(tmp_path: Path) -> None:
    deeper = """\
  - code: XK-330205-0001-01-01-01
    name: 食品经营许可（新办，仅销售预包装食品，网络经营）
    type: 行政许可
    parent: XK-330205-0001-01-01
  - code: XK-330205-0001-01-01-01-01
    name: 食品经营许可（新办，仅销售预包装食品，网络经营，首次）
    type: 行政许可
    parent: XK-330205-0001-01-01-01
"""
    root = write_registry(tmp_path, {POWER: TREE + deeper})
    assert found_in(root, "QD104") == {(POWER, 18, 13, "QD104"), (POWER, 22, 13, "QD104")}


def test_levels_below_an_unknown_parent_count_from_it(tmp_path: Path) -> None:
    # The unknown parent counts as a main item: the third item is at least on the fourth level.
    root = write_registry(
        tmp_path,
        {
            POWER: """\
            unit: scjgj
            items:
              - code: XK-330205-0009-01
                name: 甲
                type: 行政许可
                parent: XK-330205-0009
              - code: XK-330205-0009-01-01
                name: 乙
                type: 行政许可
                parent: XK-330205-0009-01
              - code: XK-330205-0009-01-01-01
                name: 丙
                type: 行政许可
                parent: XK-330205-0009-01-01
            """,
        },
    )
    assert found_in(root, "QD10") - found_in(root, "QD102") == {(POWER, 6, 13, "QD103"), (POWER, 14, 13, "QD104")}


def test_cycles_are_reported_on_every_item_of_the_cycle(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            POWER: """\
            unit: scjgj
            items:
              - code: XK-330205-0001-01
                name: 甲
                type: 行政许可
                parent: XK-330205-0001-02
              - code: XK-330205-0001-02
                name: 乙
                type: 行政许可
                parent: XK-330205-0001-01
              - code: XK-330205-0001-03
                name: 丙
                type: 行政许可
                parent: XK-330205-0001-03
              - code: XK-330205-0001-01-01
                name: 丁
                type: 行政许可
                parent: XK-330205-0001-01
            """,
        },
    )
    # The fourth item hangs below the cycle: it is fixed with the cycle, and not reported by itself.
    assert found_in(root, "QD104") == {(POWER, 6, 13, "QD104"), (POWER, 10, 13, "QD104"), (POWER, 14, 13, "QD104")}
    assert found_in(root, "QD103") == set()


def _chain(count: int, *, closed: bool) -> str:
    """Items C0 ← C1 ← … (one a line from line 3); closed: C0's parent is the last, making a ring (R0 …)."""
    prefix = "R" if closed else "C"
    first = f"  - {{code: {prefix}0, name: 链0, type: 行政许可" + (
        f", parent: {prefix}{count - 1}}}" if closed else "}"
    )
    lines = ["unit: scjgj", "items:", first]
    lines += [
        f"  - {{code: {prefix}{n}, name: 链{n}, type: 行政许可, parent: {prefix}{n - 1}}}" for n in range(1, count)
    ]
    return "\n".join(lines) + "\n"


def test_long_chains_and_cycles_need_no_recursion(tmp_path: Path) -> None:
    count = 5 * sys.getrecursionlimit()
    root = write_registry(
        tmp_path, {"power/chain.yaml": _chain(count, closed=False), "power/ring.yaml": _chain(count, closed=True)}
    )
    # The check alone, on the loaded registry: positions are the other tests' business.
    problems = list(hierarchy_depth.problems(load_registry(root)))
    chain = {p.record for p in problems if p.file == "power/chain.yaml" and p.key == "QD104"}
    ring = {p.record for p in problems if p.file == "power/ring.yaml" and p.key == "QD104.cycle"}
    assert chain == {f"C{n}" for n in range(3, count)}  # C3, on the fourth level, and all below it
    assert ring == {f"R{n}" for n in range(count)}  # every item of the ring
    assert len(problems) == len(chain) + len(ring)


def test_sub_item_of_another_type_is_reported_at_its_type(tmp_path: Path) -> None:
    text = TREE.replace(
        "    type: 行政许可\n    parent: XK-330205-0001\n", "    type: 行政确认\n    parent: XK-330205-0001\n"
    )
    root = write_registry(tmp_path, {POWER: text})
    # The sub-item differs from its main item, and so the grand-sub-item (still 行政许可) from the sub-item.
    assert found_in(root, "QD107") == {(POWER, 9, 11, "QD107"), (POWER, 13, 11, "QD107")}


def test_active_item_under_a_cancelled_parent_is_a_warning_at_its_parent(tmp_path: Path) -> None:
    cancelled = """\
    status: 已取消
    adjustment: {type: 取消, document: 江北编〔2020〕3号, date: 2020-04-01}
"""
    text = TREE.replace("    parent: XK-330205-0001\n", "    parent: XK-330205-0001\n" + cancelled)
    root = write_registry(tmp_path, {POWER: text})
    # The sub-item (lines 7–12) is cancelled; the grand-sub-item under it (lines 13–16) is still active.
    assert found_in(root, "QD1") == {(POWER, 16, 13, "QD109")}
    (problem,) = [p for p in validate(root).problems if p.check == "QD109"]
    assert problem.severity == "warning"


def test_cancelled_item_under_a_cancelled_parent_passes(tmp_path: Path) -> None:
    cancelled = """\
    status: 已取消
    adjustment: {type: 取消, document: 江北编〔2020〕3号, date: 2020-04-01}
"""
    text = TREE.replace("    parent: XK-330205-0001-01\n", "    parent: XK-330205-0001-01\n" + cancelled)
    text = text.replace("    parent: XK-330205-0001\n", "    parent: XK-330205-0001\n" + cancelled)
    root = write_registry(tmp_path, {POWER: text})
    assert found_in(root, "QD1") == set()
