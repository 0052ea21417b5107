"""The 基层治理四平台 standard (街道(镇)"基层治理四平台"建设标准): requirements grouped by topic."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from qingdan.models.common import Identified, Record, Text, TextList, Vocabulary


class Topic(Vocabulary):
    ORGANISATION = "组织架构"
    COMMAND = "指挥体系"
    OPERATION = "运行机制"
    LOCAL_MANAGEMENT = "属地管理"
    GRID = "网格建设"
    INFORMATION = "信息平台"


class Requirement(Identified, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    topic: Annotated[Topic, Field(title="专题")]
    title: Annotated[Text, Field(title="子项")]
    requirement: Annotated[Text, Field(title="标准要求")]
    # Folder names of the kinds that implement it (duties, stationed-tasks …); QD608 checks them.
    lists: Annotated[TextList | None, Field(title="配套清单")] = None

    @property
    def label(self) -> str:
        return self.title
