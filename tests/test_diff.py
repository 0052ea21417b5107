"""The diff engine: each change class found exactly, on real registries written to tmp_path."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import UNITS, write_registry
from qingdan.diff.engine import Change, ChangeClass, Diff, FieldChange, diff_registries
from qingdan.loader.load import load_registry
from qingdan.loader.registry import Registry
from qingdan.models import PowerItem
from qingdan.models.kinds import POWER

SAMPLE = Path(__file__).parent / "examples" / "valid" / "sample"

FOOD = """\
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
    responsibilities: [受理责任, 审查责任]
"""
PENALTY = """\
  - code: CF-330205-0001
    name: 对未取得食品经营许可从事食品经营活动的处罚
    type: 行政处罚
    legal_basis: [《中华人民共和国食品安全法》第一百二十二条]
"""
INSPECTION = """\
  - code: JC-330205-0001
    name: 对食品经营者的监督检查
    type: 行政检查
    legal_basis: [《中华人民共和国食品安全法》第一百一十条]
"""


def power_file(unit: str, *items: str) -> str:
    return f"unit: {unit}\nitems:\n" + "".join(items)


def diff_of(tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> Diff:
    before = load_registry(write_registry(tmp_path / "old", {**old}))
    after = load_registry(write_registry(tmp_path / "new", {**new}))
    return diff_registries(before, after)


def found(diff: Diff) -> set[tuple[str, str, str]]:
    return {(change.kind, change.key, change.change_class.value) for change in diff.changes}


def only(diff: Diff) -> Change:
    assert len(diff.changes) == 1, diff.changes
    return diff.changes[0]


BASE = {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, INSPECTION)}


# --- no change ---------------------------------------------------------------------------------------------


def test_identical_registries_have_no_changes() -> None:
    assert diff_registries(load_registry(SAMPLE), load_registry(SAMPLE)).changes == []


def test_a_record_moved_to_another_file_is_no_change(tmp_path: Path) -> None:
    moved = {
        "power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY),
        "power/moved/inspection.yaml": "items:\n" + INSPECTION.replace("    name:", "    unit: scjgj\n    name:", 1),
    }
    diff = diff_of(tmp_path, BASE, moved)
    assert diff.changes == [] and diff.summary == {}


def test_the_same_values_written_differently_are_no_change(tmp_path: Path) -> None:
    """A citation string and a mapping load to the same legal basis; a CSV row to the same item."""
    rewritten = {
        "power/scjgj.yaml": power_file(
            "scjgj",
            FOOD.replace(
                "[《中华人民共和国食品安全法》第三十五条]", "[{law: 中华人民共和国食品安全法, article: 第三十五条}]"
            ),
            INSPECTION,
        ),
        "power/penalty.csv": "code,name,type,unit,legal_basis\n"
        "CF-330205-0001,对未取得食品经营许可从事食品经营活动的处罚,行政处罚,scjgj,《中华人民共和国食品安全法》第一百二十二条\n",
    }
    assert diff_of(tmp_path, BASE, rewritten).changes == []


# --- 新增 and 取消 -------------------------------------------------------------------------------------------


def test_a_new_code_is_added_and_a_vanished_one_is_cancelled_and_flagged_deleted(tmp_path: Path) -> None:
    licence = FOOD.replace("XK-330205-0001", "XK-330205-0002").replace("食品经营许可", "食品生产许可")
    diff = diff_of(tmp_path, BASE, {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, licence)})
    assert found(diff) == {("power", "XK-330205-0002", "新增"), ("power", "JC-330205-0001", "取消")}
    added, cancelled = diff.changes
    assert (added.fields, added.deleted, added.level, added.unit) == ((), False, "区级", "scjgj")
    assert (cancelled.deleted, cancelled.name) == (True, "对食品经营者的监督检查")


def test_cancelling_by_status_carries_the_adjustment(tmp_path: Path) -> None:
    cancelled = (
        INSPECTION + "    status: 已取消\n    adjustment: {type: 取消, document: 江北编〔2019〕5号, date: 2019-05-01}\n"
    )
    change = only(diff_of(tmp_path, BASE, {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, cancelled)}))
    assert (change.key, change.change_class, change.deleted) == ("JC-330205-0001", ChangeClass.CANCELLED, False)
    assert change.fields == (FieldChange("status", "有效", "已取消"),)
    assert change.adjustment == {"type": "取消", "document": "江北编〔2019〕5号", "date": "2019-05-01"}


def test_an_item_cancelled_earlier_and_now_archived_is_not_reported_again(tmp_path: Path) -> None:
    cancelled = INSPECTION + "    status: 已取消\n    adjustment: {type: 取消}\n"
    old = {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, cancelled)}
    assert diff_of(tmp_path, old, {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY)}).changes == []


# --- finer classes of power items --------------------------------------------------------------------------


def test_a_reissued_code_is_one_code_change_keyed_by_the_new_code(tmp_path: Path) -> None:
    reissued = INSPECTION.replace("JC-330205-0001", "JC-330205-0007")
    change = only(diff_of(tmp_path, BASE, {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, reissued)}))
    assert (change.key, change.change_class) == ("JC-330205-0007", ChangeClass.RECODED)
    assert change.fields == (FieldChange("code", "JC-330205-0001", "JC-330205-0007"),)


def test_a_new_code_declared_in_from_pairs_even_when_renamed(tmp_path: Path) -> None:
    renamed = (
        INSPECTION.replace("JC-330205-0001", "JC-330205-0008").replace("对食品经营者", "对食品经营企业")
        + "    adjustment: {type: 更名, from: [JC-330205-0001]}\n"
    )
    change = only(diff_of(tmp_path, BASE, {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, renamed)}))
    assert (change.key, change.change_class) == ("JC-330205-0008", ChangeClass.RENAMED)
    assert [item.field for item in change.fields] == ["code", "name"]


def test_an_old_code_is_paired_with_one_new_code_only(tmp_path: Path) -> None:
    claims = [
        INSPECTION.replace("JC-330205-0001", f"JC-330205-000{number}").replace("监督检查", label)
        + "    adjustment: {type: 变更, from: [JC-330205-0001]}\n"
        for number, label in ((2, "日常监督检查"), (3, "专项监督检查"))
    ]
    diff = diff_of(tmp_path, BASE, {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, *claims)})
    assert found(diff) == {("power", "JC-330205-0002", "更名"), ("power", "JC-330205-0003", "新增")}


def test_a_cancelled_item_made_active_again_is_a_change(tmp_path: Path) -> None:
    cancelled = INSPECTION + "    status: 已取消\n    adjustment: {type: 取消}\n"
    old = {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, cancelled)}
    change = only(diff_of(tmp_path, old, BASE))
    assert (change.change_class, change.fields) == (ChangeClass.CHANGED, (FieldChange("status", "已取消", "有效"),))


def moved_to(unit: str) -> dict[str, str]:
    return {
        "power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY),
        f"power/{unit}.yaml": power_file(
            unit, INSPECTION + "    adjustment: {type: 下放, document: 甬政发〔2019〕1号}\n"
        ),
    }


def test_a_unit_moved_from_district_to_street_is_delegated_down(tmp_path: Path) -> None:
    change = only(diff_of(tmp_path, BASE, moved_to("wenjiao")))
    assert (change.change_class, change.unit, change.level) == (ChangeClass.DELEGATED, "wenjiao", "街道(镇)")
    assert change.fields == (FieldChange("unit", "scjgj", "wenjiao"),)
    assert change.adjustment == {"type": "下放", "document": "甬政发〔2019〕1号"}


def test_a_unit_moved_back_up_is_recalled(tmp_path: Path) -> None:
    change = only(diff_of(tmp_path, moved_to("wenjiao"), BASE))
    assert (change.change_class, change.level, change.adjustment) == (ChangeClass.RECALLED, "区级", None)


def test_a_unit_moved_within_a_level_is_transferred(tmp_path: Path) -> None:
    assert found(diff_of(tmp_path / "a", moved_to("wenjiao"), moved_to("zhuangqiao"))) == {
        ("power", "JC-330205-0001", "划转")
    }
    assert found(diff_of(tmp_path / "b", BASE, moved_to("mzj"))) == {("power", "JC-330205-0001", "划转")}


def test_a_unit_moved_down_to_a_community_is_delegated_down(tmp_path: Path) -> None:
    assert only(diff_of(tmp_path, moved_to("wenjiao"), moved_to("tiancheng"))).change_class is ChangeClass.DELEGATED


def test_a_new_name_is_a_rename_and_lists_every_changed_field(tmp_path: Path) -> None:
    renamed = FOOD.replace("name: 食品经营许可", "name: 食品经营许可（含仅销售预包装食品备案）")
    diff = diff_of(tmp_path / "a", BASE, {"power/scjgj.yaml": power_file("scjgj", renamed, PENALTY, INSPECTION)})
    assert found(diff) == {("power", "XK-330205-0001", "更名")}
    both = renamed.replace("审查责任]", "审查责任, 决定责任]")
    change = only(diff_of(tmp_path / "b", BASE, {"power/scjgj.yaml": power_file("scjgj", both, PENALTY, INSPECTION)}))
    assert change.change_class is ChangeClass.RENAMED
    assert [item.field for item in change.fields] == ["name", "responsibilities"]


def test_other_changes_are_listed_field_by_field_as_text(tmp_path: Path) -> None:
    changed = FOOD.replace("审查责任]", "审查责任, 决定责任]").replace(
        "[《中华人民共和国食品安全法》第三十五条]",
        "['《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。']",
    )
    change = only(diff_of(tmp_path, BASE, {"power/scjgj.yaml": power_file("scjgj", changed, PENALTY, INSPECTION)}))
    assert change.change_class is ChangeClass.CHANGED
    assert change.fields == (
        FieldChange(
            "legal_basis",
            "《中华人民共和国食品安全法》第三十五条",
            "《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。",
        ),
        FieldChange("responsibilities", "受理责任；审查责任", "受理责任；审查责任；决定责任"),
    )


def test_a_new_adjustment_alone_is_a_change_without_fields(tmp_path: Path) -> None:
    adjusted = PENALTY + "    adjustment: {type: 变更, reason: 依据修订后的食品安全法}\n"
    change = only(diff_of(tmp_path, BASE, {"power/scjgj.yaml": power_file("scjgj", FOOD, adjusted, INSPECTION)}))
    assert (change.change_class, change.fields) == (ChangeClass.CHANGED, ())
    assert change.adjustment == {"type": "变更", "reason": "依据修订后的食品安全法"}


def test_an_old_adjustment_is_not_carried_into_a_new_change(tmp_path: Path) -> None:
    adjusted = PENALTY + "    adjustment: {type: 新增, document: 江北编〔2018〕1号}\n"
    old = {"power/scjgj.yaml": power_file("scjgj", FOOD, adjusted, INSPECTION)}
    changed = adjusted.replace("第一百二十二条", "第一百二十二条第一款")
    change = only(diff_of(tmp_path, old, {"power/scjgj.yaml": power_file("scjgj", FOOD, changed, INSPECTION)}))
    assert (change.change_class, change.adjustment) == (ChangeClass.CHANGED, None)


def test_a_merge_is_one_change_and_the_absorbed_codes_are_not_reported(tmp_path: Path) -> None:
    merged = """\
  - code: JC-330205-0009
    name: 对食品经营者和食品经营活动的监督检查
    type: 行政检查
    legal_basis: [《中华人民共和国食品安全法》第一百一十条]
    adjustment: {type: 合并, document: 江北编〔2019〕9号, from: [JC-330205-0001, JC-330205-0002]}
