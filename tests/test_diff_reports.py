"""The adjustment report's formats: JSON exactly as SPEC §6.3, CSV safe for Excel, markdown safe in a PR comment."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from helpers import write_registry
from qingdan.diff.engine import Diff, Revision, diff_registries
from qingdan.loader.load import load_registry
from qingdan.reporters.diff import as_json, render_csv, render_json, render_markdown, render_text

OLD_POWER = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
  - code: JC-330205-0001
    name: 对食品经营者的监督检查
    type: 行政检查
    legal_basis: [《中华人民共和国食品安全法》第一百一十条]
"""
NEW_POWER = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可证核发
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
    adjustment: {type: 更名, document: 江北编〔2019〕7号, reason: 与省事项目录统一, date: 2019-05-01}
"""
DELEGATIONS = """\
delegations:
  - id: XF-2019-01
    title: 食品经营监督检查下放文教街道
    from_unit: scjgj
    to_units: [wenjiao]
    mode: 下放
    items: [JC-330205-0001]
    status: 申请
"""
OLD_SHA, NEW_SHA = "a" * 40, "b" * 40


@pytest.fixture
def diff(tmp_path: Path) -> Diff:
    old = load_registry(write_registry(tmp_path / "old", {"power/scjgj.yaml": OLD_POWER}))
    new = load_registry(
        write_registry(tmp_path / "new", {"power/scjgj.yaml": NEW_POWER, "delegations/2019.yaml": DELEGATIONS})
    )
    return diff_registries(
        old, new, old_revision=Revision(OLD_SHA, date(2018, 12, 28)), new_revision=Revision(NEW_SHA, date(2019, 12, 30))
    )


def hostile_diff(tmp_path: Path) -> Diff:
    """Values a spreadsheet or a markdown renderer would take for code."""
    hostile = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: '=HYPERLINK("http://x","y")'
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
    accountability: ['@SUM(A1)']
    responsibilities: ['+1', '-1']
    note: "\\t备注|第二列\\n第二行 <script>alert(1)</script> [link](http://x)"
    adjustment: {type: 更名, document: '-2019', reason: '=cmd|'' /C calc''!A0'}
"""
    old = load_registry(write_registry(tmp_path / "old", {"power/scjgj.yaml": OLD_POWER}))
    new = load_registry(write_registry(tmp_path / "new", {"power/scjgj.yaml": hostile}))
    return diff_registries(old, new)


# --- JSON ---------------------------------------------------------------------------------------------------


def test_json_is_exactly_the_spec_shape(diff: Diff) -> None:
    assert as_json(diff) == {
        "version": 1,
        "old": {"rev": OLD_SHA, "date": "2018-12-28"},
        "new": {"rev": NEW_SHA, "date": "2019-12-30"},
        "summary": {"power": {"区级": {"取消": 1, "更名": 1}}, "delegations": {"新增": 1}},
        "changes": [
            {
                "kind": "power",
                "key": "JC-330205-0001",
                "class": "取消",
                "unit": "scjgj",
                "level": "区级",
                "fields": [],
                "deleted": True,
            },
            {
                "kind": "power",
                "key": "XK-330205-0001",
                "class": "更名",
                "unit": "scjgj",
                "level": "区级",
                "fields": [{"field": "name", "old": "食品经营许可", "new": "食品经营许可证核发"}],
                "adjustment": {
                    "type": "更名",
                    "document": "江北编〔2019〕7号",
                    "reason": "与省事项目录统一",
                    "date": "2019-05-01",
                },
            },
            {"kind": "delegations", "key": "XF-2019-01", "class": "新增", "unit": "scjgj", "fields": []},
        ],
    }


def test_json_of_the_working_tree_has_null_revisions(tmp_path: Path) -> None:
    registry = load_registry(write_registry(tmp_path, {}))
    data = json.loads(render_json(diff_registries(registry, registry)))
    assert data == {
        "version": 1,
        "old": {"rev": None, "date": None},
        "new": {"rev": None, "date": None},
        "summary": {},
        "changes": [],
    }


def test_units_changes_carry_neither_unit_nor_level(tmp_path: Path) -> None:
    old = load_registry(write_registry(tmp_path / "old", {}))
    new = load_registry(
        write_registry(tmp_path / "new", {"units.yaml": "units:\n  - {id: mzj, name: 区民政局, kind: 部门}\n"})
    )
    changes = as_json(diff_registries(old, new))["changes"]
    assert {tuple(change) for change in changes} == {("kind", "key", "class", "fields", "deleted")}


# --- CSV ----------------------------------------------------------------------------------------------------


def read_csv(tmp_path: Path, content: str) -> list[list[str]]:
    path = tmp_path / "diff.csv"
    path.write_text(content, encoding="utf-8", newline="")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_has_chinese_headers_and_one_row_per_changed_field(tmp_path: Path, diff: Diff) -> None:
    header, *rows = read_csv(tmp_path, render_csv(diff, "zh"))
    assert header == [
        "类别",
        "事项编码/编号",
        "名称",
        "调整类型",
        "实施主体",
        "层级",
        "字段",
        "原值",
        "新值",
        "文号",
        "理由",
        "日期",
        "说明",
    ]
    assert rows == [
        [
            "权力事项",
            "JC-330205-0001",
            "对食品经营者的监督检查",
            "取消",
            "scjgj",
            "区级",
            "",
            "",
            "",
            "",
            "",
            "",
            "记录被直接删除",
        ],
        [
            "权力事项",
            "XK-330205-0001",
            "食品经营许可证核发",
            "更名",
            "scjgj",
            "区级",
            "事项名称",
            "食品经营许可",
            "食品经营许可证核发",
            "江北编〔2019〕7号",
            "与省事项目录统一",
            "2019-05-01",
            "",
        ],
        ["职责下放", "XF-2019-01", "食品经营监督检查下放文教街道", "新增", "scjgj", "", "", "", "", "", "", "", ""],
    ]


