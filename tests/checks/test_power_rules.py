"""QD105, QD106, QD108: units, legal basis, cancellation. Positions are 1-based (line, column) of the
offending value, or of the record for a missing field."""

from __future__ import annotations

from pathlib import Path

from helpers import found_in, write_registry
from qingdan.validation.validate import validate

POWER = "power/scjgj.yaml"

UNITS = """\
units:
  - {id: scjgj, name: 区市场监督管理局, kind: 部门}
  - {id: old, name: 原白沙街道, kind: 街道, status: 已撤销}
  - {id: wenjiao, name: 文教街道, kind: 街道}
  - {id: sq1, name: 甲社区, kind: 社区}
  - {id: sq2, name: 乙社区, kind: 社区, parent: scjgj}
  - {id: sq3, name: 丙村, kind: 村, parent: nowhere}
  - {id: sq4, name: 丁社区, kind: 社区, parent: old}
  - {id: pz1, name: 文教市场监管所, kind: 派驻机构, parent: scjgj}
  - {id: pz2, name: 文教派出所, kind: 派驻机构, parent: wenjiao, stationed_in: scjgj}
  - {id: sq5, name: 戊社区, kind: 社区, parent: old, status: 已撤销}
"""


def test_default_units_and_their_links_pass(tmp_path: Path) -> None:
    # helpers.UNITS: a 社区 under a 街道, a 派驻机构 of a 部门 stationed in a 街道.
    root = write_registry(tmp_path, {})
    assert found_in(root, "QD1") == set()


def test_unit_links_in_units_yaml(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {"units.yaml": UNITS})
    assert found_in(root, "QD105") == {
        ("units.yaml", 5, 5, "QD105"),  # a 社区 without parent: at the record
        ("units.yaml", 6, 44, "QD105"),  # a 社区 under a 部门
        ("units.yaml", 7, 42, "QD105"),  # parent not in units.yaml
        ("units.yaml", 8, 44, "QD105"),  # an active 社区 under a revoked 街道
        ("units.yaml", 9, 5, "QD105"),  # a 派驻机构 without stationed_in: at the record
        ("units.yaml", 10, 48, "QD105"),  # a 派驻机构 whose parent is a 街道, not a 部门
        ("units.yaml", 10, 71, "QD105"),  # ... stationed in a 部门, not a 街道/镇
    }  # line 11: a revoked 社区 under a revoked 街道 is fine


def test_unknown_unit_of_a_file_is_reported_once_at_the_file_level_value(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            POWER: """\
            unit: scjgjj
            items:
              - code: XK-330205-0001
                name: 食品经营许可
                type: 行政许可
                legal_basis: [《中华人民共和国食品安全法》第三十五条]
              - code: XK-330205-0002
                name: 食品生产许可
                type: 行政许可
                legal_basis: [《中华人民共和国食品安全法》第三十五条]
              - code: XK-330205-0003
                name: 小餐饮登记
                type: 行政许可
                unit: wenjiao-scjg
                legal_basis: [《浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定》第二十条]
            """,
        },
    )
    assert found_in(root, "QD1") == {(POWER, 1, 7, "QD105"), (POWER, 14, 11, "QD105")}
    assert len([p for p in validate(root).problems if p.check == "QD105"]) == 2


def test_revoked_unit_is_reported_for_active_items_only(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            "units.yaml": UNITS,
            "power/old.yaml": """\
            unit: old
            items:
              - code: QR-330205-0001
                name: 居民家庭经济状况核对
                type: 行政确认
                legal_basis: [《社会救助暂行办法》第十一条]
              - code: QR-330205-0002
                name: 临时救助申请受理
                type: 行政确认
                legal_basis: [《社会救助暂行办法》第四十八条]
                status: 已取消
                adjustment: {type: 划转, document: 甬政发〔2020〕35号, date: 2020-06-16}
            """,
        },
    )
    assert {entry for entry in found_in(root, "QD105") if entry[0] != "units.yaml"} == {
        ("power/old.yaml", 1, 7, "QD105")
    }


