"""Service guides and internal matters in spreadsheets and diffs: a fee is one `收费` cell (`不收费`) or its
basis and standard in the dotted columns, materials, steps and FAQ are a line per entry, legal bases are
citations; export then import of the bundled lists changes nothing, and a clerk's edit is exactly the diff."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from qingdan.diff.engine import diff_registries
from qingdan.loader.load import load_registry
from qingdan.models.kinds import GUIDES, INTERNAL_MATTERS
from qingdan.sheets import export_sheet, import_sheet

BUNDLED = Path(__file__).parent.parent / "registry"


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(BUNDLED, root)
    return root


def rows_of(data: bytes) -> dict[str, dict[str, str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_a_guide_row_holds_its_fee_materials_and_steps(bundled: Path) -> None:
    rows = rows_of(export_sheet(bundled, GUIDES.name).data)
    assert len(rows) == 28
    free, charged = rows["ZN-FD-01"], rows["ZN-ZC-13"]
    assert (free["收费"], free["收费.收费依据"], free["收费.收费标准"]) == ("不收费", "", "")
    assert charged["收费"] == "" and charged["收费.收费标准"] == "农村宅基地及房屋登记每件收取证书工本费10元"
    assert free["申请材料"].splitlines()[0] == "最低生活保障申请书:原件:1:申请人自备::便民服务中心窗口可领取"
    assert free["办理流程"].splitlines()[1] == "家庭经济状况核对:区社会救助家庭经济状况核对中心:5工作日"
    assert free["常见问题"].splitlines()[0].startswith("户籍不在江北区，可以申请吗？:不可以。")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", [GUIDES.name, INTERNAL_MATTERS.name])
def test_export_then_import_of_the_bundled_lists_changes_nothing(
    bundled: Path, tmp_path: Path, fmt: str, kind: str
) -> None:
    before = snapshot(bundled)
    sheet = tmp_path / f"sheet.{fmt}"
    sheet.write_bytes(export_sheet(bundled, kind, fmt=fmt).data)
    report = import_sheet(bundled, sheet, kind)
    assert (report.errors, report.added, report.updated, report.written) == (0, 0, 0, [])
    assert report.unchanged == report.rows > 0
    assert snapshot(bundled) == before


def test_a_fee_edited_in_a_sheet_is_what_diff_shows(bundled: Path, tmp_path: Path) -> None:
    before = load_registry(bundled)
    sheet = tmp_path / "guides.csv"
    sheet.write_bytes(export_sheet(bundled, GUIDES.name).data)
    text = sheet.read_bytes().decode("utf-8-sig")
    start = text.index("ZN-ZC-12,")
    row_end = text.index("\r\nZN-ZC-13,", start)
    edited = text[start:row_end].replace(",不收费,,,", ",,《某某收费文件》,每件5元,", 1)
    sheet.write_bytes((text[:start] + edited + text[row_end:]).encode("utf-8-sig"))
    report = import_sheet(bundled, sheet, GUIDES.name)
    assert (report.errors, report.updated, report.written) == (0, 1, ["guides/2020.yaml"])
    changes = diff_registries(before, load_registry(bundled)).changes
    assert [(change.key, [(f.field, f.old, f.new) for f in change.fields]) for change in changes] == [
        ("ZN-ZC-12", [("fee", "不收费", "basis: 《某某收费文件》，standard: 每件5元")])
    ]
    written = (bundled / "guides" / "2020.yaml").read_text(encoding="utf-8")
    assert "    fee:\n      basis: 《某某收费文件》\n      standard: 每件5元\n" in written


def test_an_internal_matters_basis_is_a_citation_in_its_cell(bundled: Path) -> None:
    rows = rows_of(export_sheet(bundled, INTERNAL_MATTERS.name).data)
    assert rows["NB-ZQ-01"]["依据"] == "《中华人民共和国村民委员会组织法》第二十四条第一款第（八）项"
    assert rows["NB-ZQ-01"]["申请材料"].splitlines() == ["合同文本", "村民代表会议决议", "公开竞价结果公示材料"]
