"""Duty division (SPEC §4.11): in each district, matters led by a department with the district's streets
assisting, led by a street in its area with departments assisting, led by one street for powers it holds or
was handed by an approved delegation (all streets, 属地街道(镇), for a delegation to all of them), and the duties
of the district's industrial zone (its social affairs led by a street it lies in)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

from bench.world import TOWNSHIPS, YEARS, File, PlannedDelegation, Unit, World, day, document
from bench.yamlout import Flow, Node

LOCAL = "属地街道(镇)"
# What a department leads, by its slug: matter, domain, its tasks.
LED_BY_DEPARTMENT = {
    "zhzfj": ("城镇违法建设和市容环境秩序查处", "城市管理", "对违法建设、占道经营、乱堆物料等行为依法查处"),
    "scjgj": ("食品生产经营安全监管", "市场监管", "食品生产经营许可、监督检查，对无证经营等违法行为依法查处"),
    "rsj": ("劳动保障监察", "社会事务", "受理劳动保障违法行为投诉举报，依法查处拖欠工资等行为"),
    "mzj": ("社会组织登记管理", "社会事务", "社会组织登记和年度检查，对违法开展活动的社会组织依法查处"),
    "wjj": ("医疗机构执业监管", "社会事务", "医疗机构执业登记和监督检查，对无证行医依法查处"),
    "jyj": ("校外培训机构监管", "社会事务", "校外培训机构审批和日常监管，对违规办学依法查处"),
    "zjj": ("建设工地扬尘防治", "开发建设", "对施工工地未采取防尘降尘措施的行为依法查处"),
    "jtj": ("道路运输市场监管", "安全生产", "道路运输经营许可和监督检查，对非法营运依法查处"),
    "nyncj": ("农药经营和使用监管", "农业农村", "农药经营许可和监督检查，对违法经营农药依法查处"),
    "yjglj": ("工贸企业安全生产执法", "安全生产", "安全生产监督检查，对未落实安全管理制度的行为依法查处"),
    "zrzyj": ("土地违法行为查处", "征地拆迁", "对未经批准非法占用土地的行为依法查处"),
    "fgj": ("企业投资项目监管", "招商引资", "企业投资项目核准备案和监督检查"),
    "wgltj": ("文化市场综合执法", "社会事务", "娱乐场所、营业性演出监督检查，对违法经营依法查处"),
    "sthjj": ("排污单位环境监管", "生态环境", "排污许可和现场检查，对超标排放依法查处"),
}
LED_LOCALLY = (
    ("生活垃圾分类管理", "城市管理", "组织辖区生活垃圾分类宣传、投放点设置和日常监督检查"),
    ("出租房屋和小微场所安全隐患排查", "安全生产", "组织网格员对出租房屋、小微场所开展安全隐患排查整治"),
    ("矛盾纠纷排查化解", "矛盾调解", "组织人民调解组织排查化解辖区矛盾纠纷"),
    ("最低生活保障", "社会事务", "低保申请受理、家庭经济状况调查核实和初审公示"),
)
ASSIST_LOCALLY = "日常巡查，发现问题及时劝阻制止并报告，配合做好处置"
ASSIST_DEPARTMENT = "业务指导、执法监督和专业支持"
ZONE_DUTIES = (
    ("园区企业安全生产监管", "安全生产", False),
    ("园区征地拆迁和房屋征收", "征地拆迁", False),
    ("园区项目开发建设协调", "开发建设", True),
    ("园区招商引资和企业服务", "招商引资", True),
)


def _share(unit: str, tasks: str) -> Flow:
    return Flow({"unit": unit, "tasks": tasks})


def _departments(world: World, block: int) -> list[Unit]:
    return [unit for unit in world.blocks[block] if unit.kind == "部门"]


def _cf_items(world: World, unit: Unit, rng: random.Random) -> list[Node]:
    items = [str(item["code"]) for item in world.active_mains(unit) if item["type"] == "行政处罚"]
    return list(rng.sample(items, min(2, len(items))))


def _townships(world: World, block: int) -> list[Unit]:
    return [unit for unit in world.blocks[block] if unit.kind in TOWNSHIPS]


def _by_department(world: World, rng: random.Random, block: int) -> dict[str, Node] | None:
    lead = rng.choice(_departments(world, block))
    matter, domain, tasks = LED_BY_DEPARTMENT.get(
        lead.domain.slug, (f"{lead.domain.name}行业监管", "社会事务", "行业监管")
    )
    others = [unit for unit in _departments(world, block) if unit is not lead]
    # The streets of the district by name: in a province's registry 属地街道(镇) would mean every street of it.
    partners: list[Node] = [_share(street.uid, ASSIST_LOCALLY) for street in _townships(world, block)]
    if others:
        partners.append(_share(rng.choice(others).uid, ASSIST_DEPARTMENT))
    record: dict[str, Node] = {"matter": matter, "domain": domain, "lead": _share(lead.uid, tasks)}
    if partners:
        record["partners"] = partners
    if items := _cf_items(world, lead, rng):
        record["power_items"] = items
    return record


def _locally(world: World, rng: random.Random, block: int) -> dict[str, Node] | None:
    """A matter a street leads in its own area, its district's departments assisting."""
    streets = _townships(world, block)
    if not streets:
        return None
    street = rng.choice(streets)
    matter, domain, tasks = rng.choice(LED_LOCALLY)
    partners = [_share(unit.uid, ASSIST_DEPARTMENT) for unit in _departments(world, block)[:2]]
    return {
        "matter": f"{street.name}{matter}",
        "domain": domain,
        "lead": _share(street.uid, tasks),
        "partners": list(partners),
    }


