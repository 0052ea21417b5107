"""Internal matters (基层内部办事事项, SPEC §4.9): what a community or village, or its staff, asks of its
street, which handles it directly or reviews it and forwards it to a department. Matters already public as
services, and any whose applicants are citizens or enterprises, are excluded by definition."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from qingdan.models.common import (
    Adjustable,
    Identified,
    Integer,
    Record,
    Status,
    Text,
    TextList,
    UnitId,
    Vocabulary,
    YesNo,
)
from qingdan.models.legal_basis import LegalBasisEntry
from qingdan.models.power import Adjustment
from qingdan.models.time_limit import Limit


class MatterApplicant(Vocabulary):
    COMMUNITY = "社区(村)"
    STAFF = "社区(村)工作人员"


class MatterMode(Vocabulary):
    DIRECT = "直接办理"
    FORWARD = "审核转报"


class Outcome(Vocabulary):
    APPROVAL = "审批"
    SANCTION = "核准"
    FILING = "备案"
    REPLY = "答复"
    OPINION = "出具意见"


class InternalMatter(Identified, Adjustable, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    name: Annotated[Text, Field(title="事项名称")]
    applicant: Annotated[MatterApplicant, Field(title="申请主体")]
    handler: Annotated[UnitId, Field(title="办理街道(镇)")]
    mode: Annotated[MatterMode, Field(title="办理方式")]
    forward_to: Annotated[UnitId | None, Field(title="转报部门")] = None
    outcome: Annotated[Outcome, Field(title="办理结果")]
    basis: Annotated[list[LegalBasisEntry] | None, Field(title="依据")] = None
    related_task: Annotated[Text | None, Field(title="关联社区职责事项")] = None
    materials: Annotated[TextList | None, Field(title="申请材料")] = None
    time_limit: Annotated[Limit | None, Field(title="办理时限")] = None
    visits_before: Annotated[Integer | None, Field(title="改革前跑动次数", ge=0)] = None
    visits_after: Annotated[Integer | None, Field(title="改革后跑动次数", ge=0)] = None
    online: Annotated[YesNo, Field(title="网上办理")]
    classified: Annotated[YesNo, Field(title="涉密")] = YesNo.NO
    status: Annotated[Status, Field(title="状态")] = Status.ACTIVE
    adjustment: Annotated[Adjustment | None, Field(title="调整")] = None

    @property
    def label(self) -> str:
        return self.name

    @property
    def responsible_unit(self) -> str | None:
        return self.handler
