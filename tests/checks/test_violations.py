"""QD605: community illegal-prone matters. Positions are 1-based (line, column) of the offending value
(tests/peiquan.py: violations/2020.yaml has WF-01 at line 2, its penalty_items at line 5, event at line 6)."""

from __future__ import annotations

from pathlib import Path

from helpers import found_in
from peiquan import VIOLATION_FILE, VIOLATIONS_TEXT, peiquan_registry
from qingdan.validation.validate import validate


def with_penalties(codes: str) -> str:
    return VIOLATIONS_TEXT.replace("penalty_items: [CF-330205-0201]", f"penalty_items: [{codes}]")


def test_the_violations_pass(tmp_path: Path) -> None:
    assert found_in(peiquan_registry(tmp_path), "QD") == set()


def test_qd605_fail_a_licence_is_no_penalty(tmp_path: Path) -> None:
    root = peiquan_registry(tmp_path, violations=with_penalties("CF-330205-0201, XK-330205-0001"))
    assert found_in(root, "QD60") == {(VIOLATION_FILE, 5, 37, "QD605")}
    [problem] = [p for p in validate(root).problems if p.check == "QD605"]
    assert (problem.key, problem.args["type"]) == ("QD605.type", "行政许可")


def test_qd605_fail_a_cancelled_or_unknown_penalty(tmp_path: Path) -> None:
    root = peiquan_registry(tmp_path, violations=with_penalties("CF-330205-0202, CF-330205-9999"))
    assert found_in(root, "QD60") == {(VIOLATION_FILE, 5, 21, "QD605"), (VIOLATION_FILE, 5, 37, "QD605")}


def test_qd605_fail_a_major_class_or_an_unknown_event(tmp_path: Path) -> None:
    for event in ('"01"', "09-01"):
        root = peiquan_registry(tmp_path, violations=VIOLATIONS_TEXT.replace("event: 01-01", f"event: {event}"))
        assert found_in(root, "QD60") == {(VIOLATION_FILE, 6, 12, "QD605")}, event


def test_qd605_pass_without_an_event(tmp_path: Path) -> None:
    root = peiquan_registry(tmp_path, violations=VIOLATIONS_TEXT.replace("    event: 01-01\n", ""))
    assert found_in(root, "QD") == set()


def test_a_violation_needs_a_prohibiting_rule_and_a_penalty(tmp_path: Path) -> None:
    text = VIOLATIONS_TEXT.replace("    prohibited_by: [《城市道路管理条例》第二十七条第（六）项]\n", "")
    root = peiquan_registry(tmp_path, violations=text.replace("penalty_items: [CF-330205-0201]", "penalty_items: []"))
    assert found_in(root, "QD0") == {(VIOLATION_FILE, 2, 5, "QD004"), (VIOLATION_FILE, 4, 5, "QD004")}


def test_qd105_report_to_a_unit_not_in_units_yaml(tmp_path: Path) -> None:
    root = peiquan_registry(
        tmp_path, violations=VIOLATIONS_TEXT.replace("report_to: 所在街道(镇)", "report_to: zhuangqiaoo")
    )
    assert found_in(root, "QD") == {(VIOLATION_FILE, 7, 16, "QD105")}


def test_a_full_width_place_is_normalised_with_a_warning(tmp_path: Path) -> None:
    root = peiquan_registry(tmp_path, violations=VIOLATIONS_TEXT.replace("所在街道(镇)", "所在街道（镇）"))
    assert found_in(root, "QD") == {(VIOLATION_FILE, 7, 16, "QD006")}
