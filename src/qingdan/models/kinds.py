"""The record kinds of a registry (SPEC §2, §4): the one table that says, for each kind, where its files are,
how they hold their records and what the kind is called. Everything else iterates this table; no other module
writes a kind's folder or list key.

Adding a kind: its model module, one entry in `KINDS`, its checks module, its templates if it is published,
and its messages (tests/test_kinds.py walks the table and says what is missing).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from qingdan.errors import UsageError
from qingdan.models.assessment import Assessment
from qingdan.models.assessment_result import AssessmentResult
from qingdan.models.columns import Column, columns_of
from qingdan.models.common import Adjustable, Coded, Record
from qingdan.models.delegation import Delegation
from qingdan.models.duty import Duty
from qingdan.models.grid_event import GridEvent
from qingdan.models.guide import Guide
from qingdan.models.internal_matter import InternalMatter
from qingdan.models.personnel import PersonnelChange
from qingdan.models.platform_standard import Requirement
from qingdan.models.power import PowerItem
from qingdan.models.public import NOTHING, Public
from qingdan.models.stationed_task import StationedTask
from qingdan.models.task import CommunityTask
from qingdan.models.unit import TOWNSHIP_KINDS, Unit, UnitKind
from qingdan.models.violation import Violation
from qingdan.models.welfare import AnnualReport, IndicatorSet, Institution
from qingdan.sources.files import Layout

R = TypeVar("R", bound=Record, covariant=True)

# The two editions of a publication (SPEC §7): two audiences, not two levels of detail of one page.
STANDARD, SIMPLE = "standard", "simple"


@dataclass(frozen=True)
class Tally:
    """A count of a kind's records by one attribute, for `qingdan stats` (SPEC §6.2)."""

    attribute: str  # a field or property of the records, usually a vocabulary value
    key: str | None = None  # its key in the kind's counts (`by_status`); None: the counts stand beside `total`


@dataclass(frozen=True, eq=False)
class Kind(Generic[R]):
    name: str  # its folder, and its name on the command line (`units` for the single file units.yaml)
    list_key: str  # the key of the record list in a YAML file
    model: type[R]
    title: str  # Chinese, as in headings and reports
    title_en: str
    single_file: bool = False  # one file at the registry root (units.yaml) instead of a folder
    csv: bool = True  # may be kept as CSV files
    published: bool = True  # `render` shows it (personnel changes are never published)
    # What publications may show of a record (read through `public`, never directly): `public_fields` in every
    # edition (None: every field); the 简易版 shows only `simple_fields` of those, if given, and leaves out
    # `simple_hides` (fields, or paths into them such as `fee.basis`): legal bases, article texts, and what its
    # readers, citizens, do not need.
    public_fields: frozenset[str] | None = None
    simple_fields: frozenset[str] | None = None
    simple_hides: frozenset[str] = frozenset()
    editions: frozenset[str] = frozenset({STANDARD, SIMPLE})  # the editions that show it
    # Its own pages (units and power items are the frame of every publication, not pages of their own):
    # `<name>.html` with a `card(pub)` macro for the index, `<name>.pdf.html` for the PDF's appendix, and for
    # each active unit of the kinds in `pages_per` a page `<name>/<unit id>.html` from `<name>.unit.html`.
    page: bool = False
    pages_per: frozenset[UnitKind] = frozenset()
    defaults: frozenset[str] = frozenset()  # keys a file may set once for all its records
    tallies: tuple[Tally, ...] = ()  # what `stats` counts besides the total
    always_counted: bool = False  # `stats` reports it even when the registry has none of it
    # (field, kind name) pairs: a field that names a record of that kind by its key; open data's foreign keys.
    # Only references the checks guarantee (an error otherwise), so a valid registry's package validates.
    references: tuple[tuple[str, str], ...] = ()

    @property
    def key_field(self) -> str:
        """What records are matched by, as files write it: `code` for the kinds whose model is `Coded`, else
        `id`."""
        return "code" if issubclass(self.model, Coded) else "id"

    @property
    def adjustable(self) -> bool:
        """† of SPEC §4: its model is `Adjustable` (it takes `status` and `adjustment`), so QD502/QD503 apply."""
        return issubclass(self.model, Adjustable)

    @property
    def folder(self) -> str | None:
        return None if self.single_file else self.name

    @property
    def file(self) -> str | None:
        """The single file of a single-file kind."""
        return f"{self.name}.yaml" if self.single_file else None

    @property
    def prefix(self) -> str:
        """What the registry-relative paths of its files start with."""
        return f"{self.name}.yaml" if self.single_file else f"{self.name}/"

    @property
    def report_key(self) -> str:
        """Its key in JSON reports (`stats`, `diff`): the folder name with `_` for `-` (SPEC §6.2)."""
        return self.name.replace("-", "_")

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        """Its flat columns, for CSV files and spreadsheets (derived from the model)."""
        return columns_of(self.model)

    def public(self, edition: str) -> Public:
        """What a publication of `edition` may show of a record: nothing of a kind that edition does not publish."""
        if not self.published or edition not in self.editions:
            return NOTHING
        if edition != SIMPLE:
            return Public(self.public_fields)
        fields = self.public_fields
        if self.simple_fields is not None:
            fields = self.simple_fields if fields is None else fields & self.simple_fields
        return Public(fields, self.simple_hides)

    def title_in(self, lang: str) -> str:
        return self.title if lang == "zh" else self.title_en

    def __repr__(self) -> str:
        return f"Kind({self.name})"


