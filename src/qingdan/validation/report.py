"""The result of a validation run, kept light so a cached run needs nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field

from qingdan.problems import Problem, Severity


@dataclass
class ValidationReport:
    registry: str  # the registry folder as the user named it
    files: int
    records: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for found in self.problems if found.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for found in self.problems if found.severity is Severity.WARNING)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)
