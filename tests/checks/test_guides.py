"""QD701–QD705: service guides. Positions are 1-based (line, column) of the offending key or value."""

from __future__ import annotations

from pathlib import Path

from helpers import found, found_in, write_registry
from qingdan.loader.load import load_registry
from qingdan.validation.validate import report_for

GUIDES = "guides/2020.yaml"
POWER = "power/items.yaml"

# 文教街道 and 庄桥街道: 最低生活保障 (法定) and 就业登记 (下放); 区市场监督管理局: 食品摊贩登记 (驻场).
ITEMS = """\
items:
  - {code: GF-330205-0841, name: 最低生活保障申请受理, type: 行政给付, unit: wenjiao, legal_basis: [社会救助暂行办法]}
  - {code: GF-330205-0881, name: 最低生活保障申请受理, type: 行政给付, unit: zhuangqiao,
     legal_basis: [社会救助暂行办法]}
  - {code: FW-330205-0851, name: 就业登记, type: 公共服务, unit: wenjiao, source: 上级下放, delegation: XF-1,
     legal_basis: [就业促进法]}
  - {code: FW-330205-0891, name: 就业登记, type: 公共服务, unit: zhuangqiao, source: 上级下放, delegation: XF-1,
     legal_basis: [就业促进法]}
  - {code: QR-330205-0102, name: 食品摊贩登记, type: 行政确认, unit: scjgj, legal_basis: [食品摊贩管理规定]}
  - {code: CF-330205-0899, name: 对乱扔垃圾的行政处罚, type: 行政处罚, unit: zhuangqiao, legal_basis: [条例]}
"""

DELEGATION = """\
delegations:
  - id: XF-1
    title: 就业登记下放街道
    from_unit: mzj
    to_units: [全部街道(镇)]
    mode: 下放
    items: [FW-330205-0851, FW-330205-0891]
    status: 已批准
    review: {meeting: 联席会议, date: 2020-07-16, decision: 同意}
    safeguards: {staffing: 专人, funding: 按年拨付, training: 培训, guidance: 指导}
"""

GUIDE = """\
guides:
  - id: ZN-001
    name: 最低生活保障申请
    category: 法定办理事项
    items: [GF-330205-0841, GF-330205-0881]
    applicants: [自然人]
    conditions: [户籍在本街道，家庭人均收入低于当地最低生活保障标准]
    materials:
      - {name: 居民身份证, form: 原件, copies: 1, source: 申请人自备}
      - {name: 户口簿, form: 原件和复印件, copies: 1, tolerance: 是}
    tolerance_scope: 户口簿暂缺的，可先行受理，5个工作日内补齐
    steps:
      - {step: 受理, actor: 综合窗口, limit: 即办}
      - {step: 初审公示, actor: 社会救助经办人员, limit: 15工作日}
    legal_limit: 30工作日
    promised_limit: 20工作日
    handling: 承诺件
    visits: 1
    fee: 不收费
    location: 文教街道便民服务中心综合窗口
    hours: 工作日 8:30-12:00，13:30-17:00
    phone: 0574-87654321
    online_url: https://www.zjzwfw.gov.cn/
  - id: ZN-002
    name: 就业登记、失业登记
    category: 部门下放或委托至街道(镇)办理事项
    items: [FW-330205-0851, FW-330205-0891]
    applicants: [自然人]
    conditions: [法定劳动年龄内]
    materials:
      - {name: 居民身份证, form: 原件, copies: 1}
    steps:
      - {step: 受理并办结, actor: 人力社保窗口, limit: 即办}
    promised_limit: 即办
    handling: 即办件
    visits: 1
    fee: {basis: 无, standard: 无}
    location: 街道便民服务中心人力社保窗口
    hours: 工作日
    phone: 0574-87654322
  - id: ZN-003
    name: 食品摊贩登记
    category: 驻场街道(镇)办理事项
    items: [QR-330205-0102]
    streets: [wenjiao]
    applicants: [自然人]
    conditions: [在划定区域内经营]
    materials:
      - {name: 居民身份证, form: 原件, copies: 1}
    steps:
      - {step: 受理, actor: 市场监管窗口, limit: 即办}
      - {step: 发证, actor: 市场监管所, limit: 5工作日}
    promised_limit: 5工作日
    handling: 承诺件
    visits: 0
    fee: 不收费
    location: 文教街道便民服务中心市场监管窗口
    hours: 工作日
    phone: 0574-87654323
"""


