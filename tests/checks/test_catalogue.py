"""QD111–QD116 and the catalogue file itself: the province's basic catalogue (八统一). Positions are 1-based
(line, column) of the offending key or value, in the power file or in the catalogue CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import SETTINGS, found, found_in, write_registry
from qingdan.errors import RegistryError
from qingdan.loader.load import load_registry
from qingdan.messages import message
from qingdan.validation.validate import validate

CATALOGUE = "catalogue/zj-2020.csv"
WITH_CATALOGUE = SETTINGS + "catalogue:\n  file: catalogue/zj-2020.csv\n"
HEADER = "基本编码,事项名称,事项类型,设定依据,行使层级,主管部门,上级编码,状态\n"
ENTRIES = (
    HEADER
    + "000131024000,食品经营许可,行政许可,中华人民共和国食品安全法,县级,区市场监督管理局,,\n"
    + "000131024001,食品经营许可（新办）,行政许可,中华人民共和国食品安全法,县级,,000131024000,\n"
    + '000120301000,最低生活保障申请受理,行政给付,"社会救助暂行办法\n浙江省社会救助条例",乡镇级,区民政局,,\n'
    + "000131025000,食品生产许可,行政许可,中华人民共和国食品安全法,省级,,,\n"
    + "000131026000,食品摊贩登记,行政确认,中华人民共和国食品安全法,县级,,,已取消\n"
)
POWER = "power/scjgj.yaml"
ITEMS = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
    catalog_code: "000131024000"
  - code: XK-330205-0001-01
    name: 食品经营许可（新办）
    type: 行政许可
    parent: XK-330205-0001
    catalog_code: "000131024001"
"""
STREET = "power/wenjiao.yaml"
STREET_ITEMS = """\
unit: wenjiao
items:
  - code: GF-330205-0841
    name: 最低生活保障申请受理
    type: 行政给付
    legal_basis: [《社会救助暂行办法》第十一条, 浙江省社会救助条例]
    catalog_code: "000120301000"
"""


def with_items(tmp_path: Path, items: str, catalogue: str | bytes = ENTRIES, **others: str) -> Path:
    """A registry with the catalogue, scjgj's items, and other power files (`wenjiao=...`)."""
    files: dict[str, str | bytes] = {"qingdan.yaml": WITH_CATALOGUE, CATALOGUE: catalogue, POWER: items}
    files.update({f"power/{unit}.yaml": text for unit, text in others.items()})
    return write_registry(tmp_path, files)


def test_a_conforming_registry_passes(tmp_path: Path) -> None:
    assert found(with_items(tmp_path, ITEMS, wenjiao=STREET_ITEMS)) == set()


def test_without_a_catalogue_codes_are_not_checked(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {POWER: ITEMS.replace("000131024000", "999999999999")})
    assert found(root) == set()


def test_qd111_unknown_code_and_cancelled_entry(tmp_path: Path) -> None:
    items = ITEMS.replace('catalog_code: "000131024001"', 'catalog_code: "000131024999"')
    items += (
        "  - {code: QR-330205-0002, name: 食品摊贩登记, type: 行政确认, legal_basis: [x],"
        ' catalog_code: "000131026000"}\n'
    )
    root = with_items(tmp_path, items)
    assert found_in(root, "QD11") == {(POWER, 12, 19, "QD111"), (POWER, 13, 86, "QD111")}
    keys = {problem.message_key for problem in validate(root).problems}
    assert keys == {"QD111", "QD111.cancelled"}


def test_qd111_not_for_cancelled_items(tmp_path: Path) -> None:
    items = ITEMS.replace('catalog_code: "000131024001"', 'catalog_code: "000131024999"\n    status: 已取消')
    items += "    adjustment: {type: 取消, document: 江北编〔2020〕1号, date: 2020-04-01}\n"
    assert found_in(with_items(tmp_path, items), "QD11") == set()


def test_qd112_each_unified_element_at_its_field(tmp_path: Path) -> None:
    items = ITEMS.replace("name: 食品经营许可\n", "name: 食品经营许可证核发\n").replace(
        "《中华人民共和国食品安全法》第三十五条", "《中华人民共和国行政许可法》第十二条"
    )
    items = items.replace(
        "name: 食品经营许可（新办）\n    type: 行政许可", "name: 食品经营许可(新办)\n    type: 行政确认"
    )
    root = with_items(tmp_path, items)
    # The sub-item's name only differs in full-width brackets (equal after NFKC); its type differs, and it
    # inherits its parent's (differing) legal basis, reported at its catalog_code.
    assert found_in(root, "QD112") == {
        (POWER, 4, 11, "QD112"),
        (POWER, 6, 18, "QD112"),
        (POWER, 10, 11, "QD112"),
        (POWER, 12, 19, "QD112"),
    }
    by_line = {(problem.line, problem.message_key): message(problem, "zh") for problem in validate(root).problems}
    assert "食品经营许可证核发" in by_line[(4, "QD112.name")] and "“食品经营许可”" in by_line[(4, "QD112.name")]
    assert "《中华人民共和国行政许可法》" in by_line[(6, "QD112.legal_basis")]
    assert "《中华人民共和国食品安全法》" in by_line[(12, "QD112.legal_basis")]


