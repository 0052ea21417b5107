"""Test helpers: build registries from text, and assert problems as {(file, line, column, check)}."""

from __future__ import annotations

import textwrap
from pathlib import Path

from qingdan.validate import validate

SETTINGS = 'qingdan: 1\nregion: {code: "330205", name: 宁波市江北区}\n'
UNITS = """\
units:
  - {id: scjgj, name: 区市场监督管理局, kind: 部门, abbr: SCJG}
  - {id: mzj, name: 区民政局, kind: 部门}
  - {id: wenjiao, name: 文教街道, kind: 街道, division_code: "330205004000"}
  - {id: zhuangqiao, name: 庄桥街道, kind: 街道, division_code: "330205006000"}
  - {id: tiancheng, name: 天成社区, kind: 社区, parent: zhuangqiao, division_code: "330205006001"}
  - {id: wenjiao-scjgs, name: 文教市场监管所, kind: 派驻机构, parent: scjgj, stationed_in: wenjiao}
"""


def write_registry(root: Path, files: dict[str, str | bytes]) -> Path:
    """A registry with default qingdan.yaml and units.yaml unless `files` gives its own."""
    defaults: dict[str, str | bytes] = {"qingdan.yaml": SETTINGS, "units.yaml": UNITS}
    for relative, content in {**defaults, **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def found(root: Path) -> set[tuple[str, int, int, str]]:
    """Every problem of a registry as (file, line, column, check)."""
    return {(p.file, p.line, p.column, p.check) for p in validate(root).problems}


def found_in(root: Path, check_prefix: str) -> set[tuple[str, int, int, str]]:
    """Only the problems whose check id starts with `check_prefix` (e.g. "QD1")."""
    return {entry for entry in found(root) if entry[3].startswith(check_prefix)}