UNITS = Kind(
    "units",
    "units",
    Unit,
    "单位",
    "Units",
    single_file=True,
    references=(("parent", "units"), ("stationed_in", "units")),
)
POWER = Kind(
    "power",
    "items",
    PowerItem,
    "权力事项",
    "Power items",
    simple_fields=frozenset({"code", "name", "type", "unit"}),  # SPEC §7
    defaults=frozenset({"unit"}),
    references=(("unit", "units"),),
)
DELEGATIONS = Kind(
    "delegations",
    "delegations",
    Delegation,
    "职责下放",
    "Delegations",
    tallies=(Tally("status", "by_status"),),
    always_counted=True,
    page=True,
    references=(("from_unit", "units"),),
)
COMMUNITY_TASKS = Kind(
    "community-tasks",
    "tasks",
    CommunityTask,
    "社区(村)职责事项",
    "Community tasks",
    tallies=(Tally("decision"),),
    always_counted=True,
    page=True,
    simple_hides=frozenset({"criteria.legal_basis"}),
)
ASSESSMENTS = Kind(
    "assessments", "assessments", Assessment, "派驻机构考核", "Assessments", csv=False, always_counted=True, page=True
)
ASSESSMENT_RESULTS = Kind(
    "assessment-results",
    "results",
    AssessmentResult,
    "派驻机构考核结果",
    "Assessment results",
    tallies=(Tally("grade", "by_grade"),),
    page=True,
    public_fields=frozenset({"id", "assessment", "subject", "grade"}),  # grades only, scores stay internal (§4.6)
)
PERSONNEL = Kind("personnel", "changes", PersonnelChange, "派驻机构人事调整", "Personnel changes", published=False)
# 公益效能 (SPEC §4.15): one page, the reports' (targets beside actual values, a chart per type and year),
# which also shows the institutions and indicator sets it draws on.
INSTITUTIONS = Kind(
    "institutions",
    "institutions",
    Institution,
    "事业单位",
    "Public institutions",
    tallies=(Tally("institution_type", "by_type"),),
)
INDICATOR_SETS = Kind(
    "indicator-sets", "sets", IndicatorSet, "公益效能指标体系", "Efficiency indicator sets", csv=False
)
ANNUAL_REPORTS = Kind(
    "annual-reports", "reports", AnnualReport, "公益效能年度报告", "Efficiency annual reports", page=True
)

