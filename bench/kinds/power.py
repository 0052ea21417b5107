"""Power items (SPEC §4.2), and the delegations (§4.3) planned before them: a street holds items through an
approved delegation, and a department's delegated items are picked among its own.

Each unit has its share of the items (a department twice a street's), in groups of a main item with its
sub-items and grand-sub-items (on average 1 : 0.5 : 0.17). Names and legal bases come from the fact sheet or
are made from its words; codes follow `{type}-{region}-{seq:6}` and `{parent}-{seq:2}`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from bench.domains import (
    ACCOUNTABILITY,
    AGENCY_WEIGHTS,
    BENEFITS,
    DEFAULT_QUALIFIERS,
    DEFAULT_RESPONSIBILITIES,
    DISPUTES,
    GRAND_QUALIFIERS,
    INSPECTION_TOPICS,
    LEVIES,
    QUALIFIERS,
    REGISTRATIONS,
    RESPONSIBILITIES,
    SEIZED,
    TYPE_NAMES,
    VIOLATIONS,
    Domain,
    Row,
)
from bench.world import REGION_CODE, YEARS, File, Grant, PlannedDelegation, Unit, World, day, document, quotas
from bench.yamlout import Flow, Node


@dataclass
class State:
    rng: random.Random
    seq: dict[str, int] = field(default_factory=dict)

    def main_code(self, type_code: str) -> str:
        self.seq[type_code] = self.seq.get(type_code, 0) + 1
        return f"{type_code}-{REGION_CODE}-{self.seq[type_code]:06d}"


def _pick_type(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# Name patterns per type, after the fact sheet: "对…的行政处罚", "…许可", "…登记", "…监督检查".
# {a} is a regulated party, {t} a licensed activity, {v} a violation, {x} a type-specific word.
NAME_PATTERNS: dict[str, tuple[str, ...]] = {
    "XK": ("{t}许可", "{t}审批"),
    "CF": ("对{a}{v}的行政处罚",),
    "JC": ("对{a}的监督检查", "对{a}{x}的行政检查"),
    "QZ": ("查封、扣押{a}{x}",),
    "QR": ("{a}{x}登记",),
    "ZS": ("{x}征收",),
    "GF": ("{x}给付",),
    "JL": ("对举报{a}违法行为查证属实的举报人的奖励", "对{a}中先进单位和个人的表彰奖励"),
    "CJ": ("{x}争议的裁决",),
    "QT": ("{t}备案", "对{a}{v}的责令改正"),
    "FW": ("{t}政策咨询服务", "{a}信用信息查询服务"),
}
NAME_WORDS: dict[str, tuple[str, ...]] = {
    "JC": INSPECTION_TOPICS,
    "QZ": SEIZED,
    "QR": REGISTRATIONS,
    "ZS": LEVIES,
    "GF": BENEFITS,
    "CJ": DISPUTES,
}


def _synth_name(rng: random.Random, domain: Domain, type_code: str) -> str:
    pattern = rng.choice(NAME_PATTERNS[type_code])
    word = rng.choice(NAME_WORDS.get(type_code, ("",)))
    return pattern.format(a=rng.choice(domain.actors), t=rng.choice(domain.things), v=rng.choice(VIOLATIONS), x=word)


def _basis_entry(rng: random.Random, row: Row) -> Node:
    roll = rng.random()
    if roll < 0.3:
        return f"《{row.law}》{row.article}：{row.text}"
    if roll < 0.4:
        return {"law": row.law, "article": row.article}
    return {"law": row.law, "article": row.article, "text": row.text}


def _basis_pool(domain: Domain, type_code: str, name: str) -> list[Row]:
    """Fact-sheet rows fit to cite for an item: about the same party or activity, of the same type if any."""
    keys = [word[:2] for word in (*domain.actors, *domain.things) if word in name]
    related = [r for r in domain.rows if any(key in r.name or key in r.text for key in keys)]
    same_type = [r for r in related or domain.rows if r.type_code == type_code]
    return same_type or related or list(domain.rows)


def _legal_basis(rng: random.Random, domain: Domain, type_code: str, name: str, first: Row | None) -> list[Node]:
    rows = [first or rng.choice(_basis_pool(domain, type_code, name))]
    if rng.random() < 0.35:
        extra = rng.choice(domain.rows)
        if extra != rows[0]:
            rows.append(extra)
    return [_basis_entry(rng, row) for row in rows]


def _responsibilities(rng: random.Random, type_code: str) -> list[Node]:
    duties = RESPONSIBILITIES.get(type_code, DEFAULT_RESPONSIBILITIES)
    return list(duties[: rng.randint(max(2, len(duties) - 3), len(duties))])


def main_item(state: State, domain: Domain, type_weights: dict[str, int]) -> dict[str, Node]:
    rng = state.rng
    type_code = _pick_type(rng, type_weights)
    real = [r for r in domain.rows if r.type_code == type_code]
    row = rng.choice(real) if real and rng.random() < 0.3 else None
    name = row.name if row else _synth_name(rng, domain, type_code)
    item: dict[str, Node] = {
        "code": state.main_code(type_code),
        "name": name,
        "type": TYPE_NAMES[type_code],
        "legal_basis": _legal_basis(rng, domain, type_code, name, row),
        "responsibilities": _responsibilities(rng, type_code),
    }
    if rng.random() < 0.2:
        item["accountability"] = list(rng.sample(ACCOUNTABILITY, rng.randint(2, 4)))
    if rng.random() < 0.05:
        year = rng.choice(YEARS)
        kind = rng.choice(("新增", "变更", "更名"))
        item["adjustment"] = Flow(
            {
                "type": kind,
                "document": document(rng, year),
                "reason": "根据法律法规立改废释调整",
                "date": day(rng, year).isoformat(),
            }
        )
    return item


def child_item(
    state: State, domain: Domain, parent: dict[str, Node], number: int, base: str, qualifier: str
) -> dict[str, Node]:
    rng = state.rng
    item: dict[str, Node] = {
        "code": f"{parent['code']}-{number:02d}",
        "name": f"{base}（{qualifier}）",
        "type": parent["type"],
        "parent": parent["code"],
    }
    if rng.random() < 0.3:
        type_code = str(item["code"])[:2]
        item["legal_basis"] = _legal_basis(rng, domain, type_code, base, None)[:1]
    if rng.random() < 0.1:
        item["note"] = "按办理情形细化"
    return item


def _child_count(rng: random.Random, weights: tuple[float, float, float]) -> int:
    roll = rng.random()
    if roll < weights[0]:
        return 0
    return 2 if roll < weights[0] + weights[1] else 3


def item_group(state: State, domain: Domain, type_weights: dict[str, int]) -> list[dict[str, Node]]:
    """A main item with its sub-items and grand-sub-items: on average 1 : 0.5 : 0.17 (60% / 30% / 10%)."""
    rng = state.rng
    main = main_item(state, domain, type_weights)
    type_code = str(main["code"])[:2]
    subs = _child_count(rng, (0.8, 0.1, 0.1))
    if subs == 0 and "adjustment" not in main and rng.random() < 0.015:
        year = rng.choice(YEARS)
        main["status"] = "已取消"
        main["adjustment"] = Flow(
            {
                "type": "取消",
                "document": document(rng, year),
                "reason": "法律法规修改，事项取消",
                "date": day(rng, year).isoformat(),
            }
        )
    group = [main]
    qualifiers = rng.sample(QUALIFIERS.get(type_code, DEFAULT_QUALIFIERS), subs)
    for number, qualifier in enumerate(qualifiers, start=1):
        sub = child_item(state, domain, main, number, str(main["name"]), qualifier)
        group.append(sub)
        grands = rng.sample(GRAND_QUALIFIERS, _child_count(rng, (0.85, 0.1, 0.05)))
        for grand_number, grand in enumerate(grands, start=1):
            group.append(child_item(state, domain, sub, grand_number, str(main["name"]), f"{qualifier}，{grand}"))
    return group


def _is_plain_active(item: dict[str, Node]) -> bool:
    return "parent" not in item and "status" not in item and "source" not in item


def unit_items(
    state: State, unit: Unit, quota: int, grants: list[Grant], delegations: dict[str, PlannedDelegation]
) -> list[dict[str, Node]]:
    weights = AGENCY_WEIGHTS if unit.kind == "派驻机构" else unit.domain.type_weights
    items: list[dict[str, Node]] = []
    for grant in grants:
        for template in delegations[grant.delegation].templates[: grant.count]:
            if len(items) < quota:
                items.append(_received_item(state, template, grant))
    while len(items) < quota:
        items.extend(item_group(state, unit.domain, weights)[: quota - len(items)])
    return items


def _received_item(state: State, template: dict[str, Node], grant: Grant) -> dict[str, Node]:
    """A street item held through a delegation: same name, type and legal basis as the department's item."""
    type_code = str(template["code"])[:2]
    item: dict[str, Node] = {
        "code": state.main_code(type_code),
        "name": template["name"],
        "type": template["type"],
        "source": grant.source,
        "delegation": grant.delegation,
        "legal_basis": template["legal_basis"],
        "responsibilities": template["responsibilities"],
    }
    return item