def test_any_kind_of_active_unit_may_hold_items(tmp_path: Path) -> None:
    items = "\n".join(
        f"  - {{code: FW-330205-000{n}, name: 事项{n}, type: 公共服务, unit: {unit}, legal_basis: [《依据》]}}"
        for n, unit in enumerate(["scjgj", "wenjiao", "tiancheng", "wenjiao-scjgs"], start=1)
    )
    root = write_registry(tmp_path, {"power/all.yaml": "items:\n" + items + "\n"})
    assert found_in(root, "QD1") == set()


def test_unknown_unit_in_a_csv_file_is_reported_at_its_cell(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            "power/a.csv": "事项编码,事项名称,事项类型,实施主体,设定依据\n"
            "XK-330205-0001,甲,行政许可,nosuch,《中华人民共和国行政许可法》\n",
        },
    )
    # "XK-330205-0001," is 15 characters, "甲," 2 and "行政许可," 5: the unit starts at column 23.
    assert found_in(root, "QD1") == {("power/a.csv", 2, 23, "QD105")}


MAIN_ITEMS = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
  - code: XK-330205-0002
    name: 食品生产许可
    type: 行政许可
    legal_basis: []
  - code: XK-330205-0002-01
    name: 食品生产许可（新办）
    type: 行政许可
    parent: XK-330205-0002
  - code: JC-330205-0003
    name: 食品生产经营日常监督检查
    type: 行政检查
    status: 已取消
    adjustment: {type: 取消, document: 江北编〔2020〕3号, reason: 并入双随机抽查, date: 2020-04-01}
  - code: CF-330205-0004
    name: 对未取得食品经营许可从事食品经营活动的处罚
    type: 行政处罚
    legal_basis: [《中华人民共和国食品安全法》第一百二十二条]
"""


def test_active_main_item_without_legal_basis_is_reported_at_the_item(tmp_path: Path) -> None:
    # The sub-item inherits its main item's basis; the cancelled item is no longer published.
    root = write_registry(tmp_path, {POWER: MAIN_ITEMS})
    assert found_in(root, "QD1") == {(POWER, 3, 5, "QD106"), (POWER, 6, 5, "QD106")}


def test_main_item_without_legal_basis_in_a_csv_file_is_reported_at_its_row(tmp_path: Path) -> None:
    sheet = (
        "事项编码,事项名称,事项类型,实施主体,上级事项,设定依据\n"
        "XK-330205-0001,食品经营许可,行政许可,scjgj,,\n"
        "XK-330205-0001-01,食品经营许可（新办）,行政许可,scjgj,XK-330205-0001,\n"
        'XK-330205-0002,食品生产许可,行政许可,scjgj,,"《中华人民共和国食品安全法》第三十五条\n'
        '《食品生产许可管理办法》第二条"\n'
        "XK-330205-0003,特殊食品生产许可,行政许可,scjgj,,\n"
    )
    root = write_registry(tmp_path, {"power/scjgj.csv": sheet})
    # The fourth row's basis cell holds two lines, so the fifth row starts on line 6.
    assert found_in(root, "QD1") == {("power/scjgj.csv", 2, 1, "QD106"), ("power/scjgj.csv", 6, 1, "QD106")}


def test_cancelled_item_without_adjustment_is_reported_at_its_status(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            POWER: """\
            unit: scjgj
            items:
              - code: JC-330205-0003
                name: 食品生产经营日常监督检查
                type: 行政检查
                legal_basis: [《中华人民共和国食品安全法》第一百一十条]
                status: 已取消
              - code: JC-330205-0004
                name: 食品安全抽样检验
                type: 行政检查
                legal_basis: [《中华人民共和国食品安全法》第八十七条]
                status: 有效
            """,
        },
    )
    assert found_in(root, "QD1") == {(POWER, 7, 13, "QD108")}


def test_cancelled_item_with_adjustment_passes(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path, {POWER: MAIN_ITEMS.replace("    legal_basis: []\n", "    legal_basis: [《依据》]\n")}
    )
    assert found_in(root, "QD108") == set()