"""
    second = INSPECTION.replace("JC-330205-0001", "JC-330205-0002").replace("监督检查", "日常检查")
    old = {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, INSPECTION, second)}
    change = only(diff_of(tmp_path, old, {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, merged)}))
    assert (change.key, change.change_class, change.fields) == ("JC-330205-0009", ChangeClass.MERGED, ())
    assert change.adjustment is not None and change.adjustment["from"] == ["JC-330205-0001", "JC-330205-0002"]


def test_an_item_absorbing_a_cancelled_one_is_a_merge(tmp_path: Path) -> None:
    second = INSPECTION.replace("JC-330205-0001", "JC-330205-0002").replace("监督检查", "日常检查")
    old = {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, INSPECTION, second)}
    absorbing = INSPECTION + "    adjustment: {type: 合并, from: [JC-330205-0001, JC-330205-0002]}\n"
    absorbed = second + "    status: 已取消\n    adjustment: {type: 合并}\n"
    diff = diff_of(tmp_path, old, {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, absorbing, absorbed)})
    assert found(diff) == {("power", "JC-330205-0001", "合并")}


def test_a_split_is_reported_on_each_new_item(tmp_path: Path) -> None:
    parts = [
        INSPECTION.replace("JC-330205-0001", f"JC-330205-000{number}").replace("监督检查", label)
        + "    adjustment: {type: 拆分, from: [JC-330205-0001]}\n"
        for number, label in ((2, "日常监督检查"), (3, "专项监督检查"))
    ]
    cancelled = INSPECTION + "    status: 已取消\n    adjustment: {type: 拆分}\n"
    diff = diff_of(tmp_path, BASE, {"power/scjgj.yaml": power_file("scjgj", FOOD, PENALTY, cancelled, *parts)})
    assert found(diff) == {("power", "JC-330205-0002", "拆分"), ("power", "JC-330205-0003", "拆分")}


def test_a_power_item_of_an_unknown_unit_has_no_level(tmp_path: Path) -> None:
    diff = diff_of(tmp_path, BASE, {**BASE, "power/x.yaml": power_file("nowhere", FOOD.replace("0001", "0005"))})
    assert (only(diff).change_class, only(diff).level) == (ChangeClass.ADDED, None)
    assert diff.summary == {"power": {"未知": {"新增": 1}}}


# --- the other kinds --------------------------------------------------------------------------------------

DELEGATION = """\
delegations:
  - id: XF-2019-01
    title: 食品经营监督检查下放文教街道
    from_unit: scjgj
    to_units: [wenjiao]
    mode: 下放
    items: [JC-330205-0001]
    status: {status}