# ---------------------------------------------------------------------------------------------- delegations

STATUS_CYCLE = ("已批准", "已批准", "审议中", "已批准", "申请", "已批准", "不予批准", "已批准", "已撤回", "已批准")


def plan_delegations(rng: random.Random, units: Sequence[Unit], count: int) -> list[PlannedDelegation]:
    """`count` delegations (fifty at 100,000 items) from departments to the townships of their own district."""
    by_block: dict[int, list[Unit]] = {}
    for unit in units:
        by_block.setdefault(unit.block, []).append(unit)
    plans: list[PlannedDelegation] = []
    blocks = [b for b in by_block.values() if any(u.kind in ("街道", "镇") for u in b)]
    for n in range(min(count, 3 * len(blocks))):
        block = blocks[n % len(blocks)]
        departments = [u for u in block if u.kind == "部门"]
        townships = [u for u in block if u.kind in ("街道", "镇")]
        year = YEARS[n % len(YEARS)]
        targets = rng.sample(townships, rng.randint(1, len(townships)))
        plans.append(
            PlannedDelegation(
                ident=f"XF-{year}-{n + 1:03d}",
                year=year,
                from_unit=departments[n % len(departments)],
                to_units=sorted(targets, key=lambda u: u.uid),
                mode="下放" if rng.random() < 0.7 else "委托",
                status=STATUS_CYCLE[n % len(STATUS_CYCLE)],
                all_townships=n == 7,
            )
        )
    return plans


