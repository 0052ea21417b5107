"""`qingdan province`: three small registries with known divergences, every table of the report (JSON, CSV, the
DuckDB file and the HTML site), exports read like registries, the cache, and the SQL of `--sql` run as printed."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner, Result

from helpers import write_registry
from qingdan.cli import app

CATALOGUE = """\
基本编码,事项名称,事项类型,设定依据,行使层级,主管部门,上级编码,状态
000131024000,食品经营许可,行政许可,中华人民共和国食品安全法,县级,,,在用
000131001000,特种设备使用登记,行政许可,中华人民共和国特种设备安全法,县级,,,在用
000231001000,对违反食品安全法行为的处罚,行政处罚,中华人民共和国食品安全法,县级,,,在用
000531001000,临时救助,行政给付,社会救助暂行办法,乡镇级,,,在用
000731009000,无人实施的确认,行政确认,某条例,县级,,,在用
"""
FOOD = "《中华人民共和国食品安全法》第三十五条"
BOILER = "《中华人民共和国特种设备安全法》第三十三条"
RELIEF = "《社会救助暂行办法》第四十七条"


def _item(code: str, name: str, kind: str, basis: str, catalog: str | None, unit: str = "scjgj") -> str:
    line = f"  - {{code: {code}, name: {name}, type: {kind}, unit: {unit}, legal_basis: ['{basis}']"
    return line + (f', catalog_code: "{catalog}"}}' if catalog else "}")


def _district(root: Path, region: str, name: str, items: list[str]) -> Path:
    settings = f'qingdan: 1\nregion: {{code: "{region}", name: {name}}}\ncatalogue: {{file: catalogue/zj.csv}}\n'
    files = {
        "qingdan.yaml": settings,
        "catalogue/zj.csv": CATALOGUE,
        "power/all.yaml": "items:\n" + "\n".join(items) + "\n",
    }
    return write_registry(root, files)


def province(tmp: Path) -> Path:
    """宁波市江北区 matches the catalogue; 北仑区 renames an item, cites a law by its short name and leaves a code
    off; 镇海区 files an entry under another type and gives 食品经营许可's name to another entry's code."""
    folder = tmp / "province"
    _district(folder / "jiangbei", "330205", "宁波市江北区", [
        _item("XK-330205-0001", "食品经营许可", "行政许可", FOOD, "000131024000"),
        _item("XK-330205-0002", "特种设备使用登记", "行政许可", BOILER, "000131001000"),
        _item("CF-330205-0003", "对违反食品安全法行为的处罚", "行政处罚", FOOD, "000231001000"),
        _item("GF-330205-0004", "临时救助", "行政给付", RELIEF, "000531001000", unit="wenjiao"),
    ])  # fmt: skip
    _district(folder / "beilun", "330206", "宁波市北仑区", [
        _item("XK-330206-0001", "食品经营许可证核发", "行政许可", FOOD, "000131024000"),
        _item("XK-330206-0002", "特种设备使用登记", "行政许可", "《特种设备安全法》第三十三条", "000131001000"),
        _item("CF-330206-0003", "对违反食品安全法行为的处罚", "行政处罚", FOOD, "000231001000"),
        _item("GF-330206-0004", "临时救助", "行政给付", RELIEF, None, unit="wenjiao"),
    ])  # fmt: skip
    _district(folder / "zhenhai", "330211", "宁波市镇海区", [
        _item("XK-330211-0001", "食品经营许可", "行政许可", FOOD, "000131024000"),
        _item("QR-330211-0002", "特种设备使用登记", "行政确认", BOILER, "000131001000"),
        _item("CF-330211-0003", "食品经营许可", "行政处罚", FOOD, "000231001000"),
    ])  # fmt: skip
    return folder


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def report(folder: Path, *extra: str) -> dict[str, Any]:
    result = run("province", str(folder), "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def rows(document: dict[str, Any], table: str, *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(row[column] for column in columns) for row in document[table]]


def test_per_district(tmp_path: Path) -> None:
    document = report(province(tmp_path))
    columns = ("district", "errors", "items", "district_level", "street_level", "coded", "matching", "differing",
               "unknown", "not_implemented", "uncoded")  # fmt: skip
    assert rows(document, "district_summary", *columns) == [
        ("330205", 0, 4, 3, 1, 4, 4, 0, 0, 1, 0),
        ("330206", 2, 4, 3, 1, 3, 1, 2, 0, 2, 1),
        ("330211", 2, 3, 3, 0, 3, 1, 2, 0, 2, 0),
    ]
    assert document["catalogue"].endswith("zj.csv") and document["skipped"] == []


def test_per_entry(tmp_path: Path) -> None:
    document = report(province(tmp_path))
    columns = ("entry", "district", "element", "district_value", "catalogue_value", "items")
    assert rows(document, "differences", *columns) == [
        ("000131001000", "330206", "legal_basis", "特种设备安全法", None, 1),
        ("000131001000", "330206", "legal_basis", None, "中华人民共和国特种设备安全法", 1),
        ("000131001000", "330211", "type", "行政确认", "行政许可", 1),
        ("000131024000", "330206", "name", "食品经营许可证核发", "食品经营许可", 1),
        ("000231001000", "330211", "name", "食品经营许可", "对违反食品安全法行为的处罚", 1),
    ]
    summary = rows(document, "entry_summary", "code", "districts", "district_level", "street_level", "differing")
    assert summary == [
        ("000131001000", 3, 3, 0, 2),
        ("000131024000", 3, 3, 0, 1),
        ("000231001000", 3, 3, 0, 1),
        ("000531001000", 1, 0, 1, 0),
        ("000731009000", 0, 0, 0, 0),
    ]
    assert ("000531001000", "330205", "街道(镇)", 1) in rows(
        document, "implementations", "entry", "district", "level", "items"
    )
    assert rows(document, "unimplemented", "code") == [("000731009000",)]


def test_across_districts(tmp_path: Path) -> None:
    document = report(province(tmp_path))
    assert rows(document, "same_code_names", "code", "name", "district") == [
        ("000131024000", "食品经营许可", "330205"),
        ("000131024000", "食品经营许可", "330211"),
        ("000131024000", "食品经营许可证核发", "330206"),
        ("000231001000", "对违反食品安全法行为的处罚", "330205"),
        ("000231001000", "对违反食品安全法行为的处罚", "330206"),
        ("000231001000", "食品经营许可", "330211"),
    ]
    assert rows(document, "same_code_types", "code", "type", "district") == [
        ("000131001000", "行政确认", "330211"),
        ("000131001000", "行政许可", "330205"),
        ("000131001000", "行政许可", "330206"),
    ]
    assert rows(document, "same_name_codes", "name", "code", "district") == [
        ("食品经营许可", "000131024000", "330205"),
        ("食品经营许可", "000131024000", "330211"),
        ("食品经营许可", "000231001000", "330211"),
    ]
    assert rows(document, "should_carry_code", "district", "code", "entry") == [
        ("330206", "GF-330206-0004", "000531001000")
    ]


def test_the_duckdb_file_holds_the_tables_as_views(tmp_path: Path) -> None:
    database = tmp_path / "province.duckdb"
    assert run("province", str(province(tmp_path)), "--format", "duckdb", "--out", str(database)).exit_code == 1
    with duckdb.connect(str(database), read_only=True) as connection:
        views = {
            row[0] for row in connection.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        }
        assert {"district_summary", "differences", "same_code_names", "should_carry_code"} <= views
        found = connection.execute(
            "SELECT d.name, count(*) FROM differences f JOIN districts d ON d.district = f.district"
            " GROUP BY ALL ORDER BY 1"
        ).fetchall()
    assert found == [("宁波市北仑区", 3), ("宁波市镇海区", 2)]


def test_the_printed_sql_runs_as_printed(tmp_path: Path) -> None:
    """`--sql` over the base tables of the DuckDB file gives the report's own tables."""
    database = tmp_path / "province.duckdb"
    run("province", str(province(tmp_path)), "--format", "duckdb", "--out", str(database))
    script = run("province", str(tmp_path), "--sql").stdout
    assert "CROSS JOIN UNNEST" in script and "string_agg(" not in script
    fresh = duckdb.connect()
    fresh.execute(f"ATTACH '{database}' AS report (READ_ONLY)")
    for table in ("districts", "power", "units", "catalogue", "catalogue_levels", "catalogue_laws"):
        fresh.execute(f"CREATE TABLE {table} AS SELECT * FROM report.{table}")
    fresh.execute(script)
    mine = fresh.execute("SELECT * FROM district_summary ORDER BY district").fetchall()
    theirs = fresh.execute("SELECT * FROM report.district_summary ORDER BY district").fetchall()
    assert mine == theirs and len(mine) == 3


