"""Personnel changes in dispatched agencies (派驻机构人事调整): posts and dates, never names, never published.

The street an agency is stationed in has a say over its cadres: a 科级 cadre's change needs the street's
opinion first (事先征求意见), a general cadre's change is copied to the street (抄告), and the street may
move to adjust a 科级 cadre who performs badly (调整动议)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from qingdan.models.common import Identified, IsoDate, Model, Record, Text, UnitId, Vocabulary


class Rank(Vocabulary):
    SECTION_LEADER = "科级领导干部"
    GENERAL = "一般干部"


class Action(Vocabulary):
    APPOINT = "任职"
    REMOVE = "免职"
    TRANSFER = "调动"
    PROMOTION_REVIEW = "晋升考察"
    GRADE_PROMOTION = "职级晋升"


class Opinion(Vocabulary):
    AGREE = "同意"
    DISAGREE = "不同意"
    NONE = "无意见"


class Consultation(Model):
    street: Annotated[UnitId, Field(title="街道(镇)")]
    date: Annotated[IsoDate, Field(title="日期")]
    opinion: Annotated[Opinion, Field(title="意见")]


class Notice(Model):
    street: Annotated[UnitId, Field(title="街道(镇)")]
    date: Annotated[IsoDate, Field(title="日期")]


class Motion(Model):
    street: Annotated[UnitId, Field(title="街道(镇)")]
    date: Annotated[IsoDate, Field(title="日期")]
    reason: Annotated[Text, Field(title="理由")]
    result: Annotated[Text | None, Field(title="处理结果")] = None


class PersonnelChange(Identified, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    agency: Annotated[UnitId, Field(title="派驻机构")]
    post: Annotated[Text, Field(title="岗位")]
    rank: Annotated[Rank, Field(title="类别")]
    action: Annotated[Action, Field(title="调整类型")]
    date: Annotated[IsoDate, Field(title="日期")]
    consulted: Annotated[Consultation | None, Field(title="征求意见")] = None
    notified: Annotated[Notice | None, Field(title="抄告")] = None
    motion: Annotated[Motion | None, Field(title="调整动议")] = None

    @property
    def label(self) -> str:
        return f"{self.post}{self.action.value}"

    @property
    def responsible_unit(self) -> str | None:
        return self.agency
