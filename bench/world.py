"""The generated province before any file is written: its units (blocks of ten per district), the delegations
planned between them, and the `World` every kind's generator draws on; with the proportions of the kinds.

Units come in blocks of ten per district: five departments, two streets and a town, and two dispatched
agencies (综合行政执法中队, 市场监督管理所); each district with a street also has an industrial zone (工业区),
which holds no power file.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from bench.domains import DISTRICTS, OTHER_DOMAINS, SCJG, STREET, STREET_NAMES, TOWN_NAMES, ZHZF, Domain
from bench.yamlout import Node

REGION_CODE = "330000"
REGION_NAME = "浙江省"
ITEM_TEMPLATE = "{type}-{region}-{seq:6}"
BLOCK_SIZE = 10
YEARS = (2019, 2020, 2021, 2022, 2023)
TOWNSHIPS = ("街道", "镇")
# How many records of each other kind go with 100,000 power items (SPEC §10: "a guide per 200 items, a grid
# event per 500 …"); a registry of another size has them in proportion, at least one of each. Guides are at
# least as many as it takes to cover every street service applied for (QD705). The kinds not listed follow
# other records, not the items: a result per assessed agency, two to four tasks per agency, one platform
# standard, an indicator set per institution type and year, a report per institution and year.
PER_100K_ITEMS: dict[str, int] = {
    "delegations": 50,
    "community-tasks": 500,
    "assessments": 20,
    "personnel": 100,
    "guides": 500,
    "internal-matters": 300,
    "duties": 333,
    "violations": 300,
    "grid-events": 200,
    "institutions": 300,
}


def how_many(kind: str, items: int, per_100k: Mapping[str, int] = PER_100K_ITEMS) -> int:
    return max(1, round(per_100k.get(kind, PER_100K_ITEMS[kind]) * items / 100_000))


def document(rng: random.Random, year: int) -> str:
    return f"浙编办〔{year}〕{rng.randint(1, 60)}号"


def day(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randint(0, 330))


# ---------------------------------------------------------------------------------------------- units


@dataclass
class Unit:
    uid: str
    name: str
    kind: str
    domain: Domain
    block: int
    parent: str | None = None
    stationed_in: str | None = None
    division_code: str | None = None
    abbr: str | None = None
    located_in: list[str] | None = None

    def record(self) -> dict[str, Node]:
        fields: dict[str, Node | None] = {
            "id": self.uid,
            "name": self.name,
            "kind": self.kind,
            "parent": self.parent,
            "stationed_in": self.stationed_in,
            "division_code": self.division_code,
            "abbr": self.abbr,
            "located_in": list(self.located_in) if self.located_in else None,
        }
        return {key: value for key, value in fields.items() if value is not None}


def district(block: int) -> tuple[str, str, str, int]:
    """The district of a block; past the list, districts repeat with a numbered id and new street codes."""
    code, slug, name = DISTRICTS[block % len(DISTRICTS)]
    lap = block // len(DISTRICTS)
    return code, f"{slug}{lap + 1}" if lap else slug, name, lap


def _block_units(block: int) -> list[Unit]:
    code, slug, place, lap = district(block)
    rotation = [OTHER_DOMAINS[(3 * block + k) % len(OTHER_DOMAINS)] for k in range(3)]
    units = [
        Unit(f"{slug}-{d.slug}", f"{place}{d.name}", "部门", d, block, abbr=f"{d.abbr}{block:02d}")
        for d in (ZHZF, SCJG, *rotation)
    ]
    townships = [STREET_NAMES[(2 * block + k) % len(STREET_NAMES)] for k in range(2)]
    townships.append(TOWN_NAMES[block % len(TOWN_NAMES)])
    for k, (name, pinyin) in enumerate(townships):
        kind = "镇" if k == 2 else "街道"
        units.append(
            Unit(
                f"{slug}-{pinyin}",
                f"{place}{name}{kind}",
                kind,
                STREET,
                block,
                division_code=f"{code}{lap * 10 + k + 1:03d}000",
            )
        )
    for dept, street in ((units[0], units[5]), (units[1], units[6])):
        suffix, station = dept.domain.station or ("pz", "派驻机构")
        short = street.name.removeprefix(place).removesuffix(street.kind)
        units.append(
            Unit(
                f"{street.uid}-{suffix}",
                f"{place}{short}{station}",
                "派驻机构",
                dept.domain,
                block,
                parent=dept.uid,
                stationed_in=street.uid,
            )
        )
    return units


def build_units(files: int) -> list[Unit]:
    units: list[Unit] = []
    block = 0
    while len(units) < files:
        units.extend(_block_units(block))
        block += 1
    return units[:files]


def _weight(unit: Unit) -> int:
    return {"部门": 6, "街道": 3, "镇": 3}.get(unit.kind, 2)


def quotas(units: Sequence[Unit], items: int) -> list[int]:
    """Items per unit, proportional to the unit's weight, summing to exactly `items` (largest remainder)."""
    weights = [_weight(u) for u in units]
    total = sum(weights)
    shares = [items * w // total for w in weights]
    remainders = sorted(range(len(units)), key=lambda i: (-(items * weights[i] % total), i))
    for i in remainders[: items - sum(shares)]:
        shares[i] += 1
    return shares


def _zone(block: Sequence[Unit]) -> Unit | None:
    """The industrial zone of a district, lying in its streets and town (None: the block has none)."""
    townships = [unit for unit in block if unit.kind in TOWNSHIPS]
    if not townships:
        return None
    first = block[0]
    _code, slug, place, _lap = district(first.block)
    located = [unit.uid for unit in townships[:2]]
    return Unit(f"{slug}-kfq", f"{place}经济开发区", "工业区", first.domain, first.block, located_in=located)


def build_zones(units: Sequence[Unit]) -> list[Unit]:
    blocks: dict[int, list[Unit]] = {}
    for unit in units:
        blocks.setdefault(unit.block, []).append(unit)
    return [zone for block in blocks.values() if (zone := _zone(block)) is not None]


# ---------------------------------------------------------------------------------------------- plans


@dataclass
class Grant:
    """A street's share of an approved delegation: the street holds `count` items through it."""

    delegation: str
    source: str
    count: int


@dataclass
class PlannedDelegation:
    ident: str
    year: int
    from_unit: Unit
    to_units: list[Unit]
    mode: str
    status: str
    all_townships: bool = False
    items: list[str] = field(default_factory=list)
    templates: list[dict[str, Node]] = field(default_factory=list)


@dataclass
class World:
    """What the generator of each kind draws on: the random source, the units, the delegations planned and
    the power items (by unit), all made before any file is written. The kinds that came first in the
    order of the kind table (SPEC §2) share one random source (`rng`); each later kind draws from its own
    (`rng_for`), so that what one kind draws never shifts another's."""

    rng: random.Random
    seed: int
    items: int
    units: list[Unit]
    plans: list[PlannedDelegation]
    power: dict[str, list[dict[str, Node]]]
    per_100k: Mapping[str, int] = field(default_factory=lambda: PER_100K_ITEMS)
    zones: list[Unit] = field(default_factory=list)
    # Filled in by the generators that make them, for those that come later:
    kept_tasks: list[str] = field(default_factory=list)  # community tasks decided 保留
    assessments: list[dict[str, Node]] = field(default_factory=list)

    def how_many(self, kind: str) -> int:
        return how_many(kind, self.items, self.per_100k)

    def rng_for(self, kind: str) -> random.Random:
        return random.Random(f"{self.seed}/{kind}")

    @cached_property
    def by_id(self) -> dict[str, Unit]:
        return {unit.uid: unit for unit in (*self.units, *self.zones)}

    @cached_property
    def blocks(self) -> dict[int, list[Unit]]:
        """The units of each district, in order."""
        found: dict[int, list[Unit]] = {}
        for unit in self.units:
            found.setdefault(unit.block, []).append(unit)
        return found

    def of_kind(self, *kinds: str) -> list[Unit]:
        return [unit for unit in self.units if unit.kind in kinds]

    def active_mains(self, unit: Unit) -> Iterator[dict[str, Node]]:
        """A unit's active main items."""
        return (item for item in self.power[unit.uid] if "parent" not in item and "status" not in item)

    @cached_property
    def memo(self) -> dict[str, Any]:
        """What one kind's generator works out and a later one reuses (the grid events, for violations)."""
        return {}


File = tuple[str, dict[str, Node], str]  # registry-relative path, document, header comment