def test_qd112_only_the_unified_elements(tmp_path: Path) -> None:
    settings = WITH_CATALOGUE + "  unified: [type]\n"
    items = ITEMS.replace("name: 食品经营许可\n", "name: 食品经营许可证核发\n")
    root = write_registry(tmp_path, {"qingdan.yaml": settings, CATALOGUE: ENTRIES, POWER: items})
    assert found_in(root, "QD112") == set()


def test_qd112_shown_by_the_example_registry() -> None:
    example = Path(__file__).parent.parent / "examples" / "invalid" / "every-mistake"
    assert {(problem.file, problem.check) for problem in validate(example).problems} >= {("power/scjgj.yaml", "QD112")}


def test_qd113_level_not_among_the_entrys(tmp_path: Path) -> None:
    street = STREET_ITEMS.replace("000120301000", "000131024000").replace(
        "name: 最低生活保障申请受理\n    type: 行政给付\n"
        "    legal_basis: [《社会救助暂行办法》第十一条, 浙江省社会救助条例]",
        "name: 食品经营许可\n    type: 行政许可\n    legal_basis: [《中华人民共和国食品安全法》第三十五条]",
    )
    items = ITEMS + (
        "  - {code: XK-330205-0003, name: 食品生产许可, type: 行政许可, legal_basis: [《中华人民共和国食品安全法》],"
        ' catalog_code: "000131025000"}\n'
    )
    root = with_items(tmp_path, items, wenjiao=street)
    assert found_in(root, "QD113") == {(STREET, 7, 19, "QD113"), (POWER, 13, 99, "QD113")}


def test_qd114_child_entry_not_under_the_parents(tmp_path: Path) -> None:
    items = ITEMS.replace('catalog_code: "000131024001"', 'catalog_code: "000131025000"')
    items = items.replace("name: 食品经营许可（新办）", "name: 食品生产许可")
    catalogue = ENTRIES.replace(",省级,,,", ",县级,,,")
    root = with_items(tmp_path, items, catalogue)
    assert found_in(root, "QD11") == {(POWER, 12, 19, "QD114")}


def test_qd114_a_catalogue_entry_with_an_unknown_parent(tmp_path: Path) -> None:
    catalogue = ENTRIES + "000131024002,食品经营许可（变更）,行政许可,,县级,,000131029000,\n"
    root = with_items(tmp_path, ITEMS, catalogue)
    assert found_in(root, "QD114") == {(CATALOGUE, 8, 35, "QD114")}


def test_qd115_an_entry_expected_of_a_unit(tmp_path: Path) -> None:
    items = ITEMS.replace('catalog_code: "000131024000"', "note: 不实施目录条目")
    items = items.replace('    catalog_code: "000131024001"\n', "")
    root = with_items(tmp_path, items)
    # 000131024000 is 县级 and in the charge of 区市场监督管理局 (scjgj): expected of it. 000120301000 is
    # 乡镇级 in the charge of 区民政局, a 区级 unit: the streets carry it, nothing is expected of mzj.
    assert found_in(root, "QD11") == {(CATALOGUE, 2, 1, "QD115")}
    (problem,) = [problem for problem in validate(root).problems if problem.check == "QD115"]
    assert problem.severity == "warning" and "scjgj" in message(problem, "en")


def test_qd115_not_for_a_cancelled_item(tmp_path: Path) -> None:
    items = ITEMS.replace(
        '    catalog_code: "000131024000"\n',
        '    catalog_code: "000131024000"\n    status: 已取消\n    adjustment: {type: 取消, date: 2020-04-01}\n',
    )
    items = items.replace('    catalog_code: "000131024001"\n', "")
    assert found_in(with_items(tmp_path, items), "QD115") == {(CATALOGUE, 2, 1, "QD115")}


