"""Public-welfare efficiency (SPEC §4.15): public institutions run by the departments (schools, hospitals,
welfare homes, cultural centres …) and by the streets, with valid unified social credit codes; the indicator
set of each institution type for each report year; and each institution's report for each year, with a value
for every indicator, submitted in the first quarter of the next year."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from bench.world import TOWNSHIPS, File, Unit, World, district
from bench.yamlout import Flow, Node

REPORT_YEARS = (2021, 2022)
FILE_SIZE = 500  # reports per file
CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: the digits and the capitals without I, O, Z, S, V
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code(body: str) -> str:
    """The 17 characters with their GB 32100 check character."""
    total = sum(CHARACTERS.index(character) * weight for character, weight in zip(body, WEIGHTS, strict=True))
    return body + CHARACTERS[(31 - total % 31) % 31]


@dataclass(frozen=True)
class Measure:
    """An indicator of a set, with the range its values fall in."""

    ident: str
    name: str
    aspect: str
    unit: str
    direction: str = ""
    required: str = ""
    low: float = 80
    high: float = 99


def _set(prefix: str, *rows: tuple[str, str, str, str, float, float]) -> tuple[Measure, ...]:
    """Indicators `name, aspect, unit, direction (+ higher, - lower, ? optional and lower, "" none), low, high`."""
    measures = []
    for number, (name, aspect, unit, sign, low, high) in enumerate(rows, start=1):
        direction = {"+": "越高越好", "-": "越低越好", "?": "越低越好"}.get(sign, "")
        required = "否" if sign == "?" else ""
        measures.append(Measure(f"{prefix}-{number:02d}", name, aspect, unit, direction, required, low, high))
    return tuple(measures)


SATISFACTION = ("服务对象满意率", "服务对象满意度", "%", "+", 88, 99)
SETS: dict[str, tuple[str, tuple[Measure, ...]]] = {
    "义务教育": (
        "YW",
        _set(
            "YW",
            ("生师比", "服务质量", "比", "-", 12, 19),
            ("在校学生数", "服务数量", "人", "", 600, 2600),
            ("学生体质健康测试合格率", "服务质量", "%", "+", 90, 99),
            ("课后服务学生参与率", "职责任务", "%", "+", 70, 95),
            ("家长满意率", "服务对象满意度", "%", "+", 90, 99),
        ),
    ),
    "学前教育": (
        "XQ",
        _set(
            "XQ",
            ("在园幼儿数", "服务数量", "人", "", 150, 600),
            ("专任教师持证上岗率", "服务质量", "%", "+", 92, 100),
            ("幼儿健康体检率", "服务质量", "%", "+", 95, 100),
            ("安全责任事故", "职责任务", "起", "?", 0, 1),
            ("家长满意率", "服务对象满意度", "%", "+", 90, 99),
        ),
    ),
    "公立医院": (
        "YY",
        _set(
            "YY",
            ("门急诊人次", "服务数量", "万人次", "", 20, 160),
            ("门诊次均费用", "职责任务", "元", "-", 180, 380),
            ("平均住院日", "服务质量", "天", "-", 6, 10),
            ("药品收入占医疗收入比例", "职责任务", "%", "-", 25, 38),
            ("患者满意度", "服务对象满意度", "%", "+", 88, 98),
            ("医疗纠纷赔付件数", "服务质量", "件", "?", 0, 4),
        ),
    ),
    "基层社区卫生服务": (
        "SQ",
        _set(
            "SQ",
            ("家庭医生签约服务覆盖率", "职责任务", "%", "+", 35, 60),
            ("居民电子健康档案建档率", "职责任务", "%", "+", 80, 95),
            ("高血压患者规范管理率", "服务质量", "%", "+", 60, 85),
            ("门急诊人次", "服务数量", "万人次", "", 3, 25),
            SATISFACTION,
        ),
    ),
    "社会事务": (
        "SW",
        _set(
            "SW",
            ("服务对象人数", "服务数量", "人", "", 80, 1500),
            ("救助及时率", "职责任务", "%", "+", 92, 100),
            ("安全责任事故", "职责任务", "起", "?", 0, 1),
            SATISFACTION,
        ),
    ),
    "文化艺术": (
        "WH",
        _set(
            "WH",
            ("公益性演出和展览场次", "服务数量", "场", "", 20, 240),
            ("免费开放天数", "职责任务", "天", "+", 300, 360),
            ("接待群众人次", "服务数量", "万人次", "", 2, 60),
            SATISFACTION,
        ),
    ),
    "城市管理": (
        "CG",
        _set(
            "CG",
            ("道路清扫保洁覆盖率", "职责任务", "%", "+", 95, 100),
            ("市政设施完好率", "服务质量", "%", "+", 92, 99),
            ("投诉处置及时率", "服务质量", "%", "+", 90, 100),
            SATISFACTION,
        ),
    ),
    "农林水利": (
        "NL",
        _set(
            "NL",
            ("农业技术推广面积", "服务数量", "万亩", "", 1, 20),
            ("培训农民人次", "服务数量", "人次", "", 200, 3000),
            ("水利工程完好率", "服务质量", "%", "+", 90, 99),
            SATISFACTION,
        ),
    ),
}
# What each kind of sponsor runs: (type, names); `{p}` is a place of the district.
RUNS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "jyj": (("义务教育", ("{p}小学", "{p}中学", "{p}实验学校")), ("学前教育", ("{p}幼儿园",))),
    "wjj": (("公立医院", ("{p}人民医院", "{p}中医医院")), ("基层社区卫生服务", ("{p}社区卫生服务中心",))),
    "mzj": (("社会事务", ("{p}社会福利中心", "{p}救助管理站")),),
    "wgltj": (("文化艺术", ("{p}文化馆", "{p}图书馆")),),
    "zhzfj": (("城市管理", ("{p}环境卫生管理所", "{p}市政设施养护中心")),),
    "nyncj": (("农林水利", ("{p}农业技术推广中心", "{p}水利工程管理站")),),
    "street": (("社会事务", ("{p}居家养老服务中心",)), ("农林水利", ("{p}农业综合服务站",))),
}
FUNDING = ("财政全额拨款", "财政差额拨款", "财政补助")
PURPOSES = {
    "义务教育": "实施义务教育，促进基础教育发展",
    "学前教育": "实施学前教育，开展幼儿保育和教育",
    "公立医院": "提供医疗、预防、保健和康复服务",
    "基层社区卫生服务": "提供基本医疗和基本公共卫生服务",
    "社会事务": "提供社会救助和养老服务",
    "文化艺术": "开展公共文化服务和群众文化活动",
    "城市管理": "承担城市环境卫生和市政设施养护",
    "农林水利": "开展农业技术推广和水利工程管护",
}


def _runs(unit: Unit) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What a unit runs: a department by its line of work, a street or town its own centres."""
    if unit.kind == "部门":
        return RUNS.get(unit.domain.slug, ())
    return RUNS["street"] if unit.kind in TOWNSHIPS else ()


