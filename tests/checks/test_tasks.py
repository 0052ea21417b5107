"""QD301–QD303: community tasks. Positions are 1-based (line, column) of the offending key or value."""

from __future__ import annotations

from pathlib import Path

from helpers import found_in, write_registry
from qingdan.loader.load import load_registry
from qingdan.validation.validate import report_for

TASKS = "community-tasks/2020.yaml"
BASIS = "legal_basis: 《中华人民共和国精神卫生法》第二十条第一款"

# SQ-101 kept, SQ-102 merged into it, SQ-103 cancelled.
TASK_LIST = """\
tasks:
  - id: SQ-101
    name: 协助开展社区心理健康指导
    requested_by: mzj
    category: 协助办理
    criteria:
      legal_basis: 《中华人民共和国精神卫生法》第二十条第一款
    decision: 保留
    funding: 区民政局按辖区人口拨付
  - id: SQ-102
    name: 社区健康教育宣传栏更新
    requested_by: mzj
    category: 日常管理
    decision: 归并
    merged_into: SQ-101
  - id: SQ-103
    name: 社区卫生创建台账报送
    requested_by: wenjiao
    category: 其他
    decision: 取消
"""


def tasks(tmp_path: Path, text: str = TASK_LIST) -> set[tuple[str, int, int, str]]:
    return found_in(write_registry(tmp_path, {TASKS: text}), "QD3")


def without(text: str, *lines: int) -> str:
    """`text` without the given 1-based lines."""
    return "".join(line for number, line in enumerate(text.splitlines(True), 1) if number not in lines)


def test_a_clean_cleanup_passes(tmp_path: Path) -> None:
    # SQ-102 (归并) and SQ-103 (取消) have no criteria: only kept tasks need them.
    assert tasks(tmp_path) == set()


# --- QD301 ---------------------------------------------------------------------------------------


def test_qd301_pass_any_one_criterion_is_enough(tmp_path: Path) -> None:
    text = TASK_LIST.replace(BASIS, "superior_requirement: 区委办〔2019〕5号")
    assert tasks(tmp_path, text) == set()


def test_qd301_fail_kept_without_criteria_at_the_decision(tmp_path: Path) -> None:
    assert tasks(tmp_path, without(TASK_LIST, 6, 7)) == {(TASKS, 6, 15, "QD301")}


def test_qd301_fail_criteria_all_blank_at_their_key(tmp_path: Path) -> None:
    text = TASK_LIST.replace(BASIS, 'practical_need: "  "')
    assert tasks(tmp_path, text) == {(TASKS, 6, 5, "QD301")}


# --- QD302 ---------------------------------------------------------------------------------------


def test_qd302_fail_merged_without_merged_into_at_the_decision(tmp_path: Path) -> None:
    assert tasks(tmp_path, without(TASK_LIST, 15)) == {(TASKS, 14, 15, "QD302")}


def test_qd302_fail_merged_into_a_task_that_is_not_kept(tmp_path: Path) -> None:
    for target in ("SQ-103", "SQ-102"):  # cancelled; itself (merged)
        text = TASK_LIST.replace("merged_into: SQ-101", f"merged_into: {target}")
        assert tasks(tmp_path / target, text) == {(TASKS, 15, 18, "QD302")}


def test_qd302_fail_merged_into_an_unknown_task(tmp_path: Path) -> None:
    text = TASK_LIST.replace("merged_into: SQ-101", "merged_into: SQ-999")
    assert tasks(tmp_path, text) == {(TASKS, 15, 18, "QD302")}


def test_qd302_pass_merged_into_a_task_that_failed_its_schema(tmp_path: Path) -> None:
    broken = "  - {id: SQ-104, requested_by: mzj, category: 其他, decision: 保留}\n"  # no name: QD004
    text = TASK_LIST.replace("merged_into: SQ-101", "merged_into: SQ-104") + broken
    root = write_registry(tmp_path, {TASKS: text})
    assert found_in(root, "QD3") == set()
    assert found_in(root, "QD004") == {(TASKS, 21, 5, "QD004")}


def test_qd302_fail_merged_into_on_a_task_that_is_not_merged(tmp_path: Path) -> None:
    text = TASK_LIST + "    merged_into: SQ-101\n"
    assert tasks(tmp_path, text) == {(TASKS, 21, 18, "QD302")}


# --- QD303 ---------------------------------------------------------------------------------------


def test_qd303_fail_kept_assistance_without_funding_at_the_category(tmp_path: Path) -> None:
    assert tasks(tmp_path, without(TASK_LIST, 9)) == {(TASKS, 5, 15, "QD303")}
    root = write_registry(tmp_path, {TASKS: without(TASK_LIST, 9)})
    assert {p.severity for p in report_for(load_registry(root), "test").problems} == {"warning"}


def test_qd303_pass_cancelled_assistance_needs_no_funding(tmp_path: Path) -> None:
    text = TASK_LIST.replace("category: 其他", "category: 协助办理")
    assert tasks(tmp_path, text) == set()
