"""Delegations (SPEC §4.3): the planned ones (`power.plan_delegations`) with every item they name, the
department's and those the streets now hold through them; reviewed, with safeguards, when approved."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

from bench.world import File, PlannedDelegation, World, day
from bench.yamlout import Node


def delegation_record(rng: random.Random, plan: PlannedDelegation) -> dict[str, Node]:
    to_units: list[Node] = ["全部街道(镇)"] if plan.all_townships else [u.uid for u in plan.to_units]
    names = "、".join(u.name for u in plan.to_units)
    record: dict[str, Node] = {
        "id": plan.ident,
        "title": f"{plan.from_unit.name}部分行政事项{plan.mode}{'各街道(镇)' if plan.all_townships else names}",
        "from_unit": plan.from_unit.uid,
        "to_units": to_units,
        "mode": plan.mode,
        "items": list(plan.items),
        "status": plan.status,
        "batch": plan.year - 2018,
    }
    meeting = day(rng, plan.year)
    if plan.status in ("已批准", "不予批准"):
        record["review"] = {
            "meeting": f"职责下放联席会议{plan.year}年第{rng.randint(1, 4)}次会议",
            "date": meeting.isoformat(),
            "decision": "同意" if plan.status == "已批准" else "不予批准：承接条件尚不具备",
            "document": f"浙编委〔{plan.year}〕{rng.randint(1, 30)}号",
        }
    if plan.status == "已批准":
        record["safeguards"] = {
            "staffing": "承接单位指定专人负责",
            "funding": f"{plan.from_unit.name}按年度拨付工作经费",
            "training": f"{plan.from_unit.name}组织业务培训",
            "guidance": "派员驻点业务指导",
        }
        record["effective_date"] = (meeting + timedelta(days=rng.randint(0, 40))).isoformat()
    return record


def _received_codes(power: dict[str, list[dict[str, Node]]]) -> dict[str, list[str]]:
    received: dict[str, list[str]] = {}
    for items in power.values():
        for item in items:
            if "delegation" in item:
                received.setdefault(str(item["delegation"]), []).append(str(item["code"]))
    return received


def delegation_files(world: World) -> Iterator[File]:
    received = _received_codes(world.power)
    by_year: dict[int, list[Node]] = {}
    for plan in world.plans:
        plan.items.extend(received.get(plan.ident, []))
        if plan.items:
            by_year.setdefault(plan.year, []).append(delegation_record(world.rng, plan))
    for year, records in by_year.items():
        yield f"delegations/{year}.yaml", {"delegations": records}, ""
