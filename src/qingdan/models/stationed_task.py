"""Tasks of dispatched agencies (派驻机构工作任务清单): what each agency a department stations in a street or
town does there, by platform of the 基层治理四平台, under the street's local management (属地管理)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field

from qingdan.models.common import Adjustable, Identified, Record, Status, Text, UnitId, Vocabulary
from qingdan.models.power import Adjustment
from qingdan.models.time_limit import Limit
from qingdan.problems import Path


class Platform(Vocabulary):
    """The four platforms of a street or town (浙委办发〔2016〕69号)."""

    SOCIAL_GOVERNANCE = "综治工作"
    ENFORCEMENT = "综合执法"
    MARKET_SUPERVISION = "市场监管"
    PUBLIC_SERVICE = "便民服务"


class AssignmentSource(Vocabulary):
    STATUTORY = "法定职责"
    ASSIGNED_BY_STREET = "街道交办"
    PLATFORM_FLOW = "四平台流转"


class StationedTask(Identified, Adjustable, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    agency: Annotated[UnitId, Field(title="派驻机构")]
    platform: Annotated[Platform, Field(title="所属平台")]
    task: Annotated[Text, Field(title="工作任务")]
    source: Annotated[AssignmentSource | None, Field(title="任务来源")] = None
    time_limit: Annotated[Limit | None, Field(title="完成时限")] = None
    indicator: Annotated[Text | None, Field(title="考核指标")] = None
    status: Annotated[Status, Field(title="状态")] = Status.ACTIVE
    adjustment: Annotated[Adjustment | None, Field(title="调整")] = None

    @property
    def label(self) -> str:
        return self.task

    @property
    def responsible_unit(self) -> str | None:
        return self.agency

    def unit_refs(self) -> Iterator[tuple[Path, str]]:
        return iter(())  # the agency is QD604's: it must be a 派驻机构, which says more than "unknown"
