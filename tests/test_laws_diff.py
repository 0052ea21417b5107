"""`diff` reports the law library's own changes as a worklist (SPEC §6.3): per law its class, its old and new
version dates and the records of NEW citing it, flagged when the quotation no longer matches — in every format."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import commit_all, diff_last_commit, init_repo, write_registry
from qingdan.cli import app

FOOD = """\
# 中华人民共和国食品安全法

{date} 修正

<!-- INFO END -->

第三十五条 国家对食品生产经营实行许可制度。{more}
"""
OLD_FOOD = FOOD.format(date="2015年4月24日", more="但是，销售食用农产品，不需要取得许可。")
NEW_FOOD = FOOD.format(date="2021年4月29日", more="但是，销售食用农产品和仅销售预包装食品的，不需要取得许可。")
QUOTED = "国家对食品生产经营实行许可制度。但是，销售食用农产品，不需要取得许可。"
ITEMS = f"""\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis:
      - {{law: 中华人民共和国食品安全法, article: 第三十五条, text: {QUOTED}}}
      - 《合同法》
  - code: XK-330205-0002
    name: 食品生产许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
"""
CONTRACT = (
    "# 中华人民共和国合同法\n\n1999年3月15日 通过\n\n<!-- INFO END -->\n\n"
    "第一条 为了保护合同当事人的合法权益，制定本法。\n"
)
REPEALED = "---\nstatus: 已废止\nreplaced_by: 中华人民共和国民法典\n---\n" + CONTRACT


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """2019: a library with 食品安全法 2015 and 合同法; 2021: 食品安全法 2021 beside it, 合同法 repealed, 民法典
    added, a document listed without text removed from the index."""
    repo = init_repo(tmp_path / "repo")
    root = write_registry(
        repo / "registry",
        {
            "power/scjgj.yaml": ITEMS,
            "laws/法律/食品安全法(2015-04-24).md": OLD_FOOD,
            "laws/法律/合同法(1999-03-15).md": CONTRACT,
            "laws/index.csv": "名称,效力位阶\n关于食品经营的通知,规范性文件\n",
        },
    )
    commit_all(repo, "2019", "2019-06-01T10:00:00+08:00")
    (root / "laws" / "法律" / "食品安全法(2021-04-29).md").write_text(NEW_FOOD, encoding="utf-8")
    (root / "laws" / "法律" / "合同法(1999-03-15).md").write_text(REPEALED, encoding="utf-8")
    (root / "laws" / "法律" / "民法典(2020-05-28).md").write_text(
        "# 中华人民共和国民法典\n\n2020年5月28日 通过\n\n<!-- INFO END -->\n\n第一条 为了保护民事主体的合法权益。\n",
        encoding="utf-8",
    )
    (root / "laws" / "index.csv").write_text("名称,效力位阶\n", encoding="utf-8")
    commit_all(repo, "2021", "2021-06-01T10:00:00+08:00")
    return root


def test_json_worklist(repo: Path) -> None:
    data = json.loads(diff_last_commit(repo, "--format", "json"))
    assert data["changes"] == []  # the records did not change; the laws did
    worklist = {law["title"]: law for law in data["laws"]}
    assert {title: (law["class"], law["old_date"], law["new_date"]) for title, law in worklist.items()} == {
        "中华人民共和国食品安全法": ("修改", "2015-04-24", "2021-04-29"),
        "中华人民共和国合同法": ("废止", "1999-03-15", "1999-03-15"),
        "中华人民共和国民法典": ("新增", None, "2020-05-28"),
        "关于食品经营的通知": ("删除", None, None),
    }
    assert worklist["中华人民共和国食品安全法"]["records"] == [
        {"kind": "power", "key": "XK-330205-0001", "unit": "scjgj", "article": "第三十五条", "mismatched": True},
        {"kind": "power", "key": "XK-330205-0002", "unit": "scjgj", "article": "第三十五条", "mismatched": False},
    ]
    assert [record["key"] for record in worklist["中华人民共和国合同法"]["records"]] == ["XK-330205-0001"]


def test_every_human_format_shows_it(repo: Path, tmp_path: Path) -> None:
    flagged = "XK-330205-0001 食品经营许可 (区市场监督管理局 (scjgj)) 第三十五条 — 引文与新条文不符"
    text = diff_last_commit(repo)
    assert "法规库变化（待复核） (4)" in text and "2015-04-24 →" in text
    markdown = diff_last_commit(repo, "--format", "markdown")
    assert "### 法规库变化（待复核） (4)" in markdown and flagged in markdown
    assert "| 中华人民共和国合同法 | 废止 | 1999-03-15 → 1999-03-15 |" in markdown
    csv_text = diff_last_commit(repo, "--format", "csv")
    row = "法规库变化（待复核）,中华人民共和国食品安全法,中华人民共和国食品安全法,修改,,,版本,2015-04-24,2021-04-29"
    assert f"{row},,,,引用记录: {flagged}" in csv_text
    page = tmp_path / "report.html"
    diff_last_commit(repo, "--format", "html", "--out", str(page))
    html = page.read_text(encoding="utf-8")
    assert 'class="changes laws-worklist"' in html and "引文与新条文不符" in html
    pdf = tmp_path / "report.pdf"
    diff_last_commit(repo, "--format", "pdf", "--out", str(pdf))
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    assert "法规库变化（待复核）" in printed and "中华人民共和国民法典" in printed


def test_no_worklist_when_the_library_is_adopted_or_unchanged(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    root = write_registry(repo / "registry", {"power/scjgj.yaml": ITEMS})
    commit_all(repo, "without a library", "2019-06-01T10:00:00+08:00")
    (root / "laws" / "法律").mkdir(parents=True)
    (root / "laws" / "法律" / "食品安全法(2021-04-29).md").write_text(NEW_FOOD, encoding="utf-8")
    commit_all(repo, "the library adopted", "2020-06-01T10:00:00+08:00")
    (root / "power" / "scjgj.yaml").write_text(ITEMS.replace("食品生产许可", "食品生产许可证核发"), encoding="utf-8")
    commit_all(repo, "a rename", "2021-06-01T10:00:00+08:00")
    assert "laws" not in json.loads(diff_last_commit(root, "--format", "json"))
    result = CliRunner().invoke(app, ["--registry", str(root), "diff", "HEAD~2", "HEAD~1", "--format", "json"])
    assert "laws" not in json.loads(result.stdout)
