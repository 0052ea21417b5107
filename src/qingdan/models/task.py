"""Community tasks (社区(村)职责事项准入): kept (保留), merged (归并) or cancelled (取消)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from qingdan.models.common import Identified, IsoDate, Model, Record, Text, Vocabulary


class TaskCategory(Vocabulary):
    APPROVAL_SERVICE = "审批服务"
    DAILY_MANAGEMENT = "日常管理"
    SUPERVISION = "监督检查"
    ASSISTANCE = "协助办理"
    OTHER = "其他"


class Decision(Vocabulary):
    KEEP = "保留"
    MERGE = "归并"
    CANCEL = "取消"


class Criteria(Model):
    """The three admission criteria; a kept task needs evidence for at least one (QD301)."""

    legal_basis: Annotated[str | None, Field(title="有法律法规依据")] = None
    superior_requirement: Annotated[str | None, Field(title="有上级党委政府明文要求")] = None
    practical_need: Annotated[str | None, Field(title="有推动工作的实际需要")] = None

    @property
    def any_met(self) -> bool:
        return any(text and text.strip() for text in (self.legal_basis, self.superior_requirement, self.practical_need))


class TaskReview(Model):
    date: Annotated[IsoDate | None, Field(title="日期")] = None
    document: Annotated[str | None, Field(title="文号")] = None


class CommunityTask(Identified, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    name: Annotated[Text, Field(title="事项名称")]
    requested_by: Annotated[Text, Field(title="提出单位")]
    category: Annotated[TaskCategory, Field(title="类别")]
    criteria: Annotated[Criteria | None, Field(title="准入依据")] = None
    decision: Annotated[Decision, Field(title="清理结果")]
    merged_into: Annotated[Text | None, Field(title="归并至")] = None
    funding: Annotated[Text | None, Field(title="经费保障")] = None
    review: Annotated[TaskReview | None, Field(title="审核")] = None

    @property
    def active(self) -> bool:
        return self.decision is not Decision.CANCEL

    @property
    def label(self) -> str:
        return self.name

    @property
    def responsible_unit(self) -> str | None:
        return self.requested_by
