"""Grid events (网格事件分类处置标准): major classes (大类, code `NN`) and their minor classes (小类, `NN-NN`),
each minor class with who handles it, how fast, and whom it goes up to when that time runs out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field

from qingdan.models.common import Adjustable, Coded, Model, Record, Status, Text, TextList, UnitId, Vocabulary
from qingdan.models.places import LOCAL_TOWNSHIP, UnitOrPlace
from qingdan.models.power import Adjustment
from qingdan.models.time_limit import Limit
from qingdan.problems import Path

MAJOR_CODE = re.compile(r"\d{2}")
MINOR_CODE = re.compile(r"(\d{2})-\d{2}")


class EventLevel(Vocabulary):
    GRID = "网格"
    COMMUNITY = "社区(村)"
    TOWNSHIP = "街道(镇)"
    DISTRICT = "区级部门"


class Tier(StrEnum):
    """Major or minor class: the keys of `grid_events` in `qingdan stats` (SPEC §6.2)."""

    MAJOR = "major"
    MINOR = "minor"


class Escalation(Model):
    LINE_FIELDS: ClassVar = ("after", "to")
    LINE_EXAMPLE: ClassVar = "2工作日:zhzfj"

    after: Annotated[Limit, Field(title="超过时限")]
    to: Annotated[UnitId, Field(title="上报单位")]


class GridEvent(Coded, Adjustable, Record):
    code: Annotated[Text, Field(title="事件编码")]  # its form is QD606's, so that `04-3` reads as one finding
    name: Annotated[Text, Field(title="事件名称")]
    admission: Annotated[Text | None, Field(title="立案条件")] = None
    level: Annotated[EventLevel | None, Field(title="处置层级")] = None
    handler: Annotated[UnitOrPlace | None, Field(title="处置主体")] = None
    partners: Annotated[TextList | None, Field(title="协同单位")] = None
    time_limit: Annotated[Limit | None, Field(title="处置时限")] = None
    close: Annotated[Text | None, Field(title="结案条件")] = None
    escalation: Annotated[list[Escalation] | None, Field(title="上报")] = None
    power_items: Annotated[TextList | None, Field(title="关联权力事项")] = None
    status: Annotated[Status, Field(title="状态")] = Status.ACTIVE
    adjustment: Annotated[Adjustment | None, Field(title="调整")] = None

    # What a minor class must say (SPEC §4.14 ¹), in file order.
    HANDLING: ClassVar = ("admission", "level", "handler", "time_limit", "close")

    @property
    def label(self) -> str:
        return self.name

    @property
    def responsible_unit(self) -> str | None:
        return self.handler

    @property
    def tier(self) -> Tier:
        return Tier.MINOR if "-" in self.code else Tier.MAJOR

    @property
    def major_code(self) -> str:
        """The code of its major class (its own code for a major class)."""
        return self.code.split("-", 1)[0]

    @property
    def well_formed(self) -> bool:
        return bool(MINOR_CODE.fullmatch(self.code) or MAJOR_CODE.fullmatch(self.code))

    def unit_refs(self) -> Iterator[tuple[Path, str]]:
        if self.handler is not None and self.handler != LOCAL_TOWNSHIP:
            yield ("handler",), self.handler
        for index, unit in enumerate(self.partners or ()):
            yield ("partners", index), unit
        for index, step in enumerate(self.escalation or ()):
            yield ("escalation", index, "to"), step.to
