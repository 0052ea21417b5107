"""The 基层治理四平台 standard (SPEC §4.10): one standard for the province, its six topics with their
requirements and the lists that carry each out. It does not grow with the items."""

from __future__ import annotations

from collections.abc import Iterator

from bench.world import File, World
from bench.yamlout import Node

# topic, id prefix, then (title, requirement, lists) per requirement
STANDARD: tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "组织架构",
        "ZZ",
        (
            ("平台设置", "街道(镇)设立综治工作、市场监管、综合执法、便民服务四个功能性工作平台。", "stationed-tasks"),
            ("平台负责人", "每个平台由一名街道(镇)班子成员担任负责人，明确一名中层干部负责日常运行。", ""),
            (
                "派驻机构纳入平台",
                "区级部门派驻街道(镇)的机构全部纳入相应平台运行，由街道(镇)统一指挥协调。",
                "stationed-tasks assessments",
            ),
            (
                "综合信息指挥室",
                "街道(镇)设立综合信息指挥室，承担信息汇总、分析研判、流转交办和督办考核。",
                "grid-events",
            ),
        ),
    ),
    (
        "指挥体系",
        "ZH",
        (
            ("统一指挥", "综合信息指挥室对四个平台和派驻机构实行统一指挥、统一调度。", "stationed-tasks"),
            ("分级处置", "网格事件按网格、社区(村)、街道(镇)、区级部门四级分级处置。", "grid-events"),
            ("联动处置", "需多部门协同的事件，由指挥室牵头组织联合处置。", "duties"),
        ),
    ),
    (
        "运行机制",
        "YX",
        (
            ("事件流转", "网格事件实行发现、受理、交办、处置、反馈、结案全流程闭环管理。", "grid-events"),
            ("限时办结", "各类事件按处置标准规定的时限办结，超时自动上报。", "grid-events"),
            ("双向考核", "派驻机构实行区级部门和街道(镇)双向考核，街道(镇)考核权重不低于规定比例。", "assessments"),
            ("职责准入", "区级部门职责下放街道(镇)须经联席会议审议批准，实行权随责走、费随事转。", "duties"),
        ),
    ),
    (
        "属地管理",
        "SD",
        (
            ("职责清单", "编制街道(镇)与区级部门职责分工清单，明确主体责任和配合责任。", "duties"),
            ("派驻机构任务", "编制派驻机构工作任务清单，明确任务来源、完成时限和考核指标。", "stationed-tasks"),
            ("易发违法事项", "编制社区(村)易发违法事项清单，明确禁止性规定、处罚事项和报告单位。", "violations"),
        ),
    ),
    (
        "网格建设",
        "WG",
        (
            ("网格划分", "按照300户至500户或一定区域范围划分网格，实现全覆盖、无缝隙。", ""),
            ("网格力量", "每个网格配备专职网格员，整合社区(村)干部、党员和志愿者力量。", ""),
            ("网格职责", "网格员承担信息采集、隐患排查、矛盾调解、政策宣传等职责。", "grid-events violations"),
        ),
    ),
    (
        "信息平台",
        "XX",
        (
            ("平台建设", "依托省基层治理综合信息系统，实现事件上报、流转、处置全流程线上运行。", "grid-events"),
            ("数据共享", "区级部门业务系统与基层治理综合信息系统数据互联共享。", ""),
            ("移动应用", "网格员通过移动终端采集上报事件，处置结果实时反馈。", "grid-events"),
        ),
    ),
)


def standard_files(world: World) -> Iterator[File]:
    requirements: list[Node] = []
    for topic, prefix, entries in STANDARD:
        for number, (title, text, lists) in enumerate(entries, start=1):
            record: dict[str, Node] = {"id": f"{prefix}-{number:02d}", "topic": topic, "title": title}
            record["requirement"] = text
            if lists:
                record["lists"] = list(lists.split())
            requirements.append(record)
    yield "platform-standard/standard.yaml", {"requirements": requirements}, "基层治理四平台建设标准（示意）"