def test_qd116_one_unit_two_items_for_one_entry(tmp_path: Path) -> None:
    items = ITEMS + (
        "  - {code: XK-330205-0002, name: 食品经营许可, type: 行政许可, legal_basis: [中华人民共和国食品安全法],"
        ' catalog_code: "000131024000"}\n'
    )
    other_street = STREET_ITEMS.replace("wenjiao", "zhuangqiao").replace("0841", "0861")
    root = with_items(tmp_path, items, wenjiao=STREET_ITEMS, zhuangqiao=other_street)
    assert found_in(root, "QD11") == {(POWER, 13, 97, "QD116")}


# --- the catalogue file itself ---------------------------------------------------------------------------------


def test_duplicate_code_and_bad_rows_are_located(tmp_path: Path) -> None:
    catalogue = (
        ENTRIES
        + "000131024000,食品经营许可（重复）,行政许可,,县级,,,\n"
        + "00013102400,十一位编码,行政许可,,县级,,,\n"
        + '000131027000,"=HYPERLINK(""http://x"",""y"")",行政许可,,县级,,,\n'
        + "000131028000,层级有误,行政许可,,区级,,,\n"
    )
    root = with_items(tmp_path, ITEMS, catalogue)
    # The cell of 000120301000's two laws spans two lines: the rows added start on line 8.
    assert found(root) == {
        (CATALOGUE, 8, 1, "QD901"),
        (CATALOGUE, 9, 1, "QD005"),
        (CATALOGUE, 10, 14, "QD005"),
        (CATALOGUE, 11, 25, "QD005"),
    }
    keys = {problem.message_key for problem in validate(root).problems}
    assert {"QD901.catalogue", "QD005.formula", "QD005.pattern"} <= keys


def test_an_item_naming_a_broken_row_is_not_reported_again(tmp_path: Path) -> None:
    catalogue = ENTRIES.replace("中华人民共和国食品安全法,县级,,000131024000", ",国家级,,000131024000")
    root = with_items(tmp_path, ITEMS, catalogue)
    assert found(root) == {(CATALOGUE, 3, 31, "QD005")}


def test_unknown_and_missing_columns(tmp_path: Path) -> None:
    catalogue = "基本编码,事项名称,事项类别,行使层级\n000131024000,食品经营许可,行政许可,县级\n"
    root = with_items(tmp_path, ITEMS.replace('    catalog_code: "000131024001"\n', ""), catalogue)
    assert found(root) == {(CATALOGUE, 1, 11, "QD003"), (CATALOGUE, 2, 1, "QD004")}


def test_gb18030_catalogue_is_read(tmp_path: Path) -> None:
    root = with_items(tmp_path, ITEMS, ENTRIES.encode("gb18030"))
    assert found(root) == set()
    assert load_registry(root).catalogue is not None


def test_undecodable_catalogue_is_a_located_qd001(tmp_path: Path) -> None:
    root = with_items(tmp_path, ITEMS, HEADER.encode("utf-16"))
    assert found(root) == {(CATALOGUE, 1, 1, "QD001")} | {(POWER, 7, 19, "QD111"), (POWER, 12, 19, "QD111")}


def test_missing_catalogue_file_is_qd007(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {"qingdan.yaml": WITH_CATALOGUE, POWER: ITEMS})
    with pytest.raises(RegistryError) as raised:
        load_registry(root)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line, problem.column, problem.check) == ("qingdan.yaml", 4, 9, "QD007")
    assert "catalogue/zj-2020.csv" in message(problem, "en")


@pytest.mark.parametrize("path", ["../zj-2020.csv", "/etc/passwd.csv", "catalogue/../../x.csv", "a\\\\b.csv"])
def test_catalogue_path_outside_the_registry_is_qd007(tmp_path: Path, path: str) -> None:
    settings = SETTINGS + f'catalogue:\n  file: "{path}"\n'
    root = write_registry(tmp_path, {"qingdan.yaml": settings})
    with pytest.raises(RegistryError) as raised:
        load_registry(root)
    found = [(problem.line, problem.check, problem.message_key) for problem in raised.value.problems]
    assert found == [(4, "QD007", "QD005.pattern")]  # qingdan.yaml cannot be used: a value of the wrong form


def test_catalogue_linked_out_of_the_registry_is_qd008(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text(ENTRIES, encoding="utf-8")
    root = write_registry(tmp_path / "registry", {"qingdan.yaml": WITH_CATALOGUE, POWER: ITEMS})
    (root / "catalogue").mkdir()
    (root / CATALOGUE).symlink_to(outside)
    problems = {(problem.file, problem.check) for problem in validate(root).problems}
    assert (CATALOGUE, "QD008") in problems
