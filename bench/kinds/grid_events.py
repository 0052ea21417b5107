"""Grid events (SPEC §4.14): the province's classification, ten kinds of major class (repeated by area when
the standard grows: `市容环境（农村）`) and their minor classes (by place: `占道设摊经营（学校周边）`), each minor
class with its handling rules. An event handled by the streets names a department to assist, and the powers it
calls for are that department's penalties, or the handling department's own.

The classes are planned once (`planned`) and kept in the world: violations (§4.13) name their minor classes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from bench.world import File, Unit, World
from bench.yamlout import Flow, Node

LOCAL = "属地街道(镇)"
LIMITS = ("4工作时", "1工作日", "3工作日", "5工作日")
ESCALATE_AFTER = {"4工作时": "1工作日", "1工作日": "3工作日", "3工作日": "5工作日", "5工作日": "10工作日"}
MAX_MAJORS = 99  # codes are two digits
PER_MAJOR = 20  # minor classes per major class, about


@dataclass(frozen=True)
class Minor:
    name: str
    admission: str
    close: str
    handler: str  # "" for the streets, else the slug of the department that handles it
    level: str
    partner: str = "zhzfj"  # the department that assists the streets (and holds the powers)


def _m(
    name: str, admission: str, close: str, handler: str = "", level: str = "街道(镇)", partner: str = "zhzfj"
) -> Minor:
    return Minor(name, admission, close, handler, level, partner)


MAJORS: tuple[tuple[str, tuple[Minor, ...]], ...] = (
    (
        "市容环境",
        (
            _m("占道设摊经营", "在城市道路、广场等公共场所设摊经营、兜售物品", "摊点已清离，现场恢复整洁"),
            _m("乱堆物料、乱搭设施", "在街道两侧和公共场地堆放物料、搭建设施", "物料已清理，设施已拆除"),
            _m(
                "擅自设置户外广告",
                "未经同意设置大型户外广告或广告设施存在坠落危险",
                "广告设施已拆除或加固",
                "zhzfj",
                "区级部门",
            ),
            _m("暴露垃圾、乱倒垃圾", "公共场所存在暴露垃圾或随意倾倒垃圾", "垃圾已清运，现场整洁", level="网格"),
            _m(
                "生活垃圾未分类投放",
                "未按规定分类投放生活垃圾，经劝导拒不改正",
                "已分类投放或已移交查处",
                level="社区(村)",
            ),
        ),
    ),
    (
        "城市管理设施",
        (
            _m("擅自占用、挖掘城市道路", "未经批准占用或者挖掘城市道路", "已恢复原状或补办手续"),
            _m("窨井盖缺失、破损", "道路窨井盖缺失、破损或移位", "窨井盖已补装或更换", level="网格"),
        ),
    ),
    (
        "园林绿化",
        (
            _m("绿地毁损、侵占", "损坏城市绿地或擅自占用绿地", "绿地已恢复"),
            _m("擅自砍伐、损坏树木", "擅自砍伐、移植城市树木或损坏树木花草", "已制止并移交查处", "zhzfj", "区级部门"),
        ),
    ),
    (
        "违法建设",
        (
            _m("在建违法建筑", "未取得建设工程规划许可证正在施工建设", "已停止施工并拆除或移交查处"),
            _m("农村村民违法占地建房", "农村村民未经批准占用土地建设住宅", "已拆除或补办用地手续", level="社区(村)"),
        ),
    ),
    (
        "环境保护",
        (
            _m("餐饮油烟扰民", "餐饮服务业经营者油烟直排或净化设施未正常使用", "已安装或正常使用净化设施"),
            _m("施工扬尘", "施工工地未设置围挡或未采取防尘降尘措施", "已落实防尘降尘措施"),
        ),
    ),
    (
        "安全生产",
        (
            _m("占用、堵塞消防通道", "占用、堵塞、封闭消防车通道", "通道已清理畅通", level="社区(村)"),
            _m("出租房屋消防隐患", "出租房屋存在违规住人、私拉电线等消防隐患", "隐患已整改"),
            _m("非法储存、销售烟花爆竹", "未经许可储存、销售烟花爆竹", "物品已收缴，移交查处", partner="scjgj"),
        ),
    ),
    (
        "市场监管",
        (
            _m("无证经营食品", "未取得食品经营许可从事食品经营", "已停止经营或取得许可", "scjgj", "区级部门", "scjgj"),
            _m(
                "特种设备安全隐患",
                "电梯等特种设备未办理使用登记或存在安全隐患",
                "隐患已消除",
                "scjgj",
                "区级部门",
                "scjgj",
            ),
        ),
    ),
    (
        "社会治安",
        (
            _m("治安隐患", "公共场所存在治安隐患", "隐患已消除", level="网格"),
            _m("可疑人员、物品", "发现可疑人员或可疑物品", "已核查处置", level="网格"),
        ),
    ),
    (
        "矛盾纠纷",
        (
            _m("邻里纠纷", "居民之间因相邻关系等发生纠纷", "纠纷已调解或已引导诉讼", level="社区(村)"),
            _m("物业纠纷", "业主与物业服务企业之间发生纠纷", "纠纷已调解"),
        ),
    ),
    (
        "公共服务",
        (
            _m("公共设施损坏", "健身器材、休闲座椅等公共设施损坏", "设施已修复", level="网格"),
            _m("特殊人群帮扶需求", "困难群众、独居老人等提出帮扶需求", "帮扶需求已落实", level="社区(村)"),
        ),
    ),
)
AREAS = ("城区", "农村", "园区", "景区", "沿海", "山区", "老城", "新区", "集镇")
PLACES = ("学校周边", "农贸市场周边", "老旧小区", "沿街商铺", "交通枢纽", "公园广场", "城中村", "工业园区", "景区周边")


def variant(names: tuple[str, ...], number: int) -> str:
    """`（学校周边）` for the second class of a name, and so on; past the list, numbered: `（学校周边2）`."""
    if number == 0:
        return ""
    lap, index = divmod(number - 1, len(names))
    return f"（{names[index]}{lap + 1 if lap else ''}）"


@dataclass
class Planned:
    records: list[dict[str, Node]]
    minors: dict[str, list[str]]  # a minor class's base name → the codes of its classes


def _department(world: World, block: int, slug: str) -> Unit | None:
    units = world.blocks[block]
    return next((unit for unit in units if unit.domain.slug == slug and unit.kind == "部门"), None)


def _penalties(world: World, unit: Unit, rng: random.Random) -> list[Node]:
    items = [str(item["code"]) for item in world.active_mains(unit) if item["type"] == "行政处罚"]
    return list(rng.sample(items, min(2, len(items))))


def minor_record(world: World, rng: random.Random, code: str, name: str, minor: Minor) -> dict[str, Node]:
    blocks = sorted(world.blocks)
    block = blocks[rng.randrange(len(blocks))]
    department = _department(world, block, minor.handler or minor.partner) or world.blocks[block][0]
    limit = rng.choice(LIMITS)
    record: dict[str, Node] = {"code": code, "name": name, "admission": minor.admission, "level": minor.level}
    record["handler"] = department.uid if minor.handler else LOCAL
    if not minor.handler:
        record["partners"] = [department.uid]
    record["time_limit"] = limit
    record["close"] = minor.close
    record["escalation"] = [Flow({"after": ESCALATE_AFTER[limit], "to": department.uid})]
    if items := _penalties(world, department, rng):
        record["power_items"] = items
    return record


def planned(world: World) -> Planned:
    """The classes of the standard, made once per world."""
    found = world.memo.get("grid-events")
    if isinstance(found, Planned):
        return found
    rng = world.rng_for("grid-events")
    count = min(world.how_many("grid-events"), MAX_MAJORS * MAX_MAJORS)
    majors = max(1, min(MAX_MAJORS, count // PER_MAJOR))
    plan = Planned([], {})
    for index in range(majors):
        base, minors = MAJORS[index % len(MAJORS)]
        area = variant(AREAS, index // len(MAJORS))
        major = f"{index + 1:02d}"
        plan.records.append({"code": major, "name": base + area})
        for number in range((count - majors) // majors + (1 if index < (count - majors) % majors else 0)):
            minor = minors[number % len(minors)]
            place = variant(PLACES, number // len(minors))
            code = f"{major}-{number + 1:02d}"
            plan.records.append(minor_record(world, rng, code, minor.name + place + area, minor))
            plan.minors.setdefault(minor.name, []).append(code)
    world.memo["grid-events"] = plan
    return plan


def event_files(world: World) -> Iterator[File]:
    yield "grid-events/standard.yaml", {"events": list(planned(world).records)}, "网格事件分类处置标准（示意）"
