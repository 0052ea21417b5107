"""QD901: unique ids. Every occurrence after the first is reported at its `id` value."""

from __future__ import annotations

from pathlib import Path

from helpers import UNITS, found_in, write_registry
from qingdan.validation.validate import validate

TASK = """\
  - id: {ident}
    name: 社区卫生创建台账报送
    requested_by: wenjiao
    category: 其他
    decision: 取消
"""

SCHEME = """\
  - id: {ident}
    year: 2020
    subjects: [wenjiao-scjgs]
    parties: [{{party: 区级部门, weight: 50}}, {{party: 街道(镇), weight: 30}}, {{party: 社会, weight: 20}}]
"""

DELEGATION = """\
  - id: {ident}
    title: 小额临时救助审批委托文教街道
    from_unit: mzj
    to_units: [wenjiao]
    mode: 委托
    items: [GF-330205-0301]
    status: 申请
"""

POWER = """\
unit: mzj
items:
  - {code: GF-330205-0301, name: 临时救助审批, type: 行政给付, legal_basis: [《社会救助暂行办法》第四十八条]}
"""


def tasks(*idents: str) -> str:
    return "tasks:\n" + "".join(TASK.format(ident=ident) for ident in idents)


def test_qd901_pass_ids_unique_within_each_kind(tmp_path: Path) -> None:
    # A task may share its id with a unit or an assessment: they are different kinds.
    root = write_registry(
        tmp_path,
        {
            "community-tasks/2020.yaml": tasks("SQ-101", "wenjiao"),
            "assessments/2020.yaml": "assessments:\n" + SCHEME.format(ident="SQ-101"),
        },
    )
    assert found_in(root, "QD9") == set()


def test_qd901_fail_duplicate_unit(tmp_path: Path) -> None:
    units = UNITS + "  - {id: wenjiao, name: 文教社区, kind: 社区, parent: zhuangqiao}\n"
    root = write_registry(tmp_path, {"units.yaml": units})
    assert found_in(root, "QD9") == {("units.yaml", 8, 10, "QD901")}
    [problem] = [p for p in validate(root).problems if p.check == "QD901"]
    assert problem.args == {"ident": "wenjiao", "first": "units.yaml"}


def test_qd901_fail_every_later_task_with_the_same_id(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {"community-tasks/2020.yaml": tasks("SQ-101", "SQ-102", "SQ-101", "SQ-101")})
    assert found_in(root, "QD9") == {
        ("community-tasks/2020.yaml", 12, 9, "QD901"),
        ("community-tasks/2020.yaml", 17, 9, "QD901"),
    }


def test_qd901_fail_duplicate_delegation_across_files(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            "power/mzj.yaml": POWER,
            "delegations/2019.yaml": "delegations:\n" + DELEGATION.format(ident="XF-2020-01"),
            "delegations/2020.yaml": "delegations:\n" + DELEGATION.format(ident="XF-2020-01"),
        },
    )
    assert found_in(root, "QD9") == {("delegations/2020.yaml", 2, 9, "QD901")}


def test_qd901_fail_duplicate_assessment(tmp_path: Path) -> None:
    schemes = "assessments:\n" + SCHEME.format(ident="KH-2020-11") + SCHEME.format(ident="KH-2020-11")
    root = write_registry(tmp_path, {"assessments/2020.yaml": schemes})
    assert found_in(root, "QD9") == {("assessments/2020.yaml", 6, 9, "QD901")}
