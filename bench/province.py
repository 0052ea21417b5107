"""A generated province and country for the SPEC §10 rows of `qingdan province`.

    python -m bench.province province OUT [--districts 90] [--items 5000] [--entries 20000]
    python -m bench.province country OUT [--districts 2800] [--items 5000] [--entries 20000]

`province` writes the catalogue (OUT/catalogue.csv) and one registry per district (OUT/districts/<code>/: units,
one power file per unit); `country` writes the catalogue and each district straight as the Parquet files of
`export --format parquet` (OUT/districts/<code>/power.parquet, units.parquet), as a country's districts would
publish them. Every district is the same template of 60 units and `--items` items implementing entries of the
catalogue (70 % 区级, 24 % 街道(镇), 6 % 社区(村), a sub-item in ten), shifted along the catalogue by district, with
its own divergences drawn from its own seed, on one entry in fifty (a fifth of those items renamed, a twentieth
filed under another type, a tenth citing another law, a twentieth carrying another entry's code), and 2 % of
items without a code (half of them named as their entry).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from qingdan.models.power import PowerType

CATALOGUE = "catalogue.csv"
HEADER = ("基本编码", "事项名称", "事项类型", "设定依据", "行使层级", "主管部门", "上级编码", "状态")
TYPES = tuple(PowerType)
DEPARTMENTS, STREETS, COMMUNITIES = 30, 10, 20
# Entry ranges by level: 县级, 乡镇级, 村级, and the rest 省级 (implemented by no district).
COUNTY, TOWNSHIP, VILLAGE = 0.5, 0.3, 0.1
LAWS = 400
HOT = 50  # one entry in HOT is one that districts diverge from


@dataclass(frozen=True)
class Entry:
    index: int
    code: str
    name: str
    kind: PowerType
    law: str
    level: str


def catalogue(entries: int) -> list[Entry]:
    bounds = (int(entries * COUNTY), int(entries * (COUNTY + TOWNSHIP)), int(entries * (COUNTY + TOWNSHIP + VILLAGE)))
    found = []
    for index in range(entries):
        kind = TYPES[index % len(TYPES)]
        level = (
            "县级" if index < bounds[0] else "乡镇级" if index < bounds[1] else "村级" if index < bounds[2] else "省级"
        )
        law = f"浙江省示例条例{index % LAWS:03d}"
        found.append(Entry(index, f"00{kind.number}{index:08d}", f"{kind.value}事项{index:05d}", kind, law, level))
    return found


def write_catalogue(path: Path, entries: list[Entry]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows((e.code, e.name, e.kind.value, e.law, e.level, "", "", "在用") for e in entries)


@dataclass(frozen=True)
class Item:
    seq: int
    unit: str
    entry: Entry
    name: str
    kind: PowerType
    law: str
    code_of_entry: str | None
    parent: int | None = None  # the seq of its main item


def units(region: str) -> Iterator[tuple[str, str, str, str | None, str | None]]:
    """(id, name, kind, parent, division code) of a district's 60 units."""
    for number in range(1, DEPARTMENTS + 1):
        yield f"d{number:02d}", f"区示例局{number:02d}", "部门", None, None
    for number in range(1, STREETS + 1):
        yield f"s{number:02d}", f"示例街道{number:02d}", "街道", None, f"{region}{number:03d}000"
    for number in range(1, COMMUNITIES + 1):
        street = (number - 1) % STREETS + 1
        yield f"c{number:02d}", f"示例社区{number:02d}", "社区", f"s{street:02d}", f"{region}{street:03d}{number:03d}"


