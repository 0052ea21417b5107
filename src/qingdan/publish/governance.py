"""The lists of 配权 arranged for their pages (SPEC §7): "谁来管" per street or town — the duty matrix (matter ×
unit, 主/配), the agencies stationed there with their tasks by platform, the grid-event standard by major
class — the illegal-prone matters per community, the standard's requirements by topic.

Rules decided here:
- Only active records are shown (a cancelled duty, task, violation or event class is not published).
- A duty concerns a street when the street, `属地街道(镇)`, an agency stationed in the street or an industrial
  zone lying in it leads or assists it; on the street's page `属地街道(镇)` is the street itself.
- The matrix's columns are the street, then its agencies, zones and the other units in units.yaml order;
  a column is named without the prefix its parent already says (区市场监督管理局外滩市场监督管理所 → 外滩市场
  监督管理所), the full name standing in the column's title.
- The grid-event standard is the district's: every street's page shows every class, with `属地街道(镇)` read
  as that street; a minor class handled by another named street is left off.
- A violation's `所在街道(镇)` is, on a community's page, the street or town the community belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from qingdan.models import (
    LOCAL_TOWNSHIP,
    OWN_TOWNSHIP,
    TOWNSHIP_KINDS,
    Duty,
    GridEvent,
    Platform,
    Record,
    Requirement,
    StationedTask,
    Tier,
    Topic,
    Unit,
    UnitKind,
    Violation,
)
from qingdan.models.kinds import BY_NAME, DUTIES, GRID_EVENTS, PLATFORM_STANDARD, STATIONED_TASKS, VIOLATIONS

R = TypeVar("R", bound=Record)
LEAD, PARTNER = "主", "配"
_PREFIXES = ("宁波市", "江北区")


@dataclass(frozen=True)
class Column:
    unit: str  # a unit id
    name: str  # its full name
    short: str  # what the column header says


@dataclass(frozen=True)
class DutyRow:
    duty: Duty
    roles: tuple[str, ...]  # per column: 主, 配 or ""


@dataclass(frozen=True)
class AgencyTasks:
    agency: Unit
    platforms: tuple[tuple[str, tuple[StationedTask, ...]], ...]  # (platform, its tasks), in platform order

    @property
    def count(self) -> int:
        return sum(len(tasks) for _, tasks in self.platforms)


@dataclass(frozen=True)
class EventClass:
    major: GridEvent
    minors: tuple[GridEvent, ...]


@dataclass(frozen=True)
class StreetView:
    """What 谁来管 shows for one street or town."""

    street: Unit
    columns: tuple[Column, ...]
    rows: tuple[DutyRow, ...]
    agencies: tuple[AgencyTasks, ...]
    events: tuple[EventClass, ...]

    @property
    def duties(self) -> tuple[Duty, ...]:
        return tuple(row.duty for row in self.rows)


class Governance:
    """Views of one publication's 配权 records; built once per publication (see Publication.governance)."""

    def __init__(
        self,
        records: Mapping[str, tuple[Record, ...]],
        units: tuple[Unit, ...],
        items: Mapping[str, tuple[str, str]],
    ) -> None:
        self.records = records
        self.units = units
        self.items = items  # published power item code → (name, unit id)
        self.by_id = {unit.ident: unit for unit in units}

    def _active(self, kind_name: str, model: type[R]) -> tuple[R, ...]:
        records = self.records.get(kind_name, ())
        return tuple(record for record in records if isinstance(record, model) and record.active)

    @cached_property
    def duties(self) -> tuple[Duty, ...]:
        return self._active(DUTIES.name, Duty)

    @cached_property
    def tasks(self) -> tuple[StationedTask, ...]:
        return self._active(STATIONED_TASKS.name, StationedTask)

    @cached_property
    def violations(self) -> tuple[Violation, ...]:
        return self._active(VIOLATIONS.name, Violation)

    @cached_property
    def topics(self) -> tuple[tuple[str, tuple[Requirement, ...]], ...]:
        """The standard's requirements by topic, in the standard's topic order; topics without any left out."""
        requirements = self._active(PLATFORM_STANDARD.name, Requirement)
        grouped = ((topic.value, tuple(r for r in requirements if r.topic is topic)) for topic in Topic)
        return tuple((topic, found) for topic, found in grouped if found)

    @cached_property
    def domains(self) -> tuple[tuple[str, tuple[Duty, ...]], ...]:
        """Duties by domain, in the order domains first appear (duties without one last, as 其他)."""
        order: dict[str, list[Duty]] = {}
        for duty in self.duties:
            order.setdefault(duty.domain or "其他", []).append(duty)
        return tuple((domain, tuple(duties)) for domain, duties in order.items())

    @cached_property
    def event_classes(self) -> tuple[EventClass, ...]:
        """The grid-event standard: each major class with its minor classes, in file order."""
        events = self._active(GRID_EVENTS.name, GridEvent)
        minors: dict[str, list[GridEvent]] = {}
        for event in events:
            if event.tier is Tier.MINOR:
                minors.setdefault(event.major_code, []).append(event)
        return tuple(
            EventClass(event, tuple(minors.get(event.code, ()))) for event in events if event.tier is Tier.MAJOR
        )

    @cached_property
    def events_by_code(self) -> dict[str, GridEvent]:
        return {event.code: event for event in self._active(GRID_EVENTS.name, GridEvent)}

    def name(self, unit_id: str) -> str:
        unit = self.by_id.get(unit_id)
        return unit.name if unit else unit_id

    def place(self, unit_id: str | None, street: Unit | None = None) -> str:
        """A unit id or a place (属地街道(镇), 所在街道(镇)) as a reader says it; on a street's or community's
        page the place is that street."""
        if unit_id is None:
            return ""
        if unit_id in (LOCAL_TOWNSHIP, OWN_TOWNSHIP):
            return street.name if street is not None else unit_id
        return self.name(unit_id)

    def township_of(self, community: Unit) -> Unit | None:
        return self.by_id.get(community.parent or "")

    def reported_to(self, violation: Violation, community: Unit | None = None) -> str:
        """Whom residents tell: a unit's name, or the community's street or town (所在街道(镇), the default)."""
        township = self.township_of(community) if community is not None else None
        return self.place(violation.report_to or OWN_TOWNSHIP, township)

    def list_link(self, name: str) -> tuple[str, str | None]:
        """A requirement's `lists` entry: the kind's title and its page (None when it has none)."""
        kind = BY_NAME.get(name)
        if kind is None:
            return name, None
        return kind.title, f"{kind.name}.html" if kind.page and kind.published else None

    def agencies(self, street: Unit | None = None) -> tuple[AgencyTasks, ...]:
        """The active agencies (stationed in `street`, or all) that have tasks, with their tasks by platform."""
        result = []
        for unit in self.units:
            if unit.kind is not UnitKind.AGENCY or not unit.active:
                continue
            if street is not None and unit.stationed_in != street.ident:
                continue
            own = [task for task in self.tasks if task.agency == unit.ident]
            platforms = tuple(
                (platform.value, tuple(task for task in own if task.platform is platform)) for platform in Platform
            )
            if own:
                result.append(AgencyTasks(unit, tuple((name, tasks) for name, tasks in platforms if tasks)))
        return tuple(result)

    def street(self, street: Unit) -> StreetView:
        """谁来管 for one street or town."""
        local = self._local_units(street)
        duties = [duty for duty in self.duties if any(share.unit in local for _, share in duty.shares)]
        columns = self._columns(street, duties, local)
        index = {column.unit: position for position, column in enumerate(columns)}
        rows = []
        for duty in duties:
            roles = [""] * len(columns)
            for path, share in duty.shares:
                unit = street.ident if share.unit == LOCAL_TOWNSHIP else share.unit
                if unit in index:
                    roles[index[unit]] = LEAD if path == ("lead",) else PARTNER
            rows.append(DutyRow(duty, tuple(roles)))
        events = tuple(
            EventClass(cls.major, tuple(event for event in cls.minors if self._handled_here(event, street)))
            for cls in self.event_classes
        )
        return StreetView(street, columns, tuple(rows), self.agencies(street), events)

    def _local_units(self, street: Unit) -> set[str]:
        """The street, 属地街道(镇), its agencies and the zones lying in it."""
        local = {street.ident, LOCAL_TOWNSHIP}
        for unit in self.units:
            if unit.stationed_in == street.ident or street.ident in (unit.located_in or ()):
                local.add(unit.ident)
        return local

    def _columns(self, street: Unit, duties: Iterable[Duty], local: set[str]) -> tuple[Column, ...]:
        named = {share.unit for duty in duties for _, share in duty.shares} - {LOCAL_TOWNSHIP, street.ident}
        ordered = sorted(
            (unit for unit in self.units if unit.ident in named),
            key=lambda unit: (unit.ident not in local, unit.kind is not UnitKind.INDUSTRIAL_ZONE),
        )
        others = sorted(named - set(self.by_id))  # unknown ids (QD105 reports them): shown as written
        columns = [Column(street.ident, street.name, street.name)]
        columns += [Column(unit.ident, unit.name, self._short(unit)) for unit in ordered]
        columns += [Column(ident, ident, ident) for ident in others]
        return tuple(columns)

    def _short(self, unit: Unit) -> str:
        name = unit.name
        parent = self.by_id.get(unit.parent or "")
        if parent is not None and name.startswith(parent.name) and len(name) > len(parent.name):
            return name[len(parent.name) :]
        for prefix in _PREFIXES:
            name = name.removeprefix(prefix)
        return name

    def _handled_here(self, event: GridEvent, street: Unit) -> bool:
        handler = self.by_id.get(event.handler or "")
        return handler is None or handler.kind not in TOWNSHIP_KINDS or handler.ident == street.ident
