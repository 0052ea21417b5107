"""Build a throwaway git repository whose dated history replays how the bundled 江北区 registry came to be.

    python -m demo.build_history OUT_DIR

OUT_DIR must not exist or be empty. The repository gets one commit per step of STEPS, dated 2018-12-28 to
2021-12-28 (+08:00) and authored by the district's 编办, with the registry in its `registry/` folder: the
initial 2018 lists, the ordinary adjustments of 2019 and 2020 (新增, 取消, 变更, 更名, a file moved), the
2020 reform in which 中马街道 and 白沙街道 were merged into 外滩街道 and 前江街道 was set up (甬政发〔2020〕35号,
the items transferred — 划转 — and the old streets revoked), the delegations to streets and the 2020
assessment scheme. The last commit's `registry/` is the bundled registry, byte for byte.

Only the bundled registry is stored: every earlier state is derived from it by undoing the steps one by one,
newest first. Each step knows how to undo itself as plain text edits of the YAML (comments and layout stay
as the clerk wrote them), and fails loudly when the registry no longer holds what it expects.

Git runs with no system or user configuration (GIT_CONFIG_NOSYSTEM, HOME and XDG_CONFIG_HOME point at an
empty temporary folder, every inherited GIT_* variable is dropped) and never signs, so the result is the same
on every machine.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REGISTRY = Path(__file__).resolve().parent.parent / "registry"
AUTHOR_NAME = "江北区编办"
AUTHOR_EMAIL = "bianban@example.gov.cn"
TIMEZONE = "+08:00"

FIELD_INDENT = "    "  # a record's fields; the record itself is a list item at indent 2
_RECORD = re.compile(r"^  - (?:code|id): (\S+)\s*$")


class DemoError(Exception):
    """The bundled registry no longer holds what a step expects, or git failed."""


class UsageError(DemoError):
    """The output folder cannot be used, or git is missing."""


# ---------------------------------------------------------------------------------------------------------------
# Text edits of one registry file


class Doc:
    """One YAML file as lines, edited record by record.

    A record is a list item at indent 2 (`  - code: X` or `  - id: X`); its fields are at indent 4 and their
    values deeper, so a record ends at the first line that is blank or indented less than 4.
    """

    def __init__(self, path: str, text: str) -> None:
        if not text.endswith("\n"):
            raise DemoError(f"{path}: the file does not end with a newline")
        self.path = path
        self.lines = text[:-1].split("\n")

    def render(self) -> str:
        return "\n".join(self.lines) + "\n"

    def keys(self) -> list[str]:
        return [match.group(1) for line in self.lines if (match := _RECORD.match(line))]

    def has(self, key: str) -> bool:
        return key in self.keys()

    def span(self, key: str) -> tuple[int, int]:
        starts = [i for i, line in enumerate(self.lines) if (match := _RECORD.match(line)) and match.group(1) == key]
        if len(starts) != 1:
            raise DemoError(f"{self.path}: expected one record {key}, found {len(starts)}")
        start = starts[0]
        end = start + 1
        while end < len(self.lines) and self.lines[end].startswith(FIELD_INDENT):
            end += 1
        return start, end

    def block(self, key: str) -> list[str]:
        start, end = self.span(key)
        return self.lines[start:end]

    def replace(self, key: str, lines: Sequence[str]) -> None:
        start, end = self.span(key)
        self.lines[start:end] = lines

    def insert_before(self, key: str, lines: Sequence[str]) -> None:
        start, _ = self.span(key)
        self.lines[start:start] = lines

    def append_record(self, lines: Sequence[str], *, separated: bool = True) -> None:
        """Add a record at the end of the file, after a blank line unless `separated` is false."""
        self.lines.extend([""] * separated + list(lines))

    def remove(self, key: str) -> None:
        """Delete a record, and the blank line that separated it from its neighbours."""
        start, end = self.span(key)
        del self.lines[start:end]
        before_blank = start > 0 and not self.lines[start - 1].strip()
        after_blank = start >= len(self.lines) or not self.lines[start].strip()
        if before_blank and after_blank:
            del self.lines[start - 1]
        elif after_blank and start < len(self.lines) and self.lines[start - 1].rstrip().endswith(":"):
            del self.lines[start]  # it was the first record after `items:`

    def remove_where(self, predicate: Callable[[list[str]], bool]) -> list[str]:
        """Delete every record whose lines satisfy `predicate`; returns their keys."""
        removed = [key for key in self.keys() if predicate(self.block(key))]
        for key in removed:
            self.remove(key)
        return removed

    def field(self, key: str, name: str) -> list[str] | None:
        start, end = self.span(key)
        found = _field_span(self.lines, start, end, name)
        return None if found is None else self.lines[found[0] : found[1]]

    def set_field(self, key: str, name: str, lines: Sequence[str], *, after: str | None = None) -> None:
        """Replace a field's lines, or add them after field `after` (else at the record's end)."""
        start, end = self.span(key)
        found = _field_span(self.lines, start, end, name)
        if found is not None:
            self.lines[found[0] : found[1]] = lines
            return
        anchor = _field_span(self.lines, start, end, after) if after else None
        at = anchor[1] if anchor else end
        self.lines[at:at] = lines

    def drop_field(self, key: str, name: str) -> None:
        start, end = self.span(key)
        found = _field_span(self.lines, start, end, name)
        if found is None:
            raise DemoError(f"{self.path}: record {key} has no field {name}")
        del self.lines[found[0] : found[1]]

    def replace_line(self, old: str, new: Sequence[str], *, required: bool = True) -> None:
        """Replace a whole line (a comment, usually) by `new` lines."""
        where = [i for i, line in enumerate(self.lines) if line == old]
        if len(where) != 1:
            if required or where:
                raise DemoError(f"{self.path}: expected the line {old.strip()!r} once, found it {len(where)} times")
            return
        self.lines[where[0] : where[0] + 1] = new

    def substitute(self, old: str, new: str) -> None:
        """Replace text anywhere (comments); nothing happens when it is not there."""
        self.lines = [line.replace(old, new) for line in self.lines]

    def collapse_blank_lines(self) -> None:
        kept: list[str] = []
        for line in self.lines:
            if line.strip() or (kept and kept[-1].strip()):
                kept.append(line)
        self.lines = kept


def _field_span(lines: list[str], start: int, end: int, name: str | None) -> tuple[int, int] | None:
    """The lines of field `name` of the record at lines[start:end]: its key line and deeper-indented values."""
    if name is None:
        return None
    for i in range(start + 1, end):
        if lines[i].startswith(f"{FIELD_INDENT}{name}:"):
            j = i + 1
            while j < end and lines[j].startswith(FIELD_INDENT + " "):
                j += 1
            return i, j
    return None


def without_fields(block: Sequence[str], *names: str) -> list[str]:
    lines = list(block)
    for name in names:
        found = _field_span(lines, 0, len(lines), name)
        if found is not None:
            del lines[found[0] : found[1]]
    return lines


def scalar(name: str, value: str) -> list[str]:
    return [f"{FIELD_INDENT}{name}: {value}"]


def sequence(name: str, values: Sequence[str]) -> list[str]:
    return [f"{FIELD_INDENT}{name}:", *(f"{FIELD_INDENT}  - {value}" for value in values)]


def mapping(name: str, pairs: Sequence[tuple[str, str]]) -> list[str]:
    return [f"{FIELD_INDENT}{name}:", *(f"{FIELD_INDENT}  {key}: {value}" for key, value in pairs)]


def adjustment(kind: str, document: str, reason: str, date: str) -> list[str]:
    return mapping("adjustment", [("type", kind), ("document", document), ("reason", reason), ("date", date)])


def legal_basis(*entries: tuple[str, str, str]) -> list[str]:
    lines = [f"{FIELD_INDENT}legal_basis:"]
    for law, article, text in entries:
        lines += [f"{FIELD_INDENT}  - law: {law}", f"{FIELD_INDENT}    article: {article}"]
        lines += [f"{FIELD_INDENT}    text: {text}"] if text else []
    return lines


# ---------------------------------------------------------------------------------------------------------------
# A registry state: every file of the registry folder, by its path relative to the registry root


class State:
    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = dict(files)

    @classmethod
    def read(cls, root: Path) -> State:
        files: dict[str, bytes] = {}
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(name for name in dirs if not name.startswith("."))
            for name in sorted(names):
                path = Path(folder) / name
                if not name.startswith(".") and path.is_file() and not path.is_symlink():
                    files[path.relative_to(root).as_posix()] = path.read_bytes()
        if "qingdan.yaml" not in files:
            raise DemoError(f"{root}: no qingdan.yaml, not a registry")
        return cls(files)

    def copy(self) -> State:
        return State(self.files)

    def doc(self, path: str) -> Doc:
        if path not in self.files:
            raise DemoError(f"{path}: not in the registry at this point of its history")
        return Doc(path, self.files[path].decode("utf-8"))

    def save(self, doc: Doc) -> None:
        self.files[doc.path] = doc.render().encode("utf-8")

    @contextmanager
    def edit(self, path: str) -> Iterator[Doc]:
        doc = self.doc(path)
        yield doc
        self.save(doc)

    def add(self, path: str, text: str) -> None:
        if path in self.files:
            raise DemoError(f"{path}: already in the registry at this point of its history")
        self.files[path] = text.encode("utf-8")

    def delete(self, path: str) -> None:
        if path not in self.files:
            raise DemoError(f"{path}: not in the registry at this point of its history")
        del self.files[path]

    def power_yaml(self) -> list[str]:
        return sorted(path for path in self.files if path.startswith("power/") and path.endswith(".yaml"))


def remove_items(state: State, predicate: Callable[[list[str]], bool]) -> list[str]:
    """Delete the power items (of every YAML power file) whose lines satisfy `predicate`."""
    removed: list[str] = []
    for path in state.power_yaml():
        with state.edit(path) as doc:
            removed += doc.remove_where(predicate)
    return removed


def delegated_by(*delegations: str) -> Callable[[list[str]], bool]:
    wanted = {f"{FIELD_INDENT}delegation: {ident}" for ident in delegations}
    return lambda block: any(line.rstrip() in wanted for line in block)


# ---------------------------------------------------------------------------------------------------------------
# The storyline. Each undo turns the registry as it stood after its step into the registry before it.

REFORM_DOCUMENT = "甬政发〔2020〕35号"
REFORM_DATE = "2020-06-16"
ZHONGMA_ITEMS = ("GF-330205-0801", "JC-330205-0803")  # 中马街道's items, transferred to 外滩街道 in 2020
BAISHA_ITEMS = ("QT-330205-0802", "QT-330205-0804")  # 白沙街道's items, transferred to 外滩街道 in 2020
QIANJIANG_ITEMS = ("GF-330205-0921",)  # the new 前江街道's own item
ZHONGMA_COMMUNITIES = ("waitan-fushi", "waitan-xinma", "waitan-yancang", "waitan-waitan")
BAISHA_COMMUNITIES = ("waitan-baisha", "waitan-baojia", "waitan-huxi", "waitan-rihu")
REFORM_AGENCIES = ("waitan-scjgs", "waitan-zfzd")  # dispatched to the new 外滩街道
POWER_FILE_HEADER = "# yaml-language-server: $schema=../schemas/power.schema.json"
RSJ_BATCH_1 = ("FW-330205-0310", "FW-330205-0311", "FW-330205-0312")
ZHZFJ_BATCH = ("CF-330205-0204", "CF-330205-0209", "CF-330205-0210")


# Entered with the 2020 year-end edition: the 2020 assessment results, the agencies' personnel changes of 2020,
# and the 公益效能 pilot (its institutions, the 2019 indicator sets and the 2019 annual reports).
YEAR_END_2020_FOLDERS = ("assessment-results/", "personnel/", "institutions/", "indicator-sets/", "annual-reports/")
# The 基层治理四平台 standard and its four lists, entered with the 2020 year-end edition too.
PLATFORM_LISTS = ("platform-standard/", "duties/", "stationed-tasks/", "violations/", "grid-events/")
CATALOGUE_FILE = "catalogue/zj-2020.csv"
CATALOGUE_COMMENT = "# 浙江省行政权力基本目录"  # the first line of the catalogue block, the last of qingdan.yaml
GUIDES_DOCUMENT = "江北编〔2020〕28号"  # the 办事指南 standard, with the street items it listed
PILOT_LINE = "pilot_streets: [zhuangqiao, cicheng]     # 基层内部办事事项试点街道(镇)（2020年）"
COMMUNITY_POWER = (  # the 社区(村) level of the power list: two villages, two communities
    "power/zhuangqiao-lijia.yaml",
    "power/cicheng-banpu.yaml",
    "power/zhuangqiao-tiancheng.yaml",
    "power/cicheng-cihu.yaml",
)


def undo_service_guides(state: State) -> None:
    """2020-12-25: the 街道(镇) service standard (办事指南) and the pilot of internal matters. The standard also
    listed two statutory services every street offers on application, added as street items that day."""
    state.delete("guides/2020.yaml")
    state.delete("internal-matters/2020.yaml")
    with state.edit("qingdan.yaml") as doc:
        doc.replace_line(PILOT_LINE, [])
    wanted = f"{FIELD_INDENT}  document: {GUIDES_DOCUMENT}"
    if len(remove_items(state, lambda block: wanted in (line.rstrip() for line in block))) != 16:
        raise DemoError(f"expected 16 street items added by {GUIDES_DOCUMENT}")


def undo_community_power(state: State) -> None:
    """2020-09-28: the power lists of communities and villages (村级小微权力清单) go into the registry."""
    for path in COMMUNITY_POWER:
        state.delete(path)


# 2021: the law library (registry/laws/, texts from LawRefBook) comes with the 2020 year-end edition; the laws
# amended in 2021 arrive in it, and the legal bases are read against them (QD121–QD127).

LAWS = "laws/"
SAFETY_DOCUMENT = "江北编〔2021〕9号"
SAFETY_DATE = "2021-09-01"
REVIEW_DATE = "2021-12-28"
STREETS = ("cicheng", "hongtang", "kongpu", "qianjiang", "waitan", "wenjiao", "yongjiang", "zhuangqiao")
STREETS_CITING_POPULATION = STREETS
STREETS_CITING_EMPLOYMENT = (*STREETS, "rsj")  # the street items delegated by 区人力社保局, and its own
STREETS_CITING_CITY_LOOKS = ("cicheng", "waitan", "zhuangqiao")
STREETS_CITING_RELIEF = ("qianjiang", "waitan")


@dataclass(frozen=True)
class Edit:
    """A change of one file's text: `before` (as the step found it) became `after`; each stands once."""

    path: str
    before: str
    after: str


