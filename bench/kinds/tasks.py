"""Community tasks (SPEC §4.4): tasks put on communities and villages, each kept (with its admission
criteria), merged into a kept task, or cancelled in the cleanup."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from bench.world import YEARS, File, Unit, World, day
from bench.yamlout import Flow, Node

TASK_TOPICS = (
    ("人口普查", "《全国人口普查条例》第三条第四款"),
    ("社区矫正", "《中华人民共和国社区矫正法》第十二条第一款"),
    ("禁毒宣传教育", "《中华人民共和国禁毒法》第十七条"),
    ("防火安全检查", "《中华人民共和国消防法》第三十二条"),
    ("社区心理健康指导", "《中华人民共和国精神卫生法》第二十条第一款"),
    ("突发事件应对", "《中华人民共和国突发事件应对法》第二十二条第二款"),
    ("流动人口居住登记", "《浙江省流动人口居住登记条例》第五条第二款"),
    ("居住证申领受理", "《居住证暂行条例》第八条第二款"),
    ("计划生育", "《中华人民共和国人口与计划生育法》第十二条"),
    ("最低生活保障申请", "《社会救助暂行办法》第十一条第（一）项"),
    ("生活垃圾分类收集", "《宁波市生活垃圾分类管理条例》第二十四条第二款"),
    ("人民调解", "《中华人民共和国人民调解法》第八条第一款"),
    ("文明城市创建", ""),
    ("征兵宣传", ""),
    ("老年人信息采集", ""),
    ("残疾人信息核查", ""),
    ("安全生产宣传", ""),
    ("防汛防台", ""),
    ("食品安全宣传", ""),
    ("反诈宣传", ""),
    ("出租房屋信息报送", ""),
    ("退役军人信息采集", ""),
)
TASK_FORMS = ("协助开展{}", "{}台账报送", "配合开展{}入户工作", "{}专项工作", "{}情况统计上报")
CATEGORIES = ("审批服务", "日常管理", "监督检查", "协助办理", "其他")


def _criteria(rng: random.Random, law: str) -> dict[str, Node]:
    criteria: dict[str, Node] = {}
    if law:
        criteria["legal_basis"] = law
    if not law or rng.random() < 0.3:
        criteria["superior_requirement"] = "浙江省涉村（社区）事项清单（2023版）"
    if rng.random() < 0.3:
        criteria["practical_need"] = "需要社区（村）掌握辖区情况、配合入户"
    return criteria


def task_record(rng: random.Random, ident: str, year: int, requester: Unit, kept: list[str]) -> dict[str, Node]:
    topic, law = rng.choice(TASK_TOPICS)
    category = rng.choice(CATEGORIES)
    roll = rng.random()
    decision = "保留" if not kept or roll < 0.55 else ("归并" if roll < 0.85 else "取消")
    task: dict[str, Node] = {
        "id": ident,
        "name": rng.choice(TASK_FORMS).format(topic),
        "requested_by": requester.uid,
        "category": category,
    }
    if decision == "保留":
        task["criteria"] = _criteria(rng, law)
    task["decision"] = decision
    if decision == "归并":
        task["merged_into"] = rng.choice(kept)
    if decision == "保留" and (category == "协助办理" or rng.random() < 0.2):
        task["funding"] = f"{requester.name}按事项拨付工作经费（权随责走、费随事转）"
    if rng.random() < 0.5:
        document = f"浙民〔{year}〕{rng.randint(1, 90)}号"
        task["review"] = Flow({"date": day(rng, year).isoformat(), "document": document})
    if decision == "保留":
        kept.append(ident)
    return task


def tasks_by_year(rng: random.Random, units: Sequence[Unit], count: int, kept: list[str]) -> dict[int, list[Node]]:
    """`count` tasks over the years; `kept` gains the ids of those kept."""
    requesters = [u for u in units if u.kind in ("部门", "街道", "镇")]
    files: dict[int, list[Node]] = {}
    for n in range(count):
        year = YEARS[n * len(YEARS) // count]
        ident = f"SQ-{year}-{n + 1:04d}"
        files.setdefault(year, []).append(task_record(rng, ident, year, rng.choice(requesters), kept))
    return files


def task_files(world: World) -> Iterator[File]:
    tasks = tasks_by_year(world.rng, world.units, world.how_many("community-tasks"), world.kept_tasks)
    for year, records in tasks.items():
        yield f"community-tasks/{year}.yaml", {"tasks": records}, ""
