"""QD751–QD755: internal matters. Positions are 1-based (line, column) of the offending key or value."""

from __future__ import annotations

from pathlib import Path

from helpers import SETTINGS, found, found_in, write_registry

MATTERS = "internal-matters/2020.yaml"
PILOTS = SETTINGS + "pilot_streets: [wenjiao, zhuangqiao]\n"

TASKS = """\
tasks:
  - {id: SQ-101, name: 协助开展社区心理健康指导, requested_by: mzj, category: 协助办理, decision: 保留,
     criteria: {legal_basis: 《中华人民共和国精神卫生法》第二十条第一款}, funding: 区民政局按辖区人口拨付}
  - {id: SQ-102, name: 社区健康教育宣传栏更新, requested_by: mzj, category: 日常管理, decision: 归并,
     merged_into: SQ-101}
  - {id: SQ-103, name: 社区卫生创建台账报送, requested_by: wenjiao, category: 其他, decision: 取消}
"""

ITEMS = """\
unit: wenjiao
items:
  - code: GF-330205-0841
    name: 最低生活保障申请受理、调查核实与初审公示
    type: 行政给付
    legal_basis: [《社会救助暂行办法》第十一条]
"""

MATTER_LIST = """\
matters:
  - id: NB-01
    name: 社区（村）印章刻制备案
    applicant: 社区(村)
    handler: wenjiao
    mode: 审核转报
    forward_to: mzj
    outcome: 备案
    basis: [《村民委员会组织法》第二十四条]
    related_task: SQ-101
    materials: [印章刻制申请表, 社区居委会会议纪要]
    time_limit: 3工作日
    visits_before: 2
    visits_after: 0
    online: 是
  - id: NB-02
    name: 社区工作者岗位等级晋升审核
    applicant: 社区(村)工作人员
    handler: zhuangqiao
    mode: 直接办理
    outcome: 审批
    online: 否
    classified: 是
"""


def matters(
    tmp_path: Path, text: str = MATTER_LIST, settings: str = PILOTS, prefix: str = "QD75"
) -> set[tuple[str, int, int, str]]:
    files: dict[str, str | bytes] = {
        MATTERS: text,
        "qingdan.yaml": settings,
        "community-tasks/2020.yaml": TASKS,
        "power/wenjiao.yaml": ITEMS,
    }
    return found_in(write_registry(tmp_path, files), prefix)


def test_a_clean_pilot_passes(tmp_path: Path) -> None:
    assert matters(tmp_path, prefix="QD") == set()


# --- QD751 ---------------------------------------------------------------------------------------


def test_qd751_fail_the_name_of_an_item_of_the_handler(tmp_path: Path) -> None:
    text = MATTER_LIST.replace("社区（村）印章刻制备案", "最低生活保障申请受理、调查核实与初审公示")
    assert matters(tmp_path, text) == {(MATTERS, 3, 11, "QD751")}


def test_qd751_pass_the_name_of_an_item_of_another_street(tmp_path: Path) -> None:
    text = MATTER_LIST.replace("社区工作者岗位等级晋升审核", "最低生活保障申请受理、调查核实与初审公示")
    assert matters(tmp_path, text) == set()


def test_qd751_fail_the_name_of_a_guide_in_another_width(tmp_path: Path) -> None:
    guide = """\
guides:
  - id: ZN-001
    name: 社区(村)印章刻制备案
    category: 法定办理事项
    items: [GF-330205-0841]
    applicants: [自然人]
    conditions: [有需要]
    materials: [{name: 申请表, form: 原件}]
    steps: [{step: 受理}]
    promised_limit: 即办
    handling: 即办件
    visits: 1
    fee: 不收费
    location: 窗口
    hours: 工作日
    phone: "87654321"
"""
    root = write_registry(
        tmp_path,
        {MATTERS: MATTER_LIST, "qingdan.yaml": PILOTS, "community-tasks/2020.yaml": TASKS, "guides/a.yaml": guide},
    )
    assert found_in(root, "QD751") == {(MATTERS, 3, 11, "QD751")}


# --- QD752 ---------------------------------------------------------------------------------------


def test_qd752_fail_forwarded_without_forward_to(tmp_path: Path) -> None:
    assert matters(tmp_path, MATTER_LIST.replace("    forward_to: mzj\n", "")) == {(MATTERS, 6, 11, "QD752")}


def test_qd752_fail_direct_with_forward_to(tmp_path: Path) -> None:
    text = MATTER_LIST.replace("    mode: 直接办理\n", "    mode: 直接办理\n    forward_to: mzj\n")
    assert matters(tmp_path, text) == {(MATTERS, 21, 17, "QD752")}


def test_qd752_fail_forward_to_a_community_or_nobody(tmp_path: Path) -> None:
    assert matters(tmp_path / "community", MATTER_LIST.replace("forward_to: mzj", "forward_to: tiancheng")) == {
        (MATTERS, 7, 17, "QD752")
    }
    assert matters(tmp_path / "nobody", MATTER_LIST.replace("forward_to: mzj", "forward_to: mzjj")) == {
        (MATTERS, 7, 17, "QD752")
    }


# --- QD753 ---------------------------------------------------------------------------------------


def test_qd753_fail_unknown_cancelled_or_merged_task(tmp_path: Path) -> None:
    for task in ("SQ-999", "SQ-103", "SQ-102"):
        text = MATTER_LIST.replace("related_task: SQ-101", f"related_task: {task}")
        assert matters(tmp_path / task, text) == {(MATTERS, 10, 19, "QD753")}


# --- QD754 ---------------------------------------------------------------------------------------


def test_qd754_fail_offline_and_not_classified(tmp_path: Path) -> None:
    assert matters(tmp_path, MATTER_LIST.replace("    classified: 是\n", "")) == {(MATTERS, 22, 13, "QD754")}


def test_qd754_fail_more_visits_after_the_reform(tmp_path: Path) -> None:
    assert matters(tmp_path, MATTER_LIST.replace("visits_after: 0", "visits_after: 3")) == {(MATTERS, 14, 19, "QD754")}


# --- QD755 ---------------------------------------------------------------------------------------


def test_qd755_fail_a_handler_outside_the_pilot(tmp_path: Path) -> None:
    settings = SETTINGS + "pilot_streets: [wenjiao]\n"
    assert matters(tmp_path, settings=settings) == {(MATTERS, 19, 14, "QD755")}


def test_qd755_pass_any_street_without_pilot_streets(tmp_path: Path) -> None:
    assert matters(tmp_path, settings=SETTINGS) == set()


def test_qd755_fail_a_handler_that_is_not_a_street(tmp_path: Path) -> None:
    assert matters(tmp_path, MATTER_LIST.replace("handler: zhuangqiao", "handler: mzj")) == {(MATTERS, 19, 14, "QD755")}


def test_a_matter_with_bad_values_is_located_and_not_checked_further(tmp_path: Path) -> None:
    text = MATTER_LIST.replace("online: 是", "online: 可以").replace("time_limit: 3工作日", "time_limit: 3天")
    root = write_registry(
        tmp_path,
        {MATTERS: text, "qingdan.yaml": PILOTS, "community-tasks/2020.yaml": TASKS, "power/wenjiao.yaml": ITEMS},
    )
    assert found(root) == {(MATTERS, 12, 17, "QD005"), (MATTERS, 15, 13, "QD005")}