def items(district: int, count: int, entries: list[Entry]) -> list[Item]:
    """A district's items: the template shifted by the district, and its own divergences."""
    rng = random.Random(district)
    bounds = (
        int(len(entries) * COUNTY),
        int(len(entries) * (COUNTY + TOWNSHIP)),
        int(len(entries) * (COUNTY + TOWNSHIP + VILLAGE)),
    )
    shift = district * 37
    found: list[Item] = []
    for seq in range(1, count + 1):
        share = seq / count
        if share <= 0.70:
            unit, low, high = f"d{seq % DEPARTMENTS + 1:02d}", 0, bounds[0]
        elif share <= 0.94:
            unit, low, high = f"s{seq % STREETS + 1:02d}", bounds[0], bounds[1]
        else:
            unit, low, high = f"c{seq % COMMUNITIES + 1:02d}", bounds[1], bounds[2]
        entry = entries[low + (seq + shift) % (high - low)]
        sibling = _sibling(found[-1].entry, low, high) if seq % 10 == 0 and found and not found[-1].parent else None
        if sibling is not None:  # a sub-item of the item before: its unit, and an entry of its type and law
            found.append(Item(seq, found[-1].unit, entries[sibling], entries[sibling].name, found[-1].kind,
                              found[-1].law, entries[sibling].code, seq - 1))  # fmt: skip
        else:
            found.append(Item(seq, unit, entry, entry.name, entry.kind, entry.law, entry.code))
    return [_diverge(item, rng, entries) for item in found]


def _sibling(entry: Entry, low: int, high: int) -> int | None:
    """An entry of the same level range, type and law as `entry` (a sub-item cites none and counts with its
    main item's legal basis, so its entry must name the same law), if the range holds one."""
    step = len(TYPES) * LAWS  # the catalogue cycles types and laws by index
    for index in (entry.index + step, entry.index - step):
        if low <= index < high:
            return index
    return None


def _diverge(item: Item, rng: random.Random, entries: list[Entry]) -> Item:
    """Divergences gather where they do in practice: on a few entries that districts name, file and cite their
    own way (one entry in fifty), while local items without a code are everywhere."""
    roll = rng.random()
    if roll < 0.01:
        return replace(item, code_of_entry=None)
    if roll < 0.02:
        return replace(item, code_of_entry=None, name=f"本区特有事项{item.seq:05d}")
    if item.entry.index % HOT != 0:
        return item
    roll = rng.random()
    if roll < 0.2:
        return replace(item, name=f"{item.name}（{rng.choice(('试行', '含延续', '简易程序'))}）")
    if roll < 0.25 and item.parent is None:
        return replace(item, kind=TYPES[(TYPES.index(item.kind) + 1) % len(TYPES)])
    if roll < 0.35:
        return replace(item, law=f"浙江省示例条例{rng.randrange(LAWS):03d}")
    if roll < 0.40:
        return replace(item, code_of_entry=entries[(item.entry.index + HOT) % len(entries)].code)
    return item


def code(item: Item, region: str, items_by_seq: dict[int, Item]) -> str:
    if item.parent is None:
        return f"{item.kind.letters}-{region}-{item.seq:04d}"
    return f"{code(items_by_seq[item.parent], region, items_by_seq)}-01"


def region_of(district: int) -> str:
    return f"{330000 + district * 10 + 1:06d}" if district < 9000 else f"{district:06d}"


# --- a province of registries ---------------------------------------------------------------------------------------