def undo_edits(state: State, edits: Sequence[Edit]) -> None:
    for edit in edits:
        text = state.files[edit.path].decode("utf-8") if edit.path in state.files else ""
        if text.count(edit.after) != 1:
            raise DemoError(f"{edit.path}: expected {edit.after[:40]!r} once, found it {text.count(edit.after)} times")
        state.files[edit.path] = text.replace(edit.after, edit.before).encode("utf-8")


def _law_files(state: State, months: range) -> list[str]:
    """The library's texts of versions dated 2021 in these months (their names end in `(2021-MM-DD).md`)."""
    return [path for path in state.files if path.startswith(LAWS) and _version_month(path) in months]


def _version_month(path: str) -> int:
    match = re.search(r"\(2021-(\d{2})-\d{2}\)\.md$", path)
    return int(match[1]) if match else 0


def _checked(text: str, day: str) -> str:
    return f"{text}\n{FIELD_INDENT}    checked: {day}"


def _adjusted(anchor: str, reason: str) -> str:
    return "\n".join([anchor, *adjustment("变更", SAFETY_DOCUMENT, reason, SAFETY_DATE)])


FOOD_SAFETY_TEXT = (
    f"{FIELD_INDENT}    text: 国家对食品生产经营实行许可制度。"
    "从事食品生产、食品销售、餐饮服务，应当依法取得许可。但是，销售食用农产品"
)
SAFETY_RENUMBERED = "《中华人民共和国安全生产法》2021年6月10日修正，条文重新编号"
SAFETY_EDITS = (
    Edit(
        "power/scjgj.yaml",
        FOOD_SAFETY_TEXT + "，不需要取得许可。",
        _checked(
            FOOD_SAFETY_TEXT + "和仅销售预包装食品的，不需要取得许可。仅销售预包装食品的，"
            "应当报所在地县级以上地方人民政府食品安全监督管理部门备案。",
            SAFETY_DATE,
        ),
    ),
    Edit(
        "power/scjgj.yaml",
        '    catalog_code: "000131024000"\n',
        _adjusted(
            '    catalog_code: "000131024000"',
            "《中华人民共和国食品安全法》2021年4月29日修正，仅销售预包装食品的不需要取得许可，改为备案；设定依据引文按现行条文更新",
        )
        + "\n",
    ),
    Edit(
        "power/yjglj.yaml",
        f"{FIELD_INDENT}    article: 第九十四条第（一）项\n{FIELD_INDENT}    text: 生产经营单位有下列行为之一的，"
        "责令限期改正，可以处五万元以下的罚款……（一）未按照规定设置安全生产管理机构或者配备安全生产管理人员的；",
        _checked(
            f"{FIELD_INDENT}    article: 第九十七条第（一）项\n{FIELD_INDENT}    text: 生产经营单位有下列行为之一的，"
            "责令限期改正，处十万元以下的罚款……（一）未按照规定设置安全生产管理机构或者配备安全生产管理人员、注册安全工程师的；",
            SAFETY_DATE,
        ),
    ),
    Edit(
        "power/yjglj.yaml",
        '    catalog_code: "000234002000"\n',
        _adjusted('    catalog_code: "000234002000"', f"{SAFETY_RENUMBERED}，原第九十四条改为第九十七条") + "\n",
    ),
    Edit(
        "power/yjglj.yaml",
        f"{FIELD_INDENT}    article: 第六十二条第一款第（一）项\n"
        f"{FIELD_INDENT}    text: （一）进入生产经营单位进行检查，调阅有关资料，向有关单位和人员了解情况；",
        _checked(
            f"{FIELD_INDENT}    article: 第六十五条第一款第（一）项\n"
            f"{FIELD_INDENT}    text: （一）进入生产经营单位进行检查，调阅有关资料，向有关单位和人员了解情况；",
            SAFETY_DATE,
        ),
    ),
    Edit(
        "power/yjglj.yaml",
        '    catalog_code: "000634001000"\n',
        _adjusted('    catalog_code: "000634001000"', f"{SAFETY_RENUMBERED}，原第六十二条改为第六十五条") + "\n",
    ),
    Edit(
        "power/yjglj.yaml",
        f"{FIELD_INDENT}    article: 第六十七条第一款\n",
        f"{FIELD_INDENT}    article: 第七十条第一款\n",
    ),
    Edit(
        "power/yjglj.yaml",
        "停止供应民用爆炸物品等措施，强制生产经营单位履行决定。\n",
        _checked("停止供应民用爆炸物品等措施，强制生产经营单位履行决定。", SAFETY_DATE) + "\n",
    ),
    Edit(
        "power/yjglj.yaml",
        '    catalog_code: "000334001000"\n',
        _adjusted('    catalog_code: "000334001000"', f"{SAFETY_RENUMBERED}，原第六十七条改为第七十条") + "\n",
    ),
)

