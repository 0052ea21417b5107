"""A provincial basic catalogue for the benchmark registry, and a copy of that registry whose items name its
entries, for the SPEC §10 row: `catalogue` with a 20,000-entry catalogue against 100,000 items.

    python -m bench.catalogue REGISTRY OUT_DIR [--entries 20000]

Each distinct (name, type) of the registry's main items becomes an entry (县级 and 乡镇级, its laws those the
items cite, in the charge of the first department implementing it), and every main item names its entry; about
one entry in twenty is renamed in the catalogue, so a share of the items differs. Entries that no item
implements (province- and city-level ones) fill the catalogue up to `--entries`. Sub-items name no entry: they
are the registry's local items. The registry is loaded once with qingdan itself; the copy only gains lines.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

CATALOGUE = "catalogue/bench.csv"
HEADER = ("基本编码", "事项名称", "事项类型", "设定依据", "行使层级", "主管部门", "上级编码", "状态")
RENAMED_EVERY = 20  # one entry in twenty differs from its items by name
_ITEM = re.compile(r"^  - code: (\S+)\s*$")
_TYPE = re.compile(r"^    type: ")


def prepare(registry: Path, out: Path, entries: int = 20_000) -> None:
    """The registry copy in `out` with the catalogue (made once; reused when it is there)."""
    if (out / CATALOGUE).is_file():
        return
    from qingdan.loader.load import load_registry
    from qingdan.models.kinds import POWER, UNITS

    loaded = load_registry(registry)
    names = {unit.ident: unit.name for unit in loaded.of(UNITS)}
    codes: dict[tuple[str, str], str] = {}
    rows: list[tuple[str, ...]] = []
    item_codes: dict[str, str] = {}
    for item in loaded.of(POWER):
        if item.parent is not None or not item.legal_basis:
            continue
        group = (item.name, item.item_type.value)
        if group not in codes and len(codes) < entries:
            code = f"00{item.item_type.number}{len(codes):08d}"
            codes[group] = code
            renamed = len(codes) % RENAMED_EVERY == 0
            laws = "\n".join(sorted({basis.law for basis in item.legal_basis}))
            name = f"{item.name}（目录名称）" if renamed else item.name
            rows.append((code, name, group[1], laws, "县级\n乡镇级", names.get(item.unit, ""), "", "在用"))
        if group in codes:
            item_codes[item.code] = codes[group]
    for index in range(len(rows), entries):
        rows.append((f"9{index:011d}", f"省级事项{index}", "行政许可", "某省条例", "省级", "", "", "在用"))
    _write_copy(registry, out, item_codes, rows)


def _write_copy(registry: Path, out: Path, item_codes: dict[str, str], rows: list[tuple[str, ...]]) -> None:
    shutil.rmtree(out, ignore_errors=True)
    (out / "power").mkdir(parents=True)
    shutil.copy2(registry / "units.yaml", out / "units.yaml")
    settings = (registry / "qingdan.yaml").read_text(encoding="utf-8")
    (out / "qingdan.yaml").write_text(settings + f"catalogue:\n  file: {CATALOGUE}\n", encoding="utf-8")
    for path in sorted((registry / "power").glob("*.yaml")):
        coded = _with_codes(path.read_text(encoding="utf-8"), item_codes)
        (out / "power" / path.name).write_text(coded, encoding="utf-8")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([HEADER, *rows])
    (out / CATALOGUE).parent.mkdir(parents=True)
    (out / CATALOGUE).write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _with_codes(text: str, item_codes: dict[str, str]) -> str:
    """`catalog_code` after each coded item's `type:` line."""
    lines: list[str] = []
    current: str | None = None
    for line in text.splitlines(keepends=True):
        if match := _ITEM.match(line):
            current = match[1]
        lines.append(line)
        if current is not None and _TYPE.match(line):
            if current in item_codes:
                lines.append(f'    catalog_code: "{item_codes[current]}"\n')
            current = None
    return "".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("registry", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args(argv)
    prepare(args.registry, args.out, args.entries)
    sys.stdout.write(f"{args.out / CATALOGUE}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
