"""QD608: the 基层治理四平台 standard (tests/peiquan.py: platform-standard/2018.yaml holds one requirement per
topic, lines 2–7)."""

from __future__ import annotations

from pathlib import Path

from helpers import found_in, write_registry
from peiquan import STANDARD, STANDARD_TEXT, peiquan_registry
from qingdan.validation.validate import validate


def test_the_standard_passes(tmp_path: Path) -> None:
    assert found_in(peiquan_registry(tmp_path), "QD") == set()


def test_qd608_fail_a_topic_without_requirements_at_the_list_key(tmp_path: Path) -> None:
    standard = "".join(line for line in STANDARD_TEXT.splitlines(True) if "信息平台" not in line)
    root = peiquan_registry(tmp_path, standard=standard)
    assert found_in(root, "QD") == {(STANDARD, 1, 1, "QD608")}
    [problem] = validate(root).problems
    assert (problem.severity.value, problem.args["topic"]) == ("warning", "信息平台")


def test_qd608_fail_a_list_the_registry_has_no_record_of(tmp_path: Path) -> None:
    root = peiquan_registry(tmp_path)
    (root / "violations" / "2020.yaml").unlink()
    assert found_in(root, "QD") == {(STANDARD, 6, 77, "QD608")}


def test_qd608_fail_a_list_that_is_not_one(tmp_path: Path) -> None:
    standard = STANDARD_TEXT.replace("lists: [duties, assessments]", "lists: [duties, guides]")
    root = peiquan_registry(tmp_path, standard=standard)
    assert found_in(root, "QD") == {(STANDARD, 5, 88, "QD608")}


def test_qd608_nothing_to_say_without_a_standard(tmp_path: Path) -> None:
    assert found_in(write_registry(tmp_path, {}), "QD608") == set()