def _name(world: World, unit: Unit, template: str, lap: int) -> str:
    """A department's institution is named after a street or town of its district, a street's after it."""
    _code, _slug, name, _ = district(unit.block)
    if unit.kind != "部门":
        return unit.name + template.format(p="")
    places = [u.name.removeprefix(name).removesuffix(u.kind) for u in world.blocks[unit.block] if u.kind in TOWNSHIPS]
    return name + template.format(p=places[lap % len(places)] if places else "")


# Schools and hospitals are most of a district's institutions: their departments count several times.
SPONSOR_WEIGHTS = {"jyj": 6, "wjj": 3}


def institution_records(world: World, rng: random.Random) -> list[dict[str, Node]]:
    sponsors = [
        (unit, runs)
        for unit in world.units
        if (runs := _runs(unit))
        for _ in range(SPONSOR_WEIGHTS.get(unit.domain.slug, 1) if unit.kind == "部门" else 1)
    ]
    records: list[dict[str, Node]] = []
    for n in range(world.how_many("institutions") if sponsors else 0):
        unit, runs = sponsors[n % len(sponsors)]
        lap = n // len(sponsors)
        kind, names = runs[lap % len(runs)]
        code, slug, _name_of_district, _ = district(unit.block)
        records.append(
            {
                "id": f"{slug}-sy{n + 1:05d}",
                "name": _name(world, unit, names[lap % len(names)], lap),
                "credit_code": credit_code(f"12{code}4{n:08d}"),
                "sponsor": unit.uid,
                "type": kind,
                "funding": rng.choice(FUNDING),
                "purpose": PURPOSES[kind],
            }
        )
    return records