EMPLOYMENT_QUOTE = "对就业困难人员实行优先扶持和重点帮助。"
EMPLOYMENT_RANGE = "就业困难人员的具体范围"
REVIEW_EDITS = (
    *(
        Edit(f"power/{unit}.yaml", f"{EMPLOYMENT_QUOTE}{EMPLOYMENT_RANGE}", f"{EMPLOYMENT_QUOTE}……{EMPLOYMENT_RANGE}")
        for unit in STREETS_CITING_EMPLOYMENT
    ),
    *(
        Edit(
            f"power/{unit}.yaml",
            f"{FIELD_INDENT}  - 浙江省人口与计划生育条例\n",
            f"{FIELD_INDENT}  - {{law: 浙江省人口与计划生育条例, checked: {REVIEW_DATE}}}\n",
        )
        for unit in STREETS_CITING_POPULATION
    ),
    *(
        Edit(
            f"power/{unit}.yaml",
            f"{FIELD_INDENT}    text: ……责令改正；拒不改正的，可以处五十元以下罚款。\n",
            _checked(f"{FIELD_INDENT}    text: ……责令改正；拒不改正的，可以处五十元以下罚款。", REVIEW_DATE) + "\n",
        )
        for unit in STREETS_CITING_CITY_LOOKS
    ),
    *(
        Edit(
            f"power/{unit}.yaml",
            f"{FIELD_INDENT}    article: 第十一条第一、二款\n",
            _checked(f"{FIELD_INDENT}    article: 第十一条第一、二款", REVIEW_DATE) + "\n",
        )
        for unit in STREETS_CITING_RELIEF
    ),
    Edit("power/jyj.yaml", "学校和其他教育机构教育教学工作", "学校和其他教育机构（以下统称学校）教育教学工作"),
    Edit(
        "power/jtj.yaml",
        f"{FIELD_INDENT}    article: 第六十三条第（一）项\n",
        f"{FIELD_INDENT}    article: 第六十三条\n",
    ),
    Edit("qingdan.yaml", "清单状态截至2020年底", "清单状态截至2021年底"),
)


