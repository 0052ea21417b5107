"""Public-welfare efficiency (公益效能, SPEC §4.15): public institutions (事业单位), the indicator set of each
institution type and year, and each institution's annual report with its targets and actual values.

Report values are text as the institution wrote it (`13.2`, `98.5`); whether each is a number, and a sensible
one, is QD803's to say, with the value in the message, rather than a bare schema error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import Field

from qingdan.models.common import Identified, Integer, IsoDate, Model, Record, Text, UnitId, Vocabulary, YesNo

PERCENT = "%"
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


class InstitutionType(Vocabulary):
    COMPULSORY_EDUCATION = "义务教育"
    PRESCHOOL_EDUCATION = "学前教育"
    PUBLIC_HOSPITAL = "公立医院"
    COMMUNITY_HEALTH = "基层社区卫生服务"
    SOCIAL_AFFAIRS = "社会事务"
    CULTURE_AND_ARTS = "文化艺术"
    URBAN_MANAGEMENT = "城市管理"
    AGRICULTURE_FORESTRY_WATER = "农林水利"


class Aspect(Vocabulary):
    DUTIES = "职责任务"
    QUANTITY = "服务数量"
    QUALITY = "服务质量"
    SATISFACTION = "服务对象满意度"


class Direction(Vocabulary):
    HIGHER_IS_BETTER = "越高越好"
    LOWER_IS_BETTER = "越低越好"


class Institution(Identified, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    name: Annotated[Text, Field(title="名称")]
    credit_code: Annotated[Text, Field(title="统一社会信用代码")]  # checked by QD805, which says what is wrong
    sponsor: Annotated[UnitId, Field(title="举办单位")]
    institution_type: Annotated[InstitutionType, Field(alias="type", title="类别")]
    funding: Annotated[Text | None, Field(title="经费来源")] = None
    purpose: Annotated[Text | None, Field(title="宗旨和业务范围")] = None

    @property
    def label(self) -> str:
        return self.name

    @property
    def responsible_unit(self) -> str | None:
        return self.sponsor


class SetIndicator(Model):
    LINE_FIELDS: ClassVar = ("id", "aspect", "unit", "direction", "required", "name")
    LINE_EXAMPLE: ClassVar = "YW-01:服务质量:%:越高越好:是:学生体质健康测试合格率"

    ident: Annotated[Text, Field(alias="id", title="指标编号")]
    name: Annotated[Text, Field(title="指标名称")]
    aspect: Annotated[Aspect, Field(title="维度")]
    unit: Annotated[Text, Field(title="计量单位")]
    direction: Annotated[Direction | None, Field(title="方向")] = None
    required: Annotated[YesNo | None, Field(title="必填")] = None

    @property
    def is_required(self) -> bool:
        return self.required is not YesNo.NO

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() == PERCENT


class IndicatorSet(Identified, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    institution_type: Annotated[InstitutionType, Field(alias="type", title="类别")]
    year: Annotated[Integer, Field(title="年度")]
    indicators: Annotated[list[SetIndicator], Field(title="指标", min_length=1)]

    @property
    def label(self) -> str:
        return f"{self.year} {self.institution_type.value}"


class ReportValue(Model):
    LINE_FIELDS: ClassVar = ("indicator", "target", "actual")
    LINE_EXAMPLE: ClassVar = "YW-01:95:97.3"

    indicator: Annotated[Text, Field(title="指标")]
    target: Annotated[Text | None, Field(title="目标值")] = None
    actual: Annotated[Text, Field(title="实际值")]


class AnnualReport(Identified, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    institution: Annotated[Text, Field(title="事业单位")]
    year: Annotated[Integer, Field(title="年度")]
    submitted: Annotated[IsoDate | None, Field(title="报送日期")] = None
    business: Annotated[Text, Field(title="开展业务情况")]
    values: Annotated[list[ReportValue], Field(title="公益效能指标", min_length=1)]
    complaints: Annotated[Integer | None, Field(title="投诉次数")] = None
    lawsuits: Annotated[Integer | None, Field(title="涉诉次数")] = None

    @property
    def label(self) -> str:
        return f"{self.institution} {self.year}"


def sets_by_type_and_year(sets: Iterable[IndicatorSet]) -> dict[tuple[InstitutionType, int], IndicatorSet]:
    """The set of each institution type and year; the first, should there be two (QD807)."""
    found: dict[tuple[InstitutionType, int], IndicatorSet] = {}
    for each in sets:
        found.setdefault((each.institution_type, each.year), each)
    return found


def number(text: str | None) -> Decimal | None:
    """A report value as a Decimal; None for no value, or for text that is not a plain number (`96.4%`,
    `约95`: QD803)."""
    if text is None or not _NUMBER.fullmatch(text.strip()):
        return None
    return Decimal(text.strip())


def target_met(direction: Direction | None, target: Decimal | None, actual: Decimal | None) -> bool | None:
    """Whether the actual value reaches the target, the way the indicator counts (a lower 门诊次均费用 is
    better); None when there is no target, no value or no direction to judge by."""
    if direction is None or target is None or actual is None:
        return None
    return actual >= target if direction is Direction.HIGHER_IS_BETTER else actual <= target
