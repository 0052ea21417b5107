"""`diff` reports the basic catalogue's own changes as a worklist, with the items implementing each entry, in
every diff format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import SETTINGS, commit_all, diff_last_commit, init_repo, write_registry
from qingdan.cli import app

HEADER = "基本编码,事项名称,事项类型,设定依据,行使层级,主管部门,上级编码,状态\n"
OLD = (
    HEADER
    + "000131024000,食品经营许可,行政许可,中华人民共和国食品安全法,县级,,,\n"
    + "000131026000,食品摊贩登记,行政确认,,县级,,,\n"
    + "000131028000,食品小作坊登记,行政确认,,县级,,,\n"
)
NEW = (
    HEADER
    + "000131024000,食品经营许可（含仅销售预包装食品备案）,行政许可,中华人民共和国食品安全法,县级,,,\n"
    + "000131026000,食品摊贩登记,行政确认,,县级,,,已取消\n"
    + "000131029000,仅销售预包装食品备案,其他行政权力,中华人民共和国食品安全法,县级,,,\n"
)
ITEMS = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
    catalog_code: "000131024000"
  - code: QR-330205-0002
    name: 食品摊贩登记
    type: 行政确认
    legal_basis: [《浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定》第八条]
    catalog_code: "000131026000"
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits: the 2019 catalogue, then the 2020 one (same file, a new edition); the items unchanged."""
    repo = init_repo(tmp_path / "repo")
    settings = SETTINGS + "catalogue: {file: catalogue/zj.csv, unified: [type]}\n"
    root = write_registry(
        repo / "registry", {"qingdan.yaml": settings, "catalogue/zj.csv": OLD, "power/scjgj.yaml": ITEMS}
    )
    commit_all(repo, "2019 年目录", "2019-06-01T10:00:00+08:00")
    (root / "catalogue" / "zj.csv").write_text(NEW, encoding="utf-8")
    commit_all(repo, "2020 年目录", "2020-06-01T10:00:00+08:00")
    return root


def test_json_lists_the_worklist_with_implementing_items(repo: Path) -> None:
    data = json.loads(diff_last_commit(repo, "--format", "json"))
    assert data["changes"] == []
    worklist = {entry["code"]: entry for entry in data["catalogue"]}
    assert {code: entry["class"] for code, entry in worklist.items()} == {
        "000131024000": "变更",
        "000131026000": "取消",
        "000131028000": "取消",
        "000131029000": "新增",
    }
    renamed = worklist["000131024000"]
    assert renamed["fields"] == [
        {"field": "name", "old": "食品经营许可", "new": "食品经营许可（含仅销售预包装食品备案）"}
    ]
    assert renamed["items"] == [{"code": "XK-330205-0001", "unit": "scjgj"}]
    assert worklist["000131026000"]["items"] == [{"code": "QR-330205-0002", "unit": "scjgj"}]
    assert worklist["000131028000"]["deleted"] is True and worklist["000131028000"]["items"] == []


def test_no_worklist_when_the_catalogue_did_not_change(repo: Path) -> None:
    result = CliRunner().invoke(app, ["--registry", str(repo), "diff", "HEAD", "--format", "json"])
    assert "catalogue" not in json.loads(result.stdout)


def test_text_and_markdown_show_the_worklist(repo: Path, tmp_path: Path) -> None:
    diff_last_commit(repo, "--out", str(tmp_path / "report.txt"))  # a file is written 160 columns wide
    text = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "基本目录变化（待办） (4)" in text and "XK-330205-0001" in text and "（无实施事项）" in text
    markdown = diff_last_commit(repo, "--format", "markdown")
    assert "### 基本目录变化（待办） (4)" in markdown
    assert "| `000131024000` | 食品经营许可（含仅销售预包装食品备案） | 变更 | 事项名称: 食品经营许可 → " in markdown
    english_out = tmp_path / "report-en.txt"
    CliRunner().invoke(
        app, ["--lang", "en", "--registry", str(repo), "diff", "HEAD~1", "HEAD", "--out", str(english_out)]
    )
    english = english_out.read_text(encoding="utf-8")
    assert "Catalogue changes (worklist) (4)" in english and "(no implementing item)" in english


def test_csv_and_html_show_the_worklist(repo: Path, tmp_path: Path) -> None:
    rows = diff_last_commit(repo, "--format", "csv").splitlines()
    assert any(row.startswith("基本目录变化（待办）,000131026000,食品摊贩登记,取消") for row in rows)
    assert any("实施事项: QR-330205-0002 (区市场监督管理局 (scjgj))" in row for row in rows)
    html = diff_last_commit(repo, "--format", "html")
    assert 'id="catalogue-000131029000"' in html and "仅销售预包装食品备案" in html