"""
TASKS = """\
tasks:
  - id: SQ-001
    name: 社区食品安全宣传
    requested_by: scjgj
    category: 协助办理
    decision: {decision}
    funding: 区市场监督管理局拨付
"""


def other_kinds(status: str, decision: str, units: str = UNITS) -> dict[str, str]:
    return {
        "units.yaml": units,
        "delegations/2019.yaml": DELEGATION.replace("{status}", status),
        "community-tasks/2019.yaml": TASKS.replace("{decision}", decision),
    }


def test_units_delegations_and_tasks_changes(tmp_path: Path) -> None:
    units = UNITS.replace("name: 区民政局", "name: 江北区民政局").replace(
        '"330205004000"}', '"330205004000", status: 已撤销}'
    )
    diff = diff_of(tmp_path, other_kinds("审议中", "保留"), other_kinds("已撤回", "取消", units))
    assert [(change.kind, change.key, change.change_class.value) for change in diff.changes] == [
        ("units", "wenjiao", "取消"),
        ("units", "mzj", "变更"),
        ("delegations", "XF-2019-01", "取消"),
        ("community_tasks", "SQ-001", "取消"),
    ]
    revoked, renamed, withdrawn, task = diff.changes
    assert renamed.fields == (FieldChange("name", "区民政局", "江北区民政局"),)
    assert revoked.fields == (FieldChange("status", "有效", "已撤销"),) and revoked.unit is None
    assert (withdrawn.unit, withdrawn.level) == ("scjgj", None)
    assert task.fields == (FieldChange("decision", "保留", "取消"),)


def test_a_delegation_approved_lists_its_review_as_text(tmp_path: Path) -> None:
    approved = "已批准\n    review: {meeting: 联席会议2019年第1次会议, date: 2019-03-01, decision: 同意}"
    change = only(diff_of(tmp_path, other_kinds("审议中", "保留"), other_kinds(approved, "保留")))
    assert change.change_class is ChangeClass.CHANGED
    assert change.fields == (
        FieldChange("status", "审议中", "已批准"),
        FieldChange("review", None, "meeting: 联席会议2019年第1次会议，date: 2019-03-01，decision: 同意"),
    )


def test_deleted_records_of_every_kind_are_flagged(tmp_path: Path) -> None:
    diff = diff_of(tmp_path, other_kinds("审议中", "保留"), {"delegations/keep.yaml": "delegations: []\n"})
    assert {(change.kind, change.key, change.deleted) for change in diff.changes} == {
        ("delegations", "XF-2019-01", True),
        ("community_tasks", "SQ-001", True),
    }


# --- order and summary -------------------------------------------------------------------------------------


def test_changes_are_ordered_by_kind_level_class_and_key_and_counted_once(tmp_path: Path) -> None:
    new = {
        **moved_to("wenjiao"),
        "power/scjgj.yaml": power_file(
            "scjgj", FOOD.replace("食品经营许可", "食品经营许可证核发"), PENALTY.replace("0001", "0002")
        ),
        "units.yaml": UNITS + "  - {id: gxq, name: 高新区管委会, kind: 工业区}\n",
    }
    diff = diff_of(tmp_path, BASE, new)
    assert [(change.kind, change.level, change.change_class.value, change.key) for change in diff.changes] == [
        ("units", None, "新增", "gxq"),
        ("power", "区级", "更名", "XK-330205-0001"),
        ("power", "区级", "编码变更", "CF-330205-0002"),
        ("power", "街道(镇)", "下放", "JC-330205-0001"),
    ]
    assert diff.summary == {
        "units": {"新增": 1},
        "power": {"区级": {"更名": 1, "编码变更": 1}, "街道(镇)": {"下放": 1}},
    }


# --- properties ----------------------------------------------------------------------------------------------

UNIT_IDS = ["scjgj", "mzj", "wenjiao", "zhuangqiao", "tiancheng", "nowhere"]
TYPES = ["行政许可", "行政处罚", "行政检查", "公共服务"]


@st.composite
def power_items(draw: st.DrawFn) -> list[PowerItem]:
    numbers = draw(st.lists(st.integers(1, 60), unique=True, max_size=12))
    items = []
    for number in numbers:
        data: dict[str, Any] = {
            "code": f"XK-330205-{number:04d}",
            "name": draw(st.sampled_from(["食品经营许可", "临时救助审批", "对违法行为的处罚", "监督检查"])),
            "type": draw(st.sampled_from(TYPES)),
            "unit": draw(st.sampled_from(UNIT_IDS)),
            "legal_basis": draw(
                st.lists(st.sampled_from(["《食品安全法》第三十五条", "《社会救助暂行办法》"]), max_size=2)
            ),
        }
        if draw(st.booleans()):
            data["status"] = "已取消"
            data["adjustment"] = {"type": "取消", "date": "2019-01-01"}
        items.append(PowerItem.model_validate(data))
    return items


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    """The helpers' units and settings; each example only varies the power items."""
    return load_registry(write_registry(tmp_path_factory.mktemp("base"), {}))


