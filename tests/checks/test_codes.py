"""QD101–QD102: power item codes. Positions are 1-based (line, column) of the offending value."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import SETTINGS, found_in, write_registry
from qingdan.checks.power.codes import ITEM_PLACEHOLDERS, TemplateError, compile_template
from qingdan.messages import message
from qingdan.validation.validate import validate

ITEMS = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
  - code: XK-330205-0001-01
    name: 食品经营许可（新办）
    type: 行政许可
    parent: XK-330205-0001
  - code: XK-330205-0001-01-01
    name: 食品经营许可（新办，仅销售预包装食品）
    type: 行政许可
    parent: XK-330205-0001-01
  - code: CF-330205-0002
    name: 对未取得食品经营许可从事食品经营活动的处罚
    type: 行政处罚
    legal_basis: [《中华人民共和国食品安全法》第一百二十二条]
"""


def test_distinct_codes_following_the_default_templates_pass(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {"power/scjgj.yaml": ITEMS})
    assert found_in(root, "QD1") == set()


def test_every_duplicate_after_the_first_is_reported_at_its_code(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            "power/a.yaml": """\
            unit: scjgj
            items:
              - code: XK-330205-0001
                name: 食品经营许可
                type: 行政许可
              - code: XK-330205-0001
                name: 食品生产许可
                type: 行政许可
            """,
            "power/b.yaml": """\
            unit: scjgj
            items:
              - {code: XK-330205-0001, name: 小餐饮登记, type: 行政许可}
            """,
        },
    )
    assert found_in(root, "QD101") == {("power/a.yaml", 6, 11, "QD101"), ("power/b.yaml", 3, 12, "QD101")}


def test_duplicate_code_in_a_csv_file_is_reported_at_its_cell(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            "power/a.yaml": ITEMS,
            "power/b.csv": "事项编码,事项名称,事项类型,实施主体\n"
            "XK-330205-0003,小餐饮登记,行政许可,scjgj\n"
            "CF-330205-0002,对未取得食品经营许可从事食品经营活动的处罚,行政处罚,scjgj\n",
        },
    )
    assert found_in(root, "QD101") == {("power/b.csv", 3, 1, "QD101")}


def test_spec_example_wrong_type_letters(sample: Path) -> None:
    jyj = sample / "power" / "jyj.yaml"
    text = jyj.read_text(encoding="utf-8")
    assert text.count("code: XK-330205-0102\n") == 1
    jyj.write_text(text.replace("code: XK-330205-0102\n", "code: JC-330205-0102\n"), encoding="utf-8")
    line = text.splitlines().index("  - code: XK-330205-0102") + 1
    assert line == 25
    assert found_in(sample, "QD1") == {("power/jyj.yaml", 25, 11, "QD102")}
    (problem,) = [p for p in validate(sample).problems if p.check == "QD102"]
    assert message(problem, "zh") == "事项编码“JC-330205-0102”中的类型代码“JC”与事项类型不符，应为“XK”"


def test_codes_off_the_default_templates(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            "power/scjgj.yaml": """\
            unit: scjgj
            items:
              - code: XK-330205-102
                name: 食品经营许可
                type: 行政许可
                legal_basis: [《中华人民共和国食品安全法》第三十五条]
              - code: XK-330206-0103
                name: 食品生产许可
                type: 行政许可
                legal_basis: [《中华人民共和国食品安全法》第三十五条]
              - code: XK-330205-0104
                name: 特殊食品生产许可
                type: 行政许可
                legal_basis: [《中华人民共和国食品安全法》第三十五条]
              - code: XK-330205-0103-01
                name: 特殊食品生产许可（保健食品）
                type: 行政许可
                parent: XK-330205-0104
              - code: XK-330205-0104-1
                name: 特殊食品生产许可（婴幼儿配方食品）
                type: 行政许可
                parent: XK-330205-0104
            """,
        },
    )
    assert found_in(root, "QD102") == {
        ("power/scjgj.yaml", 3, 11, "QD102"),  # three digits for {seq:4}
        ("power/scjgj.yaml", 7, 11, "QD102"),  # another region
        ("power/scjgj.yaml", 15, 11, "QD102"),  # not its parent's code plus a suffix
        ("power/scjgj.yaml", 19, 11, "QD102"),  # one digit for {seq:2}
    }


def test_a_child_of_an_unknown_parent_is_left_to_qd103(tmp_path: Path) -> None:
    # The parent was mistyped (0009 for 0001): that is one mistake, reported once, by QD103.
    text = ITEMS.replace("    parent: XK-330205-0001\n", "    parent: XK-330205-0009\n")
    root = write_registry(tmp_path, {"power/scjgj.yaml": text})
    assert found_in(root, "QD1") == {("power/scjgj.yaml", 10, 13, "QD103")}


