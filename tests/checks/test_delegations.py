"""QD201–QD204: delegations. Positions are 1-based (line, column) of the offending key or value."""

from __future__ import annotations

from pathlib import Path

from helpers import found, found_in, write_registry
from qingdan.validation.validate import validate

DELEGATIONS = "delegations/2020.yaml"
STREET = "power/wenjiao.yaml"

DELEGATION = """\
delegations:
  - id: XF-2020-01
    title: 小额临时救助审批委托文教街道
    from_unit: mzj
    to_units: [wenjiao]
    mode: 委托
    items: [GF-330205-0301]
    status: 已批准
    review:
      meeting: 区职责下放联席会议2020年第1次会议
      date: 2020-02-18
      decision: 同意
    safeguards:
      staffing: 街道指定专人负责
      funding: 区民政局按年度拨付
      training: 区民政局组织培训
      guidance: 区民政局派员指导
    effective_date: 2020-03-01
"""

DEPARTMENT_ITEMS = """\
unit: mzj
items:
  - code: GF-330205-0301
    name: 临时救助审批
    type: 行政给付
    legal_basis: [《社会救助暂行办法》第四十八条]
"""

STREET_ITEMS = """\
unit: wenjiao
items:
  - code: GF-330205-0401
    name: 临时救助审批（小额）
    type: 行政给付
    source: 上级委托
    delegation: XF-2020-01
    legal_basis: [《社会救助暂行办法》第四十八条]
"""

OTHER_DEPARTMENT_ITEMS = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
"""


def registry(
    tmp_path: Path, delegation: str = DELEGATION, street: str = STREET_ITEMS, extra: dict[str, str] | None = None
) -> Path:
    files: dict[str, str | bytes] = {DELEGATIONS: delegation, "power/mzj.yaml": DEPARTMENT_ITEMS, STREET: street}
    return write_registry(tmp_path, {**files, **(extra or {})})


def without(text: str, *lines: int) -> str:
    """`text` without the given 1-based lines."""
    return "".join(line for number, line in enumerate(text.splitlines(True), 1) if number not in lines)


def test_a_complete_approved_delegation_passes(tmp_path: Path) -> None:
    assert found_in(registry(tmp_path), "QD2") == set()


# --- QD201 ---------------------------------------------------------------------------------------


def test_qd201_pass_items_that_need_no_delegation(tmp_path: Path) -> None:
    street = (
        STREET_ITEMS
        + """\
  - code: GF-330205-0402
    name: 同级委托事项
    type: 行政给付
    source: 同级委托
    legal_basis: [《社会救助暂行办法》第四十八条]
  - code: GF-330205-0403
    name: 已取消的下放事项
    type: 行政给付
    source: 上级下放
    legal_basis: [《社会救助暂行办法》第四十八条]
    status: 已取消
    adjustment: {type: 取消, document: 江北编〔2021〕1号}
