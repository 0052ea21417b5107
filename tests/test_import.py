"""`qingdan import`: every row checked as validate checks it, problems at FILE:ROW:COLUMN, records upserted
in the files that hold them with comments and untouched bytes kept, and all files written or none (§8, §9)."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from helpers import write_registry
from qingdan.diff.engine import diff_registries
from qingdan.loader.load import load_registry
from qingdan.models.kinds import KINDS, POWER
from qingdan.sheets import export_sheet, import_sheet
from qingdan.validation.validate import validate
from qingdan.writing import atomic

SCJGJ = """\
# yaml-language-server: $schema=../schemas/power.schema.json
# 区市场监督管理局权责清单
unit: scjgj
items:
  - code: XK-330205-0001  # 主项
    name: 食品经营许可
    type: 行政许可
    legal_basis:
      - law: 中华人民共和国食品安全法
        article: 第三十五条
        text: 国家对食品生产经营实行许可制度。
    responsibilities: [受理责任, 审查责任]
    note: 经营许可

  # 子项
  - code: XK-330205-0001-01
    name: 食品经营许可（新办）
    type: 行政许可
    parent: XK-330205-0001

  - code: JC-330205-0002
    name: 食品安全监督检查
    type: 行政检查
    legal_basis:
      - 《中华人民共和国食品安全法》第八十七条
"""
MZJ_CSV = (
    "事项编码,事项名称,事项类型,实施主体,设定依据\r\n"
    "GF-330205-0101,临时救助,行政给付,mzj,《社会救助暂行办法》第四十七条\r\n"
    "GF-330205-0102,最低生活保障,行政给付,mzj,《社会救助暂行办法》第九条\r\n"
)


def run(*args: str) -> Result:
    result = CliRunner().invoke(app_(), list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert "Traceback" not in result.output
    return result


def app_() -> object:
    from qingdan.cli import app

    return app


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "registry", {"power/scjgj.yaml": SCJGJ, "power/mzj.csv": MZJ_CSV.encode()})


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def sheet_of(root: Path, tmp_path: Path, fmt: str = "csv", **options: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"sheet.{fmt}"
    path.write_bytes(export_sheet(root, options.pop("kind", "power"), fmt=fmt, **options).data)
    return path


def edit_csv(path: Path, old: str, new: str, encoding: str = "utf-8-sig") -> Path:
    text = path.read_bytes().decode("utf-8-sig")
    assert old in text
    path.write_bytes(text.replace(old, new, 1).encode(encoding))
    return path


def edit_xlsx(path: Path, edits: dict[tuple[str, str], str | None]) -> Path:
    """Change cells as a clerk would in Excel: (record key, header) → new value."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    columns = {cell.value: cell.column for cell in sheet[1]}
    rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    for (key, header), value in edits.items():
        sheet.cell(rows[key], columns[header]).value = value
    _save(workbook, path)
    return path


def _save(workbook: openpyxl.Workbook, path: Path) -> None:
    with warnings.catch_warnings():  # openpyxl's scratch files are opened without an encoding (harmless)
        warnings.simplefilter("ignore", EncodingWarning)
        workbook.save(path)


# --- nothing to change -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", [kind.name for kind in KINDS])
def test_an_unchanged_sheet_changes_nothing(sample: Path, tmp_path: Path, fmt: str, kind: str) -> None:
    before = snapshot(sample)
    report = import_sheet(sample, sheet_of(sample, tmp_path, fmt, kind=kind), kind)
    assert (report.errors, report.added, report.updated, report.written) == (0, 0, 0, [])
    assert report.unchanged == report.rows > 0
    assert snapshot(sample) == before


def test_a_legal_basis_keeps_its_checked_date(sample: Path, tmp_path: Path) -> None:
    """A citation string cannot hold `checked`: an entry the sheet leaves as it was keeps the file's date, even
    when another entry of the same field changes."""
    cited = "《中华人民共和国教师法》第十三条第一款：中小学教师资格由县级以上地方人民政府教育行政部门认定。"
    sheet = edit_csv(sheet_of(sample, tmp_path, unit="jyj"), f",{cited},", f',"{cited}\n《教师资格条例》第十三条",')
    assert import_sheet(sample, sheet, "power").updated == 1
    text = (sample / "power/jyj.yaml").read_text(encoding="utf-8")
    assert "        checked: 2021-01-15\n      - law: 教师资格条例\n        article: 第十三条\n" in text


