"""Generate a valid provincial-scale registry for the benchmark.

    python -m bench.generate OUT_DIR [--items 100000] [--files 200] [--seed 1]

The registry follows SPEC §2–§4 and is meant to produce zero problems under the §5 checks: unique codes that
follow the `codes` templates, children extending their parent's code with the parent's type, every main item
with a legal basis, street items received through approved delegations, kept community tasks with criteria,
assessment weights that add up exactly. Item names and legal bases are drawn from the fact sheet
(/work/shared/data/legal-bases.md); the same seed always gives the same bytes.

Units come in blocks of ten per district: five departments, two streets and a town, and two dispatched
agencies (综合行政执法中队, 市场监督管理所). With 100,000 items a four-digit sequence would overflow, so
qingdan.yaml sets the main-item template to `{type}-{region}-{seq:6}` (SPEC §3).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TypeAlias

DESCRIPTION = "Generate a valid provincial-scale registry for the benchmark."
REGION_CODE = "330000"
REGION_NAME = "浙江省"
ITEM_TEMPLATE = "{type}-{region}-{seq:6}"
BLOCK_SIZE = 10
YEARS = (2019, 2020, 2021, 2022, 2023)
# How many records of each other kind go with 100,000 power items (SPEC §10: "a guide per 200 items, a grid
# event per 500 …"); a registry of another size has them in proportion, at least one of each. A new kind adds
# its share here and its generator to GENERATORS (at the end of this file); SPEC §10 suggests, for instance,
# "guides": 500 and "grid-events": 200.
PER_100K_ITEMS: dict[str, int] = {"delegations": 50, "community-tasks": 500, "assessments": 20}


def how_many(kind: str, items: int, per_100k: Mapping[str, int] = PER_100K_ITEMS) -> int:
    return max(1, round(per_100k.get(kind, PER_100K_ITEMS[kind]) * items / 100_000))


# ---------------------------------------------------------------------------------------------- YAML output


@dataclass(frozen=True)
class Flow:
    """A mapping written in flow style, `{type: 取消, date: 2020-04-01}`, as clerks often do."""

    value: dict[str, str]


Node: TypeAlias = "str | int | Decimal | Flow | list[Node] | dict[str, Node]"

_SPECIAL_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_CHARS = frozenset(",[]{}")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})
# Anything a YAML 1.1 or 1.2 reader might take for a number (incl. sexagesimal `+08:00`) is quoted;
# ISO dates stay plain, as clerks write them.
_NUMBER_LIKE = re.compile(
    r"[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|\.inf|\.nan|\d+(:\d+)+)|0[xob][0-9a-fA-F_]+",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)  # names, laws and words recur: the generator spends most of its time here
def _plain_ok(text: str, in_flow: bool) -> bool:
    if not text or text[0] in _SPECIAL_START or text[-1] in " :":
        return False
    if ": " in text or " #" in text or "\n" in text or "\t" in text:
        return False
    if in_flow and not _FLOW_CHARS.isdisjoint(text):
        return False
    return text.lower() not in _RESERVED and not _NUMBER_LIKE.fullmatch(text)


def scalar(value: str | int | Decimal, in_flow: bool = False) -> str:
    """A YAML scalar: plain where that keeps the text, else double-quoted (JSON strings are valid YAML)."""
    if not isinstance(value, str):
        return str(value)
    if _plain_ok(value, in_flow):
        return value
    return json.dumps(value, ensure_ascii=False)


def _flow_list(values: list[Node]) -> str | None:
    """Short lists of short words go on one line, `[受理责任, 审查责任]`, like the examples."""
    if not all(isinstance(v, str) for v in values):
        return None
    return _flow_line(tuple(str(v) for v in values))


@lru_cache(maxsize=1 << 12)
def _flow_line(words: tuple[str, ...]) -> str | None:
    if not all(len(word) <= 12 and _plain_ok(word, True) for word in words):
        return None
    line = "[" + ", ".join(words) + "]"
    return line if len(line) <= 70 else None


def _flow_map(flow: Flow) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v, True)}" for k, v in flow.value.items()) + "}"


def emit(mapping: dict[str, Node], indent: int, out: list[str]) -> None:
    """Append the block-style lines of `mapping` at `indent` spaces to `out`."""
    pad = " " * indent
    for key, value in mapping.items():
        if isinstance(value, dict):
            out.append(f"{pad}{key}:")
            emit(value, indent + 2, out)
        elif isinstance(value, list):
            flow = _flow_list(value)
            if flow is not None:
                out.append(f"{pad}{key}: {flow}")
            else:
                out.append(f"{pad}{key}:")
                _emit_list(value, indent + 2, out)
        elif isinstance(value, Flow):
            out.append(f"{pad}{key}: {_flow_map(value)}")
        else:
            out.append(f"{pad}{key}: {scalar(value)}")


def _emit_list(values: list[Node], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for value in values:
        if isinstance(value, dict):
            start = len(out)
            emit(value, indent + 2, out)
            out[start] = f"{pad}- {out[start][indent + 2 :]}"
        elif isinstance(value, Flow):
            out.append(f"{pad}- {_flow_map(value)}")
        elif isinstance(value, list):
            raise TypeError("nested lists are not part of any record format")
        else:
            out.append(f"{pad}- {scalar(value)}")


def write_yaml(path: Path, document: dict[str, Node], header: str = "") -> int:
    """Write one YAML file; returns its line count."""
    lines = [f"# {header}"] if header else []
    emit(document, 0, lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")
    return len(lines)


# ---------------------------------------------------------------------------------------------- catalogue

TYPE_NAMES = {
    "XK": "行政许可",
    "CF": "行政处罚",
    "QZ": "行政强制",
    "ZS": "行政征收",
    "GF": "行政给付",
    "JC": "行政检查",
    "QR": "行政确认",
    "JL": "行政奖励",
    "CJ": "行政裁决",
    "QT": "其他行政权力",
    "FW": "公共服务",
}


@dataclass(frozen=True)
class Row:
    """One fact-sheet row: a real item name with its type and its checked legal basis."""

    name: str
    type_code: str
    law: str
    article: str
    text: str


@dataclass(frozen=True)
class Domain:
    """What one kind of unit regulates: real rows, the parties it regulates, the activities it licenses."""

    slug: str
    name: str
    abbr: str
    rows: tuple[Row, ...]
    actors: tuple[str, ...]
    things: tuple[str, ...]
    type_weights: dict[str, int]
    station: tuple[str, str] | None = None  # (id suffix, name) of its dispatched agency


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _groups(text: str, size: int) -> tuple[tuple[str, ...], ...]:
    words = text.split()
    return tuple(tuple(words[i : i + size]) for i in range(0, len(words), size))


def _domain(spec: str, type_weights: dict[str, int] | None = None) -> Domain:
    """A domain from its text block: `slug name abbr [station-slug station-name]`, then `actors:` and
    `things:` word lines, then fact-sheet rows `name|type|law|article|text`."""
    lines = [line.strip() for line in spec.strip().splitlines()]
    head = lines[0].split()
    words: dict[str, list[str]] = {"actors:": [], "things:": []}
    rows: list[Row] = []
    key = ""
    for line in lines[1:]:
        if "|" in line:
            rows.append(Row(*line.split("|")))
            continue
        first, *rest = line.split()
        key = first if first in words else key
        words[key].extend(rest if first in words else [first, *rest])
    station = (head[3], head[4]) if len(head) == 5 else None
    weights = type_weights or DEPT_WEIGHTS
    return Domain(
        head[0], head[1], head[2], tuple(rows), tuple(words["actors:"]), tuple(words["things:"]), weights, station
    )


DEPT_WEIGHTS = {"CF": 50, "XK": 10, "JC": 10, "QZ": 6, "QR": 6, "QT": 6, "FW": 4, "GF": 3, "ZS": 2, "JL": 2, "CJ": 1}
STREET_WEIGHTS = {"CF": 40, "JC": 20, "QT": 15, "QZ": 5, "XK": 5, "QR": 5, "GF": 5, "FW": 3, "CJ": 2}
AGENCY_WEIGHTS = {"CF": 60, "JC": 30, "QZ": 10}

SCJG = _domain("""
    scjgj 市场监督管理局 SCJG scjgs 市场监督管理所
    actors: 食品经营者 食品生产者 餐饮服务提供者 特种设备使用单位 广告发布者 药品零售企业 医疗器械经营企业
           市场主体 计量器具使用者 产品生产者 网络交易经营者
    things: 食品经营 食品生产 药品零售 特种设备使用 第二类医疗器械经营 计量标准器具核准 工业产品生产
    食品经营许可|XK|中华人民共和国食品安全法|第三十五条第一款|从事食品生产、食品销售、餐饮服务，应当依法取得许可。
    食品摊贩登记|QR|浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定|第八条|对食品摊贩发放登记卡，不得收取费用。
    对未取得食品生产经营许可从事食品生产经营活动的行政处罚|CF|中华人民共和国食品安全法|第一百二十二条第一款|未取得食品生产经营许可从事食品生产经营活动，由县级以上人民政府食品安全监督管理部门没收违法所得和违法生产经营的食品。
    食品生产经营监督检查|JC|中华人民共和国食品安全法|第一百一十条第（一）项|进入生产经营场所实施现场检查。
    查封、扣押不符合食品安全标准或存在安全隐患的食品|QZ|中华人民共和国食品安全法|第一百一十条第（四）项|查封、扣押有证据证明不符合食品安全标准或者有证据证明存在安全隐患以及用于违法生产经营的食品。
    对查证属实的食品安全违法行为举报人给予奖励|JL|中华人民共和国食品安全法|第一百一十五条第一款|对查证属实的举报，给予举报人奖励。
    特种设备使用登记|XK|中华人民共和国特种设备安全法|第三十三条|办理使用登记，取得使用登记证书。
    对特种设备使用单位使用特种设备未按照规定办理使用登记的行政处罚|CF|中华人民共和国特种设备安全法|第八十三条第（一）项|使用特种设备未按照规定办理使用登记的，责令限期改正。
    市场主体登记|XK|市场主体登记管理条例|第三条第二款|市场主体登记包括设立登记、变更登记和注销登记。
    对未经设立登记从事经营活动的行政处罚|CF|市场主体登记管理条例|第四十三条|未经设立登记从事经营活动的，由登记机关责令改正，没收违法所得。
    对发布虚假广告的行政处罚|CF|中华人民共和国广告法|第五十五条第一款|发布虚假广告的，由市场监督管理部门责令停止发布广告。
    药品零售企业经营许可|XK|中华人民共和国药品管理法|第五十一条第一款|从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准。