def registry(tmp_path: Path, text: str = GUIDE, items: str = ITEMS) -> Path:
    return write_registry(tmp_path, {GUIDES: text, POWER: items, "delegations/2020.yaml": DELEGATION})


Found = set[tuple[str, int, int, str]]


def guides(tmp_path: Path, text: str = GUIDE, items: str = ITEMS, prefix: str = "QD70") -> Found:
    return found_in(registry(tmp_path, text, items), prefix)


def test_the_three_categories_pass(tmp_path: Path) -> None:
    assert found(registry(tmp_path)) == set()


# --- QD701 ---------------------------------------------------------------------------------------


def test_qd701_fail_a_statutory_guide_with_a_delegated_street_item(tmp_path: Path) -> None:
    text = GUIDE.replace("items: [GF-330205-0841, GF-330205-0881]", "items: [GF-330205-0841, FW-330205-0891]")
    assert guides(tmp_path, text, prefix="QD701") == {(GUIDES, 5, 29, "QD701")}


def test_qd701_fail_a_delegated_guide_with_a_statutory_street_item(tmp_path: Path) -> None:
    text = GUIDE.replace("items: [FW-330205-0851, FW-330205-0891]", "items: [GF-330205-0841, FW-330205-0891]")
    assert guides(tmp_path, text, prefix="QD701") == {(GUIDES, 27, 13, "QD701")}


def test_qd701_fail_a_stationed_guide_with_a_street_item_or_without_streets(tmp_path: Path) -> None:
    text = GUIDE.replace("items: [QR-330205-0102]", "items: [GF-330205-0841]")
    assert guides(tmp_path / "street", text, prefix="QD701") == {(GUIDES, 44, 13, "QD701")}
    text = GUIDE.replace("    streets: [wenjiao]\n", "")
    assert guides(tmp_path / "nowhere", text) == {(GUIDES, 43, 15, "QD701")}


def test_qd701_fail_streets_that_are_not_streets(tmp_path: Path) -> None:
    text = GUIDE.replace("streets: [wenjiao]", "streets: [tiancheng, nowhere, 全部街道(镇)]")
    assert guides(tmp_path, text) == {(GUIDES, 45, 15, "QD701"), (GUIDES, 45, 26, "QD701")}


def test_qd701_pass_a_stationed_guide_with_an_agency_item_in_all_streets(tmp_path: Path) -> None:
    items = ITEMS + "  - {code: QR-330205-0103, name: 登记, type: 行政确认, unit: wenjiao-scjgs, legal_basis: [规定]}\n"
    text = GUIDE.replace("items: [QR-330205-0102]", "items: [QR-330205-0103]")
    assert guides(tmp_path, text.replace("streets: [wenjiao]", "streets: [全部街道(镇)]"), items) == set()


# --- QD702 ---------------------------------------------------------------------------------------


def test_qd702_fail_promised_longer_than_legal(tmp_path: Path) -> None:
    text = GUIDE.replace("promised_limit: 20工作日", "promised_limit: 31工作日")
    assert guides(tmp_path, text) == {(GUIDES, 16, 21, "QD702")}
    # 1 工作日 is 8 工作时: 241 工作时 is longer than 30 工作日
    text = GUIDE.replace("promised_limit: 20工作日", "promised_limit: 241工作时")
    assert guides(tmp_path / "hours", text) == {(GUIDES, 16, 21, "QD702")}


def test_qd702_pass_limits_of_two_calendars_are_not_compared(tmp_path: Path) -> None:
    assert guides(tmp_path, GUIDE.replace("promised_limit: 20工作日", "promised_limit: 60日")) == set()


def test_qd702_fail_handling_contradicts_the_promised_limit(tmp_path: Path) -> None:
    text = GUIDE.replace("promised_limit: 即办", "promised_limit: 3工作日")
    assert guides(tmp_path / "immediate", text) == {(GUIDES, 35, 15, "QD702")}
    text = GUIDE.replace("promised_limit: 5工作日", "promised_limit: 即办")
    assert guides(tmp_path / "promised", text) == {(GUIDES, 54, 15, "QD702")}


def test_qd005_a_limit_in_days_written_as_tian_and_no_coverage_warnings_then(tmp_path: Path) -> None:
    text = GUIDE.replace("promised_limit: 20工作日", "promised_limit: 20天")
    assert guides(tmp_path, text, prefix="QD") == {(GUIDES, 16, 21, "QD005")}


