"""Duty division (职责分工清单): for each matter, the one unit that leads (主体责任) and those that assist
(配合责任) — between district departments, streets and towns, their dispatched agencies and industrial zones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, ClassVar

from pydantic import Field

from qingdan.models.common import Adjustable, Identified, Model, Record, Status, Text, TextList, UnitId
from qingdan.models.legal_basis import LegalBasisEntry
from qingdan.models.places import LOCAL_TOWNSHIP, UnitOrPlace
from qingdan.models.power import Adjustment
from qingdan.problems import Path


class Share(Model):
    """One unit's part of a duty: who, and what it does."""

    LINE_FIELDS: ClassVar = ("unit", "tasks")
    LINE_EXAMPLE: ClassVar = "zjj:负责行业监管和业务指导"

    unit: Annotated[UnitOrPlace, Field(title="单位")]  # or 属地街道(镇): each street or town for its area
    tasks: Annotated[Text, Field(title="职责")]


class Duty(Identified, Adjustable, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    matter: Annotated[Text, Field(title="职责事项")]
    domain: Annotated[Text | None, Field(title="领域")] = None
    lead: Annotated[Share, Field(title="主体责任")]
    partners: Annotated[list[Share] | None, Field(title="配合责任")] = None
    zone: Annotated[UnitId | None, Field(title="工业区")] = None
    power_items: Annotated[TextList | None, Field(title="关联权力事项")] = None
    delegation: Annotated[Text | None, Field(title="下放依据")] = None
    basis: Annotated[list[LegalBasisEntry] | None, Field(title="依据")] = None
    status: Annotated[Status, Field(title="状态")] = Status.ACTIVE
    adjustment: Annotated[Adjustment | None, Field(title="调整")] = None

    @property
    def label(self) -> str:
        return self.matter

    @property
    def responsible_unit(self) -> str | None:
        return self.lead.unit

    @property
    def shares(self) -> tuple[tuple[Path, Share], ...]:
        """The lead, then each partner, with where each stands in the record."""
        partners = tuple((("partners", index), share) for index, share in enumerate(self.partners or ()))
        return ((("lead",), self.lead), *partners)

    def unit_refs(self) -> Iterator[tuple[Path, str]]:
        for path, share in self.shares:
            if share.unit != LOCAL_TOWNSHIP:
                yield (*path, "unit"), share.unit
        if self.zone is not None:
            yield ("zone",), self.zone