def undo_law_review(state: State) -> None:
    """2021-12-28: the laws amended in the second half of 2021 arrive in the library, and every legal basis is
    read against the library: quotations fixed where they were wrong, `checked` recorded where a law changed."""
    for path in _law_files(state, range(7, 13)):
        state.delete(path)
    undo_edits(state, REVIEW_EDITS)


def undo_safety_and_food_laws(state: State) -> None:
    """2021-09-01: the amended 安全生产法 (renumbered) and 食品安全法 change four items' legal bases."""
    undo_edits(state, SAFETY_EDITS)


def undo_laws_first_half_2021(state: State) -> None:
    """2021-06-30: the texts of the laws amended in the first half of 2021 arrive in the library."""
    for path in _law_files(state, range(1, 7)):
        state.delete(path)


def undo_year_end_2020(state: State) -> None:
    """2020-12-31: the lists are stated as at the end of 2020, and checked against the province's basic
    catalogue (2020 edition) from now on; the 基层治理四平台 standard and its lists (duty division, stationed
    agencies' tasks, illegal-prone matters, grid events) enter the registry, and the law library with them (its
    texts of 2020 and before, and its index). Before, the street items carried
    the record of the reform (if the bundled registry does not keep it, this year-end edition is where it was
    dropped); the items already named their catalogue entries, but no catalogue was named to check them
    against."""
    for path in sorted(state.files):
        if path.startswith((*YEAR_END_2020_FOLDERS, *PLATFORM_LISTS, LAWS)):
            state.delete(path)
    for path in ("qingdan.yaml", "units.yaml"):
        with state.edit(path) as doc:
            doc.substitute("截至2020年底", "截至2019年底")
    with state.edit("qingdan.yaml") as doc:
        starts = [index for index, line in enumerate(doc.lines) if line.startswith(CATALOGUE_COMMENT)]
        if not starts:
            raise DemoError(f"qingdan.yaml: no line starting {CATALOGUE_COMMENT}")
        doc.lines = doc.lines[: starts[0]]
    state.delete(CATALOGUE_FILE)
    with state.edit("power/waitan.yaml") as doc:
        for code in ZHONGMA_ITEMS + BAISHA_ITEMS:
            if doc.field(code, "adjustment") is None:
                origin = "中马街道" if code in ZHONGMA_ITEMS else "白沙街道"
                reason = f"撤销中马街道、白沙街道，设立外滩街道，原{origin}实施的事项划转外滩街道"
                doc.set_field(code, "adjustment", adjustment("划转", REFORM_DOCUMENT, reason, REFORM_DATE))
    with state.edit("power/qianjiang.yaml") as doc:
        for code in QIANJIANG_ITEMS:
            if doc.field(code, "adjustment") is None:
                reason = "设立前江街道，新增街道法定本级行使事项"
                doc.set_field(code, "adjustment", adjustment("新增", REFORM_DOCUMENT, reason, REFORM_DATE))


def undo_batch_2_application(state: State) -> None:
    with state.edit("delegations/2020.yaml") as doc:
        doc.remove("XF-2020-05")


def undo_assessments(state: State) -> None:
    state.delete("assessments/2020.yaml")


def undo_enforcement_handover(state: State) -> None:
    """2020-11-02: 外滩街道, 庄桥街道 and 慈城镇 take over three penalties; the delegation then names their items."""
    if not remove_items(state, delegated_by("XF-2020-04")):
        raise DemoError("no power item is held through delegation XF-2020-04")
    with state.edit("delegations/2020.yaml") as doc:
        doc.set_field("XF-2020-04", "items", sequence("items", ZHZFJ_BATCH))


def undo_enforcement_approval(state: State) -> None:
    with state.edit("delegations/2020.yaml") as doc:
        doc.remove("XF-2020-04")


def undo_solid_waste_law(state: State) -> None:
    """2020-09-01: the revised 固体废物污染环境防治法 renames the penalty and changes its legal basis."""
    with state.edit("power/zhzfj.yaml") as doc:
        code = "CF-330205-0204"
        doc.set_field(code, "name", scalar("name", "对随意倾倒、抛撒或者堆放生活垃圾的行政处罚"))
        old_basis = (
            "中华人民共和国固体废物污染环境防治法",
            "第七十四条第一款第（一）项",
            "违反本法有关城市生活垃圾污染环境防治的规定，有下列行为之一的，由县级以上地方人民政府环境卫生行政主管部门"
            "责令停止违法行为，限期改正，处以罚款：（一）随意倾倒、抛撒或者堆放生活垃圾的；",
        )
        doc.set_field(code, "legal_basis", legal_basis(old_basis))
        doc.drop_field(code, "adjustment")


def undo_batch_1_handover(state: State) -> None:
    """2020-08-03: every street and the town take over the three employment services and the small temporary
    relief approvals; delegation XF-2020-01 then names the items the streets hold."""
    if not remove_items(state, delegated_by("XF-2020-01", "XF-2020-02")):
        raise DemoError("no power item is held through delegations XF-2020-01/02")
    with state.edit("delegations/2020.yaml") as doc:
        doc.set_field("XF-2020-01", "items", sequence("items", RSJ_BATCH_1))


def undo_joint_meeting_3(state: State) -> None:
    """2020-07-16: the joint meeting approves XF-2020-01 and -02 and rejects XF-2020-03."""
    with state.edit("delegations/2020.yaml") as doc:
        for ident in ("XF-2020-01", "XF-2020-02", "XF-2020-03"):
            doc.set_field(ident, "status", scalar("status", "审议中"))
            for name in ("review", "safeguards", "effective_date"):
                if doc.field(ident, name) is not None:
                    doc.drop_field(ident, name)
        doc.drop_field("XF-2020-03", "note")  # the note gives the reasons of the refusal


def undo_delegation_applications(state: State) -> None:
    state.delete("delegations/2020.yaml")


