"""Community illegal-prone matters (SPEC §4.13): what is forbidden where people live, by which rule, answered by
the penalty items of that name in the registry (any active 行政处罚 of an enforcement bureau when there is
none), met on patrol as a minor grid-event class, and reported to the street or to the enforcement bureau."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from bench.kinds.grid_events import PLACES, planned, variant
from bench.world import File, World
from bench.yamlout import Node

FILE_SIZE = 500  # violations per file
OWN_TOWNSHIP = "所在街道(镇)"


@dataclass(frozen=True)
class Prone:
    name: str
    rule: str  # the prohibition, as a citation
    penalty: str  # the name of the penalty item that answers it
    event: str  # the base name of its minor grid-event class
    hotspots: str
    report_to_bureau: bool = False


PRONE = (
    Prone(
        "擅自占用、挖掘城市道路",
        "《城市道路管理条例》第二十七条第（一）项：城市道路范围内禁止下列行为：（一）擅自占用或者挖掘城市道路；",
        "对擅自占用或者挖掘城市道路的行政处罚",
        "擅自占用、挖掘城市道路",
        "沿街店铺门前、老旧小区周边道路",
    ),
    Prone(
        "占用人行道、桥梁等公共场所设摊经营",
        "《城市道路管理条例》第三十条：未经市政工程行政主管部门和公安交通管理部门批准，任何单位或者个人不得占用"
        "或者挖掘城市道路。",
        "对擅自占用城市人行道、桥梁、地下通道设摊经营、兜售物品的行政处罚",
        "占道设摊经营",
        "农贸市场、学校门口、地铁站出入口",
    ),
    Prone(
        "擅自设置大型户外广告",
        "《城市市容和环境卫生管理条例》第十一条第二款：大型户外广告的设置必须征得城市人民政府市容环境卫生行政主管"
        "部门同意后，按照有关规定办理审批手续。",
        "对擅自设置大型户外广告影响市容的行政处罚",
        "擅自设置户外广告",
        "临街楼顶、商业综合体外墙",
        True,
    ),
    Prone(
        "不按规定倾倒、焚烧生活垃圾",
        "《城市市容和环境卫生管理条例》第二十八条第二款：一切单位和个人，都应当依照城市人民政府市容环境卫生行政主管"
        "部门规定的时间、地点、方式，倾倒垃圾、粪便。",
        "对随意倾倒、抛撒、堆放或者焚烧生活垃圾的行政处罚",
        "暴露垃圾、乱倒垃圾",
        "城郊结合部、河道沿岸、拆迁空地",
    ),
    Prone(
        "生活垃圾未分类投放",
        "《宁波市生活垃圾分类管理条例》",
        "对个人未分类投放生活垃圾的行政处罚",
        "生活垃圾未分类投放",
        "住宅小区垃圾投放点",
    ),
    Prone(
        "餐饮油烟超标排放",
        "《中华人民共和国大气污染防治法》第一百一十八条第一款",
        "对餐饮服务业经营者未安装油烟净化设施或超标排放油烟的行政处罚",
        "餐饮油烟扰民",
        "居民楼底层餐饮店、夜宵排档",
        True,
    ),
    Prone(
        "损坏树木花草、擅自砍伐城市树木",
        "《城市绿化条例》第二十条：任何单位和个人都不得损坏城市树木花草和绿化设施。",
        "对损坏城市树木花草、擅自砍伐城市树木的行政处罚",
        "擅自砍伐、损坏树木",
        "小区公共绿地、行道树",
    ),
    Prone(
        "农村村民未经批准占地建房",
        "《中华人民共和国土地管理法》第七十八条第一款",
        "对农村村民未经批准非法占用土地建住宅的行政处罚",
        "农村村民违法占地建房",
        "村庄宅基地周边、承包地",
    ),
    Prone(
        "无证经营食品",
        "《中华人民共和国食品安全法》第三十五条第一款：国家对食品生产经营实行许可制度。从事食品生产、食品销售、"
        "餐饮服务，应当依法取得许可。",
        "对未取得食品生产经营许可从事食品生产经营活动的行政处罚",
        "无证经营食品",
        "出租房内的小作坊、网络外卖后厨",
    ),
    Prone(
        "占用、堵塞消防车通道",
        "《中华人民共和国消防法》第二十八条：任何单位、个人不得占用、堵塞、封闭消防车通道。",
        "对单位占用、堵塞、封闭消防车通道的行政处罚",
        "占用、堵塞消防通道",
        "老旧小区、商业街区",
    ),
    Prone(
        "施工工地扬尘污染",
        "《中华人民共和国大气污染防治法》第一百一十五条第一款第（一）项",
        "对施工工地未设置硬质围挡或未采取有效防尘降尘措施的行政处罚",
        "施工扬尘",
        "在建工地、拆迁工地",
        True,
    ),
)


def _penalties(world: World) -> dict[str, list[str]]:
    """The codes of the active 行政处罚 main items, by name; under "" those of the enforcement bureaus."""
    found: dict[str, list[str]] = {}
    for unit in world.units:
        for item in world.active_mains(unit):
            if item["type"] == "行政处罚":
                found.setdefault(str(item["name"]), []).append(str(item["code"]))
                if unit.domain.slug == "zhzfj":
                    found.setdefault("", []).append(str(item["code"]))
    return found


def violation_record(
    world: World, rng: random.Random, number: int, penalties: dict[str, list[str]], bureaus: list[str]
) -> dict[str, Node]:
    prone = PRONE[number % len(PRONE)]
    codes = penalties.get(prone.penalty) or penalties.get("") or next(iter(penalties.values()))
    record: dict[str, Node] = {
        "id": f"WF-{number + 1:05d}",
        "name": prone.name + variant(PLACES, number // len(PRONE)),
        "prohibited_by": [prone.rule],
        "penalty_items": list(rng.sample(codes, min(2, len(codes)))),
    }
    events = planned(world).minors.get(prone.event)
    if events:
        record["event"] = rng.choice(events)
    record["report_to"] = rng.choice(bureaus) if prone.report_to_bureau and bureaus else OWN_TOWNSHIP
    record["hotspots"] = prone.hotspots
    return record


def violation_files(world: World) -> Iterator[File]:
    rng = world.rng_for("violations")
    penalties = _penalties(world)
    if not penalties:
        return
    bureaus = [unit.uid for unit in world.units if unit.kind == "部门" and unit.domain.slug == "zhzfj"]
    count = world.how_many("violations")
    records: list[Node] = [violation_record(world, rng, n, penalties, bureaus) for n in range(count)]
    for start in range(0, len(records), FILE_SIZE):
        yield f"violations/{start // FILE_SIZE + 1:02d}.yaml", {"violations": records[start : start + FILE_SIZE]}, ""
