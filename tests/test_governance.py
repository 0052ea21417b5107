"""The lists of 配权 beyond their checks: diffs (a duty's lead moving down is 下沉, back up 上收; a grid event's
changed time limit shows old and new), stats on the bundled registry, spreadsheets, history checks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from helpers import commit_all, found_in, init_repo
from peiquan import DUTIES_TEXT, EVENTS_TEXT, VIOLATIONS_TEXT, peiquan_registry
from qingdan.cli import app
from qingdan.diff.engine import Change, ChangeClass, Diff, FieldChange, diff_registries
from qingdan.loader.load import load_registry
from qingdan.publish.report import render_report_html
from qingdan.reporters.diff import as_json, render_csv, render_markdown, render_text
from qingdan.sheets import export_sheet, import_sheet

BUNDLED = Path(__file__).parent.parent / "registry"
ADJUSTMENT = "    adjustment: {type: 下放, document: 江北编委〔2021〕2号, reason: 执法重心下移, date: 2021-03-01}\n"


def diff_of(tmp_path: Path, **new: str) -> Diff:
    before = load_registry(peiquan_registry(tmp_path / "old"))
    after = load_registry(peiquan_registry(tmp_path / "new", **new))
    return diff_registries(before, after)


def only(diff: Diff) -> Change:
    assert len(diff.changes) == 1, diff.changes
    return diff.changes[0]


# --- diff --------------------------------------------------------------------------------------------------


def test_a_duty_whose_lead_goes_from_a_department_to_the_streets_sinks(tmp_path: Path) -> None:
    """ZF-01: 区综合行政执法局 leads, then 属地街道(镇) does (区级 → 街道(镇)): 下沉, with its adjustment."""
    moved = DUTIES_TEXT.replace(
        "lead: {unit: zhzfj, tasks: 依法查处占道经营}", "lead: {unit: 属地街道(镇), tasks: 查处}"
    )
    moved = moved.replace("{unit: 属地街道(镇), tasks: 巡查发现、劝阻和报告}", "{unit: zhzfj, tasks: 业务指导}")
    moved = moved.replace("    power_items: [CF-330205-0201]\n  - id: ZF-02", ADJUSTMENT + "  - id: ZF-02")
    change = only(diff_of(tmp_path, duties=moved))
    assert (change.kind, change.key, change.change_class, change.unit) == (
        "duties",
        "ZF-01",
        ChangeClass.MOVED_DOWN,
        "属地街道(镇)",
    )
    assert [field.field for field in change.fields] == ["lead", "partners", "power_items"]  # (power items dropped)
    assert change.adjustment is not None and change.adjustment["document"] == "江北编委〔2021〕2号"


def test_a_duty_taken_back_from_a_street_is_recalled(tmp_path: Path) -> None:
    moved = DUTIES_TEXT.replace(
        "lead: {unit: zhuangqiao, tasks: 依法查处占道经营}", "lead: {unit: zhzfj, tasks: 依法查处占道经营}"
    )
    moved = moved.replace(
        "partners: [{unit: zhzfj, tasks: 业务指导和执法监督}]", "partners: [{unit: zhuangqiao, tasks: 巡查}]"
    )
    change = only(diff_of(tmp_path, duties=moved))
    assert (change.key, change.change_class) == ("ZF-02", ChangeClass.RECALLED)


def test_a_duty_handed_to_another_department_is_a_plain_change(tmp_path: Path) -> None:
    moved = DUTIES_TEXT.replace(
        "lead: {unit: zhzfj, tasks: 依法查处占道经营}", "lead: {unit: scjgj, tasks: 依法查处占道经营}"
    )
    moved = moved.replace("{unit: scjgj, tasks: 查处无照经营}", "{unit: zhzfj, tasks: 配合}")
    assert only(diff_of(tmp_path, duties=moved)).change_class is ChangeClass.CHANGED


def test_a_grid_event_handed_down_sinks_and_shows_its_new_limit(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("handler: 属地街道(镇)", "handler: zhzfj").replace(
        "level: 街道(镇)", "level: 区级部门"
    )
    before = load_registry(peiquan_registry(tmp_path / "old", events=events))
    after = load_registry(peiquan_registry(tmp_path / "new", events=EVENTS_TEXT.replace("1工作日", "4工作时")))
    change = only(diff_registries(before, after))
    assert (change.key, change.change_class) == ("01-01", ChangeClass.MOVED_DOWN)
    assert FieldChange("time_limit", "1工作日", "4工作时") in change.fields


def test_a_grid_events_changed_time_limit_shows_old_and_new_in_every_format(tmp_path: Path) -> None:
    diff = diff_of(tmp_path, events=EVENTS_TEXT.replace("time_limit: 1工作日", "time_limit: 4工作时"))
    change = only(diff)
    assert (change.kind, change.key, change.change_class, change.name) == (
        "grid_events",
        "01-01",
        ChangeClass.CHANGED,
        "占道经营",
    )
    assert change.fields == (FieldChange("time_limit", "1工作日", "4工作时"),)
    assert as_json(diff)["changes"][0]["fields"] == [{"field": "time_limit", "old": "1工作日", "new": "4工作时"}]
    assert "处置时限: 1工作日 → 4工作时" in _text(diff, "zh")
    assert "time_limit: 1工作日 → 4工作时" in _text(diff, "en")
    assert _csv_rows(diff)[1][:4] == ["网格事件分类处置标准", "01-01", "占道经营", "变更"]
    assert "| `01-01` | 占道经营 | 变更 | 属地街道(镇) | 处置时限: 1工作日 → 4工作时 |" in render_markdown(diff, "zh")


def test_moved_down_is_labelled_in_every_format_and_language(tmp_path: Path) -> None:
    events = EVENTS_TEXT.replace("handler: 属地街道(镇)", "handler: zhzfj")
    before = load_registry(peiquan_registry(tmp_path / "old", events=events))
    diff = diff_registries(before, load_registry(peiquan_registry(tmp_path / "new")))
    assert as_json(diff)["summary"] == {"grid_events": {"下沉": 1}}
    assert "下沉" in _text(diff, "zh") and "下沉 (moved down to streets)" in _text(diff, "en")
    assert _csv_rows(diff)[1][3] == "下沉"
    assert "下沉" in render_markdown(diff, "zh")
    html = render_report_html(diff, "zh")
    assert '<span class="tag class">下沉</span>' in html and '<th scope="col" class="num">下沉</th>' in html


def test_a_legal_basis_of_the_new_kinds_is_shown_as_a_citation(tmp_path: Path) -> None:
    changed = VIOLATIONS_TEXT.replace("第二十七条第（六）项", "第二十七条第（一）项")
    change = only(diff_of(tmp_path, violations=changed))
    assert change.fields == (
        FieldChange(
            "prohibited_by", "《城市道路管理条例》第二十七条第（六）项", "《城市道路管理条例》第二十七条第（一）项"
        ),
    )


def _text(diff: Diff, lang: str) -> str:
    console = Console(width=240, record=True, file=io.StringIO())
    console.print(render_text(diff, lang))
    return console.export_text()


def _csv_rows(diff: Diff) -> list[list[str]]:
    return list(csv.reader(io.StringIO(render_csv(diff, "zh").removeprefix("\ufeff"), newline="")))


# --- history: † kinds take adjustments ------------------------------------------------------------------------


def test_a_duty_changed_without_a_new_adjustment_is_qd503(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    peiquan_registry(repo / "registry")
    commit_all(repo, "清单入库")
    changed = DUTIES_TEXT.replace("依法查处无照经营", "查处无照经营").replace(
        "{unit: scjgj, tasks: 查处无照经营}", "{unit: scjgj, tasks: 查处无照经营和违法广告}"
    )
    (repo / "registry" / "duties" / "2020.yaml").write_text(changed, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--registry", str(repo / "registry"), "validate", "--base", "HEAD", "--format", "json"]
    )
    problems = [(p["check"], p["file"], p["record"]) for p in json.loads(result.stdout)["problems"]]
    assert problems == [("QD503", "duties/2020.yaml", "ZF-01")]


# --- stats -------------------------------------------------------------------------------------------------


def test_bundled_stats_count_the_standard_by_topic_and_the_event_classes() -> None:
    result = CliRunner().invoke(app, ["--registry", str(BUNDLED), "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_topic = data["platform_standard"]["by_topic"]
    assert list(by_topic) == ["组织架构", "指挥体系", "运行机制", "属地管理", "网格建设", "信息平台"]
    assert sum(by_topic.values()) == data["platform_standard"]["total"] == 71
    assert data["grid_events"] == {"total": 43, "major": 8, "minor": 35}
    assert set(data["stationed_tasks"]["by_platform"]) == {"综治工作", "综合执法", "市场监管", "便民服务"}
    assert data["units"]["工业区"] == 1 and data["duties"]["total"] >= 30 and data["violations"]["total"] >= 15


def test_bundled_registry_has_no_problem_but_two_unimplemented_catalogue_entries() -> None:
    # The two QD115 warnings are on purpose: catalogue entries no unit implements yet (see README).
    assert {check for _, _, _, check in found_in(BUNDLED, "QD")} == {"QD115"}
    assert len(found_in(BUNDLED, "QD")) == 2


# --- spreadsheets ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_duties_and_grid_events_round_trip_through_a_sheet(tmp_path: Path, fmt: str) -> None:
    root = peiquan_registry(tmp_path / "registry")
    for kind in ("duties", "grid-events", "violations"):
        sheet = tmp_path / f"{kind}.{fmt}"
        sheet.write_bytes(export_sheet(root, kind, fmt=fmt).data)
        report = import_sheet(root, sheet, kind)
        assert (report.errors, report.updated, report.written) == (0, 0, []), kind


def test_lists_of_mappings_are_lines_in_a_cell(tmp_path: Path) -> None:
    root = peiquan_registry(tmp_path / "registry")
    duties = _sheet(root, "duties")
    assert duties[0]["主体责任.单位"] == "zhzfj"
    assert duties[0]["配合责任"].splitlines() == ["属地街道(镇):巡查发现、劝阻和报告", "scjgj:查处无照经营"]
    events = _sheet(root, "grid-events")
    assert events[1]["上报"].splitlines() == ["2工作日:zhzfj", "5工作日:zhzfj"]
    assert events[1]["处置时限"] == "1工作日"
    assert _sheet(root, "violations")[0]["禁止性规定"] == "《城市道路管理条例》第二十七条第（六）项"


def test_an_imported_escalation_that_goes_back_in_time_is_refused_at_its_cell(tmp_path: Path) -> None:
    root = peiquan_registry(tmp_path / "registry")
    data = export_sheet(root, "grid-events", fmt="csv").data.decode("utf-8-sig")
    sheet = tmp_path / "events.csv"
    sheet.write_text(data.replace("2工作日:zhzfj", "4工作时:zhzfj"), encoding="utf-8")
    report = import_sheet(root, sheet, "grid-events", shown="events.csv")
    assert report.errors == 1 and report.written == []
    assert [(p.check, p.file, p.line) for p in report.problems] == [("QD606", "events.csv", 3)]


def _sheet(root: Path, kind: str) -> list[dict[str, str]]:
    text = export_sheet(root, kind, fmt="csv").data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))
