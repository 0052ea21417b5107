"""Round trips over generated registries: export → import changes nothing, in CSV and in xlsx; a sheet
exported from one registry makes another hold exactly its data; fmt is idempotent and never changes data."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from helpers import write_registry
from qingdan.diff.engine import diff_registries
from qingdan.loader.load import load_registry
from qingdan.models.kinds import POWER
from qingdan.parsing import yamldoc
from qingdan.sheets import export_sheet, import_sheet
from qingdan.sheets.cells import comparable
from qingdan.validation.validate import validate
from qingdan.writing import yamlwrite
from qingdan.writing.fmt import format_registry

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
TYPES = {"XK": "行政许可", "CF": "行政处罚", "JC": "行政检查"}

_CHINESE = "食品经营许可证审批登记检查处罚法条例第一二三条款（）、。"
_WORD = st.text(st.sampled_from(list(_CHINESE + "ABCxyz0123456789 -=+@'\"#,.&*[]{}|>%!?")), min_size=1, max_size=12)
# Text of a single line, no spaces around it: names, laws, list entries.
_LINE = _WORD.map(str.strip).filter(bool)
_ARTICLE = _LINE.filter(lambda text: ":" not in text and "：" not in text)
# Free text may hold anything a clerk could type, formula starts, quotes and line breaks included.
_FREE = st.text(st.sampled_from(list(_CHINESE + "ab01 =+-@'\t\n\r：:《》#\"")), max_size=15)


@st.composite
def _legal_basis(draw: st.DrawFn) -> dict[str, str]:
    basis = {"law": draw(_LINE.filter(lambda text: "》" not in text))}
    if draw(st.booleans()):
        basis["article"] = draw(_ARTICLE)
    if draw(st.booleans()):
        basis["text"] = draw(_LINE)
    return basis


@st.composite
def _item(draw: st.DrawFn, code: str) -> dict[str, Any]:
    item: dict[str, Any] = {"code": code, "name": draw(_LINE), "type": TYPES[code[:2]]}
    if draw(st.booleans()):
        item["unit"] = draw(st.sampled_from(["scjgj", "mzj"]))
    item["legal_basis"] = draw(st.lists(_legal_basis(), min_size=1, max_size=3))
    for name in ("responsibilities", "accountability"):
        if draw(st.booleans()):
            item[name] = draw(st.lists(_LINE, min_size=1, max_size=3))
    if draw(st.booleans()):
        item["note"] = draw(_FREE)
    if draw(st.booleans()):
        item["status"] = "有效"
    return item


@st.composite
def _codes(draw: st.DrawFn) -> list[str]:
    numbers = draw(st.lists(st.integers(1, 9999), min_size=1, max_size=10, unique=True))
    return [f"{draw(st.sampled_from(sorted(TYPES)))}-330205-{number:04d}" for number in numbers]


def _power_yaml(items: list[dict[str, Any]], flow: bool) -> str:
    """A power file as a clerk might keep it: a default unit, comments, blank lines between items."""
    document = CommentedMap()
    document.yaml_set_start_comment("区市场监督管理局权责清单")
    document["unit"] = "scjgj"
    sequence = CommentedSeq()
    for index, item in enumerate(items):
        node = yamlwrite.to_node(item, lambda path: False)
        if flow and "responsibilities" in node:
            node["responsibilities"].fa.set_flow_style()
        yamlwrite.append_item(sequence, node)
        sequence.yaml_set_comment_before_after_key(index, before=f"第 {index + 1} 项", indent=2)
    document["items"] = sequence
    return yamlwrite.dump(document)


def _registry(root: Path, items: list[dict[str, Any]], flow: bool) -> Path:
    if root.exists():
        shutil.rmtree(root)
    write_registry(root, {"power/scjgj.yaml": _power_yaml(items, flow)})
    report = validate(root)
    assert not [found for found in report.problems if found.severity == "error"], report.problems
    return root


def _filled(value: str | None) -> bool:
    return bool(value and value.strip())


def _snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _records(root: Path) -> list[Any]:
    """The items' data, with blank values (an empty note, an empty list) taken as absent: a sheet's empty
    cell cannot tell them apart, and import leaves a blank value as it is written."""
    items = sorted(load_registry(root).of(POWER), key=lambda item: item.code)
    return [comparable(item.model_dump(by_alias=True, exclude_none=True)) for item in items]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@SETTINGS
@given(data=st.data())
def test_export_then_import_changes_nothing(tmp_path: Path, fmt: str, data: st.DataObject) -> None:
    codes = data.draw(_codes())
    root = _registry(tmp_path / "registry", [data.draw(_item(code)) for code in codes], data.draw(st.booleans()))
    before = _snapshot(root)
    sheet = tmp_path / f"sheet.{fmt}"
    sheet.write_bytes(export_sheet(root, "power", fmt=fmt).data)
    report = import_sheet(root, sheet, "power")
    assert report.errors == 0, report.problems
    assert (report.updated, report.added, report.written) == (0, 0, [])
    assert _snapshot(root) == before
    assert not diff_registries(load_registry(root), load_registry(root)).changes


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@SETTINGS
@given(data=st.data())
def test_a_sheet_makes_the_registry_hold_its_data(tmp_path: Path, fmt: str, data: st.DataObject) -> None:
    """Export registry B, import into registry A with the same codes: A then holds B's data exactly,
    A's comments are all still there, and every file the import did not need is byte-identical."""
    codes = data.draw(_codes())
    flow = data.draw(st.booleans())
    theirs = _registry(tmp_path / "theirs", [data.draw(_item(code)) for code in codes], flow)
    ours = _registry(tmp_path / "ours", [data.draw(_item(code)) for code in codes], not flow)
    original = (ours / "power/scjgj.yaml").read_text(encoding="utf-8")
    sheet = tmp_path / f"sheet.{fmt}"
    sheet.write_bytes(export_sheet(theirs, "power", fmt=fmt).data)
    report = import_sheet(ours, sheet, "power")
    assert report.errors == 0, report.problems
    assert _records(ours) == _records(theirs)
    changes = diff_registries(load_registry(theirs), load_registry(ours)).changes
    assert not [change for change in changes if any(_filled(f.old) or _filled(f.new) for f in change.fields)]
    written = (ours / "power/scjgj.yaml").read_text(encoding="utf-8")
    # Every comment line of ours is still there, in order. (A line of a multi-line value may also start
    # with "#", so the written file can hold more such lines than the original's comments.)
    comments = [line.strip() for line in original.splitlines() if line.strip().startswith("#")]
    remaining = iter(line.strip() for line in written.splitlines())
    assert all(comment in remaining for comment in comments)
    assert (ours / "units.yaml").read_bytes() == (theirs / "units.yaml").read_bytes()


@SETTINGS
@given(data=st.data())
def test_fmt_is_idempotent_and_keeps_data(tmp_path: Path, data: st.DataObject) -> None:
    codes = data.draw(_codes())
    items = [data.draw(_item(code)) for code in codes]
    for item in items:  # keys in any order, as people write them
        keys = data.draw(st.permutations(list(item)))
        item.update({key: item.pop(key) for key in keys})
    root = _registry(tmp_path / "registry", items, data.draw(st.booleans()))
    layout = data.draw(
        st.sampled_from([yamlwrite.Layout(2, 4, 2), yamlwrite.Layout(4, 4, 2), yamlwrite.Layout(2, 2, 0)])
    )
    path = root / "power/scjgj.yaml"
    path.write_text(yamlwrite.dump(yamlwrite.load(path.read_bytes()).data, layout), encoding="utf-8")
    plain_before = yamldoc.parse(path.read_bytes()).data
    models_before = _records(root)
    format_registry(root)
    assert yamldoc.parse(path.read_bytes()).data == plain_before
    assert _records(root) == models_before
    once = _snapshot(root)
    assert format_registry(root, check=True).changed == []
    format_registry(root)
    assert _snapshot(root) == once