""")

ZHZF = _domain("""
    zhzfj 综合行政执法局 ZHZF zfzd 综合行政执法中队
    actors: 建设单位 施工单位 餐饮服务业经营者 户外广告设置人 物业服务企业 生活垃圾收集运输单位 沿街经营者
           建筑垃圾运输单位
    things: 设置大型户外广告 临时占用城市道路 挖掘城市道路 临时占用城市绿地 砍伐城市树木 城市建筑垃圾处置
    对未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设的行政处罚|CF|中华人民共和国城乡规划法|第六十四条|由县级以上地方人民政府城乡规划主管部门责令停止建设；尚可采取改正措施消除对规划实施的影响的，限期改正，处建设工程造价百分之五以上百分之十以下的罚款。
    对不停止建设或逾期不拆除的违法建设查封施工现场、强制拆除|QZ|中华人民共和国城乡规划法|第六十八条|建设工程所在地县级以上地方人民政府可以责成有关部门采取查封施工现场、强制拆除等措施。
    对擅自占用或者挖掘城市道路的行政处罚|CF|城市道路管理条例|第四十二条|由市政工程行政主管部门或者其他有关部门责令限期改正，可以处以2万元以下的罚款。
    对随意倾倒、抛撒、堆放或者焚烧生活垃圾的行政处罚|CF|中华人民共和国固体废物污染环境防治法|第一百一十一条第一款第（一）项|由县级以上地方人民政府环境卫生主管部门责令改正，处以罚款，没收违法所得。
    设置大型户外广告审批|XK|城市市容和环境卫生管理条例|第十一条第二款|大型户外广告的设置必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。
    对擅自设置大型户外广告影响市容的行政处罚|CF|城市市容和环境卫生管理条例|第三十六条|责令其停止违法行为，限期清理、拆除或者采取其他补救措施，并可处以罚款。
    对损坏城市树木花草、擅自砍伐城市树木的行政处罚|CF|城市绿化条例|第二十六条|由城市人民政府城市绿化行政主管部门或者其授权的单位责令停止侵害，可以并处罚款。
    对餐饮服务业经营者未安装油烟净化设施或超标排放油烟的行政处罚|CF|中华人民共和国大气污染防治法|第一百一十八条第一款|由县级以上地方人民政府确定的监督管理部门责令改正，处五千元以上五万元以下的罚款。
    对单位、个人未分类投放生活垃圾的行政处罚|CF|宁波市生活垃圾分类管理条例|第五十条第一款|个人未分类投放生活垃圾的，责令改正；拒不改正的，处二十元以上二百元以下罚款。
