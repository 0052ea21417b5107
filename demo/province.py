"""A demo province for `qingdan province`: the bundled registry of 江北区 and two generated neighbours, 北仑区
(330206) and 镇海区 (330211), each a copy of 江北区's lists under its own region code, marked `synthetic: 是`, with
a few deliberate divergences from the basic catalogue and from each other:

- 北仑区 names 食品经营许可 otherwise (同码不同名), cites a law by its short name on one item (设定依据不一致), and
  drops the basic code of an item named as its entry (应带基本编码);
- 镇海区 names 食品经营许可 a third way, files one item under another type (同码不同类), and gives one item the code
  of another entry (同名不同码).

    python -m demo.province OUT_DIR      # OUT_DIR/jiangbei, OUT_DIR/beilun, OUT_DIR/zhenhai
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent / "registry"
REGION = "330205"


@dataclass(frozen=True)
class Edit:
    """One line of one item changed: `field` set to `value` (None: the line removed)."""

    code: str  # the item's code in 江北区
    field: str
    value: str | None
    old: str | None = None  # for a list line (`- law: …`): the text replaced within the item


NEIGHBOURS: dict[str, tuple[str, str, tuple[Edit, ...]]] = {
    "beilun": (
        "330206",
        "宁波市北仑区",
        (
            Edit("XK-330205-0101", "name", "食品经营许可证核发"),
            Edit("XK-330205-0101-01", "catalog_code", None),
            Edit("XK-330205-0103", "law", None, old="中华人民共和国特种设备安全法"),
        ),
    ),
    "zhenhai": (
        "330211",
        "宁波市镇海区",
        (
            Edit("XK-330205-0101", "name", "食品经营许可（含小餐饮）"),
            Edit("XK-330205-0104", "type", "行政确认"),
            Edit("XK-330205-0101-03", "catalog_code", '"000131024002"'),
        ),
    ),
}


def build(out: Path) -> list[Path]:
    """江北区's registry and its two neighbours in `out`, one folder each (replaced if there)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    folders = [out / "jiangbei"]
    shutil.copytree(BUNDLED, folders[0])
    for folder, (code, name, edits) in NEIGHBOURS.items():
        target = out / folder
        shutil.copytree(BUNDLED, target)
        _rename_region(target, code, name)
        for edit in edits:
            _apply(target, code, edit)
        folders.append(target)
    return folders


def _rename_region(root: Path, code: str, name: str) -> None:
    """Every code and division code of 江北区 under the neighbour's region; its name and `synthetic: 是`."""
    for path in root.rglob("*"):
        if path.suffix in (".yaml", ".csv") and path.parent.name not in ("catalogue", "institutions"):
            path.write_text(path.read_text(encoding="utf-8").replace(REGION, code), encoding="utf-8")
    settings = root / "qingdan.yaml"
    text = settings.read_text(encoding="utf-8").replace("宁波市江北区", name).replace("江北区", name[3:])
    settings.write_text(text + "synthetic: 是  # 演示用的生成数据，并非该区正式清单\n", encoding="utf-8")


def _apply(root: Path, code: str, edit: Edit) -> None:
    item = edit.code.replace(REGION, code)
    for path in sorted((root / "power").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        start = next((i for i, line in enumerate(lines) if line.strip() == f"- code: {item}"), None)
        if start is None:
            continue
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - code:")), len(lines))
        for index in range(start + 1, end):
            if edit.old is not None and edit.old in lines[index]:
                lines[index] = lines[index].replace(edit.old, edit.old.removeprefix("中华人民共和国"))
                break
            if edit.old is None and re.match(rf"\s+{edit.field}:", lines[index]):
                lines[index] = "" if edit.value is None else f"    {edit.field}: {edit.value}\n"
                break
        else:
            raise SystemExit(f"demo.province: no {edit.field} in {item} ({path})")
        path.write_text("".join(lines), encoding="utf-8")
        return
    raise SystemExit(f"demo.province: no item {item}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    for folder in build(args.out):
        sys.stdout.write(f"{folder}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
