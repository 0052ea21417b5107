"""QD604: tasks of dispatched agencies. Positions are 1-based (line, column) of the offending value
(tests/peiquan.py: stationed-tasks/2020.yaml has RW-01 at line 2, its agency at line 3, indicator at line 8)."""

from __future__ import annotations

from pathlib import Path

from helpers import found_in
from peiquan import ASSESSMENT, TASK_FILE, TASKS_TEXT, peiquan_registry


def test_the_tasks_pass(tmp_path: Path) -> None:
    assert found_in(peiquan_registry(tmp_path), "QD") == set()


def test_qd604_fail_a_department_or_an_unknown_unit_as_agency(tmp_path: Path) -> None:
    for agency in ("zhzfj", "zhuangqiao-zfzdd"):
        tasks = TASKS_TEXT.replace("agency: zhuangqiao-zfzd", f"agency: {agency}")
        root = peiquan_registry(tmp_path, tasks=tasks)
        assert found_in(root, "QD6") == {(TASK_FILE, 3, 13, "QD604"), (TASK_FILE, 8, 16, "QD604")}, agency


def test_qd604_fail_an_indicator_of_no_assessment_of_the_agency(tmp_path: Path) -> None:
    tasks = TASKS_TEXT.replace("indicator: 违法建设巡查处置", "indicator: 群众满意度")
    assert found_in(peiquan_registry(tmp_path, tasks=tasks), "QD6") == {(TASK_FILE, 8, 16, "QD604")}


def test_qd604_fail_an_indicator_of_another_agencys_assessment(tmp_path: Path) -> None:
    assessment = ASSESSMENT.replace("subjects: [zhuangqiao-zfzd]", "subjects: [wenjiao-scjgs]")
    assert found_in(peiquan_registry(tmp_path, assessment=assessment), "QD6") == {(TASK_FILE, 8, 16, "QD604")}


def test_qd604_pass_a_task_without_indicator(tmp_path: Path) -> None:
    tasks = TASKS_TEXT.replace("    indicator: 违法建设巡查处置\n", "")
    assert found_in(peiquan_registry(tmp_path, tasks=tasks), "QD") == set()


def test_a_platform_outside_the_four_is_a_schema_problem(tmp_path: Path) -> None:
    tasks = TASKS_TEXT.replace("platform: 综合执法", "platform: 应急管理")
    assert found_in(peiquan_registry(tmp_path, tasks=tasks), "QD0") == {(TASK_FILE, 4, 15, "QD005")}