def test_csv_in_english_has_english_headers_and_glossed_classes(tmp_path: Path, diff: Diff) -> None:
    header, cancelled, renamed, _ = read_csv(tmp_path, render_csv(diff, "en"))
    assert header[:4] == ["kind", "key", "name", "class"]
    assert (cancelled[3], renamed[3], renamed[6]) == ("取消 (cancelled)", "更名 (renamed)", "name")


def test_csv_neutralises_every_formula_like_cell(tmp_path: Path) -> None:
    _, *rows = read_csv(tmp_path, render_csv(hostile_diff(tmp_path), "zh"))
    cells = {cell for row in rows for cell in row}
    assert '\'=HYPERLINK("http://x","y")' in cells
    assert "'@SUM(A1)" in cells
    assert "'+1；-1" in cells
    assert "'-2019" in cells
    assert "'=cmd|' /C calc'!A0" in cells
    assert any(cell.startswith("'\t备注") for cell in cells)
    dangerous = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []


# --- markdown -----------------------------------------------------------------------------------------------


def test_markdown_has_a_heading_the_summary_and_a_table_per_kind(diff: Diff) -> None:
    report = render_markdown(diff, "zh")
    assert report.startswith("## 清单调整报告：aaaaaaaaaa (2018-12-28) → bbbbbbbbbb (2019-12-30)\n")
    assert "| 权力事项 | 区级 | 更名 | 1 |" in report
    assert "| **合计** |  |  | **3** |" in report
    assert "### 权力事项 (2)" in report and "### 职责下放 (1)" in report
    renamed = "| `XK-330205-0001` | 食品经营许可证核发 | 更名 | 区市场监督管理局 (scjgj) |"
    assert f"{renamed} 事项名称: 食品经营许可 → 食品经营许可证核发 | 江北编〔2019〕7号 | 与省事项目录统一 |" in report
    assert "取消（记录被直接删除）" in report


def test_markdown_cells_cannot_break_the_table_or_become_markup(tmp_path: Path) -> None:
    report = render_markdown(hostile_diff(tmp_path), "en")
    row = next(line for line in report.splitlines() if "XK-330205-0001" in line)
    assert row.count(" | ") == 6  # seven cells: every | from the data is escaped
    assert "备注\\|第二列<br>第二行" in row
    assert "&lt;script&gt;" in row and "<script>" not in report
    assert "\\[link\\](http://x)" in row


def test_markdown_stays_under_its_limit_with_a_note_of_what_is_left_out(tmp_path: Path) -> None:
    items = "".join(
        f"  - {{code: XK-330205-{number:04d}, name: 事项{number}, type: 行政许可, legal_basis: [《某法》]}}\n"
        for number in range(1, 201)
    )
    old = load_registry(write_registry(tmp_path / "old", {}))
    new = load_registry(write_registry(tmp_path / "new", {"power/scjgj.yaml": f"unit: scjgj\nitems:\n{items}"}))
    diff = diff_registries(old, new)
    report = render_markdown(diff, "zh", limit=5_000)
    assert len(report) < 5_500
    shown = report.count("| `XK-330205-")
    assert 0 < shown < 200
    assert f"另有 {200 - shown} 条调整未列出" in report
    assert "另有" not in render_markdown(diff, "zh")


def test_markdown_of_no_changes_says_so(tmp_path: Path) -> None:
    registry = load_registry(write_registry(tmp_path, {}))
    assert "no changes between the two versions" in render_markdown(diff_registries(registry, registry), "en")


# --- text ---------------------------------------------------------------------------------------------------


def shown(diff: Diff, lang: str) -> str:
    console = Console(record=True, width=250, color_system=None)
    console.print(render_text(diff, lang))
    return console.export_text()


def test_text_shows_summary_and_changes_in_chinese(diff: Diff) -> None:
    output = shown(diff, "zh")
    assert "清单调整报告：aaaaaaaaaa (2018-12-28) → bbbbbbbbbb (2019-12-30)" in output
    assert "调整汇总" in output and "合计" in output
    assert "事项名称: 食品经营许可 → 食品经营许可证核发" in output
    assert "江北编〔2019〕7号" in output and "与省事项目录统一" in output
    assert "区市场监督管理局 (scjgj)" in output


def test_text_in_english_uses_keys_and_glossed_classes(diff: Diff) -> None:
    output = shown(diff, "en")
    assert "Adjustment report: aaaaaaaaaa" in output
    assert "name: 食品经营许可 → 食品经营许可证核发" in output
    assert "更名 (renamed)" in output and "取消 (cancelled) (record deleted outright)" in output


def test_text_prints_markup_in_data_as_written(tmp_path: Path) -> None:
    renamed = OLD_POWER.replace("name: 食品经营许可", "name: '[bold red]食品经营许可[/]'")
    old = load_registry(write_registry(tmp_path / "old", {"power/scjgj.yaml": OLD_POWER}))
    new = load_registry(write_registry(tmp_path / "new", {"power/scjgj.yaml": renamed}))
    assert "[bold red]食品经营许可[/]" in shown(diff_registries(old, new), "zh")


def test_text_of_no_changes_says_so(tmp_path: Path) -> None:
    registry = load_registry(write_registry(tmp_path, {}))
    assert "两个版本之间没有调整" in shown(diff_registries(registry, registry), "zh")
