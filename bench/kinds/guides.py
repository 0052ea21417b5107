"""Service guides (SPEC §4.8): every service a citizen or enterprise applies for at a street is covered, as the
街道(镇) service standard requires (QD705).

A guide is one service of the standard: the street items of one name, one item per street that offers it
(法定 when the streets hold them in their own right, 下放或委托 when through a delegation). A street that holds
two items of one name has them in two guides. The guides needed for that come first; 驻场 guides (a
department's service at a window in the streets of its district) make up the rest of the proportion.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from bench.world import TOWNSHIPS, File, Unit, World
from bench.yamlout import Flow, Node

ON_APPLICATION = ("行政许可", "行政给付", "行政确认", "行政奖励", "行政裁决", "公共服务")
STATUTORY, DELEGATED, STATIONED = "法定办理事项", "部门下放或委托至街道(镇)办理事项", "驻场街道(镇)办理事项"
FILE_SIZE = 100  # guides per file
ALL_TOWNSHIPS = "全部街道(镇)"


@dataclass(frozen=True)
class Service:
    """How a type of service is applied for: who, on what conditions, with what, in which steps."""

    applicants: tuple[str, ...]
    conditions: tuple[str, ...]
    materials: tuple[tuple[str, str, str], ...]  # name, form, source
    steps: tuple[tuple[str, str], ...]  # step, actor (the limits are the guide's)
    review_points: tuple[str, ...]
    legal_days: int  # 0: done on the spot (即办)


_ID_CARD = ("申请人居民身份证", "原件和复印件", "政府部门核发")
_LICENCE = ("营业执照", "复印件", "政府部门核发")
_PROXY = ("委托书（委托他人办理的）", "原件", "申请人自备")
SERVICES = {
    "行政许可": Service(
        ("自然人", "企业法人", "非法人企业"),
        ("申请事项符合法律法规规定的条件和标准", "申请材料齐全、符合法定形式", "申请人对申请材料的真实性负责"),
        (("申请书", "原件", "申请人自备"), _ID_CARD, _LICENCE, ("场所使用证明", "复印件", "其他"), _PROXY),
        (("受理", "便民服务中心综合受理窗口"), ("审查和现场核查", "业务科室"), ("决定", "分管负责人")),
        ("核对申请人主体资格", "现场核查记录与申请材料一致", "许可决定在法定期限内作出并送达"),
        20,
    ),
    "行政给付": Service(
        ("自然人",),
        ("具有本省常住户口，符合给付对象条件", "家庭收入和财产状况符合规定标准"),
        (("给付申请表", "原件", "申请人自备"), _ID_CARD, ("居民户口簿", "原件和复印件", "政府部门核发"), _PROXY),
        (("受理", "便民服务中心社会事务窗口"), ("调查核实", "社会事务办、社区（村）"), ("审核公示", "社会事务办")),
        ("核对申请人户籍和家庭成员范围", "入户调查表经两名以上工作人员签字", "公示结果有记录"),
        15,
    ),
    "行政确认": Service(
        ("自然人",),
        ("申请人符合确认条件", "提交的证明材料真实有效"),
        (("确认申请表", "原件", "申请人自备"), _ID_CARD, ("相关证明材料", "复印件", "其他")),
        (("受理", "便民服务中心综合受理窗口"), ("审核", "业务科室"), ("发证", "便民服务中心")),
        ("核对申请人身份", "证明材料与申请事项一致"),
        10,
    ),
    "行政奖励": Service(
        ("自然人", "企业法人", "社会组织法人"),
        ("符合奖励条件，事迹经查证属实",),
        (("奖励申报表", "原件", "申请人自备"), ("事迹证明材料", "复印件", "其他")),
        (("受理", "便民服务中心综合受理窗口"), ("评审公示", "业务科室"), ("决定", "街道(镇)班子会议")),
        ("事迹材料查证属实", "评审和公示程序完整"),
        20,
    ),
    "行政裁决": Service(
        ("自然人", "其他组织"),
        ("争议当事人之间的争议属于受理范围", "有明确的请求和事实理由"),
        (("裁决申请书", "原件", "申请人自备"), _ID_CARD, ("权属来源证明材料", "复印件", "其他")),
        (("受理", "便民服务中心综合受理窗口"), ("调查调解", "司法所、业务科室"), ("裁决", "街道(镇)")),
        ("当事人主体资格", "调解记录和调查笔录齐全"),
        30,
    ),
    "公共服务": Service(
        ("自然人", "企业法人"),
        ("申请人属于服务对象",),
        (("服务申请表", "原件", "申请人自备"), _ID_CARD),
        (("受理", "便民服务中心综合受理窗口"), ("办理", "业务科室")),
        ("服务记录完整",),
        0,
    ),
}
HOURS = "周一至周五 8:30—12:00，13:30—17:00（法定节假日除外）"
ONLINE = "https://www.zjzwfw.gov.cn/"
FAQ = (
    ("可以委托他人办理吗？", "可以。受托人须携带委托书和本人居民身份证。"),
    ("可以网上办理吗？", "可以。登录浙江政务服务网或浙里办APP提交申请，材料齐全的无需到现场。"),
    ("材料不全可以先受理吗？", "次要材料暂缺的，可按容缺受理范围书面承诺后先行受理。"),
)


def _limit(days: int) -> str:
    return f"{days}工作日" if days else "即办"


def guide_record(rng: random.Random, ident: str, name: str, kind: str, items: list[Node]) -> dict[str, Node]:
    """The guide of one service: `kind` is the items' type, which fixes what is asked and how long it takes."""
    service = SERVICES[kind]
    legal = service.legal_days
    promised = max(1, legal * rng.choice((1, 2, 3)) // 4) if legal and rng.random() < 0.85 else 0
    materials: list[Node] = []
    for index, (material, form, source) in enumerate(service.materials):
        entry: dict[str, str | int] = {"name": material, "form": form, "copies": 1, "source": source}
        if index == len(service.materials) - 2 and rng.random() < 0.3:
            entry["tolerance"] = "是"
        materials.append(Flow(entry))
    steps: list[Node] = [Flow({"step": step, "actor": actor}) for step, actor in service.steps]
    record: dict[str, Node] = {
        "id": ident,
        "name": name,
        "category": STATUTORY,  # the caller sets the category and, for 驻场, the streets
        "items": items,
        "applicants": list(service.applicants),
        "conditions": list(service.conditions),
        "materials": materials,
    }
    if any(isinstance(entry, Flow) and "tolerance" in entry.value for entry in materials):
        record["tolerance_scope"] = "次要材料暂缺的，申请人书面承诺限期补齐后先行受理"
    record["steps"] = steps
    if legal:
        record["legal_limit"] = _limit(legal)
    record["promised_limit"] = _limit(promised)
    record["handling"] = "承诺件" if promised else "即办件"
    record["visits"] = rng.choice((0, 1, 1))
    record["fee"] = "不收费"
    record["location"] = "所在街道(镇)便民服务中心综合受理窗口"
    record["hours"] = HOURS
    record["phone"] = f"0571-{rng.randint(8000, 8999)}{rng.randint(1000, 9999)}"
    record["complaint_phone"] = "12345"
    if rng.random() < 0.8:
        record["online_url"] = ONLINE
    record["review_points"] = list(service.review_points)
    record["faq"] = [Flow({"q": q, "a": a}) for q, a in rng.sample(FAQ, rng.randint(1, 2))]
    return record


def _street_services(world: World) -> dict[tuple[str, str, bool], dict[str, list[str]]]:
    """The active main items applied for at streets, by (name, type, held through a delegation), then by
    street: each street's codes of that service, in file order."""
    services: dict[tuple[str, str, bool], dict[str, list[str]]] = {}
    for unit in world.of_kind(*TOWNSHIPS):
        for item in world.active_mains(unit):
            if item["type"] in ON_APPLICATION:
                key = (str(item["name"]), str(item["type"]), "source" in item)
                services.setdefault(key, {}).setdefault(unit.uid, []).append(str(item["code"]))
    return services


def _covering(world: World, rng: random.Random) -> Iterator[dict[str, Node]]:
    """Guides enough to cover every street service: the j-th guide of a service takes each street's j-th item."""
    for number, ((name, kind, delegated), streets) in enumerate(_street_services(world).items()):
        depth = max(len(codes) for codes in streets.values())
        for j in range(depth):
            codes: list[Node] = [codes[j] for codes in streets.values() if len(codes) > j]
            category, prefix = (DELEGATED, "XF") if delegated else (STATUTORY, "FD")
            record = guide_record(rng, f"ZN-{prefix}-{number + 1:04d}-{j + 1:02d}", name, kind, codes)
            record["category"] = category
            yield record


def _stationed(world: World, rng: random.Random, count: int) -> Iterator[dict[str, Node]]:
    """`count` 驻场 guides: a department's service offered at windows in the streets of its district."""
    offers: list[tuple[Unit, dict[str, Node]]] = []
    for unit in world.of_kind("部门"):
        offers += [(unit, item) for item in world.active_mains(unit) if item["type"] in ON_APPLICATION]
    for number, (unit, item) in enumerate(rng.sample(offers, max(0, min(count, len(offers))))):
        record = guide_record(rng, f"ZN-ZC-{number + 1:04d}", str(item["name"]), str(item["type"]), [str(item["code"])])
        record["category"] = STATIONED
        streets: list[Node] = [street.uid for street in world.blocks[unit.block] if street.kind in TOWNSHIPS]
        record["streets"] = streets or [ALL_TOWNSHIPS]
        record["location"] = f"各街道(镇)便民服务中心{unit.domain.name}驻场窗口"
        yield record


def guide_files(world: World) -> Iterator[File]:
    rng = world.rng_for("guides")
    records: list[Node] = list(_covering(world, rng))
    records += _stationed(world, rng, world.how_many("guides") - len(records))
    for start in range(0, len(records), FILE_SIZE):
        yield f"guides/{start // FILE_SIZE + 1:03d}.yaml", {"guides": records[start : start + FILE_SIZE]}, ""