""")

OTHER_DOMAINS = (
    _domain("""
    rsj 人力资源和社会保障局 RSJ
    actors: 用人单位 劳务派遣单位 职业中介机构 人力资源服务机构 民办职业培训学校
    things: 劳务派遣经营 人力资源服务 民办职业培训学校设立
    劳务派遣经营许可|XK|中华人民共和国劳动合同法|第五十七条第二款|经营劳务派遣业务，应当向劳动行政部门依法申请行政许可。
    人力资源服务许可|XK|人力资源市场暂行条例|第十八条第一款|应当依法向人力资源社会保障行政部门申请行政许可，取得人力资源服务许可证。
    民办职业培训学校设立审批|XK|中华人民共和国民办教育促进法|第十二条|职业技能培训的民办学校，由县级以上人民政府人力资源社会保障行政部门按照国家规定的权限审批。
    工伤认定|QR|工伤保险条例|第十七条第一款|向统筹地区社会保险行政部门提出工伤认定申请。
    失业保险金给付|GF|中华人民共和国社会保险法|第四十五条|失业人员符合条件的，从失业保险基金中领取失业保险金。
    劳动保障监察|JC|劳动保障监察条例|第十一条|劳动保障行政部门对下列事项实施劳动保障监察。
    对用人单位克扣或者无故拖欠劳动者工资报酬的责令支付及加付赔偿金|QT|劳动保障监察条例|第二十六条第（一）项|按照应付金额50%以上1倍以下的标准计算，向劳动者加付赔偿金。
    对用人单位不办理社会保险登记的行政处罚|CF|中华人民共和国社会保险法|第八十四条|对用人单位处应缴社会保险费数额一倍以上三倍以下的罚款。
"""),
    _domain("""
    mzj 民政局 MZJ
    actors: 社会团体 民办非企业单位 养老机构 殡葬服务单位 基金会
    things: 社会团体成立 民办非企业单位成立 公益性墓地设置
    社会团体成立、变更、注销登记|XK|社会团体登记管理条例|第六条第一款|县级以上地方各级人民政府民政部门是本级人民政府的社会团体登记管理机关。
    民办非企业单位成立、变更、注销登记|XK|民办非企业单位登记管理暂行条例|第五条第一款|县级以上地方各级人民政府民政部门是本级人民政府的民办非企业单位登记管理机关。
    对社会团体超出章程规定的宗旨和业务范围进行活动的行政处罚|CF|社会团体登记管理条例|第三十条第一款第（二）项|由登记管理机关给予警告，责令改正，可以限期停止活动。
    城乡居民最低生活保障审批确认|QR|社会救助暂行办法|第十一条第（三）项|县级人民政府民政部门经审查，对符合条件的申请予以批准。
    特困人员救助供养审批确认|QR|社会救助暂行办法|第十四条|国家对无劳动能力、无生活来源且无法定赡养、抚养、扶养义务人的老年人、残疾人以及未满16周岁的未成年人，给予特困人员供养。
    临时救助审批|GF|社会救助暂行办法|第四十八条|救助金额较小的，县级人民政府民政部门可以委托乡镇人民政府、街道办事处审批。
    内地居民婚姻登记|QR|婚姻登记条例|第二条第一款|内地居民办理婚姻登记的机关是县级人民政府民政部门或者乡（镇）人民政府。
    养老机构备案|QT|中华人民共和国老年人权益保障法|第四十三条第三款|养老机构登记后即可开展服务活动，并向县级以上人民政府民政部门备案。
"""),
    _domain("""
    wjj 卫生健康局 WJJ
    actors: 医疗机构 公共场所经营单位 用人单位 母婴保健技术服务机构 集中式供水单位
    things: 医疗机构设置 医疗机构执业 公共场所卫生 母婴保健技术服务 放射诊疗
    医疗机构设置审批|XK|医疗机构管理条例|第九条|单位或者个人设置医疗机构，必须经县级以上地方人民政府卫生行政部门审查批准，并取得设置医疗机构批准书。
    医疗机构执业登记|XK|医疗机构管理条例|第十五条|医疗机构执业，必须进行登记，领取“医疗机构执业许可证”。
    医师执业注册|XK|中华人民共和国医师法|第十三条第一款|国家实行医师执业注册制度。
    护士执业注册|XK|护士条例|第七条第一款|护士执业，应当经执业注册取得护士执业证书。
    公共场所卫生许可|XK|公共场所卫生管理条例|第八条|经营单位应当及时向卫生行政部门申请办理“卫生许可证”。
    母婴保健技术服务机构执业许可|XK|中华人民共和国母婴保健法|第三十二条第一款|并经县级以上地方人民政府卫生行政部门许可。
    对未取得医疗机构执业许可证擅自执业的行政处罚|CF|中华人民共和国基本医疗卫生与健康促进法|第九十九条第一款|责令停止执业活动，没收违法所得和药品、医疗器械，并处违法所得五倍以上二十倍以下的罚款。
    对用人单位未按照规定组织职业健康检查、建立职业健康监护档案的行政处罚|CF|中华人民共和国职业病防治法|第七十一条第（四）项|由卫生行政部门责令限期改正，给予警告，可以并处五万元以上十万元以下的罚款。
"""),
    _domain("""
    jyj 教育局 JYJ
    actors: 民办学校 校外培训机构 幼儿园 中小学校
    things: 民办学校设立 校车使用 校外培训机构设立
    民办学校设立审批|XK|中华人民共和国民办教育促进法|第十二条|由县级以上人民政府教育行政部门按照国家规定的权限审批。
    教师资格认定|XK|中华人民共和国教师法|第十三条第一款|幼儿园、小学和初级中学教师资格，由申请人户籍所在地或者申请人任教学校所在地的县级人民政府教育行政部门认定。
    适龄儿童、少年因身体状况需要延缓入学或者休学审批|XK|中华人民共和国义务教育法|第十一条第二款|由当地乡镇人民政府或者县级人民政府教育行政部门批准。
    校车使用许可|XK|校车安全管理条例|第十五条|应当向县级或者设区的市级人民政府教育行政部门提交书面申请。
    对民办学校擅自分立、合并或擅自改变名称、层次、类别和举办者的行政处罚|CF|中华人民共和国民办教育促进法|第六十二条|责令限期改正，并予以警告；情节严重的，责令停止招生、吊销办学许可证。
    对学校或者其他教育机构违反国家有关规定招收学生的行政处罚|CF|中华人民共和国教育法|第七十六条|责令退回招收的学生，退还所收费用。
    对辖区学校教育教学工作的督导|JC|教育督导条例|第二条第二款第（二）项|县级以上地方人民政府对本行政区域内的学校和其他教育机构教育教学工作的督导。