def _value(rng: random.Random, measure: Measure) -> str:
    if measure.high - measure.low <= 20 and measure.unit in ("%", "比", "天", "万亩", "万人次"):
        return f"{min(measure.high, rng.uniform(measure.low, measure.high)):.1f}".removesuffix(".0")
    return str(rng.randint(int(measure.low), int(measure.high)))


def report_record(rng: random.Random, ident: str, institution: dict[str, Node], year: int) -> dict[str, Node]:
    kind = str(institution["type"])
    values: list[Node] = []
    for measure in SETS[kind][1]:
        values.append(
            Flow({"indicator": measure.ident, "target": _value(rng, measure), "actual": _value(rng, measure)})
        )
    submitted = date(year + 1, 1, 1) + timedelta(days=rng.randint(0, 89))
    return {
        "id": ident,
        "institution": str(institution["id"]),
        "year": year,
        "submitted": submitted.isoformat(),
        "business": f"{year}年{PURPOSES[kind]}，完成年度目标任务。",
        "values": values,
        "complaints": rng.randint(0, 8),
        "lawsuits": 0 if rng.random() < 0.9 else 1,
    }


def welfare_records(world: World) -> list[dict[str, Node]]:
    found = world.memo.get("institutions")
    if not isinstance(found, list):
        found = world.memo["institutions"] = institution_records(world, world.rng_for("institutions"))
    return found


def institution_files(world: World) -> Iterator[File]:
    by_district: dict[str, list[Node]] = {}
    for record in welfare_records(world):
        by_district.setdefault(str(record["id"]).split("-sy", 1)[0], []).append(record)
    for slug, records in by_district.items():
        yield f"institutions/{slug}.yaml", {"institutions": records}, ""


def indicator_set_files(world: World) -> Iterator[File]:
    kinds = sorted({str(record["type"]) for record in welfare_records(world)}, key=list(SETS).index)
    for year in REPORT_YEARS:
        sets: list[Node] = []
        for kind in kinds:
            prefix, measures = SETS[kind]
            indicators: list[Node] = []
            for measure in measures:
                entry: dict[str, str | int] = {"id": measure.ident, "name": measure.name, "aspect": measure.aspect}
                entry["unit"] = measure.unit
                if measure.direction:
                    entry["direction"] = measure.direction
                if measure.required:
                    entry["required"] = measure.required
                indicators.append(Flow(entry))
            sets.append({"id": f"ZB-{year}-{prefix}", "type": kind, "year": year, "indicators": indicators})
        if sets:
            yield f"indicator-sets/{year}.yaml", {"sets": sets}, ""


def report_files(world: World) -> Iterator[File]:
    rng = world.rng_for("annual-reports")
    institutions = welfare_records(world)
    for year in REPORT_YEARS:
        records: list[Node] = [
            report_record(rng, f"BG-{year}-{n + 1:05d}", institution, year)
            for n, institution in enumerate(institutions)
        ]
        for start in range(0, len(records), FILE_SIZE):
            chunk = records[start : start + FILE_SIZE]
            yield f"annual-reports/{year}-{start // FILE_SIZE + 1:02d}.yaml", {"reports": chunk}, ""