GUIDES = Kind(
    "guides",
    "guides",
    Guide,
    "办事指南",
    "Service guides",
    csv=False,
    tallies=(Tally("category", "by_category"),),
    page=True,
    pages_per=TOWNSHIP_KINDS,
    # the 简易版's card (SPEC §7): what it is, who may apply, the materials (name, form, copies), where and when,
    # how long, the fee, visits, phone, and the online address
    simple_fields=frozenset(
        {"id", "name", "category", "streets", "applicants", "conditions", "materials", "promised_limit", "visits"}
        | {"fee", "location", "hours", "phone", "complaint_phone", "online_url", "status"}
    ),
    simple_hides=frozenset({"materials.source", "materials.tolerance", "materials.note", "fee.basis"}),
)
INTERNAL_MATTERS = Kind(
    "internal-matters",
    "matters",
    InternalMatter,
    "基层内部办事事项",
    "Internal matters",
    tallies=(Tally("mode"),),
    page=True,
    editions=frozenset({STANDARD}),  # for community cadres, not for citizens
)
# 配权 (SPEC §4.10–§4.14): the 基层治理四平台 standard and its four lists. Duties have a 谁来管 page per street or
# town (which also shows the stationed agencies' tasks and the grid-event standard there); violations a page
# per community or village.
PLATFORM_STANDARD = Kind(
    "platform-standard",
    "requirements",
    Requirement,
    "基层治理四平台标准",
    "Platform standard",
    csv=False,
    tallies=(Tally("topic", "by_topic"),),
    page=True,
)
DUTIES = Kind(
    "duties",
    "duties",
    Duty,
    "职责分工",
    "Duty division",
    page=True,
    pages_per=TOWNSHIP_KINDS,
    simple_hides=frozenset({"power_items", "delegation", "basis"}),
)
STATIONED_TASKS = Kind(
    "stationed-tasks",
    "assignments",
    StationedTask,
    "派驻机构工作任务",
    "Tasks of dispatched agencies",
    tallies=(Tally("platform", "by_platform"),),
    page=True,
    simple_hides=frozenset({"source", "indicator"}),
)
VIOLATIONS = Kind(
    "violations",
    "violations",
    Violation,
    "社区(村)易发违法事项",
    "Community illegal-prone matters",
    page=True,
    pages_per=frozenset({UnitKind.COMMUNITY, UnitKind.VILLAGE}),
    simple_hides=frozenset({"prohibited_by", "penalty_items", "event"}),
)
GRID_EVENTS = Kind(
    "grid-events",
    "events",
    GridEvent,
    "网格事件分类处置标准",
    "Grid events",
    tallies=(Tally("tier"),),
    page=True,
    simple_hides=frozenset({"admission", "close", "power_items"}),
)

AnyKind = Kind[Record]

KINDS: tuple[AnyKind, ...] = (
    UNITS,
    POWER,
    DELEGATIONS,
    COMMUNITY_TASKS,
    ASSESSMENTS,
    ASSESSMENT_RESULTS,
    PERSONNEL,
    GUIDES,
    INTERNAL_MATTERS,
    PLATFORM_STANDARD,
    DUTIES,
    STATIONED_TASKS,
    VIOLATIONS,
    GRID_EVENTS,
    INSTITUTIONS,
    INDICATOR_SETS,
    ANNUAL_REPORTS,
)
BY_NAME: dict[str, AnyKind] = {kind.name: kind for kind in KINDS}
BY_REPORT_KEY: dict[str, AnyKind] = {kind.report_key: kind for kind in KINDS}
LAYOUT = Layout(
    files=tuple((kind.prefix, kind.name) for kind in KINDS if kind.single_file),
    folders=tuple((kind.name, kind.name) for kind in KINDS if not kind.single_file),
    csv=frozenset(kind.name for kind in KINDS if kind.csv),
)


def kind_named(name: str) -> AnyKind:
    """The kind of a folder name as given on the command line; UsageError for any other name."""
    if name not in BY_NAME:
        raise UsageError("usage.unknown_kind", kind=name, choices=", ".join(BY_NAME))
    return BY_NAME[name]


def kind_of_path(relative: str) -> AnyKind | None:
    """The kind whose files include this registry-relative path."""
    return next((kind for kind in KINDS if relative.startswith(kind.prefix)), None)
