"""`laws/index.csv` (SPEC §4.17): documents the registry cites without their text — 规范性文件, 国务院决定 … —
with their level, so that their citations resolve (QD121), their status counts (QD122) and their level
takes part in 设定权 (QD125). Read as registry CSVs are (UTF-8 or GB18030, Chinese headers, located problems)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from qingdan.laws.terms import LawLevel, LawStatus
from qingdan.models.common import IsoDate, Record, Text


class IndexEntry(Record):
    name: Annotated[Text, Field(title="名称")]
    level: Annotated[LawLevel, Field(title="效力位阶")]
    published: Annotated[IsoDate | None, Field(title="发布日期")] = None
    document: Annotated[str | None, Field(title="文号")] = None
    status: Annotated[LawStatus, Field(title="状态")] = LawStatus.IN_FORCE

    @property
    def key(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.name
