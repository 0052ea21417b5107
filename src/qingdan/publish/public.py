"""The records as a publication shows them: the one road from a registry to every writer of a publication (the
pages, the search index and the PDF through `Publication`, the open data through `opendata`), so that what
leaves the building is what `Kind.public(edition)` says and nothing else (SPEC §4.6, §4.7, §7).

A record goes out cut down to its public fields (`qingdan.models.public`): an assessment result as its id,
assessment, subject and grade — the grade it was given, or the one its final score earns under qingdan.yaml's
bands, resolved before the final is cut —, a personnel change not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TypeVar

from qingdan.models import AssessmentResult, Grade, Record
from qingdan.models.assessment_result import grade_of
from qingdan.models.kinds import Kind

R = TypeVar("R", bound=Record)


def public_records(kind: Kind[R], records: Iterable[R], edition: str, grades: Mapping[str, Decimal]) -> tuple[R, ...]:
    """`records` of `kind` as a publication of `edition` shows them; none of a kind it does not publish."""
    public = kind.public(edition)
    if public.empty:
        return ()
    return tuple(public.cut(graded(record, grades)) for record in records)


def graded(record: R, grades: Mapping[str, Decimal]) -> R:
    """A result with its grade: as given, or the one its final score earns (bands named otherwise than the
    grades, which QD412 reports, earn none)."""
    if not isinstance(record, AssessmentResult) or record.grade is not None:
        return record
    earned = grade_of(record.final, grades)
    return record.model_copy(update={"grade": Grade(earned) if earned in _GRADES else None})


_GRADES = frozenset(grade.value for grade in Grade)
