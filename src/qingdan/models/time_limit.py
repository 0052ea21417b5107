"""Time limits (期限, SPEC §2): `即办`, or a positive whole number of 工作日, 日, 工作时 or 小时.

Limits compare within one calendar only: 1 工作日 = 8 工作时, 1 日 = 24 小时, and 即办 (zero) is shorter than
any other; a limit in working time and one in calendar time cannot be compared (`compare` says None), since
how many days ten working days are depends on the holidays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

IMMEDIATE = "即办"
_FORM = re.compile(r"([1-9][0-9]{0,5})(工作日|日|工作时|小时)")


class Calendar(StrEnum):
    WORKING = "working"
    NATURAL = "natural"


# unit → (calendar, hours in that calendar)
_UNITS = {
    "工作日": (Calendar.WORKING, 8),
    "工作时": (Calendar.WORKING, 1),
    "日": (Calendar.NATURAL, 24),
    "小时": (Calendar.NATURAL, 1),
}


@dataclass(frozen=True, slots=True)
class TimeLimit:
    amount: int  # 0 for 即办
    unit: str  # 工作日, 日, 工作时 or 小时; "" for 即办

    @classmethod
    def parse(cls, text: str) -> TimeLimit | None:
        text = text.strip()
        if text == IMMEDIATE:
            return cls(0, "")
        match = _FORM.fullmatch(text)
        return cls(int(match[1]), match[2]) if match else None

    @property
    def immediate(self) -> bool:
        return self.amount == 0

    @property
    def calendar(self) -> Calendar | None:
        return _UNITS[self.unit][0] if self.unit else None

    @property
    def hours(self) -> int:
        """Its length in hours of its own calendar (8 per working day, 24 per day)."""
        return self.amount * _UNITS[self.unit][1] if self.unit else 0

    def compare(self, other: TimeLimit) -> int | None:
        """-1, 0 or 1 as this limit is shorter than, as long as, or longer than `other`; None when one counts
        working time and the other calendar time."""
        if not self.immediate and not other.immediate and self.calendar is not other.calendar:
            return None
        return (self.hours > other.hours) - (self.hours < other.hours)

    def __str__(self) -> str:
        return IMMEDIATE if self.immediate else f"{self.amount}{self.unit}"


def _parse(value: Any) -> Any:
    if isinstance(value, TimeLimit):
        return value
    parsed = TimeLimit.parse(value) if isinstance(value, str) else None
    if parsed is None:
        raise PydanticCustomError("qd_time_limit", "not a time limit: 即办, or a number and 工作日, 日, 工作时 or 小时")
    return parsed


TIME_LIMIT_PATTERN = rf"^(?:{IMMEDIATE}|[1-9][0-9]{{0,5}}(?:工作日|日|工作时|小时))$"

# A field that holds a time limit: read from its text, written back as text.
Limit = Annotated[
    TimeLimit,
    BeforeValidator(_parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": TIME_LIMIT_PATTERN, "examples": ["即办", "20工作日", "4工作时"]}),
]
