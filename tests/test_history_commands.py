"""`diff`, `log` and `validate --base` on real repositories with dated commits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import commit_all, init_repo, write_registry
from qingdan.cli import app

ITEM = "  - {{code: {code}, name: {name}, type: 行政许可, legal_basis: [《中华人民共和国行政许可法》第十二条]}}\n"


def _power(*items: tuple[str, str], extra: str = "") -> str:
    return "unit: scjgj\nitems:\n" + "".join(ITEM.format(code=code, name=name) for code, name in items) + extra


def _run(root: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["--registry", str(root), *args])


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """2018: two items. 2019: one renamed (with adjustment), one moved to another file, one re-issued under
    a new code, one added. 2020: one cancelled."""
    repo = init_repo(tmp_path / "repo")
    root = write_registry(
        repo / "registry",
        {
            "power/scjgj.yaml": _power(
                ("XK-330205-0001", "食品经营许可"),
                ("XK-330205-0002", "食品生产许可"),
                ("XK-330205-0003", "药品零售许可"),
            )
        },
    )
    commit_all(repo, "2018 初版", "2018-12-28T10:00:00+08:00")
    (root / "power" / "scjgj.yaml").write_text(
        _power(("XK-330205-0001", "食品经营许可（含仅销售预包装食品备案）"), ("XK-330205-0009", "药品零售许可")),
        encoding="utf-8",
    )
    (root / "power" / "more.yaml").write_text(
        _power(("XK-330205-0002", "食品生产许可"), ("XK-330205-0004", "特种设备使用登记")), encoding="utf-8"
    )
    commit_all(repo, "2019 调整", "2019-12-31T23:30:00+08:00")  # still 2019 in +08:00
    (root / "power" / "more.yaml").write_text(
        _power(
            ("XK-330205-0002", "食品生产许可"),
            extra=(
                "  - {code: XK-330205-0004, name: 特种设备使用登记, type: 行政许可, status: 已取消,\n"
                "     adjustment: {type: 取消, document: 江北编〔2020〕1号, reason: 上收, date: 2020-03-01}}\n"
            ),
        ),
        encoding="utf-8",
    )
    commit_all(repo, "2020 取消", "2020-03-01T09:00:00+08:00")
    return root


def _changes(root: Path, *args: str) -> dict[tuple[str, str], dict[str, Any]]:
    result = _run(root, "diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return {(change["key"], change["class"]): change for change in json.loads(result.stdout)["changes"]}


def test_diff_year_finds_exactly_that_years_changes(history: Path) -> None:
    changes = _changes(history, "--year", "2019")
    assert set(changes) == {
        ("XK-330205-0001", "更名"),  # renamed
        ("XK-330205-0009", "编码变更"),  # 0003 re-issued as 0009: same name, type and unit
        ("XK-330205-0004", "新增"),
    }  # 0002 moved to more.yaml: the same record, no change
    assert changes[("XK-330205-0009", "编码变更")]["fields"][0] == {
        "field": "code",
        "old": "XK-330205-0003",
        "new": "XK-330205-0009",
    }
    assert set(_changes(history, "--year", "2020")) == {("XK-330205-0004", "取消")}


def test_diff_json_names_both_revisions_with_dates(history: Path) -> None:
    data = json.loads(_run(history, "diff", "--year", "2020", "--format", "json").stdout)
    assert data["old"]["date"] == "2019-12-31" and data["new"]["date"] == "2020-03-01"
    assert len(data["old"]["rev"]) == 40
    assert data["summary"] == {"power": {"区级": {"取消": 1}}}


def test_diff_defaults_to_head_against_the_working_tree(history: Path) -> None:
    assert _changes(history) == {}
    (history / "power" / "scjgj.yaml").write_text(
        _power(("XK-330205-0001", "食品经营许可"), ("XK-330205-0009", "药品零售许可")), encoding="utf-8"
    )
    assert set(_changes(history)) == {("XK-330205-0001", "更名")}
    assert _run(history, "diff", "HEAD~2", "HEAD~1", "--format", "json").exit_code == 0


@pytest.mark.parametrize("revision", ["-h", "--output=/tmp/qingdan-leak", "nosuch", "HEAD~99", ""])
def test_odd_revisions_are_usage_errors(history: Path, revision: str) -> None:
    for command in (["diff", revision], ["validate", "--base", revision]):
        result = _run(history, *command)
        assert result.exit_code == 2, (command, result.output)
        assert "Traceback" not in result.output
    assert not Path("/tmp/qingdan-leak").exists()


def test_log_follows_a_record_across_files_and_codes(history: Path) -> None:
    result = _run(history, "log", "XK-330205-0009", "--format", "json")
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)["entries"]
    assert [(entry["date"], entry["key"], entry["class"]) for entry in entries] == [
        ("2018-12-28", "XK-330205-0003", "新增"),
        ("2019-12-31", "XK-330205-0009", "编码变更"),
    ]
    moved = json.loads(_run(history, "log", "XK-330205-0002", "--format", "json").stdout)["entries"]
    assert [entry["class"] for entry in moved] == ["新增"]  # moving to more.yaml changed nothing


def test_validate_base_marks_new_problems_and_runs_history_checks(history: Path) -> None:
    # In the working tree: 0004's code reused for another item (QD501), 0002 deleted outright (QD502),
    # 0001 changed without a new adjustment (QD503), and a new unknown key (QD003): all new.
    (history / "power" / "scjgj.yaml").write_text(
        _power(
            ("XK-330205-0001", "食品经营许可"),
            ("XK-330205-0009", "药品零售许可"),
            ("XK-330205-0004", "电梯安装改造维修许可"),
        )
        + "colour: red\n",
        encoding="utf-8",
    )
    (history / "power" / "more.yaml").write_text("unit: scjgj\nitems: []\n", encoding="utf-8")
    result = _run(history, "validate", "--base", "HEAD", "--format", "json")
    assert result.exit_code == 1, result.output
    problems = {(p["check"], p["record"]): p for p in json.loads(result.stdout)["problems"]}
    assert set(problems) == {
        ("QD501", "XK-330205-0004"),
        ("QD502", "XK-330205-0002"),
        ("QD503", "XK-330205-0001"),
        ("QD503", "XK-330205-0004"),  # reactivated under another name, without an adjustment either
        ("QD003", None),
    }
    assert all(problem["new"] is True for problem in problems.values())
    assert problems[("QD501", "XK-330205-0004")]["severity"] == "error"


def test_validate_base_marks_old_problems_not_new(history: Path) -> None:
    text = (history / "power" / "more.yaml").read_text(encoding="utf-8")
    (history / "power" / "more.yaml").write_text(text.replace("items:", "colour: red\nitems:"), encoding="utf-8")
    commit_all(history.parent, "2020 错误", "2020-04-01T09:00:00+08:00")
    result = _run(history, "validate", "--base", "HEAD", "--format", "json")
    (problem,) = json.loads(result.stdout)["problems"]
    assert (problem["check"], problem["new"]) == ("QD003", False)
    assert "new" not in json.loads(_run(history, "validate", "--format", "json").stdout)["problems"][0]


def test_diff_since_until_uses_dates_in_the_registry_timezone(history: Path) -> None:
    changes = _changes(history, "--since", "2020-01-01", "--until", "2020-12-31")
    assert set(changes) == {("XK-330205-0004", "取消")}
    assert _run(history, "diff", "--since", "2020-01-01").exit_code == 2  # both or neither
