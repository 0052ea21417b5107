"""Community illegal-prone matters (社区(村)易发违法事项清单): what is forbidden where people live, by which
rule, which penalty answers it, and whom residents tell."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field

from qingdan.models.common import Adjustable, Identified, Record, Status, Text, TextList
from qingdan.models.legal_basis import LegalBasisEntry
from qingdan.models.places import OWN_TOWNSHIP, UnitOrPlace
from qingdan.models.power import Adjustment
from qingdan.problems import Path


class Violation(Identified, Adjustable, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    name: Annotated[Text, Field(title="违法情形")]
    prohibited_by: Annotated[list[LegalBasisEntry], Field(title="禁止性规定", min_length=1)]
    penalty_items: Annotated[TextList, Field(title="处罚事项", min_length=1)]
    event: Annotated[Text | None, Field(title="网格事件")] = None
    report_to: Annotated[UnitOrPlace | None, Field(title="报告单位")] = None
    hotspots: Annotated[Text | None, Field(title="易发场所")] = None
    status: Annotated[Status, Field(title="状态")] = Status.ACTIVE
    adjustment: Annotated[Adjustment | None, Field(title="调整")] = None

    @property
    def label(self) -> str:
        return self.name

    def unit_refs(self) -> Iterator[tuple[Path, str]]:
        if self.report_to is not None and self.report_to != OWN_TOWNSHIP:
            yield ("report_to",), self.report_to
