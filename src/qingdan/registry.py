"""A loaded registry: its settings, its records by kind, and the problems met while loading it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from qingdan.files import Source
from qingdan.models import Assessment, CommunityTask, Delegation, PowerItem, Record, Settings, Unit
from qingdan.problems import Problem

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class FileInfo:
    path: str  # relative to the registry root, with / separators
    kind: str
    digest: str
    records: int


@dataclass
class Registry:
    source: Source
    settings: Settings
    files: list[FileInfo] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    power: list[PowerItem] = field(default_factory=list)
    delegations: list[Delegation] = field(default_factory=list)
    tasks: list[CommunityTask] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # found while loading
    broken: set[str] = field(default_factory=set)  # keys of records that failed their schema

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        return _first_by_key(self.units)

    @cached_property
    def item_by_code(self) -> dict[str, PowerItem]:
        return _first_by_key(self.power)

    @cached_property
    def delegation_by_id(self) -> dict[str, Delegation]:
        return _first_by_key(self.delegations)

    @cached_property
    def task_by_id(self) -> dict[str, CommunityTask]:
        return _first_by_key(self.tasks)

    @cached_property
    def children(self) -> dict[str, list[PowerItem]]:
        """Items by their parent's code."""
        result: dict[str, list[PowerItem]] = {}
        for item in self.power:
            if item.parent:
                result.setdefault(item.parent, []).append(item)
        return result

    def records(self) -> Iterator[Record]:
        yield from self.units
        yield from self.power
        yield from self.delegations
        yield from self.tasks
        yield from self.assessments

    @property
    def record_count(self) -> int:
        return sum(info.records for info in self.files)


def _first_by_key(records: list[R]) -> dict[str, R]:
    """The first record of each key: duplicates are reported by their own checks."""
    result: dict[str, R] = {}
    for record in records:
        result.setdefault(record.key, record)
    return result
