"""Vocabulary values written in a full-width or variant form (街道（镇）) are normalised, with a warning."""

from __future__ import annotations

import unicodedata
from typing import Any

from qingdan.models import (
    ALL_TOWNSHIPS,
    LOCAL_TOWNSHIP,
    OWN_TOWNSHIP,
    Action,
    AdjustmentType,
    Aspect,
    AssignmentSource,
    Decision,
    DelegationStatus,
    Direction,
    EventLevel,
    Grade,
    GuideCategory,
    InstitutionType,
    MaterialSource,
    MatterApplicant,
    MatterMode,
    Mode,
    Opinion,
    Party,
    Platform,
    PowerType,
    Rank,
    Source,
    Status,
    TaskCategory,
    Topic,
    UnitKind,
    UnitStatus,
    YesNo,
)
from qingdan.models.common import Vocabulary
from qingdan.problems import Path


def _values(*vocabularies: type[Vocabulary]) -> frozenset[str]:
    return frozenset(member.value for vocabulary in vocabularies for member in vocabulary)


# Keys that hold vocabulary values, in any record kind, with every value they may take.
VOCABULARY_KEYS: dict[str, frozenset[str]] = {
    "kind": _values(UnitKind),
    "status": _values(UnitStatus, Status, DelegationStatus),
    "type": _values(PowerType, AdjustmentType, InstitutionType),
    "source": _values(Source, MaterialSource, AssignmentSource),
    "mode": _values(Mode, MatterMode),
    "decision": _values(Decision),
    "category": _values(TaskCategory, GuideCategory),
    "party": _values(Party),
    "to_units": frozenset({ALL_TOWNSHIPS}),
    "grade": _values(Grade),
    "rank": _values(Rank),
    "action": _values(Action),
    "opinion": _values(Opinion),
    "aspect": _values(Aspect),
    "direction": _values(Direction),
    "required": _values(YesNo),
    "streets": frozenset({ALL_TOWNSHIPS}),
    "applicant": _values(MatterApplicant),
    # 配权 (SPEC §4.10–§4.14); `unit` is a duty's lead or partner, `handler` a grid event's
    "topic": _values(Topic),
    "platform": _values(Platform),
    "level": _values(EventLevel),
    "unit": frozenset({LOCAL_TOWNSHIP}),
    "handler": frozenset({LOCAL_TOWNSHIP}),
    "report_to": frozenset({OWN_TOWNSHIP}),
}


def normalise(record: dict[str, Any], path: Path = ()) -> list[tuple[Path, str, str]]:
    """Rewrite variant vocabulary values in place; return (path, written, normalised) for each."""
    changes: list[tuple[Path, str, str]] = []
    for key, value in record.items():
        allowed = VOCABULARY_KEYS.get(key)
        if allowed is not None and isinstance(value, str):
            fixed = _fixed(value, allowed)
            if fixed:
                record[key] = fixed
                changes.append(((*path, key), value, fixed))
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, dict):
                    changes += normalise(element, (*path, key, index))
                elif allowed is not None and isinstance(element, str) and (fixed := _fixed(element, allowed)):
                    value[index] = fixed
                    changes.append(((*path, key, index), element, fixed))
        elif isinstance(value, dict):
            changes += normalise(value, (*path, key))
    return changes


def _fixed(value: str, allowed: frozenset[str]) -> str | None:
    if value in allowed:
        return None
    candidate = unicodedata.normalize("NFKC", value).strip()
    return candidate if candidate in allowed else None