"""),
    _domain("""
    zjj 住房和城乡建设局 ZJJ
    actors: 建设单位 施工单位 房地产开发企业 物业服务企业 燃气经营者 勘察设计单位
    things: 建筑工程施工 商品房预售 燃气经营 城市建筑垃圾处置
    建筑工程施工许可证核发|XK|中华人民共和国建筑法|第七条第一款|建设单位应当在开工前按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证。
    对建设单位未取得施工许可证擅自施工的行政处罚|CF|中华人民共和国建筑法|第六十四条|责令改正，对不符合开工条件的责令停止施工，可以处以罚款。
    商品房预售许可|XK|中华人民共和国城市房地产管理法|第四十五条第一款第（四）项|向县级以上人民政府房产管理部门办理预售登记，取得商品房预售许可证明。
    燃气经营许可|XK|城镇燃气管理条例|第十五条|国家对燃气经营实行许可证制度。
    建设工程竣工验收备案|QT|建设工程质量管理条例|第四十九条第一款|建设单位应当自建设工程竣工验收合格之日起15日内，将建设工程竣工验收报告报建设行政主管部门或者其他有关部门备案。
    对建设单位将建设工程发包给不具有相应资质等级的施工单位的行政处罚|CF|建设工程质量管理条例|第五十四条|责令改正，处50万元以上100万元以下的罚款。
    对施工工地未设置硬质围挡或未采取有效防尘降尘措施的行政处罚|CF|中华人民共和国大气污染防治法|第一百一十五条第一款第（一）项|由县级以上人民政府住房城乡建设等主管部门按照职责责令改正，处一万元以上十万元以下的罚款。
    对物业服务企业将一个物业管理区域内的全部物业管理一并委托给他人的行政处罚|CF|物业管理条例|第五十九条|处委托合同价款30%以上50%以下的罚款。
"""),
    _domain("""
    jtj 交通运输局 JTJ
    actors: 道路运输经营者 机动车维修经营者 出租汽车经营者 超限运输车辆承运人 驾驶员培训机构
    things: 道路旅客运输经营 道路货物运输经营 超限运输车辆行驶公路 涉路施工 出租汽车经营
    道路旅客运输经营许可|XK|中华人民共和国道路运输条例|第十条第（一）项|向所在地县级人民政府交通运输主管部门提出申请。
    道路货物运输经营许可|XK|中华人民共和国道路运输条例|第二十四条第一款第（一）项|从事危险货物运输经营以外的货运经营的，向县级人民政府交通运输主管部门提出申请。
    对未取得道路运输经营许可擅自从事道路普通货物运输经营的行政处罚|CF|中华人民共和国道路运输条例|第六十三条第（一）项|责令停止经营，并处罚款。
    超限运输车辆行驶公路许可|XK|中华人民共和国公路法|第五十条第一款|必须经县级以上地方人民政府交通主管部门批准。
    涉路施工许可|XK|公路安全保护条例|第二十七条|建设单位应当向公路管理机构提出申请。
    对擅自占用、挖掘公路的行政处罚|CF|中华人民共和国公路法|第七十六条第（一）项|责令停止违法行为，可以处三万元以下的罚款。
    出租汽车经营许可证核发|XK|宁波市出租汽车客运管理条例|第十条第一款|应当取得出租汽车管理机构核发的经营许可证。
"""),
    _domain("""
    nyncj 农业农村局 NYNC
    actors: 农药经营者 兽药经营企业 种子生产经营者 动物饲养场 农业机械所有人
    things: 农药经营 兽药经营 动物防疫条件 农作物种子生产经营
    农药经营许可|XK|农药管理条例|第二十四条第一款|国家实行农药经营许可制度。
    兽药经营许可|XK|兽药管理条例|第二十二条|向市、县人民政府兽医行政管理部门提出申请。
    动物防疫条件合格证核发|XK|中华人民共和国动物防疫法|第二十五条第二款|经审查合格的，发给动物防疫条件合格证。
    农作物种子生产经营许可|XK|中华人民共和国种子法|第三十一条第三款|由生产经营者所在地县级以上地方人民政府农业农村、林业草原主管部门核发。
    拖拉机、联合收割机登记|QR|农业机械安全监督管理条例|第二十一条第一款|向所在地县级人民政府农业机械化主管部门申请登记。
    对未取得农药经营许可证经营农药的行政处罚|CF|农药管理条例|第五十五条第一款第（一）项|责令停止经营，没收违法所得、违法经营的农药。
    对农村村民未经批准非法占用土地建住宅的行政处罚|CF|中华人民共和国土地管理法|第七十八条第一款|由县级以上人民政府农业农村主管部门责令退还非法占用的土地，限期拆除在非法占用的土地上新建的房屋。
"""),
    _domain("""
    yjglj 应急管理局 YJGL
    actors: 生产经营单位 危险化学品经营企业 烟花爆竹零售经营者 非煤矿山企业 工贸企业
    things: 危险化学品经营 烟花爆竹经营（零售）
    危险化学品经营许可|XK|危险化学品安全管理条例|第三十五条第一款|从事其他危险化学品经营的企业，应当向所在地县级人民政府安全生产监督管理部门提出申请。
    烟花爆竹经营（零售）许可|XK|烟花爆竹安全管理条例|第十九条第二款|向所在地县级人民政府安全生产监督管理部门提出申请。
    对未经许可经营烟花爆竹制品的行政处罚|CF|烟花爆竹安全管理条例|第三十六条第一款|责令停止非法生产、经营活动，处2万元以上10万元以下的罚款。
    对生产经营单位未按照规定设置安全生产管理机构或者配备安全生产管理人员的行政处罚|CF|中华人民共和国安全生产法|第九十七条第（一）项|责令限期改正，处十万元以下的罚款。
    安全生产监督检查|JC|中华人民共和国安全生产法|第六十五条第一款|进入生产经营单位进行检查，调阅有关资料，向有关单位和人员了解情况。
    对有发生生产安全事故现实危险的单位通知停止供电、停止供应民用爆炸物品|QZ|中华人民共和国安全生产法|第七十条第一款|可以采取通知有关单位停止供电、停止供应民用爆炸物品等措施。
"""),
    _domain("""
    zrzyj 自然资源和规划分局 ZRZY
    actors: 建设单位 测绘单位 土地使用者 农村集体经济组织
    things: 建设用地规划 建设工程规划 乡村建设规划 临时用地
    建设用地规划许可证核发|XK|中华人民共和国城乡规划法|第三十七条第一款|核发建设用地规划许可证。
    建设工程规划许可证核发|XK|中华人民共和国城乡规划法|第四十条第一款|应当向城市、县人民政府城乡规划主管部门申请办理建设工程规划许可证。
    乡村建设规划许可证核发|XK|中华人民共和国城乡规划法|第四十一条第一款|由乡、镇人民政府报城市、县人民政府城乡规划主管部门核发乡村建设规划许可证。
    临时用地审批|XK|中华人民共和国土地管理法|第五十七条第一款|由县级以上人民政府自然资源主管部门批准。
    不动产登记|QR|不动产登记暂行条例|第七条第一款|不动产登记由不动产所在地的县级人民政府不动产登记机构办理。
    对未经批准非法占用土地的行政处罚|CF|中华人民共和国土地管理法|第七十七条第一款|由县级以上人民政府自然资源主管部门责令退还非法占用的土地。
    对未取得测绘资质证书擅自从事测绘活动的行政处罚|CF|中华人民共和国测绘法|第五十五条第一款|责令停止违法行为，没收违法所得和测绘成果，并处测绘约定报酬一倍以上二倍以下的罚款。
