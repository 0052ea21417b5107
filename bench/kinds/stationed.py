"""Tasks of dispatched agencies (SPEC §4.12): each agency's work on its own platform and on the street's 综治
platform (and, for a market supervision office, at the service centre), assessed by an indicator of its
assessment where it has one with indicators."""

from __future__ import annotations

import random
from collections.abc import Iterator

from bench.world import File, Unit, World
from bench.yamlout import Node

# platform, task, source, time limit ("" for none), indicator party (whose indicator may assess it)
OWN_TASKS = {
    "zfzd": (
        ("综合执法", "开展辖区市容环境秩序日常巡查，依法查处占道经营、乱堆物料等违法行为", "法定职责", "", "区级部门"),
        ("综合执法", "参与街道(镇)违法建设防控和拆除工作", "街道交办", "5工作日", "街道(镇)"),
    ),
    "scjgs": (
        ("市场监管", "开展辖区食品生产经营单位日常监督检查和风险排查", "法定职责", "", "区级部门"),
        ("便民服务", "在便民服务中心设立窗口，受理市场主体登记和食品经营许可咨询", "街道交办", "", "街道(镇)"),
    ),
}
SHARED_TASK = (
    "综治工作",
    "参与街道(镇)综治工作平台值班和联勤联动，接收处置综合信息指挥室流转的事件",
    "四平台流转",
    "1工作日",
    "街道(镇)",
)


def _indicators(world: World) -> dict[tuple[str, str], list[str]]:
    """(agency, party) → the names of the indicators of that party in the agency's assessments."""
    found: dict[tuple[str, str], list[str]] = {}
    for assessment in world.assessments:
        for indicator in assessment.get("indicators") or ():  # type: ignore[union-attr]
            assert isinstance(indicator, dict)
            for subject in assessment["subjects"]:  # type: ignore[union-attr]
                found.setdefault((str(subject), str(indicator["party"])), []).append(str(indicator["name"]))
    return found


def agency_tasks(rng: random.Random, agency: Unit, indicators: dict[tuple[str, str], list[str]]) -> list[Node]:
    suffix = agency.uid.rsplit("-", 1)[-1]
    tasks: list[Node] = []
    for number, (platform, task, source, limit, party) in enumerate((*OWN_TASKS.get(suffix, ()), SHARED_TASK), 1):
        record: dict[str, Node] = {
            "id": f"RW-{agency.uid}-{number:02d}",
            "agency": agency.uid,
            "platform": platform,
            "task": task,
            "source": source,
        }
        if limit:
            record["time_limit"] = limit
        names = indicators.get((agency.uid, party))
        if names:
            record["indicator"] = rng.choice(names)
        tasks.append(record)
    return tasks


def stationed_files(world: World) -> Iterator[File]:
    rng = world.rng_for("stationed-tasks")
    indicators = _indicators(world)
    by_district: dict[str, list[Node]] = {}
    for agency in world.of_kind("派驻机构"):
        district = agency.uid.split("-", 1)[0]
        by_district.setdefault(district, []).extend(agency_tasks(rng, agency, indicators))
    for district, records in by_district.items():
        yield f"stationed-tasks/{district}.yaml", {"assignments": records}, ""