def undo_street_reform(state: State) -> None:
    """2020-06-16 (甬政发〔2020〕35号): 中马街道 and 白沙街道 are revoked and merged into the new 外滩街道, which keeps
    中马's division code; 前江街道 is set up. Their items move to 外滩街道 (划转), their communities too."""
    waitan = state.doc("power/waitan.yaml")
    expected = sorted(ZHONGMA_ITEMS + BAISHA_ITEMS)
    if sorted(waitan.keys()) != expected:
        raise DemoError(f"power/waitan.yaml before the delegations should hold {expected}, not {waitan.keys()}")
    qianjiang = state.doc("power/qianjiang.yaml")
    if qianjiang.keys() != list(QIANJIANG_ITEMS):
        raise DemoError(f"power/qianjiang.yaml before the delegations should hold {QIANJIANG_ITEMS}")
    for unit, name, codes in (("zhongma", "中马街道", ZHONGMA_ITEMS), ("baisha", "白沙街道", BAISHA_ITEMS)):
        other = "白沙街道" if unit == "zhongma" else "中马街道"
        lines = [POWER_FILE_HEADER, f"# {name}权责清单（{unit}，与{other}共用编码段 0800—0819）：法定本级行使事项"]
        lines += [f"unit: {unit}", "items:"]
        for i, code in enumerate(codes):
            lines += [""] * (i > 0) + without_fields(waitan.block(code), "adjustment")
        state.add(f"power/{unit}.yaml", "\n".join(lines) + "\n")
    state.delete("power/waitan.yaml")
    state.delete("power/qianjiang.yaml")

    with state.edit("units.yaml") as units:
        division = units.field("waitan", "division_code")
        if division is None:
            raise DemoError("units.yaml: 外滩街道 has no division_code to give back to 中马街道")
        zhongma = without_fields(units.block("zhongma"), "status", "note", "division_code")
        kind_at = next(i for i, line in enumerate(zhongma) if line.startswith(f"{FIELD_INDENT}kind:"))
        zhongma[kind_at + 1 : kind_at + 1] = division
        baisha = without_fields(units.block("baisha"), "status", "note")
        units.remove("zhongma")
        units.remove("baisha")
        units.lines = [line for line in units.lines if not line.startswith("  # ---- 已撤销的街道")]
        units.replace("waitan", zhongma + baisha)
        units.remove("qianjiang")
        units.substitute("2020年区划调整后", "")
        for ident in ZHONGMA_COMMUNITIES:
            units.set_field(ident, "parent", scalar("parent", "zhongma"))
        for number, ident in enumerate(BAISHA_COMMUNITIES, start=1):
            units.set_field(ident, "parent", scalar("parent", "baisha"))
            units.set_field(ident, "division_code", scalar("division_code", f'"330205002{number:03d}"'))
        units.replace_line("  # 外滩街道", ["  # 中马街道"], required=False)
        units.insert_before(BAISHA_COMMUNITIES[0], ["  # 白沙街道"])
        for ident in REFORM_AGENCIES:
            units.remove(ident)
        units.collapse_blank_lines()


def undo_health_law(state: State) -> None:
    """2020-06-01: the 基本医疗卫生与健康促进法 becomes the basis of the penalty for practising without a licence."""
    with state.edit("power/wjj.yaml") as doc:
        code = "CF-330205-0506"
        old_basis = (
            "医疗机构管理条例",
            "第四十四条",
            "违反本条例第二十四条规定，未取得《医疗机构执业许可证》擅自执业的，由县级以上人民政府卫生行政部门责令其停止"
            "执业活动，没收非法所得和药品、器械，并可以根据情节处以1万元以下的罚款。",
        )
        doc.set_field(code, "legal_basis", legal_basis(old_basis))
        doc.drop_field(code, "adjustment")


def undo_tractor_registration(state: State) -> None:
    with state.edit("power/nyncj.yaml") as doc:
        doc.drop_field("XK-330205-1104", "status")
        doc.drop_field("XK-330205-1104", "adjustment")


def undo_nurse_registration(state: State) -> None:
    with state.edit("power/wjj.yaml") as doc:
        doc.remove("XK-330205-0503")


def undo_land_law(state: State) -> None:
    """2020-03-02: the amended 土地管理法 gives the penalty for villagers' illegal housing land to 农业农村."""
    with state.edit("power/zrzyj.yaml") as doc:
        for name in ("status", "adjustment", "note"):
            doc.drop_field("CF-330205-1308", name)
    with state.edit("power/nyncj.yaml") as doc:
        doc.remove("CF-330205-1106")


def undo_drug_law(state: State) -> None:
    """2020-01-15: the revised 药品管理法 changes the basis of the retail licence (renamed in 2019)."""
    with state.edit("power/scjgj.yaml") as doc:
        code = "XK-330205-0104"
        old_basis = (
            "中华人民共和国药品管理法",
            "第十四条第一款",
            "……开办药品零售企业，须经企业所在地县级以上地方药品监督管理部门批准并发给《药品经营许可证》……"
            "无《药品经营许可证》的，不得经营药品。",
        )
        doc.set_field(code, "legal_basis", legal_basis(old_basis))
        reason = "按照省级统一的行政许可事项目录规范事项名称，原名称“药品经营许可（零售）”"
        doc.set_field(code, "adjustment", adjustment("更名", "江北编〔2019〕12号", reason, "2019-08-15"))


def undo_freight_licence(state: State) -> None:
    with state.edit("power/jtj.yaml") as doc:
        doc.drop_field("XK-330205-1002-02", "status")
        doc.drop_field("XK-330205-1002-02", "adjustment")


def undo_year_end_2019(state: State) -> None:
    for path in ("qingdan.yaml", "units.yaml"):
        with state.edit(path) as doc:
            doc.substitute("截至2019年底", "截至2018年底")


def undo_waste_sorting(state: State) -> None:
    """2019-10-08: the 宁波市生活垃圾分类管理条例 (in force 2019-10-01) adds a penalty and street inspections."""
    for path, code in (
        ("power/zhzfj.yaml", "CF-330205-0209"),
        ("power/zhongma.yaml", "JC-330205-0803"),
        ("power/kongpu.yaml", "JC-330205-0822"),
        ("power/zhuangqiao.yaml", "JC-330205-0883"),
    ):
        with state.edit(path) as doc:
            doc.remove(code)


def undo_wgltj_to_csv(state: State) -> None:
    """2019-09-06: 区文化和广电旅游体育局 keeps its list in a spreadsheet from now on: the same records, moved."""
    raw = state.files["power/wgltj.csv"]
    state.delete("power/wgltj.csv")
    yaml = yaml_from_csv(raw.decode("utf-8-sig"), "wgltj", "区文化和广电旅游体育局", "1500—1599")
    state.add("power/wgltj.yaml", yaml)


def undo_drug_licence_name(state: State) -> None:
    with state.edit("power/scjgj.yaml") as doc:
        doc.set_field("XK-330205-0104", "name", scalar("name", "药品经营许可（零售）"))
        doc.drop_field("XK-330205-0104", "adjustment")


def undo_occupational_health(state: State) -> None:
    """2019-06-28: after the institutional reform, occupational health enforcement moves from 应急管理 to 卫生健康."""
    with state.edit("power/yjglj.yaml") as doc:
        doc.drop_field("CF-330205-1207", "status")
        doc.drop_field("CF-330205-1207", "adjustment")
    with state.edit("power/wjj.yaml") as doc:
        doc.remove("CF-330205-0507")


