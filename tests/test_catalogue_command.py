"""`qingdan catalogue`: the conformance report per unit, in text, JSON and CSV; its counts in `stats`."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import SETTINGS, write_registry
from qingdan.cli import app

CATALOGUE = (
    "基本编码,事项名称,事项类型,设定依据,行使层级,主管部门,上级编码,状态\n"
    "000131024000,食品经营许可,行政许可,中华人民共和国食品安全法,县级,区市场监督管理局,,\n"
    "000131025000,食品生产许可,行政许可,中华人民共和国食品安全法,县级,区市场监督管理局,,\n"
    "000131027000,小餐饮店登记,行政确认,浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定,县级,scjgj,,\n"
    "000120301000,最低生活保障申请受理,行政给付,社会救助暂行办法,乡镇级,区民政局,,\n"
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
    name: 小餐饮店登记证核发
    type: 行政确认
    legal_basis: [《中华人民共和国食品安全法》第三十六条]
    catalog_code: "000131027000"
  - code: QT-330205-0003
    name: '=HYPERLINK("http://x","本地事项")'
    type: 其他行政权力
    legal_basis: [《浙江省食品安全条例》]
"""


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    settings = SETTINGS + "catalogue: {file: catalogue/zj.csv}\n"
    return write_registry(
        tmp_path, {"qingdan.yaml": settings, "catalogue/zj.csv": CATALOGUE, "power/scjgj.yaml": ITEMS}
    )


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_lists_each_unit_by_status(registry: Path) -> None:
    data = json.loads(run("--registry", str(registry), "catalogue", "--format", "json"))
    assert data["summary"] == {"entries": 4, "implemented": 2, "differing": 1, "not_implemented": 1}
    (unit,) = data["by_unit"]
    assert unit["unit"] == "scjgj" and unit["name"] == "区市场监督管理局"
    assert [found["item"] for found in unit["matching"]] == ["XK-330205-0001"]
    (differing,) = unit["differing"]
    assert differing["code"] == "000131027000"
    assert {(d["element"], d["item"], d["catalogue"]) for d in differing["differences"]} == {
        ("name", "小餐饮店登记证核发", "小餐饮店登记"),
        ("legal_basis", "《中华人民共和国食品安全法》", "《浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定》"),
    }
    # 000131025000 is expected of scjgj (主管部门 by name); 000120301000 is 乡镇级, carried by the streets.
    assert unit["not_implemented"] == [{"code": "000131025000", "name": "食品生产许可"}]
    assert [found["item"] for found in unit["without_code"]] == ["QT-330205-0003"]


def test_text_shows_what_needs_work(registry: Path) -> None:
    output = run("--registry", str(registry), "catalogue")
    assert "区市场监督管理局（scjgj）：一致 1，不一致 1，未实施 1，编码无效 0，无基本编码 1" in output
    assert "事项名称：小餐饮店登记证核发 ≠ 小餐饮店登记" in output
    assert "未实施：000131025000 食品生产许可" in output


def test_english_text_has_no_chinese_sentence(registry: Path) -> None:
    output = run("--lang", "en", "--registry", str(registry), "catalogue")
    # Data (names) stay as written; every word qingdan adds is English.
    without_data = re.sub(r"[\u4e00-\u9fff（）《》、]+", "", output)
    assert "matching 1, differing 1, not implemented 1" in output
    assert "name: 小餐饮店登记证核发 ≠ 小餐饮店登记" in output
    assert "Conformance to the basic catalogue" in without_data


def test_csv_has_a_row_per_item_and_difference_and_neutralises_formulas(registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    run("--registry", str(registry), "catalogue", "--format", "csv", "--out", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["实施主体", "单位名称", "比对结果"]
    statuses = [row[2] for row in rows[1:]]
    assert statuses == ["一致", "不一致", "不一致", "未实施", "无基本编码"]
    assert rows[-1][4] == '\'=HYPERLINK("http://x","本地事项")'


def test_stats_counts_the_catalogue(registry: Path) -> None:
    data = json.loads(run("--registry", str(registry), "stats", "--format", "json"))
    assert data["catalogue"] == {"entries": 4, "implemented": 2, "differing": 1, "not_implemented": 1}
    assert "省级基本目录比对" in run("--registry", str(registry), "stats")


def test_without_a_catalogue_the_command_exits_2(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {})
    result = CliRunner().invoke(app, ["--lang", "en", "--registry", str(root), "catalogue"])
    assert result.exit_code == 2
    assert "names no basic catalogue" in result.stderr
    data = json.loads(run("--registry", str(root), "stats", "--format", "json"))
    assert "catalogue" not in data


def test_a_changed_catalogue_is_not_served_from_the_cache(registry: Path) -> None:
    first = CliRunner().invoke(app, ["--registry", str(registry), "validate", "--format", "json"])
    assert json.loads(first.stdout)["summary"]["warnings"] == 1  # 000131025000 expected of scjgj (QD115)
    catalogue = registry / "catalogue" / "zj.csv"
    catalogue.write_text(CATALOGUE.replace(",县级,区市场监督管理局,,\n000131027000", ",省级,,,\n000131027000"), "utf-8")
    second = CliRunner().invoke(app, ["--registry", str(registry), "validate", "--format", "json"])
    assert json.loads(second.stdout)["summary"]["warnings"] == 0
