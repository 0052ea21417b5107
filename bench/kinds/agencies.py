"""What follows a dispatched agency after its assessment scheme: its result (SPEC §4.6), scored by party or by
indicator with the final and grade worked out exactly as qingdan does, and its personnel changes (§4.7), with
the stationed street consulted before a 科级 change and told of a general one."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.kinds.assessments import hundredths
from bench.world import YEARS, File, Unit, World, day
from bench.yamlout import Flow, Node

CENT = Decimal("0.01")
GRADES = ((Decimal(90), "优秀"), (Decimal(80), "良好"), (Decimal(60), "一般"))  # qingdan.yaml's default bands


def _grade(final: Decimal) -> str:
    return next((name for bound, name in GRADES if final >= bound), "较差")


def _party_scores(rng: random.Random, assessment: dict[str, Node]) -> tuple[list[Node], Decimal]:
    """A score out of 100 for each party, counting score × weight / 100."""
    scores: list[Node] = []
    total = Decimal(0)
    for entry in assessment["parties"]:  # type: ignore[union-attr]
        assert isinstance(entry, dict)
        score = hundredths(rng.randint(780, 995) * 10 + rng.choice((0, 0, 5)))
        weight = entry["weight"]
        assert isinstance(weight, Decimal)
        total += score * weight / 100
        scores.append(Flow({"party": str(entry["party"]), "score": score}))
    return scores, total


def _indicator_scores(rng: random.Random, assessment: dict[str, Node]) -> tuple[list[Node], Decimal]:
    """Points out of each indicator's weight, counting as they are."""
    scores: list[Node] = []
    total = Decimal(0)
    for indicator in assessment["indicators"]:  # type: ignore[union-attr]
        assert isinstance(indicator, dict)
        weight = indicator["weight"]
        assert isinstance(weight, Decimal)
        top = int(weight * 100)
        points = hundredths(rng.randint(top * 78 // 100, top) // 10 * 10)
        total += points
        scores.append(Flow({"indicator": str(indicator["name"]), "score": points}))
    return scores, total


def result_record(rng: random.Random, ident: str, assessment: dict[str, Node], subject: str) -> dict[str, Node]:
    by_indicator = "indicators" in assessment and rng.random() < 0.5
    scores, total = (_indicator_scores if by_indicator else _party_scores)(rng, assessment)
    final = total.quantize(CENT, rounding=ROUND_HALF_UP)
    return {
        "id": ident,
        "assessment": str(assessment["id"]),
        "subject": subject,
        "scores": scores,
        "final": hundredths(int(final * 100)),
        "grade": _grade(final),
    }


def result_files(world: World) -> Iterator[File]:
    """A result for every subject of every assessment, filed by the assessment's year."""
    rng = world.rng_for("assessment-results")
    by_year: dict[int, list[Node]] = {}
    for assessment in world.assessments:
        year = int(str(assessment["year"]))
        for subject in assessment["subjects"]:  # type: ignore[union-attr]
            records = by_year.setdefault(year, [])
            ident = f"JG-{year}-{len(records) + 1:03d}"
            records.append(result_record(rng, ident, assessment, str(subject)))
    for year, records in sorted(by_year.items()):
        yield f"assessment-results/{year}.yaml", {"results": records}, ""


# ---------------------------------------------------------------------------------------------- personnel

LEADERS = {"zfzd": ("中队长", "副中队长"), "scjgs": ("所长", "副所长")}
STAFF = {"zfzd": ("执法队员", "内勤"), "scjgs": ("科员", "食品安全监管员")}
LEADER_ACTIONS = ("任职", "免职", "调动", "晋升考察")
STAFF_ACTIONS = ("任职", "调动", "职级晋升")
MOTION_REASONS = (
    "年度考核评价排名末位，重点任务推进缓慢",
    "落实街道(镇)统一指挥调度不力，群众反映较多",
    "执法办案质量不高，被复议纠错两次",
)


def change_record(rng: random.Random, ident: str, year: int, agency: Unit) -> dict[str, Node]:
    suffix = agency.uid.rsplit("-", 1)[-1]
    leader = rng.random() < 0.35
    posts = (LEADERS if leader else STAFF).get(suffix, ("负责人",) if leader else ("科员",))
    when = day(rng, year)
    street = agency.stationed_in or ""
    record: dict[str, Node] = {
        "id": ident,
        "agency": agency.uid,
        "post": rng.choice(posts),
        "rank": "科级领导干部" if leader else "一般干部",
        "action": rng.choice(LEADER_ACTIONS if leader else STAFF_ACTIONS),
        "date": when.isoformat(),
    }
    if leader:
        opinion = "同意" if rng.random() < 0.85 else "无意见"
        record["consulted"] = Flow({"street": street, "date": _before(rng, when, 3, 20), "opinion": opinion})
        if rng.random() < 0.1:
            record["motion"] = {
                "street": street,
                "date": _before(rng, when, 21, 60),
                "reason": rng.choice(MOTION_REASONS),
                "result": "派出部门研究同意调整，另行选派",
            }
    else:
        record["notified"] = Flow({"street": street, "date": (when + timedelta(days=rng.randint(0, 10))).isoformat()})
    return record


def _before(rng: random.Random, when: date, least: int, most: int) -> str:
    return (when - timedelta(days=rng.randint(least, most))).isoformat()


def personnel_files(world: World) -> Iterator[File]:
    rng = world.rng_for("personnel")
    agencies = world.of_kind("派驻机构")
    count = world.how_many("personnel") if agencies else 0
    by_year: dict[int, list[Node]] = {}
    for n in range(count):
        year = YEARS[n * len(YEARS) // count]
        by_year.setdefault(year, []).append(
            change_record(rng, f"RS-{year}-{n + 1:04d}", year, agencies[n % len(agencies)])
        )
    for year, records in by_year.items():
        yield (
            f"personnel/{year}.yaml",
            {"changes": records},
            "派驻机构干部调整记录：只记岗位和日期，不记姓名，不对外公布",
        )