LICENCE_RESPONSIBILITIES = (
    "受理责任",
    "审查责任",
    "决定责任",
    "送达责任",
    "事后监管责任",
    "其他法律法规规章文件规定应履行的责任",
)


def undo_elderly_care(state: State) -> None:
    """2019-03-20: the amended 老年人权益保障法 abolished the licence for setting up an elderly-care institution;
    the licence XK-330205-0408 gave way to the filing QT-330205-0408."""
    licence = [
        "  - code: XK-330205-0408",
        "    name: 养老机构设立许可",
        "    type: 行政许可",
        *legal_basis(
            (
                "中华人民共和国老年人权益保障法",
                "第四十四条第一款",
                "设立养老机构，应当向县级以上人民政府民政部门申请行政许可；经许可的，依法办理相应的登记。",
            )
        ),
        *scalar("responsibilities", f"[{', '.join(LICENCE_RESPONSIBILITIES)}]"),
        *sequence(
            "accountability",
            [
                "对符合法定条件的申请不予受理、不予许可或者不在法定期限内作出许可决定的",
                "对不符合法定条件的申请人准予许可或者超越法定职权作出准予许可决定的",
                "在受理、审查、决定过程中索取或者收受他人财物或者谋取其他利益的",
                "不依法履行监督职责或者监督不力，造成严重后果的",
                "其他违反法律法规规章文件规定的行为",
            ],
        ),
    ]
    with state.edit("power/mzj.yaml") as doc:
        doc.replace("QT-330205-0408", licence)


# ---------------------------------------------------------------------------------------------------------------
# wgltj.csv as the YAML file it was before


_CSV_COLUMNS = {
    "事项编码": "code",
    "事项名称": "name",
    "事项类型": "type",
    "实施主体": "unit",
    "上级事项": "parent",
    "权力来源": "source",
    "下放依据": "delegation",
    "设定依据": "legal_basis",
    "责任事项": "responsibilities",
    "追责情形": "accountability",
    "状态": "status",
    "备注": "note",
}
_DEFAULTS = {"source": "法定本级行使", "status": "有效"}
_LISTS = ("legal_basis", "responsibilities", "accountability")
_PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: | #|:$|\s$|[\n\t]")