def write_province(out: Path, districts: int, count: int, entries: list[Entry]) -> None:
    write_catalogue(out / CATALOGUE, entries)
    for district in range(districts):
        region = region_of(district)
        root = out / "districts" / region
        (root / "power").mkdir(parents=True, exist_ok=True)
        settings = f'qingdan: 1\nregion: {{code: "{region}", name: 示例省示例区{district:04d}}}\n'
        (root / "qingdan.yaml").write_text(settings, encoding="utf-8")
        (root / "units.yaml").write_text(_units_yaml(region), encoding="utf-8")
        found = items(district, count, entries)
        by_seq = {item.seq: item for item in found}
        by_unit: dict[str, list[Item]] = {}
        for item in found:
            by_unit.setdefault(item.unit, []).append(item)
        for unit, own in by_unit.items():
            lines = [f"unit: {unit}", "items:"]
            for item in own:
                lines += _item_yaml(item, region, by_seq)
            (root / "power" / f"{unit}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _units_yaml(region: str) -> str:
    lines = ["units:"]
    for ident, name, kind, parent, division in units(region):
        extra = (f", parent: {parent}" if parent else "") + (f', division_code: "{division}"' if division else "")
        lines.append(f"  - {{id: {ident}, name: {name}, kind: {kind}{extra}}}")
    return "\n".join(lines) + "\n"


def _item_yaml(item: Item, region: str, by_seq: dict[int, Item]) -> list[str]:
    lines = [f"  - code: {code(item, region, by_seq)}", f"    name: {item.name}", f"    type: {item.kind.value}"]
    if item.parent is not None:
        lines.append(f"    parent: {code(by_seq[item.parent], region, by_seq)}")
    else:
        lines.append(f"    legal_basis: [《{item.law}》第十条]")
    if item.code_of_entry:
        lines.append(f'    catalog_code: "{item.code_of_entry}"')
    return lines


# --- a country of Parquet exports -----------------------------------------------------------------------------------


def write_country(out: Path, districts: int, count: int, entries: list[Entry]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    write_catalogue(out / CATALOGUE, entries)
    string, strings = pa.string(), pa.list_(pa.string())
    power_schema = pa.schema(
        [
            ("code", string),
            ("name", string),
            ("type", string),
            ("unit", string),
            ("parent", string),
            ("legal_basis", strings),
            ("catalog_code", string),
            ("status", string),
        ]
    )
    units_schema = pa.schema(
        [("id", string), ("name", string), ("kind", string), ("parent", string), ("division_code", string)]
    )
    for district in range(districts):
        region = region_of(district)
        root = out / "districts" / region
        root.mkdir(parents=True, exist_ok=True)
        found = items(district, count, entries)
        by_seq = {item.seq: item for item in found}
        columns = {
            "code": [code(item, region, by_seq) for item in found],
            "name": [item.name for item in found],
            "type": [item.kind.value for item in found],
            "unit": [item.unit for item in found],
            "parent": [code(by_seq[item.parent], region, by_seq) if item.parent else None for item in found],
            "legal_basis": [None if item.parent else [f"《{item.law}》第十条"] for item in found],
            "catalog_code": [item.code_of_entry for item in found],
            "status": ["有效"] * len(found),
        }
        metadata = {"qingdan.region.code": region, "qingdan.region.name": f"示例区{district:04d}"}
        pq.write_table(
            pa.table(columns, schema=power_schema.with_metadata(metadata)), root / "power.parquet", compression="zstd"
        )
        rows = list(units(region))
        unit_columns = {name: [row[index] for row in rows] for index, name in enumerate(units_schema.names)}
        pq.write_table(pa.table(unit_columns, schema=units_schema.with_metadata(metadata)), root / "units.parquet")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("what", choices=("province", "country"))
    parser.add_argument("out", type=Path)
    parser.add_argument("--districts", type=int)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args(argv)
    entries = catalogue(args.entries)
    if args.what == "province":
        write_province(args.out, args.districts or 90, args.items, entries)
    else:
        write_country(args.out, args.districts or 2800, args.items, entries)
    return 0


if __name__ == "__main__":
    sys.exit(main())


# --- the bench rows (bench/jobs.py) ---------------------------------------------------------------------------------

PROVINCE = (90, 5000)  # districts × items, SPEC §10
COUNTRY = (2800, 5000)
ENTRIES = 20_000
GENERATED, GENERATOR = "generator", "2"  # version 2: sub-items (version 1 never wrote one)


def ensure(root: Path, what: str, districts: int, count: int) -> Path:
    """`root/<what>/` generated on first use (built aside and renamed, so a crash leaves nothing half)."""
    import shutil
    import tempfile
    import time

    target = root / what
    if (target / GENERATED).is_file() and (target / GENERATED).read_text(encoding="utf-8") == GENERATOR:
        return target
    shutil.rmtree(target, ignore_errors=True)  # written by an older generator
    root.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{what}-", dir=root))
    try:
        print(f"generating a {what} of {districts} districts × {count} items into {target} …", flush=True)
        started = time.perf_counter()
        writer = write_province if what == "province" else write_country
        writer(building, districts, count, catalogue(ENTRIES))
        (building / GENERATED).write_text(GENERATOR, encoding="utf-8")
        building.rename(target)
        print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return target
