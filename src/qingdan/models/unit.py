"""Units (实施主体): departments, streets and towns, communities and villages, dispatched agencies."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from qingdan.models.common import Identified, Level, Record, Text, TextList, UnitId, Vocabulary


class UnitKind(Vocabulary):
    DEPARTMENT = "部门"
    STREET = "街道"
    TOWN = "镇"
    COMMUNITY = "社区"
    VILLAGE = "村"
    AGENCY = "派驻机构"
    INDUSTRIAL_ZONE = "工业区"

    @property
    def level(self) -> Level:
        return _LEVELS[self]


_LEVELS = {
    UnitKind.DEPARTMENT: Level.DISTRICT,
    UnitKind.INDUSTRIAL_ZONE: Level.DISTRICT,
    UnitKind.STREET: Level.STREET,
    UnitKind.TOWN: Level.STREET,
    UnitKind.AGENCY: Level.STREET,
    UnitKind.COMMUNITY: Level.COMMUNITY,
    UnitKind.VILLAGE: Level.COMMUNITY,
}

TOWNSHIP_KINDS = frozenset({UnitKind.STREET, UnitKind.TOWN})


class UnitStatus(Vocabulary):
    ACTIVE = "有效"
    REVOKED = "已撤销"


_ACTIVE = UnitStatus.ACTIVE  # a constant: see `common.ACTIVE`


class Unit(Identified, Record):
    ident: Annotated[str, Field(alias="id", title="标识", pattern=r"^[a-z][a-z0-9-]*$")]
    name: Annotated[Text, Field(title="名称")]
    kind: Annotated[UnitKind, Field(title="类别")]
    parent: Annotated[UnitId | None, Field(title="上级单位")] = None
    stationed_in: Annotated[UnitId | None, Field(title="派驻地")] = None
    division_code: Annotated[str | None, Field(title="区划代码", pattern=r"^\d{12}$")] = None
    abbr: Annotated[str | None, Field(title="简称代码", pattern=r"^[A-Z0-9]{2,8}$")] = None
    located_in: Annotated[TextList | None, Field(title="所在街道(镇)")] = None
    status: Annotated[UnitStatus, Field(title="状态")] = UnitStatus.ACTIVE

    @property
    def label(self) -> str:
        return self.name

    @property
    def level(self) -> Level:
        return _LEVELS[self.kind]  # as `kind.level`, without a second property read (see `common.ACTIVE`)

    @property
    def active(self) -> bool:
        return self.status is _ACTIVE