def _yaml_scalar(text: str) -> str:
    if text and not _PLAIN_UNSAFE.search(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_from_csv(text: str, unit: str, unit_name: str, code_range: str) -> str:
    """The YAML form of a power CSV whose rows all belong to `unit` (defaults left out, as a clerk writes them)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [_CSV_COLUMNS.get(cell.strip(), cell.strip()) for cell in rows[0]]
    unknown = [name for name in header if name not in _CSV_COLUMNS.values()]
    if unknown:
        raise DemoError(f"power/{unit}.csv: columns {unknown} are not known to the demo")
    lines = [POWER_FILE_HEADER, f"# {unit_name}权责清单（{unit}，编码段 {code_range}）", f"unit: {unit}", "items:"]
    for row in rows[1:]:
        record = {name: cell.strip() for name, cell in zip(header, row, strict=True) if cell.strip()}
        if record.pop("unit", unit) != unit:
            raise DemoError(f"power/{unit}.csv: a row of another unit")
        if "parent" not in record and len(lines) > 4:
            lines.append("")
        for name, value in record.items():
            if _DEFAULTS.get(name) == value:
                continue
            if name not in _LISTS:
                prefix = "  - " if name == "code" else FIELD_INDENT
                lines.append(f"{prefix}{name}: {_yaml_scalar(value)}")
                continue
            entries = [entry.strip() for entry in value.split("\n") if entry.strip()]
            flow = all(_yaml_scalar(entry) == entry and not set(entry) & set(",[]{}") for entry in entries)
            if name == "responsibilities" and flow:
                lines.append(f"{FIELD_INDENT}{name}: [{', '.join(entries)}]")
            else:
                lines += sequence(name, [_yaml_scalar(entry) for entry in entries])
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# The commits


@dataclass(frozen=True)
class Step:
    date: str  # ISO 8601, local time of 宁波 (+08:00)
    subject: str
    body: str
    undo: Callable[[State], None] | None  # the registry after this step → the registry before it


def _at(day: str, time: str) -> str:
    return f"{day}T{time}:00{TIMEZONE}"


STEPS: tuple[Step, ...] = (
    Step(
        _at("2018-12-28", "16:30"),
        "2018年清单初始版本：区级部门、街道（镇）权责清单和社区（村）职责事项清理结果入库",
        "江北区权责清单纳入版本管理。\n"
        "- 区级部门、7个街道和慈城镇的权责清单\n"
        "- 2018年社区（村）职责事项清理结果（江北党办〔2018〕78号）：审核111项，保留55项、归并45项、取消11项\n"
        "实施主体、提出单位按机构改革后的部门名称记载。",
        None,
    ),
    Step(
        _at("2019-03-20", "10:15"),
        "2019年权责清单动态调整：养老机构设立许可调整为养老机构备案（江北编〔2019〕5号）",
        "2018年修正的《中华人民共和国老年人权益保障法》取消养老机构设立许可，改为备案。\n"
        "- 区民政局 XK-330205-0408 养老机构设立许可：停用\n"
        "- 区民政局 QT-330205-0408 养老机构备案：按变更后事项列入",
        undo_elderly_care,
    ),
    Step(
        _at("2019-06-28", "15:40"),
        "2019年权责清单动态调整：职业健康监督管理处罚事项由区应急管理局调整至区卫生健康局（江北编〔2019〕8号）",
        "机构改革后职业健康监督管理职责划入区卫生健康局。\n"
        "- 取消 CF-330205-1207（区应急管理局）\n"
        "- 新增 CF-330205-0507（区卫生健康局）",
        undo_occupational_health,
    ),
    Step(
        _at("2019-08-15", "09:50"),
        "2019年权责清单动态调整：药品零售企业经营许可更名（江北编〔2019〕12号）",
        "- 区市场监督管理局 XK-330205-0104：“药品经营许可（零售）”更名为“药品零售企业经营许可（药品经营许可证·零售）”",
        undo_drug_licence_name,
    ),
    Step(
        _at("2019-09-06", "14:20"),
        "区文化和广电旅游体育局清单改用表格维护：power/wgltj.yaml 迁入 power/wgltj.csv",
        "事项内容不变，全部事项迁入CSV文件，便于部门用Excel维护。",
        undo_wgltj_to_csv,
    ),
    Step(
        _at("2019-10-08", "10:30"),
        "2019年权责清单动态调整：《宁波市生活垃圾分类管理条例》施行，新增生活垃圾分类相关事项（江北编〔2019〕17号）",
        "- 新增 CF-330205-0209 对单位、个人未分类投放生活垃圾的行政处罚（区综合行政执法局）\n"
        "- 新增 JC-330205-0803、JC-330205-0822、JC-330205-0883 生活垃圾分类投放、收集等实施情况监督检查"
        "（中马街道、孔浦街道、庄桥街道）",
        undo_waste_sorting,
    ),
    Step(
        _at("2019-12-30", "17:00"),
        "2019年度权责清单定稿",
        "清单状态更新为截至2019年底。",
        undo_year_end_2019,
    ),
    Step(
        _at("2020-01-10", "11:00"),
        "2020年权责清单动态调整：取消4.5吨及以下普通货运车辆道路货物运输经营许可（江北编〔2020〕1号）",
        "国务院令第709号修改《中华人民共和国道路运输条例》。\n- 取消 XK-330205-1002-02（区交通运输局）",
        undo_freight_licence,
    ),
    Step(
        _at("2020-01-15", "15:30"),
        "2020年权责清单动态调整：《药品管理法》修订施行，变更药品零售企业经营许可设定依据（江北编〔2020〕2号）",
        "- 变更 XK-330205-0104 设定依据为2019年修订的《中华人民共和国药品管理法》第五十一条第一款",
        undo_drug_law,
    ),
    Step(
        _at("2020-03-02", "10:00"),
        "2020年权责清单动态调整：《土地管理法》修正施行，农村村民非法占地建住宅处罚改由区农业农村局实施（江北编〔2020〕3号）",
        "- 取消 CF-330205-1308（宁波市自然资源和规划局江北分局）\n- 新增 CF-330205-1106（区农业农村局）",
        undo_land_law,
    ),
    Step(
        _at("2020-05-08", "14:45"),
        "2020年权责清单动态调整：区卫生健康局承接护士执业注册（江北编〔2020〕6号）",
        "《护士条例》2020年3月修订。\n- 承接 XK-330205-0503 护士执业注册",
        undo_nurse_registration,
    ),
    Step(
        _at("2020-05-20", "09:30"),
        "2020年权责清单动态调整：取消拖拉机、联合收割机登记（江北编〔2020〕7号）",
        "市区拖拉机、联合收割机登记由宁波市农业农村局统一办理。\n- 取消 XK-330205-1104（区农业农村局）",
        undo_tractor_registration,
    ),
    Step(
        _at("2020-06-01", "16:10"),
        "2020年权责清单动态调整：《基本医疗卫生与健康促进法》施行，变更擅自执业处罚的设定依据（江北编〔2020〕12号）",
        "- 变更 CF-330205-0506 对未取得医疗机构执业许可证擅自执业的行政处罚：设定依据改为该法第九十九条第一款",
        undo_health_law,
    ),
    Step(
        _at("2020-06-16", "17:20"),
        "外滩街道、前江街道设立（甬政发〔2020〕35号）",
        "- 撤销中马街道、白沙街道，设立外滩街道，沿用原中马街道区划代码330205001000；设立前江街道（330205008000）\n"
        "- 原中马街道、白沙街道事项划转外滩街道：GF-330205-0801、QT-330205-0802、JC-330205-0803、QT-330205-0804\n"
        "- 原两街道所辖8个社区改属外滩街道，原白沙街道所辖社区区划代码重新编排\n"
        "- 新增前江街道法定本级行使事项 GF-330205-0921\n"
        "- 区市场监督管理局外滩市场监督管理所、区综合行政执法局外滩中队派驻外滩街道",
        undo_street_reform,
    ),
    Step(
        _at("2020-07-02", "10:40"),
        "职责下放（委托）申请提请区职责下放联席会议审议：就业社保窗口服务、小额临时救助审批、扬尘防治和物业管理处罚",
        "- XF-2020-01 区人力社保局就业社保窗口服务事项下放街道（镇）（第一批）：审议中\n"
        "- XF-2020-02 小额临时救助审批委托街道（镇）实施：审议中\n"
        "- XF-2020-03 扬尘防治和物业管理领域部分处罚事项下放街道：审议中",
        undo_delegation_applications,
    ),
    Step(
        _at("2020-07-16", "18:00"),
        "区职责下放联席会议2020年第3次会议审议结果（江北编委〔2020〕9号、10号、11号）",
        "- XF-2020-01：同意，2020年8月1日起实施\n- XF-2020-02：同意，2020年8月1日起实施\n"
        "- XF-2020-03：不同意下放，维持由区住房和城乡建设局行使",
        undo_joint_meeting_3,
    ),
    Step(
        _at("2020-08-03", "09:20"),
        "职责下放事项落地：各街道（镇）承接就业社保窗口服务3项、受委托审批小额临时救助",
        "自2020年8月1日起，7个街道和慈城镇承接就业登记、失业登记，就业困难人员认定，灵活就业人员社会保险登记，"
        "受区民政局委托审批小额临时救助；XF-2020-01 改列各街道（镇）承接事项编码。",
        undo_batch_1_handover,
    ),
    Step(
        _at("2020-09-01", "10:00"),
        "2020年权责清单动态调整：《固体废物污染环境防治法》修订施行，变更生活垃圾处罚事项名称和设定依据（江北编〔2020〕21号）",
        "- 变更 CF-330205-0204：事项名称增列“焚烧”，设定依据改为该法第一百一十一条第一款第（一）项",
        undo_solid_waste_law,
    ),
    Step(
        _at("2020-09-28", "16:00"),
        "社区(村)权责清单入库：李家村、半浦村村级小微权力清单和天成社区、慈湖社区权责清单（示意）",
        "三级权责清单补齐社区(村)一级。\n"
        "- 村级小微权力清单：村级重大事项决策（“五议两公开”）、村级工程项目、集体资产资源处置、村级财务、"
        "宅基地申请村级审查、低保申请代为提出等\n"
        "- 社区权责清单：居民会议议事决策、公共事务和公益事业、民间纠纷调解、协助政府工作",
        undo_community_power,
    ),
    Step(
        _at("2020-10-22", "17:30"),
        "区职责下放联席会议2020年第4次会议：综合行政执法领域3项处罚事项下放外滩街道、庄桥街道、慈城镇（江北编委〔2020〕15号）",
        "- XF-2020-04：同意，2020年11月1日起实施",
        undo_enforcement_approval,
    ),
    Step(
        _at("2020-11-02", "09:10"),
        "职责下放事项落地：外滩街道、庄桥街道、慈城镇承接综合行政执法领域3项处罚事项",
        "自2020年11月1日起实施；XF-2020-04 改列承接单位事项编码。",
        undo_enforcement_handover,
    ),
    Step(
        _at("2020-11-20", "15:00"),
        "印发2020年度派驻机构考核方案",
        "派驻机构由区级部门、街道（镇）、社会三方按权重考核，共15个考核方案。",
        undo_assessments,
    ),
    Step(
        _at("2020-12-18", "16:40"),
        "区人力社保局提出就业社保窗口服务事项第二批下放申请",
        "- XF-2020-05：审议中，待区职责下放联席会议审议",
        undo_batch_2_application,
    ),
    Step(
        _at("2020-12-25", "15:30"),
        "印发街道(镇)政务服务办事指南（标准版、简易版）和基层内部办事事项清单（试点）（江北编〔2020〕28号）",
        "- 办事指南28项：法定办理事项9项、部门下放或委托至街道(镇)办理事项4项、驻场街道(镇)办理事项15项\n"
        "- 各街道(镇)新增法定依申请事项2项：《独生子女父母光荣证》发放、80周岁以上老年人高龄津贴申请受理、审核\n"
        "- 基层内部办事事项10项，庄桥街道、慈城镇试点",
        undo_service_guides,
    ),
    Step(
        _at("2020-12-31", "17:30"),
        "2020年度权责清单定稿",
        "清单状态更新为截至2020年底；对照浙江省行政权力基本目录（2020年版）校验事项名称、类型和设定依据。\n"
        "- 录入2020年度派驻机构考核结果（15个派驻机构）和2020年派驻机构干部调整记录（不公开）\n"
        "- 公益效能指标体系试点：8家事业单位、4类2019年度指标体系和2019年度报告\n"
        "- 基层治理四平台建设标准（6个专题71项要求）及职责分工、派驻机构工作任务、社区（村）易发违法事项、"
        "网格事件分类处置四张清单入库\n"
        "- 建立法规库（laws/）：所引法律法规的现行文本（LawRefBook）和无全文文件的目录（index.csv），"
        "设定依据对照法规库核查（qingdan validate）",
        undo_year_end_2020,
    ),
    Step(
        _at("2021-06-30", "16:00"),
        "法规库更新：2021年上半年修改的法律（食品安全法、安全生产法等）",
        "LawRefBook 收录的2021年上半年修正文本入库：中华人民共和国食品安全法、安全生产法、广告法、教育法、消防法。\n"
        "法规库对照核查（qingdan validate / qingdan laws --changed-since）提示引用这些法律的事项需要复核。",
        undo_laws_first_half_2021,
    ),
    Step(
        _at("2021-09-01", "10:00"),
        f"2021年权责清单动态调整：依《安全生产法》《食品安全法》修改调整设定依据（{SAFETY_DOCUMENT}）",
        "- 安全生产法2021年修正后条文重新编号：CF-330205-1204（第九十四条→第九十七条）、JC-330205-1205"
        "（第六十二条→第六十五条）、QZ-330205-1206（第六十七条→第七十条）\n"
        "- 食品安全法2021年修正：XK-330205-0101 食品经营许可设定依据引文按第三十五条第一款现行条文更新",
        undo_safety_and_food_laws,
    ),
    Step(
        _at(REVIEW_DATE, "17:00"),
        "2021年度权责清单定稿：设定依据对照法规库逐条核对",
        "2021年下半年修改的法律法规入库（人口与计划生育法、兵役法、种子法、浙江省人口与计划生育条例、"
        "浙江省城市市容和环境卫生管理条例）。\n"
        "- 就业促进法第五十二条引文补加省略号（原引文略去一句而未标明）\n"
        "- 教育督导条例第二条引文补全“（以下统称学校）”；道路运输条例第六十三条不分项，更正条款\n"
        "- 引用法律在调整后有新版本的事项，核对引文并记录核对日期（checked）",
        undo_law_review,
    ),
)


# ---------------------------------------------------------------------------------------------------------------
# Building the repository


def derive_states(bundle: State, steps: Sequence[Step] = STEPS) -> list[State]:
    """The registry after each step, oldest first; the last is the bundle itself (untouched)."""
    states = [bundle]
    for step in reversed(steps[1:]):
        assert step.undo is not None
        earlier = states[0].copy()
        try:
            step.undo(earlier)
        except DemoError as error:
            raise DemoError(f"undoing “{step.subject}”: {error}") from error
        states.insert(0, earlier)
    return states


@dataclass(frozen=True)
class Built:
    sha: str
    step: Step


class Git:
    """git with no system or user configuration, no signing, no hooks, no inherited GIT_* variables."""

    def __init__(self, repo: Path, home: Path) -> None:
        self.repo = repo
        self.env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
        self.env.update(
            GIT_CONFIG_NOSYSTEM="1", HOME=str(home), XDG_CONFIG_HOME=str(home), GIT_TERMINAL_PROMPT="0", LC_ALL="C"
        )

    def __call__(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        command = [
            "git",
            "-c",
            f"user.name={AUTHOR_NAME}",
            "-c",
            f"user.email={AUTHOR_EMAIL}",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "core.autocrlf=false",
            "-c",
            f"core.hooksPath={os.devnull}",
            "-C",
            str(self.repo),
            *args,
        ]
        try:
            result = subprocess.run(
                command, env={**self.env, **(env or {})}, capture_output=True, text=True, encoding="utf-8", check=False
            )
        except FileNotFoundError as error:
            raise UsageError(f"git is not installed: {error}") from error
        if result.returncode != 0:
            raise DemoError(f"git {' '.join(args[:2])} failed: {result.stderr.strip()}")
        return result.stdout


def _write(root: Path, old: Mapping[str, bytes], new: Mapping[str, bytes]) -> None:
    for relative in sorted(set(old) - set(new)):
        (root / relative).unlink()
    for relative, content in new.items():
        if old.get(relative) != content:
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def build(out: Path, registry: Path = REGISTRY, steps: Sequence[Step] = STEPS) -> list[Built]:
    """Create the repository in `out` (absent or empty) and return its commits, oldest first."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out}: exists and is not an empty folder")
    states = derive_states(State.read(registry), steps)
    out.mkdir(parents=True, exist_ok=True)
    built: list[Built] = []
    with tempfile.TemporaryDirectory(prefix="qingdan-demo-home-") as home:
        git = Git(out, Path(home))
        git("init", "--quiet", "--initial-branch=main", "--template=")
        written: Mapping[str, bytes] = {}
        for step, state in zip(steps, states, strict=True):
            _write(out / "registry", written, state.files)
            written = state.files
            git("add", "--all", "--", "registry")
            dates = {"GIT_AUTHOR_DATE": step.date, "GIT_COMMITTER_DATE": step.date}
            message = f"{step.subject}\n\n{step.body}\n"
            git("commit", "--quiet", "--allow-empty", "--no-verify", "--cleanup=verbatim", "-m", message, env=dates)
            built.append(Built(git("rev-parse", "HEAD").strip(), step))
    return built


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m demo.build_history",
        description="Build a git repository replaying how the bundled 江北区 registry came to be (2018–2021).",
    )
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="folder to create (must not exist or be empty)")
    parser.add_argument("--registry", type=Path, default=REGISTRY, help="the registry of the last commit")
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    options = parser.parse_args(argv)
    try:
        built = build(options.out.resolve(), options.registry.resolve())
    except UsageError as error:
        print(f"build_history: {error}", file=sys.stderr)
        return 2
    except DemoError as error:
        print(f"build_history: {error}", file=sys.stderr)
        return 1
    if not options.quiet:
        for commit in built:
            print(f"{commit.step.date[:10]}  {commit.sha[:7]}  {commit.step.subject}")
        print(f"{len(built)} commits in {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
