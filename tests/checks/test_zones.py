"""QD105 on an industrial zone's `located_in` (SPEC §4.1): the streets or towns its area lies in."""

from __future__ import annotations

from pathlib import Path

from helpers import UNITS, found_in, write_registry
from qingdan.validation.validate import validate

ZONES = """\
  - {id: old, name: 原白沙街道, kind: 街道, status: 已撤销}
  - {id: gxq, name: 宁波江北高新技术产业园区, kind: 工业区, located_in: [zhuangqiao, wenjiao]}
  - {id: cyq, name: 甲工业区, kind: 工业区}
  - {id: cyq2, name: 乙工业区, kind: 工业区, located_in: [scjgj, nowhere, old]}
"""


def test_a_zone_in_two_streets_passes(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {"units.yaml": UNITS + ZONES.splitlines(True)[1]})
    assert found_in(root, "QD") == set()


def test_a_zone_without_located_in_or_naming_no_street(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {"units.yaml": UNITS + ZONES})
    assert found_in(root, "QD") == {
        ("units.yaml", 10, 5, "QD105"),  # 甲工业区: no located_in, at the record
        ("units.yaml", 11, 52, "QD105"),  # a 部门
        ("units.yaml", 11, 59, "QD105"),  # not in units.yaml
        ("units.yaml", 11, 68, "QD105"),  # revoked
    }
    keys = sorted(p.key for p in validate(root).problems)
    assert keys == [
        "QD105.located_in",
        "QD105.located_in_kind",
        "QD105.located_in_required",
        "QD105.located_in_revoked",
    ]