def grants_by_street(rng: random.Random, plans: Sequence[PlannedDelegation]) -> dict[str, list[Grant]]:
    """Which approved delegations each street holds items through (never the 全部街道(镇) one)."""
    grants: dict[str, list[Grant]] = {}
    for plan in plans:
        if plan.status != "已批准" or plan.all_townships:
            continue
        source = "上级下放" if plan.mode == "下放" else "上级委托"
        for street in plan.to_units:
            grants.setdefault(street.uid, []).append(Grant(plan.ident, source, rng.randint(1, 2)))
    return grants


def pick_delegated(
    rng: random.Random, plans: Sequence[PlannedDelegation], unit: Unit, items: Sequence[dict[str, Node]]
) -> None:
    """Choose 2–4 active main items of a department for each delegation it makes."""
    candidates = [item for item in items if _is_plain_active(item)]
    for plan in plans:
        if plan.from_unit is unit and candidates:
            chosen = rng.sample(candidates, min(len(candidates), rng.randint(2, 4)))
            plan.templates = chosen
            plan.items = [str(item["code"]) for item in chosen]


def generate_power(
    state: State, units: Sequence[Unit], items: int, plans: Sequence[PlannedDelegation]
) -> dict[str, list[dict[str, Node]]]:
    grants = grants_by_street(state.rng, plans)
    by_id = {plan.ident: plan for plan in plans}
    power: dict[str, list[dict[str, Node]]] = {}
    for unit, quota in zip(units, quotas(units, items), strict=True):
        power[unit.uid] = unit_items(state, unit, quota, grants.get(unit.uid, []), by_id)
        if unit.kind == "部门":
            pick_delegated(state.rng, plans, unit, power[unit.uid])
    return power


def unit_files(world: World) -> Iterator[File]:
    yield "units.yaml", {"units": [u.record() for u in (*world.units, *world.zones)]}, ""


def power_files(world: World) -> Iterator[File]:
    for unit in world.units:
        yield (
            f"power/{unit.uid}.yaml",
            {"unit": unit.uid, "items": list(world.power[unit.uid])},
            f"{unit.name} 权责清单",
        )