# --- a clerk's round trip ----------------------------------------------------------------------------


def test_a_clerks_xlsx_edits_are_exactly_what_diff_shows(registry: Path, tmp_path: Path) -> None:
    before_bytes = snapshot(registry)
    before = load_registry(registry)
    sheet = sheet_of(registry, tmp_path, "xlsx", unit="scjgj")
    edit_xlsx(
        sheet,
        {
            ("XK-330205-0001", "事项名称"): "食品经营许可（含网络）",
            ("JC-330205-0002", "责任事项"): "检查责任\n处置责任",
        },
    )
    result = run("--registry", str(registry), "import", str(sheet), "--kind", "power")
    assert result.exit_code == 0, result.output
    assert "更新 2 条" in result.output
    changes = diff_registries(before, load_registry(registry)).changes
    assert {(change.key, field.field, field.new) for change in changes for field in change.fields} == {
        ("XK-330205-0001", "name", "食品经营许可（含网络）"),
        ("JC-330205-0002", "responsibilities", "检查责任；处置责任"),
    }
    text = (registry / "power/scjgj.yaml").read_text(encoding="utf-8")
    for comment in ("# yaml-language-server", "# 区市场监督管理局权责清单", "# 主项", "# 子项"):
        assert comment in text
    assert "    name: 食品经营许可（含网络）\n" in text
    assert "    responsibilities:\n      - 检查责任\n      - 处置责任\n" in text
    assert "\n\n  # 子项\n" in text  # the blank line and comment between records are where they were
    after_bytes = snapshot(registry)
    assert {name for name in after_bytes if after_bytes[name] != before_bytes[name]} == {"power/scjgj.yaml"}


def test_only_the_changed_lines_change(registry: Path, tmp_path: Path) -> None:
    original = (registry / "power/scjgj.yaml").read_text(encoding="utf-8").splitlines()
    sheet = edit_csv(sheet_of(registry, tmp_path), "食品安全监督检查", "食品安全监督检查（日常）")
    assert import_sheet(registry, sheet, "power").updated == 1
    written = (registry / "power/scjgj.yaml").read_text(encoding="utf-8").splitlines()
    assert [pair for pair in zip(original, written, strict=True) if pair[0] != pair[1]] == [
        ("    name: 食品安全监督检查", "    name: 食品安全监督检查（日常）")
    ]


def test_a_record_in_a_csv_file_is_updated_in_that_file(registry: Path, tmp_path: Path) -> None:
    sheet = edit_csv(sheet_of(registry, tmp_path, unit="mzj"), "最低生活保障", "最低生活保障审批")
    report = import_sheet(registry, sheet, "power")
    assert report.written == ["power/mzj.csv"]
    expected = MZJ_CSV.replace("最低生活保障", "最低生活保障审批")
    assert (registry / "power/mzj.csv").read_bytes() == expected.encode("utf-8")  # CRLF kept, no BOM added


def test_a_gb18030_csv_file_keeps_its_encoding(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "registry", {"power/mzj.csv": MZJ_CSV.encode("gb18030")})
    sheet = edit_csv(sheet_of(root, tmp_path / "sheet"), "临时救助", "临时救助审批")
    import_sheet(root, sheet, "power")
    assert (root / "power/mzj.csv").read_bytes() == MZJ_CSV.replace("临时救助", "临时救助审批").encode("gb18030")


def test_an_emptied_cell_removes_the_field_and_a_missing_column_keeps_it(registry: Path, tmp_path: Path) -> None:
    sheet = edit_csv(sheet_of(registry, tmp_path), ",经营许可\r\n", ",\r\n")
    import_sheet(registry, sheet, "power")
    assert "note" not in (registry / "power/scjgj.yaml").read_text(encoding="utf-8")
    partial = tmp_path / "partial.csv"
    partial.write_text("事项编码,事项名称\nJC-330205-0002,食品安全检查\n", encoding="utf-8")
    import_sheet(registry, partial, "power")
    item = load_registry(registry).by_key(POWER)["JC-330205-0002"]
    assert (item.name, item.item_type.value, len(item.legal_basis or [])) == ("食品安全检查", "行政检查", 1)


