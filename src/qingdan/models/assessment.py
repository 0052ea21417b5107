"""Assessments of dispatched agencies (派驻机构双向考核): weights of the three assessing parties."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import Field

from qingdan.models.common import Identified, Integer, Model, Record, Text, TextList, UnitId, Vocabulary, Weight


class Party(Vocabulary):
    DEPARTMENT = "区级部门"
    TOWNSHIP = "街道(镇)"
    SOCIETY = "社会"


class PartyWeight(Model):
    LINE_FIELDS: ClassVar = ("party", "weight", "assessor")
    LINE_EXAMPLE: ClassVar = "区级部门:60:gaj"

    party: Annotated[Party, Field(title="考核主体")]
    weight: Annotated[Weight, Field(title="权重")]
    assessor: Annotated[UnitId | None, Field(title="考核单位")] = None


class Indicator(Model):
    LINE_FIELDS: ClassVar = ("party", "weight", "name")
    LINE_EXAMPLE: ClassVar = "区级部门:35:指标名称"

    name: Annotated[Text, Field(title="指标名称")]
    party: Annotated[Party, Field(title="考核主体")]
    weight: Annotated[Weight, Field(title="权重")]


class Assessment(Identified, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    year: Annotated[Integer, Field(title="年度")]
    subjects: Annotated[TextList, Field(title="考核对象", min_length=1)]
    parties: Annotated[list[PartyWeight], Field(title="考核主体", min_length=1)]
    indicators: Annotated[list[Indicator] | None, Field(title="考核指标")] = None
    bonus_max: Annotated[Weight | None, Field(title="加分上限")] = None

    @property
    def bonus_cap(self) -> Decimal:
        """The most a result may add as bonus (SPEC §4.5: 0 unless the scheme says otherwise)."""
        return self.bonus_max if self.bonus_max is not None else Decimal(0)

    @property
    def label(self) -> str:
        return str(self.year)