def registry_with(base: Registry, items: list[PowerItem]) -> Registry:
    return dataclasses.replace(base, records={**base.records, POWER.name: list(items)}, _indexes={})


def reloaded(items: list[PowerItem]) -> list[PowerItem]:
    """The same values in new objects, as another load would give."""
    return [PowerItem.model_validate(item.model_dump(by_alias=True, exclude_none=True)) for item in items]


@settings(max_examples=60, deadline=None)
@given(items=power_items())
def test_a_registry_diffed_with_itself_is_empty(base: Registry, items: list[PowerItem]) -> None:
    registry = registry_with(base, items)
    assert diff_registries(registry, registry).changes == []
    assert diff_registries(registry, registry_with(base, reloaded(items))).changes == []


@settings(max_examples=60, deadline=None)
@given(items=power_items(), data=st.data())
def test_pure_additions_mirror_as_deletions(base: Registry, items: list[PowerItem], data: st.DataObject) -> None:
    """What NEW adds to OLD, OLD cancels (deleted) from NEW — except items added already cancelled."""
    active = [item for item in items if item.active]
    kept = data.draw(st.lists(st.sampled_from(active), unique_by=lambda item: item.code)) if active else []
    smaller, larger = registry_with(base, kept), registry_with(base, items)
    forward, backward = diff_registries(smaller, larger), diff_registries(larger, smaller)
    added = {change.key for change in forward.changes}
    assert {change.change_class for change in forward.changes} <= {ChangeClass.ADDED}
    assert added == {item.code for item in items} - {item.code for item in kept}
    assert {change.key for change in backward.changes} == {code for code in added if larger.by_key(POWER)[code].active}
    assert all(change.change_class is ChangeClass.CANCELLED and change.deleted for change in backward.changes)


@settings(max_examples=60, deadline=None)
@given(old=power_items(), new=power_items())
def test_every_key_is_reported_at_most_once_and_counted_once(
    base: Registry, old: list[PowerItem], new: list[PowerItem]
) -> None:
    diff = diff_registries(registry_with(base, old), registry_with(base, new))
    keys = [change.key for change in diff.changes]
    assert len(keys) == len(set(keys))
    assert sum(sum(counts.values()) for counts in diff.summary.get("power", {}).values()) == len(keys)