def test_a_changed_legal_basis_keeps_the_form_it_was_written_in(registry: Path, tmp_path: Path) -> None:
    sheet = edit_csv(sheet_of(registry, tmp_path), "第八十七条", "第八十七条：县级以上人民政府食品安全监督管理部门……")
    sheet = edit_csv(sheet, "第三十五条：", "第三十五条第一款：")
    import_sheet(registry, sheet, "power")
    text = (registry / "power/scjgj.yaml").read_text(encoding="utf-8")
    assert "      - 《中华人民共和国食品安全法》第八十七条：县级以上人民政府食品安全监督管理部门……\n" in text
    assert "        article: 第三十五条第一款\n" in text


# --- new records -------------------------------------------------------------------------------------


def test_a_new_record_goes_to_its_units_file_created_as_needed(registry: Path, tmp_path: Path) -> None:
    (registry / "schemas").mkdir()
    (registry / "schemas/power.schema.json").write_text("{}", encoding="utf-8")
    sheet = tmp_path / "new.csv"
    sheet.write_text(
        "事项编码,事项名称,事项类型,实施主体,设定依据\nQR-330205-0201,婚姻登记,行政确认,wenjiao,《婚姻登记条例》第二条\n",
        "utf-8",
    )
    report = import_sheet(registry, sheet, "power")
    assert (report.added, report.written) == (1, ["power/wenjiao.yaml"])
    assert (registry / "power/wenjiao.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schemas/power.schema.json\n"
        "unit: wenjiao\n"
        "items:\n"
        "  - code: QR-330205-0201\n"
        "    name: 婚姻登记\n"
        "    type: 行政确认\n"
        "    legal_basis:\n"
        "      - law: 婚姻登记条例\n"
        "        article: 第二条\n"
    )
    assert not [found for found in validate(registry).problems if found.severity == "error"]


