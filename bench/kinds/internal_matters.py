"""Internal matters (SPEC §4.9): what a community or village asks of its street, a few in each street or town,
handled there or reviewed and forwarded to a department of the district; tied now and then to a kept
community task; online unless secret, with fewer trips than before the reform."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from bench.world import TOWNSHIPS, File, Unit, World
from bench.yamlout import Node


@dataclass(frozen=True)
class Matter:
    name: str
    outcome: str  # 审批, 核准, 备案, 答复, 出具意见
    forward_to: str  # the slug of the department it is forwarded to; "" when the street decides
    materials: tuple[str, ...]
    basis: str = ""
    applicant: str = "社区(村)"


MATTERS = (
    Matter("村集体资产资源出租、发包合同备案", "备案", "", ("合同文本", "村民代表会议决议", "公开竞价结果公示材料")),
    Matter("村级工程项目（限额以下）比选方案审核", "核准", "", ("村民代表会议决议", "比选方案", "工程预算书")),
    Matter("社区(村)印章刻制审核", "备案", "mzj", ("印章刻制申请表", "社区(村)成立批复文件")),
    Matter("社区(村)应急救援队伍装备经费申请", "审批", "yjglj", ("经费申请表", "装备采购清单")),
    Matter(
        "社区(村)工作者因私出国(境)审批", "审批", "", ("因私出国(境)申请表", "行程安排"), applicant="社区(村)工作人员"
    ),
    Matter(
        "村级公益事业“一事一议”筹资筹劳方案审核",
        "核准",
        "nyncj",
        ("筹资筹劳方案", "村民代表会议决议"),
        "《村民一事一议筹资筹劳管理办法》第五条",
    ),
    Matter(
        "村(居)民委员会换届选举工作方案备案",
        "备案",
        "mzj",
        ("换届选举工作方案", "选举委员会名单"),
        "《中华人民共和国村民委员会组织法》第十三条",
    ),
    Matter("防汛防台物资补充申领", "答复", "", ("物资申领表", "物资消耗清单")),
    Matter("社区(村)减负事项准入申请", "出具意见", "", ("事项准入申请表", "事项依据材料")),
    Matter("社区(村)网格员工作经费申领", "审批", "", ("经费申领表", "网格工作台账")),
    Matter(
        "社区(村)工作者岗位等级晋升审核",
        "核准",
        "mzj",
        ("岗位等级晋升审核表", "年度考核结果"),
        applicant="社区(村)工作人员",
    ),
    Matter("村级财务开支审核（村账镇管）", "核准", "", ("支出凭证", "村务监督委员会审核意见")),
    Matter("村规民约、居民公约备案", "备案", "", ("村规民约文本", "村民会议通过的决议")),
    Matter("村级留用地开发方案审核", "出具意见", "zrzyj", ("开发方案", "村民代表会议决议", "地块红线图")),
    Matter("社区(村)办公用房维修经费申请", "审批", "", ("维修经费申请表", "维修预算书")),
    Matter("社区(村)困难群众慰问物资申领", "答复", "mzj", ("慰问对象名单", "物资申领表")),
)
TIME_LIMITS = ("即办", "3工作日", "5工作日", "7工作日")


def matter_record(rng: random.Random, ident: str, street: Unit, world: World) -> dict[str, Node]:
    matter = rng.choice(MATTERS)
    departments = {unit.domain.slug: unit.uid for unit in world.blocks[street.block] if unit.kind == "部门"}
    target = departments.get(matter.forward_to)
    record: dict[str, Node] = {
        "id": ident,
        "name": matter.name,
        "applicant": matter.applicant,
        "handler": street.uid,
        "mode": "审核转报" if target else "直接办理",
    }
    if target:
        record["forward_to"] = target
    record["outcome"] = matter.outcome
    if matter.basis:
        record["basis"] = [matter.basis]
    if world.kept_tasks and rng.random() < 0.2:
        record["related_task"] = rng.choice(world.kept_tasks)
    record["materials"] = list(matter.materials)
    record["time_limit"] = rng.choice(TIME_LIMITS)
    before = rng.randint(1, 3)
    record["visits_before"] = before
    record["visits_after"] = rng.randint(0, min(1, before))
    if rng.random() < 0.9:
        record["online"] = "是"
    else:
        record["online"] = "否"
        record["classified"] = "是"
    return record


def matter_files(world: World) -> Iterator[File]:
    """The matters of each district's streets and town, one file per district."""
    rng = world.rng_for("internal-matters")
    streets = world.of_kind(*TOWNSHIPS)
    by_district: dict[str, list[Node]] = {}
    for n in range(world.how_many("internal-matters") if streets else 0):
        street = streets[n % len(streets)]
        district = street.uid.rsplit("-", 1)[0]
        by_district.setdefault(district, []).append(matter_record(rng, f"NB-{n + 1:05d}", street, world))
    for district, records in by_district.items():
        yield f"internal-matters/{district}.yaml", {"matters": records}, ""