def _by_street(world: World, rng: random.Random, block: int) -> dict[str, Node] | None:
    streets = _townships(world, block)
    if not streets:
        return None
    street = rng.choice(streets)
    items = _cf_items(world, street, rng)
    if not items:
        return None
    partners: list[Node] = [_share(_departments(world, block)[0].uid, ASSIST_DEPARTMENT)]
    partners += [
        _share(unit.uid, "在街道(镇)统一指挥下开展日常执法") for unit in world.units if unit.stationed_in == street.uid
    ]
    return {
        "matter": f"{street.name}辖区违法行为查处",
        "domain": "城市管理",
        "lead": _share(street.uid, "对辖区内违法行为依法查处"),
        "partners": partners,
        "power_items": items,
    }


def _by_delegation(world: World, rng: random.Random, block: int) -> dict[str, Node] | None:
    plans = [plan for plan in _approved(world) if plan.from_unit.block == block and not plan.all_townships]
    if not plans:
        return None
    plan = rng.choice(plans)
    return _taking_over(rng.choice(plan.to_units).uid, plan)


def _approved(world: World) -> list[PlannedDelegation]:
    return [plan for plan in world.plans if plan.status == "已批准" and plan.items]


def _taking_over(lead: str, plan: PlannedDelegation) -> dict[str, Node]:
    """The duty of carrying out what a delegation handed over, led by a street it targets (or by 属地街道(镇),
    every street, for a delegation to all of them)."""
    return {
        "matter": f"{plan.from_unit.name}{plan.mode}事项的承接实施",
        "domain": "社会事务",
        "lead": _share(lead, f"承接{plan.from_unit.name}{plan.mode}的事项，依法实施"),
        "partners": [_share(plan.from_unit.uid, "业务培训、指导和监督")],
        "power_items": list(plan.items[:3]),
        "delegation": plan.ident,
    }


def _of_zone(world: World, rng: random.Random, block: int) -> dict[str, Node] | None:
    zone = next((zone for zone in world.zones if zone.block == block), None)
    if zone is None or not zone.located_in:
        return None
    matter, domain, own = rng.choice(ZONE_DUTIES)
    street = rng.choice(zone.located_in)
    lead, partner = (zone.uid, street) if own else (street, zone.uid)
    return {
        "matter": matter,
        "domain": domain,
        "lead": _share(lead, "牵头负责，制定工作方案并组织实施"),
        "partners": [_share(partner, "配合做好相关工作")],
        "zone": zone.uid,
    }


Maker = Callable[[World, random.Random, int], "dict[str, Node] | None"]
MIX: tuple[Maker, ...] = (_by_department, _locally, _by_department, _by_street, _by_delegation, _of_zone)


def duty_files(world: World) -> Iterator[File]:
    rng = world.rng_for("duties")
    blocks = sorted(world.blocks)
    by_district: dict[str, list[Node]] = {}
    for n in range(world.how_many("duties")):
        block = blocks[n % len(blocks)]
        everywhere = [plan for plan in _approved(world) if plan.all_townships] if n == 0 else []
        made = _taking_over(LOCAL, everywhere[0]) if everywhere else None
        made = made or MIX[(n // len(blocks)) % len(MIX)](world, rng, block) or _by_department(world, rng, block)
        assert made is not None
        record: dict[str, Node] = {"id": f"FG-{n + 1:05d}", **made}
        if rng.random() < 0.05:
            year = rng.choice(YEARS)
            record["adjustment"] = Flow(
                {"type": "新增", "document": document(rng, year), "date": day(rng, year).isoformat()}
            )
        district = world.blocks[block][0].uid.rsplit("-", 1)[0]
        by_district.setdefault(district, []).append(record)
    for district, records in by_district.items():
        yield f"duties/{district}.yaml", {"duties": records}, ""
