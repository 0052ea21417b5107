"""`qingdan export`: headers from the models, one record a row, lists one value per line, citations,
text cells in xlsx, and formula-like values made inert (SPEC §8)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from helpers import write_registry
from qingdan.cli import app
from qingdan.models.columns import columns_of
from qingdan.models.kinds import KINDS, POWER
from qingdan.sheets import export_sheet
from qingdan.sheets.cells import neutralise, restore, sheet_columns

HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+1", "-1", "\tlead", "\rcr", "'quoted", "''twice"]

ITEMS = """\
# 区市场监督管理局
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis:
      - {law: 中华人民共和国食品安全法, article: 第三十五条, text: 国家对食品生产经营实行许可制度。}
      - 《浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定》第八条
    responsibilities: [受理责任, 审查责任]
    note: "010"
  - code: JC-330205-0002
    name: 食品安全监督检查
    type: 行政检查
    legal_basis: [中华人民共和国食品安全法]
"""
MZJ = """\
unit: mzj
items:
  - code: GF-330205-0101
    name: 临时救助
    type: 行政给付
    legal_basis: [社会救助暂行办法]
"""


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "registry", {"power/scjgj.yaml": ITEMS, "power/mzj.yaml": MZJ})


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8 only with a BOM
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_csv_has_the_labels_as_headers_and_one_record_a_row(registry: Path) -> None:
    rows = _csv_rows(export_sheet(registry, "power").data)
    assert rows[0] == [column.label for column in sheet_columns(POWER.model)]
    assert rows[0][0] == "事项编码" and rows[0][-1] == "备注"
    assert [row[0] for row in rows[1:]] == ["GF-330205-0101", "XK-330205-0001", "JC-330205-0002"]  # file order
    first = dict(zip(rows[0], rows[2], strict=True))
    assert first["实施主体"] == "scjgj"  # the file's default, spelled out
    assert first["责任事项"] == "受理责任\n审查责任"
    assert first["设定依据"] == (
        "《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。\n"
        "《浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定》第八条"
    )
    assert first["备注"] == "010"
    assert len(rows) == 4


def test_csv_rows_end_in_crlf_like_excel(registry: Path) -> None:
    data = export_sheet(registry, "power").data
    assert data.count(b"\r\n") == 4
    assert b"\xe5\x8f\x97\xe7\x90\x86\xe8\xb4\xa3\xe4\xbb\xbb\n" in data  # a line break inside a cell stays LF


def test_english_headers_are_the_keys(registry: Path) -> None:
    rows = _csv_rows(export_sheet(registry, "power", header="en").data)
    assert rows[0][:4] == ["code", "name", "type", "unit"]
    assert "adjustment.type" in rows[0]


@pytest.mark.parametrize("kind", [kind.name for kind in KINDS])
def test_every_kind_exports_every_column(sample: Path, kind: str) -> None:
    model = next(each.model for each in KINDS if each.name == kind)
    rows = _csv_rows(export_sheet(sample, kind).data)
    assert sorted(rows[0]) == sorted(column.label for column in columns_of(model))
    assert len(rows) > 1


def test_assessment_parties_and_indicators_are_lines(sample: Path) -> None:
    rows = _csv_rows(export_sheet(sample, "assessments").data)
    record = dict(zip(rows[0], rows[1], strict=True))
    assert all(line.count(":") in (1, 2) for line in record["考核主体"].splitlines())
    assert record["考核主体"].splitlines()[0].split(":")[0] in ("区级部门", "街道(镇)", "社会")
    assert all(line.count(":") >= 2 for line in record["考核指标"].splitlines())


def test_unit_filter_exports_one_department(registry: Path) -> None:
    rows = _csv_rows(export_sheet(registry, "power", unit="mzj").data)
    assert [row[0] for row in rows[1:]] == ["GF-330205-0101"]


def test_unit_filter_refuses_an_unknown_unit_and_other_kinds(registry: Path) -> None:
    assert run("--registry", str(registry), "export", "--kind", "power", "--unit", "nobody").exit_code == 2
    result = run("--registry", str(registry), "export", "--kind", "units", "--unit", "mzj")
    assert result.exit_code == 2
    assert "--unit" in result.output


def test_xlsx_cells_are_text_with_a_frozen_header(registry: Path) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(export_sheet(registry, "power", fmt="xlsx").data))
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.title == POWER.title  # the kind table names the sheet
    assert [cell.value for cell in sheet[1]][:2] == ["事项编码", "事项名称"]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.number_format == "@", cell.coordinate
            assert cell.data_type == "s" or cell.value is None, cell.coordinate
    assert sheet.cell(3, len(sheet[1])).value == "010"  # the note: still text with its leading zero
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGH"]
    assert all(8 <= width <= 60 for width in widths)
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width - 1


def test_an_eighteen_digit_code_stays_text(tmp_path: Path) -> None:
    units = "units:\n  - {id: mzj, name: 区民政局, kind: 部门}\n  - {id: c, name: 社区, kind: 社区, parent: s}\n"
    units += "  - {id: s, name: 街道, kind: 街道, division_code: '330205004000', note: '330205004000123456'}\n"
    root = write_registry(tmp_path / "registry", {"units.yaml": units})
    sheet = openpyxl.load_workbook(io.BytesIO(export_sheet(root, "units", fmt="xlsx").data)).worksheets[0]
    values = {cell.value for row in sheet.iter_rows() for cell in row}
    assert {"330205004000", "330205004000123456"} <= values


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_values_are_inert_in_csv(tmp_path: Path, value: str) -> None:
    root = write_registry(tmp_path / "registry", {"power/scjgj.yaml": _with_name_and_note(value)})
    rows = _csv_rows(export_sheet(root, "power").data)
    note = rows[1][-1]
    assert note.startswith("'") and restore(note) == value
    assert rows[1][1].startswith("'") and restore(rows[1][1]) == "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_values_are_text_cells_in_xlsx(tmp_path: Path, value: str) -> None:
    root = write_registry(tmp_path / "registry", {"power/scjgj.yaml": _with_name_and_note(value)})
    workbook = openpyxl.load_workbook(io.BytesIO(export_sheet(root, "power", fmt="xlsx").data))
    row = next(workbook.worksheets[0].iter_rows(min_row=2, max_row=2))
    for cell in (row[1], row[-1]):
        assert cell.data_type == "s"  # never "f": no spreadsheet evaluates it
    from qingdan.sheets.read import cell_text

    assert cell_text(row[-1].value) == value


def test_neutralise_and_restore_are_inverse() -> None:
    for value in [*HOSTILE, "plain", "", "a'b", "中文"]:
        assert restore(neutralise(value)) == value
    assert neutralise("plain") == "plain"


def test_a_value_a_cell_cannot_keep_is_refused(tmp_path: Path) -> None:
    item = ITEMS.replace("responsibilities: [受理责任, 审查责任]", 'responsibilities: ["受理\\n责任"]')
    root = write_registry(tmp_path / "registry", {"power/scjgj.yaml": item})
    result = run("--registry", str(root), "export", "--kind", "power")
    assert result.exit_code == 2
    assert "responsibilities" in result.output


def test_cli_writes_a_file_and_says_so(registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "scjgj.xlsx"
    result = run("--registry", str(registry), "export", "--kind", "power", "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0
    assert "已导出 3 条记录" in result.output
    assert out.read_bytes().startswith(b"PK")


def test_cli_prints_csv_to_stdout(registry: Path) -> None:
    result = run("--registry", str(registry), "export", "--kind", "power", "--unit", "mzj")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf\xe4\xba\x8b")  # BOM, then 事项编码


def _with_name_and_note(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    return f"""\
unit: scjgj
items:
  - code: XK-330205-0001
    name: "=cmd|' /C calc'!A0"
    type: 行政许可
    legal_basis: [中华人民共和国食品安全法]
    note: "{escaped}"
"""
