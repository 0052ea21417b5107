"""QD601–QD603: duty division. Positions are 1-based (line, column) of the offending value (tests/peiquan.py
holds the registry: duties/2020.yaml has ZF-01 at line 2, ZF-02 at line 10, ZF-03 at line 16)."""

from __future__ import annotations

from pathlib import Path

from helpers import SETTINGS, found_in
from peiquan import DELEGATION, DUTIES_TEXT, DUTY_FILE, peiquan_registry
from qingdan.validation.validate import validate


def test_the_duties_pass(tmp_path: Path) -> None:
    assert found_in(peiquan_registry(tmp_path), "QD6") == set()


# --- QD601 ---------------------------------------------------------------------------------------


def test_qd601_fail_the_lead_also_assists(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace("{unit: scjgj, tasks: 查处无照经营}", "{unit: zhzfj, tasks: 查处无照经营}")
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD60") == {(DUTY_FILE, 8, 16, "QD601")}


def test_qd601_fail_a_partner_twice(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace("{unit: scjgj, tasks: 查处无照经营}", "{unit: 属地街道(镇), tasks: 查处无照经营}")
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD60") == {(DUTY_FILE, 8, 16, "QD601")}
    [problem] = [p for p in validate(tmp_path).problems if p.check == "QD601"]
    assert (problem.key, problem.args["unit"]) == ("QD601.twice", "属地街道(镇)")


# --- QD602 ---------------------------------------------------------------------------------------


def test_qd602_pass_a_street_leads_through_an_approved_delegation(tmp_path: Path) -> None:
    """ZF-02: zhuangqiao holds none of the linked codes itself, but XF-2020-04 (已批准) hands it the duty."""
    assert found_in(peiquan_registry(tmp_path), "QD602") == set()


def test_qd602_fail_when_that_delegation_is_under_review(tmp_path: Path) -> None:
    delegation = DELEGATION.replace("status: 已批准", "status: 审议中")
    root = peiquan_registry(tmp_path, delegation=delegation)
    assert found_in(root, "QD602") == {(DUTY_FILE, 15, 17, "QD602")}
    [problem] = [p for p in validate(root).problems if p.check == "QD602"]
    assert (problem.key, problem.args["status"], problem.args["streets"]) == ("QD602.status", "审议中", "zhuangqiao")


def test_qd602_fail_without_a_delegation_at_the_lead(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace("    delegation: XF-2020-04\n", "")
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD602") == {(DUTY_FILE, 12, 18, "QD602")}


def test_qd602_fail_a_delegation_to_another_street(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace(
        "lead: {unit: zhuangqiao, tasks: 依法查处占道经营}", "lead: {unit: wenjiao, tasks: 依法查处占道经营}"
    )
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD602") == {(DUTY_FILE, 15, 17, "QD602")}


def test_qd602_pass_a_street_that_holds_a_linked_item_itself(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace("    delegation: XF-2020-04\n", "").replace(
        "power_items: [CF-330205-0201]\n  - id: ZF-03", "power_items: [CF-330205-0201, CF-330205-0301]\n  - id: ZF-03"
    )
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD602") == set()


def test_qd602_fail_every_street_made_to_lead_a_departments_penalty(tmp_path: Path) -> None:
    """属地街道(镇) as lead stands for every street: neither wenjiao nor zhuangqiao holds CF-330205-0201."""
    duties = DUTIES_TEXT.replace("{unit: zhzfj, tasks: 依法查处占道经营}", "{unit: 属地街道(镇), tasks: 查处}")
    duties = duties.replace("{unit: 属地街道(镇), tasks: 巡查发现、劝阻和报告}", "{unit: zhzfj, tasks: 业务指导}")
    root = peiquan_registry(tmp_path, duties=duties)
    assert found_in(root, "QD602") == {(DUTY_FILE, 5, 18, "QD602")}
    [problem] = [p for p in validate(root).problems if p.check == "QD602"]
    assert problem.args["streets"] == "wenjiao、zhuangqiao"


def test_qd602_fail_unknown_codes_and_delegation(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace(
        "power_items: [CF-330205-0201]\n    delegation: XF-2020-04",
        "power_items: [CF-330205-9999]\n    delegation: XF-2020-99",
    )
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD602") == {
        (DUTY_FILE, 14, 19, "QD602"),  # the unknown code
        (DUTY_FILE, 15, 17, "QD602"),  # the unknown delegation
    }  # and no 推责 on top: what a street holds is not judged on codes and delegations that do not exist


def test_qd602_pass_a_cancelled_duty(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace(
        "    delegation: XF-2020-04\n",
        "    status: 已取消\n    adjustment: {type: 取消, document: 江北编〔2021〕1号}\n",
    )
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD6") == set()


# --- QD603 ---------------------------------------------------------------------------------------


def test_qd603_fail_the_zone_leads_its_safety_duty(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace(
        "lead: {unit: zhuangqiao, tasks: 属地安全生产监管}", "lead: {unit: gxq, tasks: 属地安全生产监管}"
    ).replace(
        "partners: [{unit: gxq, tasks: 督促园区企业落实主体责任}]", "partners: [{unit: zhuangqiao, tasks: 配合检查}]"
    )
    root = peiquan_registry(tmp_path, duties=duties)
    assert found_in(root, "QD60") == {(DUTY_FILE, 19, 18, "QD603")}
    [problem] = [p for p in validate(root).problems if p.check == "QD603"]
    assert (problem.args["zone"], problem.args["domain"], problem.args["streets"]) == ("gxq", "安全生产", "zhuangqiao")


def test_qd603_fail_a_street_the_zone_does_not_lie_in(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace(
        "lead: {unit: zhuangqiao, tasks: 属地安全生产监管}", "lead: {unit: wenjiao, tasks: 属地安全生产监管}"
    )
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD60") == {(DUTY_FILE, 19, 18, "QD603")}


def test_qd603_pass_the_zone_leads_a_domain_it_keeps(tmp_path: Path) -> None:
    duties = (
        DUTIES_TEXT.replace("domain: 安全生产", "domain: 招商引资")
        .replace("lead: {unit: zhuangqiao, tasks: 属地安全生产监管}", "lead: {unit: gxq, tasks: 园区招商}")
        .replace(
            "partners: [{unit: gxq, tasks: 督促园区企业落实主体责任}]", "partners: [{unit: zhuangqiao, tasks: 配合}]"
        )
    )
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD60") == set()


def test_qd603_the_domains_come_from_qingdan_yaml(tmp_path: Path) -> None:
    duties = (
        DUTIES_TEXT.replace("domain: 安全生产", "domain: 招商引资")
        .replace("lead: {unit: zhuangqiao, tasks: 属地安全生产监管}", "lead: {unit: gxq, tasks: 园区招商}")
        .replace(
            "partners: [{unit: gxq, tasks: 督促园区企业落实主体责任}]", "partners: [{unit: zhuangqiao, tasks: 配合}]"
        )
    )
    root = peiquan_registry(tmp_path, duties=duties)
    (root / "qingdan.yaml").write_text(SETTINGS + "zone_street_domains: [招商引资]\n", encoding="utf-8")
    assert found_in(root, "QD60") == {(DUTY_FILE, 19, 18, "QD603")}


def test_qd603_fail_a_zone_that_is_not_an_industrial_zone(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace("zone: gxq", "zone: zhzfj")
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD60") == {(DUTY_FILE, 21, 11, "QD603")}


# --- QD105 on the units the duties name ------------------------------------------------------------


def test_qd105_a_duty_led_by_a_unit_not_in_units_yaml(tmp_path: Path) -> None:
    duties = DUTIES_TEXT.replace("lead: {unit: zhzfj,", "lead: {unit: zhzfjj,").replace("zone: gxq", "zone: gxqq")
    assert found_in(peiquan_registry(tmp_path, duties=duties), "QD") == {
        (DUTY_FILE, 5, 18, "QD105"),
        (DUTY_FILE, 21, 11, "QD105"),
    }