def test_into_names_the_file_for_new_records(registry: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "new.csv"
    sheet.write_text("code,name,type,unit,legal_basis\nQR-330205-0201,婚姻登记,行政确认,mzj,婚姻登记条例\n", "utf-8")
    report = import_sheet(registry, sheet, "power", into=registry / "power/scjgj.yaml")
    assert report.written == ["power/scjgj.yaml"]
    text = (registry / "power/scjgj.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "\n\n  - code: QR-330205-0201\n    name: 婚姻登记\n    type: 行政确认\n    unit: mzj\n"
        "    legal_basis:\n      - law: 婚姻登记条例\n"
    )
    outside = run("--registry", str(registry), "import", str(sheet), "--kind", "power", "--into", "units.yaml")
    assert outside.exit_code == 2
    assert "--into" in outside.output


# --- bad sheets: nothing is written ------------------------------------------------------------------


def test_a_bad_row_writes_nothing_and_points_at_its_cell(registry: Path, tmp_path: Path) -> None:
    before = snapshot(registry)
    sheet = edit_csv(sheet_of(registry, tmp_path), "食品经营许可（新办）,行政许可", "食品经营许可（新办）,许可")
    sheet = edit_csv(sheet, "食品安全监督检查", "食品安全监督检查（改）")
    result = run("--registry", str(registry), "import", str(sheet), "--kind", "power")
    assert result.exit_code == 1
    assert f"{sheet.as_posix()}:5:3: 错误 QD005 事项类型：" in result.output
    assert "未写入任何文件" in result.output
    assert snapshot(registry) == before


def test_a_code_that_breaks_its_template_is_reported_at_the_code_cell(registry: Path, tmp_path: Path) -> None:
    before = snapshot(registry)
    sheet = tmp_path / "new.csv"
    sheet.write_text(
        "事项名称,事项编码,事项类型,实施主体,设定依据\n婚姻登记,QR-330205-21,行政确认,mzj,婚姻登记条例\n", "utf-8"
    )
    report = import_sheet(registry, sheet, "power")
    assert [(found.line, found.column, found.check, found.field) for found in report.problems] == [
        (2, 2, "QD102", "事项编码")
    ]
    assert snapshot(registry) == before


def test_a_change_that_breaks_another_record_is_reported_there(registry: Path, tmp_path: Path) -> None:
    before = snapshot(registry)
    sheet = tmp_path / "parent.csv"
    sheet.write_text("事项编码,事项类型\nXK-330205-0001,行政处罚\n", "utf-8")
    result = run("--lang", "en", "--registry", str(registry), "import", str(sheet), "--kind", "power")
    assert result.exit_code == 1
    assert f"{sheet.as_posix()}:2:1: error QD102 [事项编码]" in result.output  # XK no longer fits the type
    assert "power/scjgj.yaml:18:11: error QD107 (after the import)" in result.output  # the child not in the sheet
    assert snapshot(registry) == before


def test_problems_of_the_sheet_itself(registry: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text("事项编码,事项名称,事项名称,颜色\nJC-330205-0002,a,b,红\nJC-330205-0002,a,b,红\n", "utf-8")
    found = {(p.line, p.column, p.check) for p in import_sheet(registry, sheet, "power").problems}
    assert found == {(1, 3, "QD002"), (1, 4, "QD003"), (3, 1, "QD101")}
    keyless = tmp_path / "keyless.csv"
    keyless.write_text("事项名称\n食品\n", "utf-8")
    assert [(p.line, p.check) for p in import_sheet(registry, keyless, "power").problems] == [(1, "QD004")]


def test_a_formula_a_clerk_typed_is_refused(registry: Path, tmp_path: Path) -> None:
    sheet = edit_xlsx(sheet_of(registry, tmp_path, "xlsx"), {("JC-330205-0002", "备注"): "=1+1"})
    found = import_sheet(registry, sheet, "power").problems
    assert [(p.check, p.key, p.field) for p in found] == [("QD005", "QD005.formula", "备注")]


def test_a_variant_spelling_is_normalised_with_a_warning(sample: Path, tmp_path: Path) -> None:
    sheet = sheet_of(sample, tmp_path, kind="assessments")
    text = sheet.read_bytes().decode("utf-8-sig")
    sheet.write_bytes(text.replace("街道(镇):", "街道（镇）:", 1).encode("utf-8-sig"))
    report = import_sheet(sample, sheet, "assessments")
    assert [(p.check, p.field) for p in report.problems] == [("QD006", "考核主体")]
    assert report.errors == 0 and report.written == []  # normalised, it is what the file already holds


# --- encodings and file types ------------------------------------------------------------------------


def test_a_gb18030_sheet_imports(registry: Path, tmp_path: Path) -> None:
    sheet = edit_csv(sheet_of(registry, tmp_path), "食品安全监督检查", "食品安全监督检查（专项）", encoding="gb18030")
    assert not sheet.read_bytes().startswith(b"\xef\xbb\xbf")
    assert import_sheet(registry, sheet, "power").updated == 1
    assert load_registry(registry).by_key(POWER)["JC-330205-0002"].name == "食品安全监督检查（专项）"


def test_a_utf16_sheet_is_a_clear_error(registry: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "utf16.csv"
    sheet.write_bytes("事项编码,事项名称\n".encode("utf-16"))
    result = run("--registry", str(registry), "import", str(sheet), "--kind", "power")
    assert result.exit_code == 2
    assert "UTF-16" in result.output


def test_an_old_xls_file_is_a_clear_error(registry: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "old.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    result = run("--registry", str(registry), "import", str(sheet), "--kind", "power")
    assert result.exit_code == 2
    assert ".xlsx" in result.output


# --- hostile cells -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("value", ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+1", "-1", "\t制表", "\r回车", "'引号"])
def test_hostile_values_come_back_exactly(tmp_path: Path, fmt: str, value: str) -> None:
    quoted = value.replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    hostile = SCJGJ.replace("note: 经营许可", f'note: "{quoted}"')
    theirs = write_registry(tmp_path / "theirs", {"power/scjgj.yaml": hostile})
    ours = write_registry(tmp_path / "ours", {"power/scjgj.yaml": SCJGJ})
    report = import_sheet(ours, sheet_of(theirs, tmp_path, fmt), "power")
    assert report.updated == 1, report.problems
    assert load_registry(ours).by_key(POWER)["XK-330205-0001"].note == value


# --- all or nothing ----------------------------------------------------------------------------------


def _two_file_sheet(registry: Path, tmp_path: Path) -> Path:
    sheet = edit_csv(sheet_of(registry, tmp_path), "食品安全监督检查", "食品安全监督检查（改）")
    return edit_csv(sheet, "最低生活保障", "最低生活保障（改）")


@pytest.mark.parametrize("failing_call", [1, 2])
def test_a_crash_mid_write_leaves_every_original(
    registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    sheet = _two_file_sheet(registry, tmp_path)
    before = snapshot(registry)
    real_replace = Path.replace
    calls = []

    def crashing_replace(self: Path, target: str | os.PathLike[str]) -> Path:
        calls.append(self)
        if len(calls) == failing_call:
            raise OSError("disk full")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", crashing_replace)
    with pytest.raises(OSError, match="disk full"):
        import_sheet(registry, sheet, "power")
    monkeypatch.undo()
    assert snapshot(registry) == before  # byte for byte, and no temporary or backup file left behind


def test_a_crash_while_staging_leaves_no_temporary_file(registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(registry)

    def failing_fsync(descriptor: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        atomic.write_all({registry / "units.yaml": b"units: []\n", registry / "power/new.yaml": b"items: []\n"})
    monkeypatch.undo()
    assert snapshot(registry) == before


def test_the_cli_reports_a_failed_write_in_one_sentence(
    registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = _two_file_sheet(registry, tmp_path)

    def no_replace(self: Path, target: str | os.PathLike[str]) -> Path:
        raise OSError("read-only file system")

    monkeypatch.setattr(Path, "replace", no_replace)
    result = run("--registry", str(registry), "import", str(sheet), "--kind", "power")
    assert result.exit_code == 2
    assert "read-only file system" in result.output


def test_an_xlsx_sheet_is_read_with_its_row_numbers(registry: Path, tmp_path: Path) -> None:
    sheet = edit_xlsx(sheet_of(registry, tmp_path, "xlsx"), {("JC-330205-0002", "事项类型"): "检查"})
    workbook = openpyxl.load_workbook(sheet)
    workbook.worksheets[0].insert_rows(2)  # a blank row a clerk left: the numbers are the sheet's own
    _save(workbook, sheet)
    found = import_sheet(registry, sheet, "power").problems
    assert [(p.line, p.column, p.check) for p in found] == [(7, 3, "QD005")]


def test_lines_ruamel_would_restyle_are_kept_as_written(tmp_path: Path) -> None:
    odd = SCJGJ.replace("    name: 食品经营许可\n", "    name:     食品经营许可\n").replace(
        "    type: 行政检查\n", "    type:   行政检查    \n"
    )
    root = write_registry(tmp_path / "registry", {"power/scjgj.yaml": odd})
    sheet = edit_csv(sheet_of(root, tmp_path / "sheet"), "食品经营许可（新办）", "食品经营许可（首次申请）")
    assert import_sheet(root, sheet, "power").updated == 1
    written = (root / "power/scjgj.yaml").read_text(encoding="utf-8")
    assert written == odd.replace("食品经营许可（新办）", "食品经营许可（首次申请）")


def test_nested_fields_and_numbers_are_written_in_place(sample: Path, tmp_path: Path) -> None:
    """A date in a nested mapping and a weight in a flow mapping: changed where they stand, written plain."""
    delegations = edit_csv(sheet_of(sample, tmp_path / "d", kind="delegations"), "2020-02-18", "2020-02-19")
    assert import_sheet(sample, delegations, "delegations").updated == 1
    assert "      date: 2020-02-19\n" in (sample / "delegations/2020.yaml").read_text(encoding="utf-8")
    before = (sample / "assessments/2020.yaml").read_text(encoding="utf-8")
    unbalanced = edit_csv(
        sheet_of(sample, tmp_path / "a", kind="assessments"), "区级部门:50:scjgj", "区级部门:40:scjgj"
    )
    report = import_sheet(sample, unbalanced, "assessments")
    assert {found.check for found in report.problems} == {"QD401"}  # the weights no longer add up to 100
    assert {found.field for found in report.problems} == {"考核主体"}
    assert (sample / "assessments/2020.yaml").read_text(encoding="utf-8") == before
    assessor = edit_csv(sheet_of(sample, tmp_path / "b", kind="assessments"), "区级部门:50:scjgj", "区级部门:50:mzj")
    assert import_sheet(sample, assessor, "assessments").updated == 1
    after = (sample / "assessments/2020.yaml").read_text(encoding="utf-8")
    assert after == before.replace(
        "{party: 区级部门, weight: 50, assessor: scjgj}", "{party: 区级部门, weight: 50, assessor: mzj}"
    )


def test_atomic_writes_keep_the_file_mode(tmp_path: Path) -> None:
    from qingdan.writing.atomic import write_text

    kept = tmp_path / "kept.yaml"
    kept.write_text("a: 1\n", encoding="utf-8")
    kept.chmod(0o640)
    write_text(kept, "a: 2\n")
    write_text(tmp_path / "new.yaml", "a: 1\n")
    umask = os.umask(0)
    os.umask(umask)
    assert (kept.stat().st_mode & 0o777, (tmp_path / "new.yaml").stat().st_mode & 0o777) == (0o640, 0o666 & ~umask)
