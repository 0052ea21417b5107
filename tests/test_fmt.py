"""`qingdan fmt`: one layout, every comment kept, data never changed, `--check` for CI (SPEC §6, §9)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from helpers import write_registry
from qingdan.cli import app
from qingdan.loader.load import load_registry
from qingdan.models.kinds import POWER
from qingdan.writing.fmt import format_registry

BUNDLED = Path(__file__).parents[1] / "registry"

MESSY = """\
# 区市场监督管理局
unit: scjgj
items:
    -   type: 行政许可   # 类型
        name: 食品经营许可
        code: XK-330205-0001
        note: '010'
        legal_basis:
            -   text: 国家对食品生产经营实行许可制度。
                law: 中华人民共和国食品安全法
            - 《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。
        responsibilities: [受理责任, 审查责任]

    # 第二项
    -   name: 食品安全监督检查
        code: JC-330205-0002
        type: 行政检查
        legal_basis: [中华人民共和国食品安全法]
        adjustment: {date: 2020-01-01, type: 新增}
"""
FORMATTED = """\
# 区市场监督管理局
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可       # 类型
    legal_basis:
      - law: 中华人民共和国食品安全法
        text: 国家对食品生产经营实行许可制度。
      - 《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。
    responsibilities: [受理责任, 审查责任]
    note: '010'

    # 第二项
  - code: JC-330205-0002
    name: 食品安全监督检查
    type: 行政检查
    legal_basis: [中华人民共和国食品安全法]
    adjustment: {type: 新增, date: 2020-01-01}
"""


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "registry", {"power/scjgj.yaml": MESSY})


def test_the_bundled_registry_is_formatted(tmp_path: Path) -> None:
    copy = tmp_path / "registry"
    shutil.copytree(BUNDLED, copy)
    result = run("fmt", "--check", "--registry", str(copy))
    assert result.exit_code == 0, result.output
    assert "排版均已规范" in result.output


def test_the_sample_registry_is_formatted(sample: Path) -> None:
    assert format_registry(sample, check=True).changed == []


def test_fmt_orders_keys_and_indents_and_keeps_the_rest(messy: Path) -> None:
    before = [item.model_dump() for item in load_registry(messy).of(POWER)]
    result = format_registry(messy)
    assert result.changed == ["power/scjgj.yaml"]
    assert (messy / "power/scjgj.yaml").read_text(encoding="utf-8") == FORMATTED
    assert [item.model_dump() for item in load_registry(messy).of(POWER)] == before


def test_check_lists_the_files_and_exits_1_then_0(messy: Path) -> None:
    before = snapshot(messy)
    result = run("fmt", "--check", "--registry", str(messy))
    assert result.exit_code == 1
    assert f"{messy.as_posix()}/power/scjgj.yaml" in result.stdout
    assert snapshot(messy) == before  # --check writes nothing
    assert run("fmt", "--registry", str(messy)).exit_code == 0
    assert run("fmt", "--check", "--registry", str(messy)).exit_code == 0


def test_a_second_run_changes_nothing(messy: Path) -> None:
    format_registry(messy)
    once = snapshot(messy)
    assert format_registry(messy).changed == []
    assert snapshot(messy) == once


def test_bom_and_crlf_go(tmp_path: Path) -> None:
    text = "\ufeffunits:\r\n  - {id: mzj, name: 区民政局, kind: 部门}\r\n"
    root = write_registry(tmp_path / "registry", {"units.yaml": text.encode("utf-8")})
    format_registry(root)
    expected = "units:\n  - {id: mzj, name: 区民政局, kind: 部门}\n"
    assert (root / "units.yaml").read_bytes() == expected.encode("utf-8")


def test_text_that_looks_like_other_types_keeps_its_form(tmp_path: Path) -> None:
    text = 'units:\n  - id: mzj\n    name: True\n    kind: 部门\n    abbr: "010"\n    note: +1\n'
    root = write_registry(tmp_path / "registry", {"units.yaml": text})
    format_registry(root)
    assert (root / "units.yaml").read_text(encoding="utf-8") == text


def test_a_file_the_loader_refuses_is_left_alone(tmp_path: Path) -> None:
    broken = "unit: scjgj\nitems:\n  - code: &a XK-330205-0001\n"
    root = write_registry(tmp_path / "registry", {"power/scjgj.yaml": broken, "power/mzj.yaml": MESSY})
    result = run("fmt", "--registry", str(root))
    assert result.exit_code == 1
    assert "power/scjgj.yaml" in result.output and "&a" in result.output
    assert (root / "power/scjgj.yaml").read_text(encoding="utf-8") == broken
    assert (root / "power/mzj.yaml").read_text(encoding="utf-8") == FORMATTED  # the others are still formatted


def test_a_crash_mid_write_leaves_the_originals(messy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (messy / "units.yaml").write_text("units:\n    - {id: mzj, name: 区民政局, kind: 部门}\n", encoding="utf-8")
    before = snapshot(messy)
    real_replace = Path.replace
    calls: list[Path] = []

    def crashing_replace(self: Path, target: str | os.PathLike[str]) -> Path:
        calls.append(self)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", crashing_replace)
    result = run("fmt", "--registry", str(messy))
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "disk full" in result.output
    assert snapshot(messy) == before