"""),
    _domain("""
    fgj 发展和改革局 FGJ
    actors: 企业投资项目单位 政府投资项目单位 重点用能单位 价格经营者
    things: 企业投资项目核准 固定资产投资项目节能审查 政府投资项目
    企业投资项目核准|XK|企业投资项目核准和备案管理条例|第三条第一款|对关系国家安全、涉及全国重大生产力布局、战略性资源开发和重大公共利益等项目，实行核准管理。
    企业投资项目备案|QT|企业投资项目核准和备案管理条例|第十三条|实行备案管理的项目，企业应当在开工建设前通过在线平台将有关信息告知备案机关。
    固定资产投资项目节能审查|XK|中华人民共和国节约能源法|第十五条|国家实行固定资产投资项目节能评估和审查制度。
    政府投资项目审批|XK|政府投资条例|第九条第一款|项目单位应当编制项目建议书、可行性研究报告、初步设计，报投资主管部门或者其他有关部门审批。
    对实行核准管理的项目未依法办理核准手续开工建设的行政处罚|CF|企业投资项目核准和备案管理条例|第十八条第一款|对企业处项目总投资额1‰以上5‰以下的罚款。
    对已开工企业投资核准、备案项目的行政检查|JC|企业投资项目核准和备案管理条例|第十六条第一款|采取在线监测、现场核查等方式，加强对项目实施的监督检查。
"""),
    _domain("""
    wgltj 文化和广电旅游体育局 WGLT
    actors: 娱乐场所 互联网上网服务营业场所 营业性演出举办单位 出版物零售单位 高危险性体育项目经营者
    things: 娱乐场所经营 互联网上网服务营业场所经营 营业性演出 高危险性体育项目经营 出版物零售业务
    娱乐场所经营许可|XK|娱乐场所管理条例|第九条第一款|应当向所在地县级人民政府文化主管部门提出申请。
    互联网上网服务营业场所经营许可|XK|互联网上网服务营业场所管理条例|第十条|应当向县级以上地方人民政府文化行政部门提出申请。
    营业性演出审批|XK|营业性演出管理条例|第十三条|举办营业性演出，应当向演出所在地县级人民政府文化主管部门提出申请。
    高危险性体育项目经营许可|XK|全民健身条例|第三十二条|向县级以上地方人民政府体育主管部门提出申请。
    出版物零售业务许可|XK|出版管理条例|第三十五条第二款|须经县级人民政府出版行政主管部门审核许可，取得出版物经营许可证。
    对未经批准举办营业性演出的行政处罚|CF|营业性演出管理条例|第四十四条第一款|由县级人民政府文化主管部门责令停止演出，没收违法所得。
    对擅自在文物保护单位的保护范围内进行其他建设工程或者爆破、钻探、挖掘等作业的行政处罚|CF|中华人民共和国文物保护法|第八十三条第一款第（一）项|由县级以上人民政府文物行政部门责令改正，给予警告。
"""),
    _domain("""
    sthjj 生态环境分局 STHJ
    actors: 排污单位 建设单位 企业事业单位和其他生产经营者 机动车排放检验机构
    things: 排污 建设项目环境影响评价文件审批
    建设项目环境影响报告书、报告表审批|XK|中华人民共和国环境影响评价法|第二十二条第一款|报有审批权的生态环境主管部门审批。
    排污许可|XK|排污许可管理条例|第二条第一款|未取得排污许可证的，不得排放污染物。
    对建设单位未依法报批建设项目环境影响报告书、报告表擅自开工建设的行政处罚|CF|中华人民共和国环境影响评价法|第三十一条第一款|处建设项目总投资额百分之一以上百分之五以下的罚款。
    对未取得排污许可证排放污染物的行政处罚|CF|排污许可管理条例|第三十三条第（一）项|处20万元以上100万元以下的罚款。
    对超过大气污染物排放标准排放大气污染物的行政处罚|CF|中华人民共和国大气污染防治法|第九十九条第（二）项|并处十万元以上一百万元以下的罚款。
    查封、扣押造成污染物排放的设施、设备|QZ|中华人民共和国环境保护法|第二十五条|可以查封、扣押造成污染物排放的设施、设备。
    对排放污染物的企业事业单位和其他生产经营者进行现场检查|JC|中华人民共和国环境保护法|第二十四条|有权对排放污染物的企业事业单位和其他生产经营者进行现场检查。
"""),
)

STREET = _domain(
    """
    street 街道 JD
    actors: 农村村民 生产经营单位 沿街经营者 食品摊贩 出租房屋业主 建设单位 单位和个人
    things: 农村村民建房 临时设摊 户外广告设置 城市道路临时占用 大型群众性活动
    农村村民住宅用地审批|XK|中华人民共和国土地管理法|第六十二条第四款|农村村民住宅用地，由乡（镇）人民政府审核批准。
    对未依法取得乡村建设规划许可证进行建设的处理|CF|中华人民共和国城乡规划法|第六十五条|由乡、镇人民政府责令停止建设、限期改正；逾期不改正的，可以拆除。
    乡村建设规划许可申请受理、审核报送|QT|中华人民共和国城乡规划法|第四十一条第一款|应当向乡、镇人民政府提出申请，由乡、镇人民政府报城市、县人民政府城乡规划主管部门核发乡村建设规划许可证。
    乡村违法建筑处置及组织强制拆除|QZ|浙江省违法建筑处置规定|第十六条第二款|由乡镇人民政府组织强制拆除。
    责令限期拆除经批准易地建房后未自行拆除的原地上建筑物|QT|浙江省土地管理条例|第五十九条|由乡镇人民政府、街道办事处责令限期拆除，逾期未拆除的，依法申请人民法院强制执行。
    土地日常巡查|JC|浙江省土地管理条例|第六十五条第二款|乡镇人民政府、街道办事处应当建立土地日常巡查制度，及时发现和制止土地违法行为。
    对个人之间、个人与单位之间的土地所有权和使用权争议的处理|CJ|中华人民共和国土地管理法|第十四条第二款|个人之间、个人与单位之间的争议，由乡级人民政府或者县级以上人民政府处理。
    对个人之间、个人与单位之间林木所有权和林地使用权争议的处理|CJ|中华人民共和国森林法|第二十二条第二款|由乡镇人民政府或者县级以上人民政府依法处理。
    最低生活保障申请受理、调查核实与初审公示|GF|社会救助暂行办法|第十一条第（一）项|向户籍所在地的乡镇人民政府、街道办事处提出书面申请。
    农村公益性墓地设置审核|QT|殡葬管理条例|第八条第三款|农村为村民设置公益性墓地，经乡级人民政府审核同意后，报县级人民政府民政部门审批。
    独生子女父母光荣证发放|QR|浙江省人口与计划生育条例|第二十五条第一款|经申请，生育服务管理所在地的乡镇人民政府或者街道办事处可继续发给独生子女父母光荣证。
    社区戒毒|QT|中华人民共和国禁毒法|第三十四条第一款|城市街道办事处、乡镇人民政府负责社区戒毒工作。
    辖区生产经营单位安全生产状况监督检查|JC|中华人民共和国安全生产法|第九条第二款|按照职责对本行政区域或者管理区域内生产经营单位安全生产状况进行监督检查。
    组织开展消防安全专项治理和消防安全检查|JC|浙江省消防条例|第九条第（四）项|组织开展消防安全专项治理和消防安全检查，督促消除火灾隐患。
    对单位占用、堵塞、封闭消防车通道的行政处罚|CF|中华人民共和国消防法|第六十条第一款第（五）项|责令改正，处五千元以上五万元以下罚款。
    对擅自占用城市人行道、桥梁、地下通道设摊经营、兜售物品的行政处罚|CF|浙江省城市市容和环境卫生管理条例|第十六条|责令改正；拒不改正的，可以处五十元以下罚款。
    生活垃圾分类投放、收集实施情况监督检查|JC|宁波市生活垃圾分类管理条例|第四十四条|乡（镇）人民政府、街道办事处，应当对生活垃圾分类投放、收集等实施情况进行监督检查和指导。
    划定中小学校、幼儿园周边禁止食品摊贩经营范围|QT|浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定|第十四条第二款|中小学校、幼儿园周边禁止食品摊贩经营的范围，由所在地乡（镇）人民政府、街道办事处划定。
    对个人未分类投放生活垃圾的行政处罚|CF|宁波市生活垃圾分类管理条例|第五十条第一款|个人未分类投放生活垃圾的，责令改正；拒不改正的，处二十元以上二百元以下罚款。
