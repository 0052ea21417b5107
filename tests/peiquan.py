"""A small registry with every list of 配权 (SPEC §4.10–§4.14) that passes every check, for the tests of
QD601–QD608: each test changes one thing and expects exact positions. Line numbers in the tests refer to
the texts below, as written (dedented) into the registry."""

from __future__ import annotations

from pathlib import Path

from helpers import UNITS, write_registry

STANDARD = "platform-standard/2018.yaml"
DUTY_FILE = "duties/2020.yaml"
TASK_FILE = "stationed-tasks/2020.yaml"
VIOLATION_FILE = "violations/2020.yaml"
EVENT_FILE = "grid-events/2020.yaml"

PEIQUAN_UNITS = (
    UNITS
    + """\
  - {id: zhzfj, name: 区综合行政执法局, kind: 部门}
  - {id: gxq, name: 宁波江北高新技术产业园区, kind: 工业区, located_in: [zhuangqiao]}
  - {id: zhuangqiao-zfzd, name: 区综合行政执法局庄桥中队, kind: 派驻机构, parent: zhzfj, stationed_in: zhuangqiao}
"""
)

POWER_FILES = {
    "power/zhzfj.yaml": """\
unit: zhzfj
items:
  - code: CF-330205-0201
    name: 对擅自占用城市道路设摊经营的行政处罚
    type: 行政处罚
    legal_basis: [《城市道路管理条例》第四十二条]
  - code: CF-330205-0202
    name: 对在露天场所焚烧生活垃圾的行政处罚
    type: 行政处罚
    legal_basis: [《中华人民共和国大气污染防治法》第一百一十九条]
    status: 已取消
    adjustment: {type: 取消, document: 江北编〔2020〕21号}
""",
    "power/zhuangqiao.yaml": """\
unit: zhuangqiao
items:
  - code: CF-330205-0301
    name: 对擅自占用城市道路设摊经营的行政处罚
    type: 行政处罚
    source: 上级下放
    delegation: XF-2020-04
    legal_basis: [《城市道路管理条例》第四十二条]
""",
    "power/scjgj.yaml": """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
""",
}

DELEGATION = """\
delegations:
  - id: XF-2020-04
    title: 占道经营处罚下放庄桥街道
    from_unit: zhzfj
    to_units: [zhuangqiao]
    mode: 下放
    items: [CF-330205-0301]
    status: 已批准
    review: {meeting: 区职责下放联席会议2020年第4次会议, date: 2020-10-22, decision: 同意}
    safeguards: {staffing: 中队下沉, funding: 区财政保障, training: 区执法局培训, guidance: 区执法局指导}
"""

ASSESSMENT = """\
assessments:
  - id: KH-2020-ZF
    year: 2020
    subjects: [zhuangqiao-zfzd]
    parties:
      - {party: 区级部门, weight: 60, assessor: zhzfj}
      - {party: 街道(镇), weight: 40, assessor: zhuangqiao}
    indicators:
      - {name: 违法建设巡查处置, party: 区级部门, weight: 60}
      - {name: 属地协同配合, party: 街道(镇), weight: 40}
"""

STANDARD_TEXT = """\
requirements:
  - {id: ZZ-01, topic: 组织架构, title: 平台设置, requirement: 设四个平台, lists: [stationed-tasks]}
  - {id: ZH-01, topic: 指挥体系, title: 指挥中心, requirement: 设街道(镇)综合信息指挥室}
  - {id: YX-01, topic: 运行机制, title: 事件流转, requirement: 事件按分类处置标准流转处置, lists: [grid-events]}
  - {id: SD-01, topic: 属地管理, title: 职责分工, requirement: 明确部门与街道(镇)职责分工, lists: [duties, assessments]}
  - {id: WG-01, topic: 网格建设, title: 网格划分, requirement: 按300户左右划分网格, lists: [violations]}
  - {id: XX-01, topic: 信息平台, title: 信息系统, requirement: 统一使用基层治理综合信息平台}
"""

DUTIES_TEXT = """\
duties:
  - id: ZF-01
    matter: 占道经营整治
    domain: 城市管理
    lead: {unit: zhzfj, tasks: 依法查处占道经营}
    partners:
      - {unit: 属地街道(镇), tasks: 巡查发现、劝阻和报告}
      - {unit: scjgj, tasks: 查处无照经营}
    power_items: [CF-330205-0201]
  - id: ZF-02
    matter: 庄桥街道辖区占道经营处罚
    lead: {unit: zhuangqiao, tasks: 依法查处占道经营}
    partners: [{unit: zhzfj, tasks: 业务指导和执法监督}]
    power_items: [CF-330205-0201]
    delegation: XF-2020-04
  - id: ZF-03
    matter: 园区企业安全生产监督检查
    domain: 安全生产
    lead: {unit: zhuangqiao, tasks: 属地安全生产监管}
    partners: [{unit: gxq, tasks: 督促园区企业落实主体责任}]
    zone: gxq
"""

TASKS_TEXT = """\
assignments:
  - id: RW-01
    agency: zhuangqiao-zfzd
    platform: 综合执法
    task: 违法建设巡查和查处
    source: 法定职责
    time_limit: 5工作日
    indicator: 违法建设巡查处置
"""

VIOLATIONS_TEXT = """\
violations:
  - id: WF-01
    name: 占用道路设摊经营
    prohibited_by: [《城市道路管理条例》第二十七条第（六）项]
    penalty_items: [CF-330205-0201]
    event: 01-01
    report_to: 所在街道(镇)
    hotspots: 菜场周边、学校门口
"""

EVENTS_TEXT = """\
events:
  - code: "01"
    name: 市容环境
  - code: 01-01
    name: 占道经营
    admission: 在道路、广场等公共场所占道设摊经营
    level: 街道(镇)
    handler: 属地街道(镇)
    partners: [zhzfj]
    time_limit: 1工作日
    close: 摊点已清除、现场恢复
    escalation:
      - {after: 2工作日, to: zhzfj}
      - {after: 5工作日, to: zhzfj}
    power_items: [CF-330205-0201]
"""


def peiquan_registry(root: Path, **changed: str) -> Path:
    """The registry, with some of its files replaced (keyword: the file's constant name in lower case, e.g.
    `duties=...`)."""
    files: dict[str, str | bytes] = {
        "units.yaml": PEIQUAN_UNITS,
        **POWER_FILES,
        "delegations/2020.yaml": DELEGATION,
        "assessments/2020.yaml": ASSESSMENT,
        STANDARD: STANDARD_TEXT,
        DUTY_FILE: DUTIES_TEXT,
        TASK_FILE: TASKS_TEXT,
        VIOLATION_FILE: VIOLATIONS_TEXT,
        EVENT_FILE: EVENTS_TEXT,
    }
    names = {
        "units": "units.yaml",
        "delegation": "delegations/2020.yaml",
        "assessment": "assessments/2020.yaml",
        "standard": STANDARD,
        "duties": DUTY_FILE,
        "tasks": TASK_FILE,
        "violations": VIOLATION_FILE,
        "events": EVENT_FILE,
    }
    for name, text in changed.items():
        files[names[name]] = text
    return write_registry(root, files)
