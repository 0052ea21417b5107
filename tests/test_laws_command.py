"""`qingdan laws` (SPEC §6): the library with its citations, one law's citing records, the `--changed-since`
worklist, in text, JSON and CSV; on the bundled registry (real LawRefBook texts) and a small hand-made one."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from helpers import write_registry
from qingdan.citations import CITING
from qingdan.cli import app
from qingdan.loader.load import load_registry
from qingdan.models.kinds import POWER

BUNDLED = Path(__file__).resolve().parent.parent / "registry"
LAW = """\
# 中华人民共和国食品安全法

2021年4月29日 第二次修正

<!-- INFO END -->

第三十五条 国家对食品生产经营实行许可制度。

第三十六条 食品生产加工小作坊和食品摊贩等的具体管理办法由省、自治区、直辖市制定。
"""
ITEMS = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis:
      - {law: 中华人民共和国食品安全法, article: 第三十五条, text: 国家对食品经营实行许可制度。}
      - {law: 中华人民共和国食品安全法, article: 第三十六条, checked: 2021-05-01}
      - 《食品安全条例》
"""


def run(root: Path, *args: str, lang: str = "zh") -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--lang", lang, "--registry", str(root), "laws", *args])
    return result.exit_code, result.stdout, result.stderr


def small(tmp_path: Path) -> Path:
    return write_registry(tmp_path, {"power/scjgj.yaml": ITEMS, "laws/法律/食品安全法(2021-04-29).md": LAW})


def test_the_library_of_the_bundled_registry() -> None:
    code, out, _ = run(BUNDLED)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "法规库：laws（法律法规 104 部，全文版本 113 个）"
    assert lines[1] == "有效记录引用 309 处：无法对应 0 处，引文不符 0 处"
    food = (
        "  《中华人民共和国食品安全法》 法律 现行版本 2021-04-29 现行有效：版本 2 个，记录 7 条引用 7 处，未通过 0 处"
    )
    assert food in lines
    data = json.loads(run(BUNDLED, "--format", "json")[1])
    assert data["summary"]["by_level"] == {"法律": 39, "行政法规": 41, "地方性法规": 9, "规范性文件": 15}
    assert data["unknown"] == []
    food = next(law for law in data["laws"] if law["title"] == "中华人民共和国食品安全法")
    assert [version["date"] for version in food["versions"]] == ["2015-04-24", "2021-04-29"]


def test_one_law_lists_every_record_citing_it() -> None:
    code, out, _ = run(BUNDLED, "《食品安全法》", "--format", "json")  # as citations name it
    assert code == 0
    data = json.loads(out)
    assert data["law"]["title"] == "中华人民共和国食品安全法"
    assert {(c["kind"], c["key"]) for c in data["citations"]} >= {("power", "XK-330205-0101"), ("duties", "FG-2020-11")}
    licence = next(c for c in data["citations"] if c["key"] == "XK-330205-0101")
    assert licence == {
        "kind": "power",
        "key": "XK-330205-0101",
        "name": "食品经营许可",
        "unit": "scjgj",
        "field": "legal_basis",
        "article": "第三十五条第一款",
        "result": "ok",
        "checked": "2021-09-01",
    }


def test_the_worklist_of_laws_changed_since_a_date() -> None:
    code, out, _ = run(BUNDLED, "--changed-since", "2021-06-01")
    assert code == 0
    assert out.startswith("2021-06-01 以后有新版本的法律法规 6 部，引用 16 处待复核\n")
    assert "\n《中华人民共和国安全生产法》 新版本 2021-06-10\n" in out
    inspection = (
        "权力事项 JC-330205-1205 安全生产监督检查（yjglj） 第六十五条第一款第（一）项：通过（核对于 2021-09-01）"
    )
    assert f"  {inspection}\n" in out
    data = json.loads(run(BUNDLED, "--changed-since", "2021-06-01", "--format", "json")[1])
    assert data["since"] == "2021-06-01"
    assert [law["new_versions"] for law in data["laws"] if law["title"] == "中华人民共和国食品安全法"] == []


def test_results_and_csv_on_a_small_library(tmp_path: Path) -> None:
    root = small(tmp_path)
    data = json.loads(run(root, "食品安全法", "--format", "json")[1])
    assert [(c["article"], c["result"], c["checked"]) for c in data["citations"]] == [
        ("第三十五条", "mismatched", None),
        ("第三十六条", "ok", "2021-05-01"),
    ]
    summary = json.loads(run(root, "--format", "json")[1])
    assert summary["summary"]["unresolved"] == 1 and summary["summary"]["mismatched"] == 1
    assert summary["unknown"] == [{"law": "食品安全条例", "citations": 1}]
    _, out, _ = run(root, "--changed-since", "2020-01-01", "--format", "csv", lang="en")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[0] == ["law", "level", "current version", "kind", "key", "name", "unit", "article", "result", "checked"]
    assert rows[1][3:] == [
        "Power items",
        "XK-330205-0001",
        "食品经营许可",
        "scjgj",
        "第三十五条",
        "quotation differs from the current text",
        "",
    ]
    out_file = tmp_path / "laws.csv"
    assert run(root, "--format", "csv", "--out", str(out_file))[0] == 0
    first = out_file.read_text(encoding="utf-8-sig").splitlines()[1]
    assert first.startswith("中华人民共和国食品安全法,法律,2021-04-29")


def test_usage_errors(tmp_path: Path) -> None:
    code, _, err = run(BUNDLED, "中华人民共和国民法典")
    assert code == 2 and "法规库 laws 中没有“中华人民共和国民法典”" in err
    code, _, err = run(BUNDLED, "中华人民共和国民法典", lang="en")
    assert code == 2 and err.startswith("the law library laws has no")
    without = write_registry(tmp_path, {"power/scjgj.yaml": ITEMS})
    code, _, err = run(without)
    assert code == 2 and "没有法规库" in err
    code, _, err = run(BUNDLED, "--changed-since", "2021-13-01")
    assert code == 2 and "Traceback" not in err


def test_only_the_kinds_citing_laws_are_read(tmp_path: Path) -> None:
    """A clerk's half-written guide (a kind without legal bases) does not change the law report: `laws` reads
    only the kinds that cite laws, and the report is of their citations."""
    root = small(tmp_path / "clean")
    expected = run(root, "--changed-since", "2020-01-01", "--format", "json")
    (root / "guides").mkdir()
    (root / "guides" / "draft.yaml").write_text("guides: [unclosed\n", encoding="utf-8")
    assert run(root, "--changed-since", "2020-01-01", "--format", "json") == expected
    registry = load_registry(root, kinds=CITING)
    assert {info.kind for info in registry.files} == {POWER.name}
    assert [problem.file for problem in load_registry(root).problems] == ["guides/draft.yaml"]