def test_csv_and_html(tmp_path: Path) -> None:
    folder = province(tmp_path)
    assert run("province", str(folder), "--format", "csv", "--out", str(tmp_path / "csv")).exit_code == 1
    with (tmp_path / "csv" / "should_carry_code.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert [row["code"] for row in csv.DictReader(stream)] == ["GF-330206-0004"]
    site = tmp_path / "site"
    assert run("province", str(folder), "--out", str(site)).exit_code == 1
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "宁波市：各区县清单比对" in index and 'href="districts/330206.html"' in index
    entry = (site / "entries" / "000131024000.html").read_text(encoding="utf-8")
    assert "食品经营许可证核发" in entry and "宁波市北仑区" in entry
    assert "GF-330206-0004" in (site / "districts" / "330206.html").read_text(encoding="utf-8")
    assert (site / "style.css").is_file()


def test_site_cuts_what_grows_with_the_districts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A country's site: a table longer than SHOWN rows shows its first and says how many there are; an entry's
    variants give the number of districts, not their names, beyond LISTED districts (the other formats keep all)."""
    from qingdan.province import site as site_module

    monkeypatch.setattr(site_module, "SHOWN", 1)
    monkeypatch.setattr(site_module, "LISTED", 2)
    site = tmp_path / "site"
    assert run("province", str(province(tmp_path)), "--out", str(site)).exit_code == 1
    district = (site / "districts" / "330206.html").read_text(encoding="utf-8")
    assert "共 3 行，此处列出前 1 行；全部见 --format json、csv 或 duckdb 的 differences 表" in district
    assert district.count('href="../entries/') == 1
    names = (site / "names.html").read_text(encoding="utf-8")
    assert "的 same_name_codes 表" in names and names.count("<td>食品经营许可</td>") == 1
    entry = (site / "entries" / "000131024000.html").read_text(encoding="utf-8")
    variants = entry[entry.index("<h2>同码不同名</h2>") :]
    assert "宁波市" not in variants
    assert "（区县较多，名单见 --format json、csv 或 duckdb 的 same_code_names 表）" in variants


def test_two_processes_render_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A country's pages are rendered by two processes: the site is the one a single process writes."""
    from qingdan.province import site as site_module

    folder = province(tmp_path)
    assert run("province", str(folder), "--out", str(tmp_path / "one")).exit_code == 1
    monkeypatch.setattr(site_module, "TWO_FROM", 0)
    monkeypatch.setenv("QINGDAN_CACHE_DIR", str(tmp_path / "another-cache"))  # not the first site from the cache
    assert run("province", str(folder), "--out", str(tmp_path / "two")).exit_code == 1
    one = {path.relative_to(tmp_path / "one"): path.read_bytes() for path in (tmp_path / "one").rglob("*.*")}
    two = {path.relative_to(tmp_path / "two"): path.read_bytes() for path in (tmp_path / "two").rglob("*.*")}
    assert len(one) == 11 and one == two


def test_exports_count_as_their_registries(tmp_path: Path) -> None:
    folder = province(tmp_path)
    for name, shape in (("beilun", "parquet"), ("zhenhai", "datapackage")):
        exported = subprocess.run(
            [str(Path(__file__).parent.parent / ".venv" / "bin" / "qingdan"), "--registry", str(folder / name),
             "export", "--format", shape, "--out", str(tmp_path / "exports" / name)],
            capture_output=True, check=False,
        )  # fmt: skip
        assert exported.returncode == 0, exported.stderr
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for name in ("beilun", "zhenhai"):
        (tmp_path / "exports" / name).rename(mixed / name)
    (folder / "jiangbei").rename(mixed / "jiangbei")
    document = report(mixed)
    original = report(province(tmp_path / "again"))
    assert rows(document, "differences", "entry", "district", "element") == rows(
        original, "differences", "entry", "district", "element"
    )
    assert rows(document, "district_summary", "district", "source", "errors") == [
        ("330205", "registry", 0),
        ("330206", "parquet", None),
        ("330211", "datapackage", None),
    ]


def test_a_rerun_reads_no_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = province(tmp_path)
    first = report(folder)
    import qingdan.loader.load

    def refuse(*_: object) -> None:
        raise AssertionError("a registry was read")

    monkeypatch.setattr(qingdan.loader.load, "load_registry", refuse)
    assert report(folder) == first  # the same report, from the cache
    csv_out = run("province", str(folder), "--format", "csv", "--out", str(tmp_path / "csv"))
    assert csv_out.exit_code == 1 and (tmp_path / "csv" / "differences.csv").is_file()  # staged tables reused


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_districts_are_left_out_with_a_line_each(tmp_path: Path, lang: str) -> None:
    folder = province(tmp_path)
    write_registry(folder / "broken", {"qingdan.yaml": "qingdan: 2\n"})
    (folder / "notes").mkdir()
    (folder / "notes" / "readme.txt").write_text("x", encoding="utf-8")
    outside = write_registry(
        tmp_path / "elsewhere", {"qingdan.yaml": 'qingdan: 1\nregion: {code: "330299", name: 外区}\n'}
    )
    (folder / "linked").symlink_to(outside)
    torn = folder / "torn"
    torn.mkdir()
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"code": ["XK-330212-0001"], "name": ["x"]}), torn / "power.parquet")
    pq.write_table(pa.table({"id": ["a"], "name": ["b"], "kind": ["部门"]}), torn / "units.parquet")
    result = run("--lang", lang, "province", str(folder), "--format", "json")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    lines = result.stderr
    expected = {
        "zh": (
            "QD007",
            "既不是清单库",
            "符号链接指向全省文件夹之外",
            "缺少列 type, unit, parent, legal_basis, catalog_code",
        ),
        "en": ("QD007", "neither a registry", "symbolic link leading out", "missing columns type, unit"),
    }[lang]
    for part in expected:
        assert part in lines, (part, lines)
    assert [row["district"] for row in json.loads(result.stdout)["district_summary"]] == ["330205", "330206", "330211"]