""",
    STREET_WEIGHTS,
)

VIOLATIONS = _words("""
    未取得许可擅自从事经营活动 未按照规定办理变更登记 伪造、变造、出租、出借许可证件
    以欺骗、贿赂等不正当手段取得许可 拒绝、阻挠监督检查 未按照规定建立并执行进货查验记录制度
    未按照规定公示相关信息 超出核准范围从事经营活动 未按照规定报送年度报告 未按照规定建立安全管理制度
    未按照规定开展自查 隐瞒有关情况或者提供虚假材料 未按照规定保存原始记录 未按照规定配备专业技术人员
    未按照规定组织从业人员培训 擅自停业、歇业 未经批准擅自变更经营场所 拒不执行责令停止违法行为决定
    未按照规定设置警示标志 未按照规定履行报告义务 未按照规定进行检验检测 未按照规定投保相关责任保险
""")
INSPECTION_TOPICS = _words("""
    执行法律法规情况 安全生产状况 经营资质 从业人员资质 整改落实情况
""")
SEIZED = _words("""
    违法经营的物品 涉案的场所、设施或者财物 有关资料和工具
""")
REGISTRATIONS = _words("""
    设立 变更 注销 备案信息
""")
LEVIES = _words("""
    城市道路占用费 城市基础设施配套费 水土保持补偿费 防空地下室易地建设费 土地复垦费 城市生活垃圾处理费
""")
BENEFITS = _words("""
    最低生活保障金 临时救助金 特困人员供养金 高龄津贴 困难残疾人生活补贴 重度残疾人护理补贴 优抚对象抚恤补助
""")
DISPUTES = _words("""
    土地所有权和使用权 林木所有权和林地使用权 水事 草原权属 宅基地使用权
""")
QUALIFIERS = {
    "XK": _words("新办 变更 延续 注销 补办"),
    "CF": _words("一般情形 情节较重 情节严重 首次违法 逾期不改正"),
    "JC": _words("日常检查 专项检查 双随机抽查 投诉举报核查"),
}
DEFAULT_QUALIFIERS = _words("一般程序 简易程序 容缺受理 告知承诺")
GRAND_QUALIFIERS = _words("个人 单位 线上办理 线下办理")
RESPONSIBILITIES = {
    "CF": _words(
        "立案责任 调查取证责任 审查责任 告知责任 决定责任 送达责任 执行责任 其他法律法规规章文件规定应履行的责任"
    ),
    "XK": _words("受理责任 审查责任 决定责任 送达责任 事后监管责任 其他法律法规规章文件规定应履行的责任"),
    "JC": _words("检查责任 处置责任 移送责任 事后监管责任"),
    "QZ": _words("催告责任 决定责任 执行责任 事后监管责任"),
}
DEFAULT_RESPONSIBILITIES = _words("受理责任 审核责任 决定责任 送达责任 事后监管责任")
ACCOUNTABILITY = _words("""
    对符合法定条件的申请不予受理的 对不符合法定条件的申请人准予许可或者超越法定职权作出准予许可决定的
    违反法定程序实施行政处罚的 擅自改变罚款种类、幅度的 在实施过程中玩忽职守、滥用职权的
    索取或者收受他人财物或者谋取其他利益的 其他违反法律法规规章文件规定的行为
""")

# code, id slug, name
DISTRICTS = _groups(
    """
    330102 shangcheng 杭州市上城区   330105 gongshu 杭州市拱墅区   330106 xihu 杭州市西湖区
    330108 binjiang 杭州市滨江区   330109 xiaoshan 杭州市萧山区   330110 yuhang 杭州市余杭区
    330203 haishu 宁波市海曙区   330205 jiangbei 宁波市江北区   330206 beilun 宁波市北仑区
    330211 zhenhai 宁波市镇海区   330212 yinzhou 宁波市鄞州区   330302 lucheng 温州市鹿城区
    330303 longwan 温州市龙湾区   330402 nanhu 嘉兴市南湖区   330502 wuxing 湖州市吴兴区
    330602 yuecheng 绍兴市越城区   330702 wucheng 金华市婺城区   330802 kecheng 衢州市柯城区
    330902 dinghai 舟山市定海区   331002 jiaojiang 台州市椒江区   331102 liandu 丽水市莲都区
    330304 ouhai 温州市瓯海区   330111 fuyang 杭州市富阳区   330113 linping 杭州市临平区
""",
    3,
)
STREET_NAMES = _groups(
    """
    城东 chengdong   城西 chengxi   城南 chengnan   城北 chengbei   新城 xincheng   江滨 jiangbin
    湖滨 hubin   文教 wenjiao   东湖 donghu   西溪 xixi   南山 nanshan   长安 changan
