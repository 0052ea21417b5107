"""The record kinds as the registry lays them out (SPEC §2): folder, list key, model, file defaults."""

from __future__ import annotations

from dataclasses import dataclass

from qingdan.models import Assessment, CommunityTask, Delegation, PowerItem, Record, Unit


@dataclass(frozen=True)
class Kind:
    name: str  # as on the command line: units, power, delegations, community-tasks, assessments
    folder: str | None  # None: the single file units.yaml at the registry root
    list_key: str  # the key of the list in a YAML file
    model: type[Record]
    attribute: str  # the Registry list that holds its records
    defaults: frozenset[str] = frozenset()  # keys a file may set once for all its records
    csv: bool = True


UNITS = Kind("units", None, "units", Unit, "units")
POWER = Kind("power", "power", "items", PowerItem, "power", defaults=frozenset({"unit"}))
DELEGATIONS = Kind("delegations", "delegations", "delegations", Delegation, "delegations")
TASKS = Kind("community-tasks", "community-tasks", "tasks", CommunityTask, "tasks")
ASSESSMENTS = Kind("assessments", "assessments", "assessments", Assessment, "assessments", csv=False)

KINDS = (UNITS, POWER, DELEGATIONS, TASKS, ASSESSMENTS)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_FOLDER = {kind.folder: kind for kind in KINDS if kind.folder}