# --- QD703 ---------------------------------------------------------------------------------------


def test_qd703_fail_a_cancelled_item(tmp_path: Path) -> None:
    cancelled = ITEMS.replace(
        "unit: zhuangqiao,\n     legal_basis: [社会救助暂行办法]}",
        "unit: zhuangqiao, status: 已取消, adjustment: {type: 取消},\n     legal_basis: [社会救助暂行办法]}",
    )
    assert guides(tmp_path, items=cancelled) == {(GUIDES, 5, 29, "QD703")}


def test_qd703_fail_an_unknown_item_and_a_department_item(tmp_path: Path) -> None:
    text = GUIDE.replace("items: [GF-330205-0841, GF-330205-0881]", "items: [GF-330205-9999, QR-330205-0102]")
    assert guides(tmp_path, text, prefix="QD703") == {(GUIDES, 5, 13, "QD703"), (GUIDES, 5, 29, "QD703")}


def test_qd703_fail_two_items_of_one_street(tmp_path: Path) -> None:
    items = ITEMS + "  - {code: GF-330205-0842, name: 低保, type: 行政给付, unit: wenjiao, legal_basis: [办法]}\n"
    text = GUIDE.replace("items: [GF-330205-0841, GF-330205-0881]", "items: [GF-330205-0841, GF-330205-0842]")
    assert guides(tmp_path, text, items, prefix="QD703") == {(GUIDES, 5, 29, "QD703")}


# --- QD704 ---------------------------------------------------------------------------------------


def test_qd704_fail_a_fee_written_as_nothing(tmp_path: Path) -> None:
    for written in ("无", "免费"):
        text = GUIDE.replace("    fee: 不收费\n    location: 文教", f"    fee: {written}\n    location: 文教", 1)
        assert guides(tmp_path / written, text) == {(GUIDES, 19, 10, "QD704")}


def test_qd704_fail_a_tolerated_material_without_scope(tmp_path: Path) -> None:
    text = GUIDE.replace("    tolerance_scope: 户口簿暂缺的，可先行受理，5个工作日内补齐\n", "")
    assert guides(tmp_path, text) == {(GUIDES, 10, 57, "QD704")}


def test_qd704_fail_a_material_listed_twice(tmp_path: Path) -> None:
    text = GUIDE.replace("{name: 户口簿,", "{name: 居民身份证 ,")
    assert guides(tmp_path, text) == {(GUIDES, 10, 16, "QD704")}


def test_qd704_a_fee_mapping_needs_a_basis_and_a_standard(tmp_path: Path) -> None:
    text = GUIDE.replace("fee: {basis: 无, standard: 无}", "fee: {basis: 无, amount: 5元}")
    assert guides(tmp_path, text, prefix="QD0") == {(GUIDES, 37, 10, "QD004"), (GUIDES, 37, 21, "QD003")}
    text = GUIDE.replace("fee: {basis: 无, standard: 无}", "fee: [不收费]")
    assert guides(tmp_path / "list", text, prefix="QD0") == {(GUIDES, 37, 10, "QD005")}


# --- QD705 ---------------------------------------------------------------------------------------


def test_qd705_fail_more_than_one_visit_as_a_warning(tmp_path: Path) -> None:
    assert guides(tmp_path, GUIDE.replace("visits: 0", "visits: 2")) == {(GUIDES, 55, 13, "QD705")}
    loaded = load_registry(registry(tmp_path / "all", GUIDE.replace("visits: 0", "visits: 2")))
    assert {(problem.check, problem.severity) for problem in report_for(loaded, "test").problems} == {
        ("QD705", "warning")
    }


def test_qd705_fail_a_street_service_without_a_guide_at_its_item(tmp_path: Path) -> None:
    text = GUIDE.replace("items: [GF-330205-0841, GF-330205-0881]", "items: [GF-330205-0841]")
    assert guides(tmp_path, text) == {(POWER, 3, 12, "QD705")}


def test_qd705_pass_no_guides_no_coverage_check_and_a_sub_item_is_covered_by_its_parent(tmp_path: Path) -> None:
    assert guides(tmp_path / "none", "guides: []\n") == set()
    sub = "  - {code: GF-330205-0841-01, name: 低保（续）, type: 行政给付, unit: wenjiao, parent: GF-330205-0841}\n"
    assert guides(tmp_path / "sub", items=ITEMS + sub) == set()
