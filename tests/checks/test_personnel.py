"""QD414–QD416: personnel changes in dispatched agencies (wenjiao-scjgs is stationed in wenjiao)."""

from __future__ import annotations

from pathlib import Path

from helpers import found_in, write_registry
from qingdan.validation.validate import validate

CHANGES = "personnel/2020.yaml"

LEADER = """\
changes:
  - id: RS-2020-01
    agency: wenjiao-scjgs
    post: 所长
    rank: 科级领导干部
    action: 任职
    date: 2020-09-10
    consulted: {street: wenjiao, date: 2020-09-01, opinion: 同意}
"""
GENERAL = """\
changes:
  - id: RS-2020-02
    agency: wenjiao-scjgs
    post: 科员
    rank: 一般干部
    action: 调动
    date: 2020-09-10
    notified: {street: wenjiao, date: 2020-09-15}
"""


def changes(tmp_path: Path, text: str, settings: str | None = None) -> set[tuple[str, int, int, str]]:
    files = {CHANGES: text} | ({"qingdan.yaml": settings} if settings else {})
    return found_in(write_registry(tmp_path, files), "QD")


def args_of(root: Path, check: str) -> list[dict[str, str]]:
    return [problem.args for problem in validate(root).problems if problem.check == check]


def test_sound_changes_pass(tmp_path: Path) -> None:
    assert changes(tmp_path / "leader", LEADER) == set()
    assert changes(tmp_path / "general", GENERAL) == set()


# --- QD414 ---------------------------------------------------------------------------------------


def test_qd414_passes_a_consultation_on_the_day_itself(tmp_path: Path) -> None:
    assert changes(tmp_path, LEADER.replace("date: 2020-09-01", "date: 2020-09-10")) == set()


def test_qd414_fails_on_a_consultation_the_day_after(tmp_path: Path) -> None:
    assert changes(tmp_path, LEADER.replace("date: 2020-09-01", "date: 2020-09-11")) == {(CHANGES, 8, 40, "QD414")}
    assert args_of(tmp_path, "QD414") == [{"consulted": "2020-09-11", "date": "2020-09-10"}]


def test_qd414_fails_without_consultation_at_the_rank(tmp_path: Path) -> None:
    text = LEADER.replace("    consulted: {street: wenjiao, date: 2020-09-01, opinion: 同意}\n", "")
    assert changes(tmp_path, text) == {(CHANGES, 5, 11, "QD414")}
    assert args_of(tmp_path, "QD414") == [{"street": "wenjiao"}]


def test_qd414_fails_when_another_street_was_consulted(tmp_path: Path) -> None:
    assert changes(tmp_path, LEADER.replace("street: wenjiao", "street: zhuangqiao")) == {(CHANGES, 8, 25, "QD414")}


def test_qd414_fails_on_an_agency_that_is_not_dispatched(tmp_path: Path) -> None:
    assert changes(tmp_path, LEADER.replace("agency: wenjiao-scjgs", "agency: scjgj")) == {(CHANGES, 3, 13, "QD414")}
    assert changes(tmp_path / "x", LEADER.replace("agency: wenjiao-scjgs", "agency: nosuch")) == {
        (CHANGES, 3, 13, "QD414")
    }


def test_qd414_a_general_cadre_needs_no_consultation(tmp_path: Path) -> None:
    assert changes(tmp_path, GENERAL.replace("date: 2020-09-15", "date: 2020-09-20")) == set()


# --- QD415 ---------------------------------------------------------------------------------------


def test_qd415_passes_on_the_last_day(tmp_path: Path) -> None:
    assert changes(tmp_path, GENERAL.replace("date: 2020-09-15", "date: 2020-09-20")) == set()


def test_qd415_warns_a_day_late(tmp_path: Path) -> None:
    assert changes(tmp_path, GENERAL.replace("date: 2020-09-15", "date: 2020-09-21")) == {(CHANGES, 8, 39, "QD415")}
    assert args_of(tmp_path, "QD415") == [{"date": "2020-09-21", "late": "11", "days": "10"}]
    [problem] = validate(tmp_path).problems
    assert problem.severity.value == "warning"


def test_qd415_follows_notify_days(tmp_path: Path) -> None:
    settings = 'qingdan: 1\nregion: {code: "330205", name: 宁波市江北区}\nnotify_days: 3\n'
    assert changes(tmp_path, GENERAL, settings) == {(CHANGES, 8, 39, "QD415")}


def test_qd415_warns_when_not_notified_or_notified_elsewhere(tmp_path: Path) -> None:
    missing = GENERAL.replace("    notified: {street: wenjiao, date: 2020-09-15}\n", "")
    assert changes(tmp_path / "missing", missing) == {(CHANGES, 5, 11, "QD415")}
    elsewhere = GENERAL.replace("street: wenjiao", "street: zhuangqiao")
    assert changes(tmp_path / "elsewhere", elsewhere) == {(CHANGES, 8, 24, "QD415")}


# --- QD416 ---------------------------------------------------------------------------------------

MOTION = "    motion: {street: wenjiao, date: 2020-06-30, reason: 年度考核连续两年排名末位}\n"


def test_qd416_passes_a_motion_of_the_stationed_street_on_a_leader(tmp_path: Path) -> None:
    assert changes(tmp_path, LEADER + MOTION) == set()


def test_qd416_fails_on_a_motion_by_another_street(tmp_path: Path) -> None:
    text = LEADER + MOTION.replace("street: wenjiao", "street: zhuangqiao")
    assert changes(tmp_path, text) == {(CHANGES, 9, 22, "QD416")}
    assert args_of(tmp_path, "QD416") == [{"street": "zhuangqiao", "stationed": "wenjiao"}]


def test_qd416_fails_on_a_motion_on_a_general_cadre(tmp_path: Path) -> None:
    assert changes(tmp_path, GENERAL + MOTION) == {(CHANGES, 9, 13, "QD416")}