""",
    2,
)
TOWN_NAMES = _groups("白沙 baisha 青山 qingshan 石桥 shiqiao 梅林 meilin 枫林 fenglin 桃源 taoyuan", 2)

# ---------------------------------------------------------------------------------------------- units


@dataclass
class Unit:
    uid: str
    name: str
    kind: str
    domain: Domain
    block: int
    parent: str | None = None
    stationed_in: str | None = None
    division_code: str | None = None
    abbr: str | None = None

    def record(self) -> dict[str, Node]:
        fields: dict[str, str | None] = {
            "id": self.uid,
            "name": self.name,
            "kind": self.kind,
            "parent": self.parent,
            "stationed_in": self.stationed_in,
            "division_code": self.division_code,
            "abbr": self.abbr,
        }
        return {key: value for key, value in fields.items() if value is not None}


def _district(block: int) -> tuple[str, str, str, int]:
    """The district of a block; past the list, districts repeat with a numbered id and new street codes."""
    code, slug, name = DISTRICTS[block % len(DISTRICTS)]
    lap = block // len(DISTRICTS)
    return code, f"{slug}{lap + 1}" if lap else slug, name, lap


def _block_units(block: int) -> list[Unit]:
    code, slug, district, lap = _district(block)
    rotation = [OTHER_DOMAINS[(3 * block + k) % len(OTHER_DOMAINS)] for k in range(3)]
    units = [
        Unit(f"{slug}-{d.slug}", f"{district}{d.name}", "部门", d, block, abbr=f"{d.abbr}{block:02d}")
        for d in (ZHZF, SCJG, *rotation)
    ]
    townships = [STREET_NAMES[(2 * block + k) % len(STREET_NAMES)] for k in range(2)]
    townships.append(TOWN_NAMES[block % len(TOWN_NAMES)])
    for k, (name, pinyin) in enumerate(townships):
        kind = "镇" if k == 2 else "街道"
        units.append(
            Unit(
                f"{slug}-{pinyin}",
                f"{district}{name}{kind}",
                kind,
                STREET,
                block,
                division_code=f"{code}{lap * 10 + k + 1:03d}000",
            )
        )
    for dept, street in ((units[0], units[5]), (units[1], units[6])):
        suffix, station = dept.domain.station or ("pz", "派驻机构")
        short = street.name.removeprefix(district).removesuffix(street.kind)
        units.append(
            Unit(
                f"{street.uid}-{suffix}",
                f"{district}{short}{station}",
                "派驻机构",
                dept.domain,
                block,
                parent=dept.uid,
                stationed_in=street.uid,
            )
        )
    return units


def build_units(files: int) -> list[Unit]:
    units: list[Unit] = []
    block = 0
    while len(units) < files:
        units.extend(_block_units(block))
        block += 1
    return units[:files]


def _weight(unit: Unit) -> int:
    return {"部门": 6, "街道": 3, "镇": 3}.get(unit.kind, 2)


def quotas(units: Sequence[Unit], items: int) -> list[int]:
    """Items per unit, proportional to the unit's weight, summing to exactly `items` (largest remainder)."""
    weights = [_weight(u) for u in units]
    total = sum(weights)
    shares = [items * w // total for w in weights]
    remainders = sorted(range(len(units)), key=lambda i: (-(items * weights[i] % total), i))
    for i in remainders[: items - sum(shares)]:
        shares[i] += 1
    return shares


# ---------------------------------------------------------------------------------------------- power items


@dataclass
class Grant:
    """A street's share of an approved delegation: the street holds `count` items through it."""

    delegation: str
    source: str
    count: int


@dataclass
class PlannedDelegation:
    ident: str
    year: int
    from_unit: Unit
    to_units: list[Unit]
    mode: str
    status: str
    all_townships: bool = False
    items: list[str] = field(default_factory=list)
    templates: list[dict[str, Node]] = field(default_factory=list)


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


def _document(rng: random.Random, year: int) -> str:
    return f"浙编办〔{year}〕{rng.randint(1, 60)}号"


def _day(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randint(0, 330))


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
                "document": _document(rng, year),
                "reason": "根据法律法规立改废释调整",
                "date": _day(rng, year).isoformat(),
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
                "document": _document(rng, year),
                "reason": "法律法规修改，事项取消",
                "date": _day(rng, year).isoformat(),
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
    meeting = _day(rng, plan.year)
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


# ---------------------------------------------------------------------------------------------- tasks


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
        task["review"] = Flow({"date": _day(rng, year).isoformat(), "document": document})
    if decision == "保留":
        kept.append(ident)
    return task


def tasks_by_year(rng: random.Random, units: Sequence[Unit], count: int) -> dict[int, list[Node]]:
    requesters = [u for u in units if u.kind in ("部门", "街道", "镇")]
    kept: list[str] = []
    files: dict[int, list[Node]] = {}
    for n in range(count):
        year = YEARS[n * len(YEARS) // count]
        ident = f"SQ-{year}-{n + 1:04d}"
        files.setdefault(year, []).append(task_record(rng, ident, year, rng.choice(requesters), kept))
    return files


# ---------------------------------------------------------------------------------------------- assessments

PARTY_SPLITS = (
    (5000, 3000, 2000),
    (4000, 4000, 2000),
    (4500, 3500, 2000),
    (3333, 3333, 3334),
    (6000, 2500, 1500),
    (3750, 3750, 2500),
)
INDICATORS = {
    "区级部门": ("业务工作完成情况", "依法行政情况", "队伍建设情况"),
    "街道(镇)": ("服从统筹指挥情况", "参与中心工作情况", "属地协同配合情况"),
    "社会": ("群众满意度", "服务对象评价"),
}


def hundredths(value: int) -> Decimal:
    """4550 → 45.5: weights are written with at most two places and no trailing zeros."""
    return (Decimal(value) / 100).normalize() if value % 100 else Decimal(value // 100)


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split `total` hundredths into `parts` near-even shares in the roundest step that fits: 45 → 15, 20, 10."""
    step = next(s for s in (500, 100, 50, 1) if total % s == 0 and total // s >= parts)
    units = total // step
    shares = [units // parts + (1 if k < units % parts else 0) for k in range(parts)]
    donor, taker = rng.sample(range(parts), 2)
    if shares[donor] > 1 and rng.random() < 0.5:
        shares[donor] -= 1
        shares[taker] += 1
    return [share * step for share in shares]


def assessment_record(rng: random.Random, ident: str, year: int, subject: Unit) -> dict[str, Node]:
    weights = rng.choice(PARTY_SPLITS)
    parties: list[Node] = []
    indicators: list[Node] = []
    assessors = {"区级部门": subject.parent, "街道(镇)": subject.stationed_in, "社会": None}
    for (party, names), weight in zip(INDICATORS.items(), weights, strict=True):
        entry: dict[str, Node] = {"party": party, "weight": hundredths(weight)}
        if assessors[party]:
            entry["assessor"] = str(assessors[party])
        parties.append(entry)
        for name, share in zip(names, _split(rng, weight, len(names)), strict=True):
            indicators.append({"name": name, "party": party, "weight": hundredths(share)})
    record: dict[str, Node] = {"id": ident, "year": year, "subjects": [subject.uid], "parties": parties}
    if rng.random() < 0.8:
        record["indicators"] = indicators
    return record


# ---------------------------------------------------------------------------------------------- writing


@dataclass
class Summary:
    files: int = 0
    lines: int = 0
    items: int = 0
    levels: dict[str, int] = field(default_factory=lambda: {"main": 0, "sub": 0, "grand_sub": 0})


def _count_levels(summary: Summary, items: Sequence[dict[str, Node]]) -> None:
    for item in items:
        depth = str(item["code"]).count("-") - 2
        summary.levels[("main", "sub", "grand_sub")[depth]] += 1
    summary.items += len(items)


def _write(summary: Summary, path: Path, document: dict[str, Node], header: str = "") -> None:
    summary.lines += write_yaml(path, document, header)
    summary.files += 1


def _settings() -> dict[str, Node]:
    return {
        "qingdan": 1,
        "region": Flow({"code": REGION_CODE, "name": REGION_NAME}),
        "codes": {"item": ITEM_TEMPLATE, "child": "{parent}-{seq:2}"},
        "timezone": "+08:00",
    }


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


@dataclass
class World:
    """What the generator of each kind draws on: the random source, the units, the delegations planned and
    the power items (by unit), all made before any file is written."""

    rng: random.Random
    items: int
    units: list[Unit]
    plans: list[PlannedDelegation]
    power: dict[str, list[dict[str, Node]]]
    per_100k: Mapping[str, int] = field(default_factory=lambda: PER_100K_ITEMS)

    def how_many(self, kind: str) -> int:
        return how_many(kind, self.items, self.per_100k)


File = tuple[str, dict[str, Node], str]  # registry-relative path, document, header comment


def unit_files(world: World) -> Iterator[File]:
    yield "units.yaml", {"units": [u.record() for u in world.units]}, ""


def power_files(world: World) -> Iterator[File]:
    for unit in world.units:
        yield (
            f"power/{unit.uid}.yaml",
            {"unit": unit.uid, "items": list(world.power[unit.uid])},
            f"{unit.name} 权责清单",
        )


def delegation_files(world: World) -> Iterator[File]:
    received = _received_codes(world.power)
    by_year: dict[int, list[Node]] = {}
    for plan in world.plans:
        plan.items.extend(received.get(plan.ident, []))
        if plan.items:
            by_year.setdefault(plan.year, []).append(delegation_record(world.rng, plan))
    for year, records in by_year.items():
        yield f"delegations/{year}.yaml", {"delegations": records}, ""


def task_files(world: World) -> Iterator[File]:
    for year, tasks in tasks_by_year(world.rng, world.units, world.how_many("community-tasks")).items():
        yield f"community-tasks/{year}.yaml", {"tasks": tasks}, ""


def assessment_files(world: World) -> Iterator[File]:
    agencies = [u for u in world.units if u.kind == "派驻机构"]
    by_year: dict[int, list[Node]] = {}
    for n, subject in enumerate(agencies[: world.how_many("assessments")]):
        year = YEARS[n % len(YEARS)]
        by_year.setdefault(year, []).append(assessment_record(world.rng, f"KH-{year}-{n + 1:03d}", year, subject))
    for year, records in by_year.items():
        yield f"assessments/{year}.yaml", {"assessments": records}, ""


# One generator per record kind, in the order of the kind table (SPEC §2), each writing its files from the
# world; they run in this order and share one random source, so the same seed always gives the same bytes.
GENERATORS: tuple[Callable[[World], Iterator[File]], ...] = (
    unit_files,
    power_files,
    delegation_files,
    task_files,
    assessment_files,
)


def generate(
    out: Path, items: int = 100_000, files: int = 200, seed: int = 1, per_100k: Mapping[str, int] = PER_100K_ITEMS
) -> Summary:
    """Write a complete, valid registry into `out` (created if missing) and return what was written;
    `per_100k` may change the proportions of the other kinds (tests want more of them in a small registry)."""
    if files < BLOCK_SIZE or items < files:
        raise ValueError(f"need --files >= {BLOCK_SIZE} and --items >= --files")
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty; the generator only writes into an empty or new folder")
    state = State(random.Random(seed))
    units = build_units(files)
    plans = plan_delegations(state.rng, units, how_many("delegations", items, per_100k))
    world = World(state.rng, items, units, plans, generate_power(state, units, items, plans), per_100k)
    summary = Summary()
    _write(summary, out / "qingdan.yaml", _settings(), f"{REGION_NAME}权责清单库（基准测试生成，seed {seed}）")
    # Every record is drawn first, in order (one random source); then the files are written, by two processes
    # for a large registry (writing YAML is most of the time, and needs no random numbers).
    documents = [file for generator in GENERATORS for file in generator(world)]
    lines, written = _write_all(out, documents, parallel=items >= PARALLEL_ITEMS)
    summary.lines += lines
    summary.files += written
    for unit in units:
        _count_levels(summary, world.power[unit.uid])
    return summary


PARALLEL_ITEMS = 200_000


def _write_all(out: Path, documents: list[File], parallel: bool) -> tuple[int, int]:
    """Write the files; with `parallel`, a forked process writes every other one. Lines and files written."""
    if not parallel or not hasattr(os, "fork"):
        return sum(write_yaml(out / relative, document, header) for relative, document, header in documents), len(
            documents
        )
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        status = 1
        try:
            os.close(reading)
            theirs = sum(write_yaml(out / rel, document, header) for rel, document, header in documents[1::2])
            os.write(writing, str(theirs).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    ours = sum(write_yaml(out / relative, document, header) for relative, document, header in documents[::2])
    with os.fdopen(reading, "rb") as pipe:
        theirs = int(pipe.read() or b"0")
    _, status = os.waitpid(child, 0)
    if status != 0:
        raise OSError("the second writer failed")
    return ours + theirs, len(documents)


def iter_files(root: Path) -> Iterator[Path]:
    return (path for path in sorted(root.rglob("*")) if path.is_file())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=DESCRIPTION)
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--items", type=int, default=100_000, help="power items in total (default 100000)")
    parser.add_argument("--files", type=int, default=200, help="units, one power file each (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        summary = generate(args.out, args.items, args.files, args.seed)
    except ValueError as error:
        parser.error(str(error))
    size = sum(path.stat().st_size for path in iter_files(args.out))
    print(
        f"{args.out}: {summary.items} items ({summary.levels['main']} main, {summary.levels['sub']} sub, "
        f"{summary.levels['grand_sub']} grand-sub) in {summary.files} files, {summary.lines} lines, "
        f"{size / 2**20:.1f} MiB, {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