"""
    )
    district = DEPARTMENT_ITEMS.replace("    type: 行政给付\n", "    type: 行政给付\n    source: 上级下放\n")
    root = registry(tmp_path, street=street)
    write_registry(root, {"power/mzj.yaml": district})
    assert found_in(root, "QD201") == set()


def test_qd201_fail_without_delegation_at_the_source(tmp_path: Path) -> None:
    root = registry(tmp_path, street=without(STREET_ITEMS, 7))
    assert found_in(root, "QD2") == {(STREET, 6, 13, "QD201")}


def test_qd201_fail_unknown_delegation(tmp_path: Path) -> None:
    root = registry(tmp_path, street=STREET_ITEMS.replace("XF-2020-01", "XF-2020-99"))
    assert found_in(root, "QD2") == {(STREET, 7, 17, "QD201")}


def test_qd201_fail_delegation_not_approved(tmp_path: Path) -> None:
    root = registry(tmp_path, delegation=DELEGATION.replace("status: 已批准", "status: 审议中"))
    assert found_in(root, "QD2") == {(STREET, 7, 17, "QD201")}


def test_qd201_fail_delegation_to_another_street(tmp_path: Path) -> None:
    root = registry(tmp_path, delegation=DELEGATION.replace("to_units: [wenjiao]", "to_units: [zhuangqiao]"))
    assert found_in(root, "QD2") == {(STREET, 7, 17, "QD201")}


def test_qd201_pass_delegation_to_all_streets(tmp_path: Path) -> None:
    root = registry(tmp_path, delegation=DELEGATION.replace("to_units: [wenjiao]", "to_units: [全部街道(镇)]"))
    assert found_in(root, "QD2") == set()


def test_qd201_a_delegation_that_failed_its_schema_is_not_reported_missing(tmp_path: Path) -> None:
    root = registry(tmp_path, delegation=without(DELEGATION, 3))  # no title: QD004, and the record is left out
    assert found_in(root, "QD2") == set()
    assert (DELEGATIONS, 2, 5, "QD004") in found(root)


def test_qd201_spec_example(sample: Path) -> None:
    path = sample / DELEGATIONS
    path.write_text(path.read_text(encoding="utf-8").replace("status: 已批准", "status: 审议中"), encoding="utf-8")
    # power/wenjiao.csv line 2 is the street item; column 49 is where its 下放依据 cell starts
    assert found(sample) == {("power/wenjiao.csv", 2, 49, "QD201")}


# --- QD202 ---------------------------------------------------------------------------------------


def test_qd202_fail_approved_without_review_or_safeguards_at_the_status(tmp_path: Path) -> None:
    root = registry(tmp_path, delegation=without(DELEGATION, *range(9, 18)))
    assert found_in(root, "QD2") == {(DELEGATIONS, 8, 13, "QD202")}
    keys = sorted(p.key for p in validate(root).problems if p.check == "QD202")
    assert keys == ["QD202.no_review", "QD202.no_safeguards"]


def test_qd202_fail_incomplete_review_at_its_key(tmp_path: Path) -> None:
    root = registry(tmp_path, delegation=without(DELEGATION, 11))
    assert found_in(root, "QD2") == {(DELEGATIONS, 9, 5, "QD202")}
    [review] = [p for p in validate(root).problems if p.check == "QD202"]
    assert review.args["missing"] == "date"


def test_qd202_fail_blank_decision(tmp_path: Path) -> None:
    root = registry(tmp_path, delegation=DELEGATION.replace("decision: 同意", 'decision: ""'))
    assert found_in(root, "QD2") == {(DELEGATIONS, 9, 5, "QD202")}


def test_qd202_fail_incomplete_safeguards_at_their_key(tmp_path: Path) -> None:
    root = registry(tmp_path, delegation=without(DELEGATION, 15, 17))
    assert found_in(root, "QD2") == {(DELEGATIONS, 13, 5, "QD202")}
    [safeguards] = [p for p in validate(root).problems if p.check == "QD202"]
    assert safeguards.args["missing"] == "funding, guidance"


def test_qd202_rejected_needs_a_review_but_no_safeguards(tmp_path: Path) -> None:
    rejected = DELEGATION.replace("status: 已批准", "status: 不予批准")
    assert found_in(registry(tmp_path / "pass", delegation=without(rejected, *range(13, 18))), "QD202") == set()
    root = registry(tmp_path / "fail", delegation=without(rejected, *range(9, 13)))
    assert found_in(root, "QD202") == {(DELEGATIONS, 8, 13, "QD202")}


def test_qd202_pass_under_review_without_review(tmp_path: Path) -> None:
    under_review = without(DELEGATION.replace("status: 已批准", "status: 审议中"), *range(9, 18))
    assert found_in(registry(tmp_path, delegation=under_review), "QD202") == set()


# --- QD203 ---------------------------------------------------------------------------------------


def test_qd203_pass_item_held_by_a_street_through_this_delegation(tmp_path: Path) -> None:
    delegation = DELEGATION.replace("items: [GF-330205-0301]", "items: [GF-330205-0301, GF-330205-0401]")
    assert found_in(registry(tmp_path, delegation=delegation), "QD2") == set()


def test_qd203_fail_unknown_item(tmp_path: Path) -> None:
    delegation = DELEGATION.replace("items: [GF-330205-0301]", "items: [GF-330205-0301, GF-330205-9999]")
    assert found_in(registry(tmp_path, delegation=delegation), "QD2") == {(DELEGATIONS, 7, 29, "QD203")}


def test_qd203_pass_item_that_failed_its_schema(tmp_path: Path) -> None:
    broken = OTHER_DEPARTMENT_ITEMS.replace("    type: 行政许可\n", "")  # QD004: the item is left out
    delegation = DELEGATION.replace("items: [GF-330205-0301]", "items: [XK-330205-0001]")
    root = registry(tmp_path, delegation=delegation, extra={"power/scjgj.yaml": broken})
    assert found_in(root, "QD2") == set()
    assert found_in(root, "QD004") == {("power/scjgj.yaml", 3, 5, "QD004")}


def test_qd203_fail_item_of_another_department(tmp_path: Path) -> None:
    delegation = DELEGATION.replace("items: [GF-330205-0301]", "items: [XK-330205-0001]")
    root = registry(tmp_path, delegation=delegation, extra={"power/scjgj.yaml": OTHER_DEPARTMENT_ITEMS})
    assert found_in(root, "QD2") == {(DELEGATIONS, 7, 13, "QD203")}


def test_qd203_fail_street_item_held_through_another_delegation(tmp_path: Path) -> None:
    delegation = DELEGATION.replace("items: [GF-330205-0301]", "items: [GF-330205-0401]")
    street = STREET_ITEMS.replace("delegation: XF-2020-01", "delegation: XF-2020-02")
    other = DELEGATION.replace("XF-2020-01", "XF-2020-02")
    root = registry(tmp_path, delegation=delegation, street=street, extra={"delegations/other.yaml": other})
    assert found_in(root, "QD203") == {(DELEGATIONS, 7, 13, "QD203")}


def test_qd203_fail_from_unit_not_a_department(tmp_path: Path) -> None:
    for number, unit in enumerate(("wenjiao", "nosuch")):
        root = registry(tmp_path / str(number), delegation=DELEGATION.replace("from_unit: mzj", f"from_unit: {unit}"))
        assert found_in(root, "QD203") == {(DELEGATIONS, 4, 16, "QD203"), (DELEGATIONS, 7, 13, "QD203")}


def test_qd203_fail_to_units_not_streets_or_towns(tmp_path: Path) -> None:
    delegation = DELEGATION.replace("to_units: [wenjiao]", "to_units: [wenjiao, tiancheng, nosuch]")
    assert found_in(registry(tmp_path, delegation=delegation), "QD2") == {
        (DELEGATIONS, 5, 25, "QD203"),
        (DELEGATIONS, 5, 36, "QD203"),
    }


# --- QD204 ---------------------------------------------------------------------------------------


def test_qd204_pass_effective_on_the_review_date(tmp_path: Path) -> None:
    delegation = DELEGATION.replace("effective_date: 2020-03-01", "effective_date: 2020-02-18")
    assert found_in(registry(tmp_path, delegation=delegation), "QD2") == set()


def test_qd204_fail_effective_before_the_review(tmp_path: Path) -> None:
    delegation = DELEGATION.replace("effective_date: 2020-03-01", "effective_date: 2020-02-01")
    assert found_in(registry(tmp_path, delegation=delegation), "QD2") == {(DELEGATIONS, 18, 21, "QD204")}