CUSTOM = SETTINGS + 'codes:\n  item: "{region}/{unit}.{type_num}{seq:3}"\n  child: "{parent}_{seq}"\n'


def test_custom_templates_any_order_and_literal_text(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            "qingdan.yaml": CUSTOM,
            "power/scjgj.yaml": """\
            unit: scjgj
            items:
              - code: 330205/SCJG.01001
                name: 食品经营许可
                type: 行政许可
                legal_basis: [《中华人民共和国食品安全法》第三十五条]
              - code: 330205/SCJG.01001_12
                name: 食品经营许可（新办）
                type: 行政许可
                parent: 330205/SCJG.01001
              - code: 330205/SCJG.01001_12_7
                name: 食品经营许可（新办，仅销售预包装食品）
                type: 行政许可
                parent: 330205/SCJG.01001_12
            """,
        },
    )
    assert found_in(root, "QD1") == set()


def test_custom_templates_compare_every_placeholder(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            "qingdan.yaml": CUSTOM,
            "power/scjgj.yaml": """\
            unit: scjgj
            items:
              - code: 330205/SCJG.02001
                name: 食品经营许可
                type: 行政许可
                legal_basis: [《中华人民共和国食品安全法》第三十五条]
              - code: 330205/SCJGJ.01002
                name: 食品生产许可
                type: 行政许可
                legal_basis: [《中华人民共和国食品安全法》第三十五条]
              - code: 330205/SCJG.01001-12
                name: 食品经营许可（新办）
                type: 行政许可
                parent: 330205/SCJG.02001
            """,
        },
    )
    assert found_in(root, "QD102") == {
        ("power/scjgj.yaml", 3, 11, "QD102"),  # 02 is 行政处罚
        ("power/scjgj.yaml", 7, 11, "QD102"),  # SCJGJ is not scjgj's abbr
        ("power/scjgj.yaml", 11, 11, "QD102"),  # "-" where the template has "_"
    }


def test_a_code_that_fits_only_another_reading_of_the_template_passes(tmp_path: Path) -> None:
    # "{parent}{seq}": read greedily, XK-330205-000101 is parent XK-330205-00010 and seq 1; it also reads
    # as parent XK-330205-0001 and seq 01, which is what the item says.
    settings = SETTINGS + 'codes:\n  child: "{parent}{seq}"\n'
    root = write_registry(
        tmp_path,
        {
            "qingdan.yaml": settings,
            "power/scjgj.yaml": """\
            unit: scjgj
            items:
              - code: XK-330205-0001
                name: 食品经营许可
                type: 行政许可
                legal_basis: [《中华人民共和国食品安全法》第三十五条]
              - code: XK-330205-000101
                name: 食品经营许可（新办）
                type: 行政许可
                parent: XK-330205-0001
            """,
        },
    )
    assert found_in(root, "QD1") == set()


def test_unit_without_abbr_under_a_unit_template_is_reported_once_in_units_yaml(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            "qingdan.yaml": CUSTOM,
            "power/mzj.yaml": """\
            unit: mzj
            items:
              - code: 330205/MZ.05001
                name: 临时救助审批
                type: 行政给付
                legal_basis: [《社会救助暂行办法》第四十八条]
              - code: 330205/MZ.05002
                name: 最低生活保障审批
                type: 行政给付
                legal_basis: [《社会救助暂行办法》第十一条]
            """,
        },
    )
    # units.yaml line 3: "  - {id: mzj, ...}"; the record's mapping starts at column 5.
    found = [p for p in validate(root).problems if p.check == "QD102"]
    assert {(p.file, p.line, p.column) for p in found} == {("units.yaml", 3, 5)}
    assert len(found) == 1


def test_an_invalid_template_is_reported_in_qingdan_yaml(tmp_path: Path) -> None:
    settings = SETTINGS + 'codes:\n  item: "{type}-{regoin}-{seq:4}"\n'
    root = write_registry(tmp_path, {"qingdan.yaml": settings, "power/scjgj.yaml": ITEMS})
    assert found_in(root, "QD102") == {("qingdan.yaml", 4, 9, "QD102")}


@pytest.mark.parametrize(
    ("template", "key"),
    [
        ("{type}-{region}-{parent}", "QD102.placeholder"),
        ("{type}-{region:6}-{seq:4}", "QD102.placeholder"),
        ("{type}-{region}-{seq:4", "QD102.brace"),
        ("{type}}-{seq:4}", "QD102.brace"),
    ],
)
def test_template_errors(template: str, key: str) -> None:
    with pytest.raises(TemplateError) as error:
        compile_template(template, ITEM_PLACEHOLDERS)
    assert f"QD102.{error.value.variant}" == key
