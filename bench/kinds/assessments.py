"""Assessments of dispatched agencies (SPEC §4.5): the three parties' weights, split among their indicators,
adding up exactly."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

from bench.world import YEARS, File, Unit, World
from bench.yamlout import Node

PARTY_SPLITS = (
    (5000, 3000, 2000),
    (4000, 4000, 2000),
    (4500, 3500, 2000),
    (3333, 3333, 3334),
    (6000, 2500, 1500),
    (3750, 3750, 2500),
)
INDICATORS = {
    "区级部门": ("业务工作完成情况", "依法行政情况", "队伍建设情况"),
    "街道(镇)": ("服从统筹指挥情况", "参与中心工作情况", "属地协同配合情况"),
    "社会": ("群众满意度", "服务对象评价"),
}


def hundredths(value: int) -> Decimal:
    """4550 → 45.5: weights are written with at most two places and no trailing zeros."""
    return (Decimal(value) / 100).normalize() if value % 100 else Decimal(value // 100)


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split `total` hundredths into `parts` near-even shares in the roundest step that fits: 45 → 15, 20, 10."""
    step = next(s for s in (500, 100, 50, 1) if total % s == 0 and total // s >= parts)
    units = total // step
    shares = [units // parts + (1 if k < units % parts else 0) for k in range(parts)]
    donor, taker = rng.sample(range(parts), 2)
    if shares[donor] > 1 and rng.random() < 0.5:
        shares[donor] -= 1
        shares[taker] += 1
    return [share * step for share in shares]


def assessment_record(rng: random.Random, ident: str, year: int, subject: Unit) -> dict[str, Node]:
    weights = rng.choice(PARTY_SPLITS)
    parties: list[Node] = []
    indicators: list[Node] = []
    assessors = {"区级部门": subject.parent, "街道(镇)": subject.stationed_in, "社会": None}
    for (party, names), weight in zip(INDICATORS.items(), weights, strict=True):
        entry: dict[str, Node] = {"party": party, "weight": hundredths(weight)}
        if assessors[party]:
            entry["assessor"] = str(assessors[party])
        parties.append(entry)
        for name, share in zip(names, _split(rng, weight, len(names)), strict=True):
            indicators.append({"name": name, "party": party, "weight": hundredths(share)})
    record: dict[str, Node] = {"id": ident, "year": year, "subjects": [subject.uid], "parties": parties}
    if rng.random() < 0.8:
        record["indicators"] = indicators
    return record


def assessment_files(world: World) -> Iterator[File]:
    agencies = [u for u in world.units if u.kind == "派驻机构"]
    by_year: dict[int, list[Node]] = {}
    for n, subject in enumerate(agencies[: world.how_many("assessments")]):
        year = YEARS[n % len(YEARS)]
        record = assessment_record(world.rng, f"KH-{year}-{n + 1:03d}", year, subject)
        world.assessments.append(record)
        by_year.setdefault(year, []).append(record)
    for year, records in by_year.items():
        yield f"assessments/{year}.yaml", {"assessments": records}, ""
