"""The assessment results page: per assessment year, each result's subject (with its street and department) and
grade. The records come as the publication holds them (`publish.public`): id, assessment, subject and grade, the
grade resolved from the final score where none was given; their scores never reach this module (SPEC §4.6)."""

from __future__ import annotations

from dataclasses import dataclass

from qingdan.models import Assessment, AssessmentResult, Grade
from qingdan.models.kinds import ASSESSMENT_RESULTS, ASSESSMENTS
from qingdan.publish.model import Publication


@dataclass(frozen=True)
class GradeRow:
    subject: str  # the agency's name
    stationed_in: str  # the street's name
    department: str  # the dispatching department's name
    grade: str


@dataclass(frozen=True)
class YearOfResults:
    year: int | None  # None: results whose scheme is unknown
    rows: tuple[GradeRow, ...]

    def count(self, grade: str) -> int:
        return sum(1 for row in self.rows if row.grade == grade)


GRADES = tuple(grade.value for grade in Grade)


def graded_results(pub: Publication) -> list[YearOfResults]:
    schemes = {record.key: record for record in pub.of(ASSESSMENTS.name) if isinstance(record, Assessment)}
    units = {unit.ident: unit for unit in pub.all_units}
    years: dict[int | None, list[GradeRow]] = {}
    for result in pub.of(ASSESSMENT_RESULTS.name):
        if not isinstance(result, AssessmentResult):
            continue
        scheme = schemes.get(result.assessment)
        unit = units.get(result.subject)
        street = unit.stationed_in if unit else None
        department = unit.parent if unit else None
        grade = result.grade.value if result.grade else ""
        row = GradeRow(
            pub.names.get(result.subject, result.subject),
            pub.names.get(street, street) if street else "",
            pub.names.get(department, department) if department else "",
            grade,
        )
        years.setdefault(scheme.year if scheme else None, []).append(row)
    ordered = sorted(years.items(), key=lambda entry: -(entry[0] or 0))
    return [YearOfResults(year, tuple(rows)) for year, rows in ordered]
