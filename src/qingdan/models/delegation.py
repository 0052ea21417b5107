"""Delegations (职责下放 / 委托): a department hands duties to streets once the joint meeting approves."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from qingdan.models.common import Identified, Integer, IsoDate, Model, Record, Terms, Text, TextList, Vocabulary

ALL_TOWNSHIPS = "全部街道(镇)"
# A street or town id, or 全部街道(镇).
TownshipOrAll = Annotated[Text, Terms(frozenset({ALL_TOWNSHIPS}))]


class Mode(Vocabulary):
    DELEGATE = "下放"
    ENTRUST = "委托"


class DelegationStatus(Vocabulary):
    APPLIED = "申请"
    UNDER_REVIEW = "审议中"
    APPROVED = "已批准"
    REJECTED = "不予批准"
    WITHDRAWN = "已撤回"


class Review(Model):
    """The joint meeting's review. Its parts are checked by QD202, not by the schema, so that an
    incomplete review of an approved delegation reads as one finding."""

    meeting: Annotated[str | None, Field(title="会议")] = None
    date: Annotated[IsoDate | None, Field(title="日期")] = None
    decision: Annotated[str | None, Field(title="决定")] = None
    document: Annotated[str | None, Field(title="文号")] = None


class Safeguards(Model):
    """人员, 经费, 培训, 业务指导: all four are required of an approved delegation (QD202)."""

    staffing: Annotated[str | None, Field(title="人员")] = None
    funding: Annotated[str | None, Field(title="经费")] = None
    training: Annotated[str | None, Field(title="培训")] = None
    guidance: Annotated[str | None, Field(title="业务指导")] = None


class Delegation(Identified, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    title: Annotated[Text, Field(title="名称")]
    from_unit: Annotated[Text, Field(title="下放部门")]
    to_units: Annotated[list[TownshipOrAll], Field(title="承接单位", min_length=1)]
    mode: Annotated[Mode, Field(title="方式")]
    items: Annotated[TextList, Field(title="下放事项", min_length=1)]
    status: Annotated[DelegationStatus, Field(title="状态")]
    batch: Annotated[Integer | None, Field(title="批次")] = None
    review: Annotated[Review | None, Field(title="审议")] = None
    safeguards: Annotated[Safeguards | None, Field(title="保障措施")] = None
    effective_date: Annotated[IsoDate | None, Field(title="生效日期")] = None

    @property
    def active(self) -> bool:
        return self.status is not DelegationStatus.WITHDRAWN

    @property
    def label(self) -> str:
        return self.title

    @property
    def responsible_unit(self) -> str | None:
        return self.from_unit

    @property
    def approved(self) -> bool:
        return self.status is DelegationStatus.APPROVED

    def targets(self, unit: str) -> bool:
        return unit in self.to_units or ALL_TOWNSHIPS in self.to_units
