"""QD606, QD607: grid events. Positions are 1-based (line, column) of the offending value, or of the record for
missing fields (tests/peiquan.py: grid-events/2020.yaml has major class 01 at line 2, minor class 01-01 at 4)."""

from __future__ import annotations

from pathlib import Path

from helpers import found_in
from peiquan import EVENT_FILE, EVENTS_TEXT, VIOLATIONS_TEXT, peiquan_registry
from qingdan.validation.validate import validate

MINOR = """\
  - code: 01-02
    name: 乱堆物料
    admission: 在公共场所乱堆乱放物料
    level: 社区(村)
    handler: 属地街道(镇)
    time_limit: 4工作时
    close: 物料已清理
"""


def test_the_grid_events_pass(tmp_path: Path) -> None:
    assert found_in(peiquan_registry(tmp_path, events=EVENTS_TEXT + MINOR), "QD") == set()


# --- QD606 ---------------------------------------------------------------------------------------


def test_qd606_fail_a_malformed_minor_code(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("code: 01-01", "code: 04-3")
    root = peiquan_registry(tmp_path, events=events, violations=VIOLATIONS_TEXT.replace("event: 01-01", "event: 04-3"))
    assert found_in(root, "QD60") == {(EVENT_FILE, 4, 11, "QD606")}


def test_qd606_fail_a_minor_class_without_its_major_class(tmp_path: Path) -> None:
    events = EVENTS_TEXT + MINOR.replace("code: 01-02", "code: 02-01")
    root = peiquan_registry(tmp_path, events=events)
    assert found_in(root, "QD60") == {(EVENT_FILE, 16, 11, "QD606")}
    [problem] = [p for p in validate(root).problems if p.check == "QD606"]
    assert (problem.key, problem.args["major"]) == ("QD606.major", "02")


def test_qd606_fail_a_minor_class_without_its_handling_rules_at_the_record(tmp_path: Path) -> None:
    events = EVENTS_TEXT + MINOR.replace("    handler: 属地街道(镇)\n", "").replace("    close: 物料已清理\n", "")
    root = peiquan_registry(tmp_path, events=events)
    assert found_in(root, "QD60") == {(EVENT_FILE, 16, 5, "QD606")}
    [problem] = [p for p in validate(root).problems if p.check == "QD606"]
    assert (problem.key, problem.args["labels"]) == ("QD606.missing", "处置主体、结案条件")


def test_qd606_fail_handling_rules_on_a_major_class(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("    name: 市容环境\n", "    name: 市容环境\n    time_limit: 1工作日\n")
    assert found_in(peiquan_registry(tmp_path, events=events), "QD60") == {(EVENT_FILE, 4, 17, "QD606")}


def test_qd606_fail_an_immediate_time_limit(tmp_path: Path) -> None:
    events = EVENTS_TEXT + MINOR.replace("time_limit: 4工作时", "time_limit: 即办")
    assert found_in(peiquan_registry(tmp_path, events=events), "QD60") == {(EVENT_FILE, 21, 17, "QD606")}


def test_qd606_fail_an_escalation_that_goes_back_in_time(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("{after: 2工作日, to: zhzfj}", "{after: 4工作时, to: zhzfj}").replace(
        "{after: 5工作日, to: zhzfj}", "{after: 4工作时, to: zhzfj}"
    )
    root = peiquan_registry(tmp_path, events=events)
    assert found_in(root, "QD60") == {(EVENT_FILE, 13, 17, "QD606"), (EVENT_FILE, 14, 17, "QD606")}
    keys = sorted(p.key for p in validate(root).problems if p.check == "QD606")
    assert keys == ["QD606.escalation", "QD606.time_limit"]  # 4工作时 < 1工作日, then 4工作时 = 4工作时


def test_qd606_pass_limits_in_two_calendars_are_not_compared(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("{after: 2工作日, to: zhzfj}", "{after: 1日, to: zhzfj}")
    assert found_in(peiquan_registry(tmp_path, events=events), "QD60") == set()


def test_qd606_a_bad_time_limit_is_a_located_schema_problem(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("time_limit: 1工作日", "time_limit: 一天")
    assert found_in(peiquan_registry(tmp_path, events=events), "QD0") == {(EVENT_FILE, 10, 17, "QD005")}


# --- QD607 ---------------------------------------------------------------------------------------


def test_qd607_pass_a_partner_holds_the_penalty(tmp_path: Path) -> None:
    """01-01: handled by 属地街道(镇) with zhzfj, which holds CF-330205-0201."""
    assert found_in(peiquan_registry(tmp_path), "QD607") == set()


def test_qd607_fail_nobody_holds_the_penalty(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("    partners: [zhzfj]\n", "")
    root = peiquan_registry(tmp_path, events=events)
    assert found_in(root, "QD607") == {(EVENT_FILE, 8, 14, "QD607")}
    [problem] = [p for p in validate(root).problems if p.check == "QD607"]
    assert problem.args["codes"] == "CF-330205-0201"


def test_qd607_pass_a_street_holds_a_linked_item(tmp_path: Path) -> None:
    """属地街道(镇): zhuangqiao holds CF-330205-0301 (through XF-2020-04)."""
    events = EVENTS_TEXT.replace("    partners: [zhzfj]\n", "").replace(
        "power_items: [CF-330205-0201]", "power_items: [CF-330205-0201, CF-330205-0301]"
    )
    assert found_in(peiquan_registry(tmp_path, events=events), "QD607") == set()


def test_qd607_fail_a_named_handler_without_the_power(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("handler: 属地街道(镇)", "handler: scjgj").replace("    partners: [zhzfj]\n", "")
    assert found_in(peiquan_registry(tmp_path, events=events), "QD607") == {(EVENT_FILE, 8, 14, "QD607")}


def test_qd607_fail_a_cancelled_item_is_held_by_nobody(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("power_items: [CF-330205-0201]", "power_items: [CF-330205-0202]")
    assert found_in(peiquan_registry(tmp_path, events=events), "QD607") == {(EVENT_FILE, 8, 14, "QD607")}


def test_qd607_fail_an_unknown_code(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("power_items: [CF-330205-0201]", "power_items: [CF-330205-9999]")
    assert found_in(peiquan_registry(tmp_path, events=events), "QD607") == {(EVENT_FILE, 15, 19, "QD607")}


# --- QD105 on the units the grid events name -------------------------------------------------------


def test_qd105_unknown_handler_partner_and_escalation_target(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("partners: [zhzfj]", "partners: [zhzfj, jtj]").replace(
        "{after: 5工作日, to: zhzfj}", "{after: 5工作日, to: qzf}"
    )
    assert found_in(peiquan_registry(tmp_path, events=events), "QD1") == {
        (EVENT_FILE, 9, 23, "QD105"),
        (EVENT_FILE, 14, 27, "QD105"),
    }