def test_twins_and_empty_folders_stop_the_run(tmp_path: Path) -> None:
    folder = province(tmp_path)
    _district(folder / "jiangbei-copy", "330205", "宁波市江北区", [])
    twins = run("province", str(folder), "--format", "json")
    assert twins.exit_code == 2 and "330205" in twins.stderr and "jiangbei-copy" in twins.stderr
    (tmp_path / "empty").mkdir()
    empty = run("--lang", "en", "province", str(tmp_path / "empty"), "--format", "json")
    assert empty.exit_code == 2 and "holds no district" in empty.stderr
    missing = run("province", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x"))
    assert missing.exit_code == 2 and "不是文件夹" in missing.stderr
    no_out = run("province", str(folder))
    assert no_out.exit_code == 2 and "--out" in no_out.stderr


def test_districts_on_different_catalogues_need_one_named(tmp_path: Path) -> None:
    folder = province(tmp_path)
    edition = folder / "zhenhai" / "catalogue" / "zj.csv"
    edition.write_text(CATALOGUE.replace("无人实施的确认", "新版条目"), encoding="utf-8")
    stopped = run("province", str(folder), "--format", "json")
    assert stopped.exit_code == 2 and "--catalogue" in stopped.stderr and "330211" in stopped.stderr
    chosen = report(folder, "--catalogue", str(edition))
    assert rows(chosen, "unimplemented", "code", "name") == [("000731009000", "新版条目")]
    assert chosen["catalogue"] == str(edition)
